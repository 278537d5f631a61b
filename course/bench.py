"""bench: time the course's feedback loop, median of several runs.

check 01 (solution)     what a student waits for on every `make check-01`
lesson 01 start         from launching the script to its first answer
make test               the whole suite, as CI runs it
"""

import statistics
import subprocess
import sys
import time

import requests

from course import catalog, ui
from course.environment import ROOT
from course.serve import free_port, popen_group, stop_group

TARGETS = {"check": 1.0, "start": 0.35, "test": 25.0}


def time_command(command):
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise ui.CourseError(
            f"`{' '.join(command[1:])}` failed (exit code {result.returncode}); run it alone to see why."
        )
    return elapsed


def time_start(script):
    """Seconds from launching the script to its first 200 answer."""
    port = free_port()
    started = time.perf_counter()
    process = popen_group(
        [sys.executable, str(script), f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while True:
            try:
                if requests.get(f"http://127.0.0.1:{port}/", timeout=1).status_code < 500:
                    return time.perf_counter() - started
            except requests.ConnectionError:
                if process.poll() is not None:
                    raise ui.CourseError(f"{script.name} exited before it answered") from None
                time.sleep(0.005)
    finally:
        stop_group(process)


def measure(label, runs, once):
    samples = []
    live = sys.stdout.isatty()
    if not live:
        print(ui.dim(f"  {label}: {runs} runs ..."), flush=True)
    for run in range(1, runs + 1):
        if live:
            print(ui.dim(f"  {label}: run {run} of {runs} ..."), end="\r", flush=True)
        samples.append(once())
    if live:
        print(" " * 70, end="\r")
    return samples


def report(label, samples, target):
    median = statistics.median(samples)
    verdict = ui.green("✔") if median <= target else ui.red("✘ over target")
    runs = " ".join(f"{sample:.2f}" for sample in samples)
    print(f"  {label:<36} {median:6.2f} s   target ≤ {target:g} s  {verdict}   {ui.dim('runs: ' + runs)}")
    return median <= target


def run(runs=5):
    python = sys.executable
    lesson = catalog.lesson("01")
    ui.step(f"Benchmark, median of {runs} runs each ...")
    results = [
        ("check 01 (on the solution)", [python, "-m", "course", "check", "01", "--solution"], "check"),
        ("lesson 01: start to first response", lesson.path, "start"),
        ("make test (the whole suite)", [python, "-m", "course", "test", "-q"], "test"),
    ]
    all_met = True
    for label, what, target in results:
        once = (lambda what=what: time_start(what)) if target == "start" else (lambda what=what: time_command(what))
        all_met &= report(label, measure(label, runs, once), TARGETS[target])
    return 0 if all_met else 1
