"""Stopping: Ctrl+C on the runner stops the lesson and everything the runner
started for it (the embedded MongoDB included), and frees the port."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from course.environment import ROOT
from course.mongodb import database_lesson
from course.process import free_port, popen_group, port_is_free, stop_group


def processes_with(text):
    """Pids of processes whose command line holds text (Linux /proc)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if text.encode() in cmdline.read_bytes():
                found.append(cmdline.parent.name)
        except OSError:
            continue
    return found


def interrupt_runner(number, port, env, ready_path):
    """Run `python -m course lesson NN`, check it serves, then Ctrl+C it (SIGINT).

    Yields the runner, then its output."""
    runner = popen_group(
        [sys.executable, "-m", "course", "lesson", number, "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        printed = []
        for line in runner.stdout:
            printed.append(line)
            if "Press Ctrl+C" in line:
                break
        else:
            pytest.fail(f"the runner stopped before it served:\n{''.join(printed)}")
        answer = requests.get(f"http://127.0.0.1:{port}{ready_path}", timeout=10)
        assert answer.status_code == 200
        assert processes_with(f"--port={port}"), "the lesson should be running"
        yield runner
        runner.send_signal(signal.SIGINT)
        assert runner.wait(timeout=20) == 0
        yield runner.stdout.read()
    finally:
        stop_group(runner)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc and sends SIGINT")
def test_ctrl_c_stops_the_lesson_and_frees_the_port():
    port = free_port()
    steps = interrupt_runner("01", port, dict(os.environ, NO_COLOR="1"), "/")
    next(steps)
    output = next(steps)
    assert "Stopped; port" in output
    assert port_is_free("127.0.0.1", port)
    assert processes_with(f"--port={port}") == []


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc and sends SIGINT")
def test_ctrl_c_stops_the_lesson_and_the_database_the_runner_started(tmp_path):
    port = free_port()
    env = dict(os.environ, NO_COLOR="1", COURSE_DATA=str(tmp_path))
    env.pop("MONGODB_URI", None)
    steps = interrupt_runner(database_lesson(), port, env, "/register")
    next(steps)
    database = processes_with(str(tmp_path / "mongodb"))
    assert database, (
        "the runner should have started SecantusDB with its data in COURSE_DATA"
    )
    output = next(steps)
    assert "Stopping the embedded MongoDB server" in output
    assert port_is_free("127.0.0.1", port)
    assert processes_with(f"--port={port}") == []
    assert processes_with(str(tmp_path / "mongodb")) == [], (
        "SecantusDB must be gone too"
    )
