"""check / hint / watch / progress: the exercise loop."""

import contextlib
import io
import subprocess
import sys
import tempfile
import time
from collections import Counter

import pytest

from course import catalog, ui
from course.environment import ROOT, allow_bytecode_cache


class Outcomes:
    """A pytest plugin that counts outcomes per test file."""

    def __init__(self):
        self.by_file = {}

    def pytest_runtest_logreport(self, report):
        outcomes = self.by_file.setdefault(ROOT / report.fspath, Counter())
        if report.when == "call" or report.outcome != "passed":
            outcomes[report.outcome] += 1


def run_pytest(args, quiet=False):
    """Run pytest in this process; returns (exit code, Outcomes)."""
    allow_bytecode_cache()
    outcomes = Outcomes()
    base = ["-p", "no:cacheprovider", "-p", "no:xdist", "--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml")]
    # Temp folders of our own: pytest's clean-up of its shared temp folder
    # would remove those of another pytest running at the same time.
    with tempfile.TemporaryDirectory(prefix="course-check-") as basetemp:
        base.append(f"--basetemp={basetemp}")
        with contextlib.redirect_stdout(io.StringIO()) if quiet else contextlib.nullcontext():
            code = pytest.main([*base, *args], plugins=[outcomes])
    return int(code), outcomes


def check(number, solution=False, verbose=False):
    lesson = catalog.lesson(number)
    judge = "solutions" if solution else "exercises"
    target = catalog.require(lesson.solution if solution else lesson.exercise, f"The file for exercise {lesson.number}")
    tests = catalog.require(lesson.exercise_tests, f"The tests of exercise {lesson.number}")
    shown = target.relative_to(ROOT)
    ui.step(f"Checking {shown} with {tests.relative_to(ROOT)} ...")
    detail = ["-v", "--tb=long"] if verbose else ["-q", "--tb=short", "--no-header"]
    code, outcomes = run_pytest([str(tests), f"--judge={judge}", *detail])
    counts = sum(outcomes.by_file.values(), Counter())
    total = counts["passed"] + counts["failed"]
    if code == 0:
        ui.done(ui.green(f"Exercise {lesson.number} is done: all {total} tests pass."))
        return 0
    if code == 1:
        ui.failed(ui.red(f"Exercise {lesson.number} is not done yet: {counts['failed']} of {total} tests fail."))
    else:
        ui.failed(ui.red(f"Exercise {lesson.number}'s tests could not run (pytest exit code {code})."))
    hint_command, watch_command = ui.command_for("hint", lesson.number), ui.command_for("watch", lesson.number)
    print(f"Stuck? {hint_command}   Keep checking on every save: {watch_command}")
    return 1


def hint(number):
    lesson = catalog.lesson(number)
    path = catalog.require(lesson.hint, f"The hint for exercise {lesson.number}")
    for line in path.read_text(encoding="utf-8").splitlines():
        print(ui.bold(line.lstrip("# ")) if line.startswith("#") else line)
    return 0


def watch(number, interval=0.5):
    lesson = catalog.lesson(number)
    exercise = catalog.require(lesson.exercise, f"Exercise {lesson.number}")
    command = [sys.executable, "-m", "course", "check", lesson.number]
    last_seen = None
    ui.step(f"Watching {exercise.relative_to(ROOT)}: every save re-runs the check. Ctrl+C to stop.")
    while True:
        try:
            stamp = exercise.stat().st_mtime_ns
        except FileNotFoundError:
            stamp = None
        if stamp != last_seen:
            last_seen = stamp
            print(ui.dim(f"──── {time.strftime('%H:%M:%S')} " + "─" * 40))
            subprocess.call(command, cwd=ROOT)
            print(ui.dim("Waiting for the next save ..."), flush=True)
        time.sleep(interval)


def progress(numbers=()):
    lessons = [catalog.lesson(number) for number in numbers] if numbers else catalog.lessons()
    with_exercise = [lesson for lesson in lessons if lesson.exercise and lesson.exercise_tests]
    ui.step(f"Running the tests of {len(with_exercise)} exercise(s) against your files ...")
    tests = [str(lesson.exercise_tests) for lesson in with_exercise]
    _, outcomes = run_pytest([*tests, "--judge=exercises"], quiet=True)
    done_count, next_up = 0, None
    columns = max((ui.width(lesson.full_title) for lesson in lessons), default=10)
    for lesson in lessons:
        counts = outcomes.by_file.get(lesson.exercise_tests) if lesson.exercise_tests else None
        title = ui.pad(lesson.full_title, columns)
        if not counts:
            state = ui.dim("- no exercise")
        elif counts["failed"] == 0 and counts["error"] == 0:
            state, done_count = ui.green("✔ done"), done_count + 1
        else:
            bad = counts["failed"] + counts["error"]
            state = ui.red(f"✘ not yet ({bad} of {counts['passed'] + bad} tests fail)")
            next_up = next_up or lesson
        print(f"  {lesson.number}  {title}  {state}")
    print()
    print(ui.bold(f"{done_count} of {len(with_exercise)} exercise(s) done."))
    if next_up:
        print(f"Next: {ui.command_for('check', next_up.number)}   (stuck? {ui.command_for('hint', next_up.number)})")
    return 0
