"""bench (no NN): the course's feedback loop, measured, never guessed.

Median of RUNS runs: `check NN` on each solution, each lesson from launch to
its first answer, and the whole test suite. For maintainers: it needs the
developers' set (the suite runs with pytest-xdist).
"""

import statistics
import subprocess
import sys
import time

import requests

from course import catalog, mongodb, ui
from course.environment import ROOT
from course.process import free_port, popen_group, stop_group

TARGETS = {"check": 0.7, "start": 0.35, "test": 25.0}
CLOSED_DATABASE = "mongodb://127.0.0.1:9/"  # start-up does not wait for the database


def time_command(command):
    started = time.perf_counter()
    result = subprocess.run(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        shown = " ".join(command[1:])
        tail = "\n".join(result.stdout.strip().splitlines()[-25:])
        raise ui.CourseError(
            f"`{shown}` failed (exit code {result.returncode}):\n{tail}"
        )
    return elapsed


def time_start(script):
    """Seconds from launching the script to its first answer (any status below 500)."""
    port = free_port()
    extra = (
        [f"--mongodb_uri={CLOSED_DATABASE}"] if mongodb.needs_database(script) else []
    )
    started = time.perf_counter()
    process = popen_group(
        [sys.executable, str(script), f"--port={port}", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                if (
                    requests.get(f"http://127.0.0.1:{port}/", timeout=1).status_code
                    < 500
                ):
                    return time.perf_counter() - started
            except requests.ConnectionError:
                if process.poll() is not None:
                    raise ui.CourseError(
                        f"{script.name} exited before it answered"
                    ) from None
                time.sleep(0.005)
    finally:
        stop_group(process)


def median_of(runs, label, once):
    samples = []
    live = sys.stdout.isatty()
    for run in range(1, runs + 1):
        if live:
            print(ui.dim(f"  {label}: run {run} of {runs} ..."), end="\r", flush=True)
        samples.append(once())
    if live:
        print(" " * 70, end="\r")
    return statistics.median(samples), samples


def verdict(value, target):
    if target is None:
        return ui.dim("·")  # no target: an exercise that needs a database
    return ui.green("✔") if value <= target else ui.red("✘")


def cell(value=None, target=None):
    """A fixed-width table cell: the seconds and a mark (✔ under target, ✘ over)."""
    if value is None:
        return " " * 8 + "-  "
    return f"{value:7.2f} s " + verdict(value, target)


def feedback_loop(runs, only=None):
    """The three figures of the fast-loop issue, for every lesson."""
    python = sys.executable
    lessons = catalog.lessons()
    met = True
    ui.step(
        f"The feedback loop, median of {runs} runs. Targets: check ≤ "
        f"{TARGETS['check']:g} s, start ≤ {TARGETS['start']:g} s, make test ≤ "
        f"{TARGETS['test']:g} s"
    )
    print(machine_speed())
    if only in (None, "check", "start"):
        print(ui.bold(f"  NN  {'lesson':<40}  {'check NN':>11}    {'start':>11}"))
    for lesson in lessons if only in (None, "check", "start") else []:
        print(
            f"  {lesson.number}  {ui.pad(lesson.title[:40], 40)}  ", end="", flush=True
        )
        check = start = None
        target = (
            None
            if lesson.solution and mongodb.needs_database(lesson.solution)
            else TARGETS["check"]
        )
        if only in (None, "check") and lesson.exercise:
            command = [python, "-m", "course", "check", lesson.number, "--solution"]
            check, _ = median_of(
                runs,
                f"check {lesson.number}",
                lambda command=command: time_command(command),
            )
            met &= target is None or check <= target
        if only in (None, "start"):
            start, _ = median_of(
                runs,
                f"start {lesson.number}",
                lambda lesson=lesson: time_start(lesson.path),
            )
            met &= start <= TARGETS["start"]
        print(f"{cell(check, target)}  {cell(start, TARGETS['start'])}", flush=True)
    if only in (None, "check", "start"):
        print(
            ui.dim(
                "  check NN: `python -m course check NN --solution`; · = needs a "
                "database, no target"
            )
        )
        print(ui.dim("  start: from launching the lesson to its first answer"))
    if only in (None, "test"):
        command = [python, "-m", "course", "test", "-q"]
        median, samples = median_of(runs, "make test", lambda: time_command(command))
        met &= median <= TARGETS["test"]
        runs_text = " ".join(f"{sample:.1f}" for sample in samples)
        print(
            f"  make test (the whole suite): {cell(median, TARGETS['test'])}  "
            f"{ui.dim('runs: ' + runs_text)}"
        )
    print(machine_speed())
    return 0 if met else 1


def machine_speed():
    """One line with the time of a fixed CPU loop. A shared or throttled machine
    can be much slower at one time than at another: compare figures only
    between runs whose loop took about as long."""
    started = time.perf_counter()
    total = 0
    for number in range(20_000_000):
        total += number
    seconds = time.perf_counter() - started
    return ui.dim(f"  machine: a fixed CPU loop took {seconds:.2f} s")
