"""bench: measure, never guess.

bench          the course's feedback loop, median of RUNS runs: `check NN`
               on each solution, each lesson from launch to first answer,
               and the whole test suite
bench NN       N concurrent requests at each path of lesson NN's Bench:
               section: do they overlap or queue?
"""

import statistics
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import requests

from course import catalog, mongodb, runscript, ui
from course.environment import ROOT
from course.serve import free_port, popen_group, stop_group

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


def fire(url, count):
    """count GETs at once: (wall seconds, statuses); an exception is status 0."""

    def one(_):
        try:
            return requests.get(url, timeout=120).status_code
        except requests.RequestException:
            return 0

    with ThreadPoolExecutor(max_workers=count) as pool:
        started = time.perf_counter()
        statuses = list(pool.map(one, range(count)))
    return time.perf_counter() - started, statuses


def queued(ratio, count):
    """True when `count` requests took nearer `count` single-request times (one
    at a time) than one (all at once)."""
    return ratio > (1 + count) / 2


def concurrency(number, count, host, port, script_args=()):
    lesson = catalog.lesson(number)
    if not lesson.bench:
        with_bench = [other.number for other in catalog.lessons() if other.bench]
        others = ", ".join(with_bench) or "none yet"
        raise ui.CourseError(
            f"Lesson {lesson.number} has no Bench: section (lessons with one: "
            f"{others})."
        )
    with runscript.started(
        lesson.path, "bench", lesson.number, host=host, port=port, args=script_args
    ) as server:
        ui.step(
            f"Lesson {lesson.number}: {count} concurrent GETs at each Bench path of "
            f"{server.base_url}"
        )
        header = f"  {'variant':<24}{'one alone':>11}{f'{count} at once':>13}"
        header += f"{'req/s':>9}{'× one':>8}   "
        print(ui.bold(header + "verdict"))
        for label, path in lesson.bench:
            single = min(fire(server.url(path), 1)[0] for _ in range(2))  # 1st: cold
            total, statuses = fire(server.url(path), count)
            ratio = total / single if single else float("inf")
            shown = (
                ui.red("queued: one at a time")
                if queued(ratio, count)
                else ui.green("overlapped")
            )
            others = Counter(status for status in statuses if not 200 <= status < 400)
            if others:  # e.g. the blocking self-call's 504s; 0 = no answer at all
                shown += ui.yellow(
                    ", answers: "
                    + ", ".join(f"{n} × {status}" for status, n in others.items())
                )
            print(
                f"  {label:<24}{single:>9.2f} s{total:>11.2f} "
                f"s{count / total:>9.1f}{ratio:>8.1f}   {shown}"
            )
        explained = f"1 = all overlapped, {count} = queued"
        print(
            ui.dim(
                f"× one: how many single-request times the {count} took ({explained})."
            )
        )
    return 0


def run(
    number=None,
    runs=5,
    count=20,
    only=None,
    host="127.0.0.1",
    port=8000,
    script_args=(),
):
    if number is not None:
        return concurrency(number, count, host, port, script_args)
    return feedback_loop(runs, only)
