"""check / hint / watch / progress / next / reset: the exercise loop."""

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter

from course import catalog, environment, ui
from course.environment import ROOT, allow_bytecode_cache

BACKUPS = catalog.EXERCISES / "backups"  # reset keeps the learner's versions here
WATCHING = "COURSE_WATCHING"  # set by watch for the checks it runs


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
    import pytest

    allow_bytecode_cache()
    outcomes = Outcomes()
    # Only the plugin the tests need: loading xdist too costs a check 40 ms.
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    base = ["-p", "pytest_timeout", "-p", "no:cacheprovider", "--rootdir", str(ROOT)]
    base += ["-c", str(ROOT / "pyproject.toml")]
    # Temp folders of our own: pytest's clean-up of its shared temp folder
    # would remove those of another pytest running at the same time.
    with tempfile.TemporaryDirectory(prefix="course-check-") as basetemp:
        base.append(f"--basetemp={basetemp}")
        quieted = contextlib.redirect_stdout(io.StringIO())
        with quieted if quiet else contextlib.nullcontext():
            code = pytest.main([*base, *args], plugins=[outcomes])
    return int(code), outcomes


def _shown(path):
    return str(path.relative_to(ROOT))


def check(number, solution=False, verbose=False):
    lesson = catalog.lesson(number)
    judge = "solutions" if solution else "exercises"
    what = f"The file for exercise {lesson.number}"
    target = catalog.require(lesson.solution if solution else lesson.exercise, what)
    tests = catalog.require(
        lesson.exercise_tests, f"The tests of exercise {lesson.number}"
    )
    ui.step(f"Checking {_shown(target)} with {_shown(tests)} ...")
    # Assertion details in full: a log line in a message is never cut mid-line.
    detail = ["-o", "verbosity_assertions=2"]
    detail += ["-v", "--tb=long"] if verbose else ["-q", "--tb=short", "--no-header"]
    code, outcomes = run_pytest([str(tests), f"--judge={judge}", "--no-sweep", *detail])
    counts = sum(outcomes.by_file.values(), Counter())
    total = counts["passed"] + counts["failed"]
    if code == 0:
        ui.done(ui.green(f"Exercise {lesson.number} is done: all {total} tests pass."))
        return 0
    if code == 1:
        failing = f"{counts['failed']} of {total} tests fail"
        ui.failed(ui.red(f"Exercise {lesson.number} is not done yet: {failing}."))
    else:
        ui.failed(
            ui.red(
                f"Exercise {lesson.number}'s tests could not run (pytest exit code "
                f"{code})."
            )
        )
    advice = f"Stuck? {ui.command_for('hint', lesson.number)}"
    if not os.environ.get(WATCHING):
        advice += (
            f"   Keep checking on every save: {ui.command_for('watch', lesson.number)}"
        )
    print(advice)
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
    env = dict(os.environ, **{WATCHING: "1"})
    last_seen = None
    ui.step(
        f"Watching {_shown(exercise)}: every save re-runs the check. Ctrl+C to stop."
    )
    while True:
        try:
            stamp = exercise.stat().st_mtime_ns
        except FileNotFoundError:
            stamp = None
        if stamp != last_seen:
            last_seen = stamp
            print(ui.dim(f"──── {time.strftime('%H:%M:%S')} " + "─" * 40))
            subprocess.call(command, cwd=ROOT, env=env)
            print(ui.dim("Waiting for the next save ..."), flush=True)
        time.sleep(interval)


def with_exercises(numbers=()):
    lessons = (
        [catalog.lesson(number) for number in numbers] if numbers else catalog.lessons()
    )
    return [lesson for lesson in lessons if lesson.starter and lesson.exercise_tests]


def changed_exercises(lessons):
    return [
        lesson
        for lesson in lessons
        if lesson.exercise.exists() and not lesson.exercise_is_untouched()
    ]


def judge_exercises(lessons):
    """{lesson number: None (untouched starter or missing file) or Counter of outcomes}.

    An untouched starter fails its tests (CI proves it), so only the
    exercises the learner changed are run, all in one pytest run."""
    changed = changed_exercises(lessons)
    results = dict.fromkeys((lesson.number for lesson in lessons), None)
    if changed:
        ui.step(f"Running the tests of the {len(changed)} exercise(s) you changed ...")
        tests = [str(lesson.exercise_tests) for lesson in changed]
        _, outcomes = run_pytest([*tests, "--judge=exercises"], quiet=True)
        for lesson in changed:
            results[lesson.number] = outcomes.by_file.get(
                lesson.exercise_tests, Counter()
            )
    return results


def is_done(counts):
    return (
        bool(counts)
        and counts["passed"] > 0
        and counts["failed"] == counts["error"] == 0
    )


def progress(numbers=()):
    lessons = with_exercises(numbers)
    if changed_exercises(lessons) and not environment.running_in_venv():
        # Only changed exercises need their tests, and the tests need .venv.
        return environment.reexec_in_venv(["progress", *numbers])
    results = judge_exercises(lessons)
    columns = max((ui.width(lesson.exercise_title) for lesson in lessons), default=10)
    done_count, next_up = 0, None
    for lesson in lessons:
        counts = results[lesson.number]
        title = ui.pad(lesson.exercise_title, columns)
        if is_done(counts):
            state, done_count = ui.green("✔ done"), done_count + 1
        elif counts is None:
            missing = (
                ""
                if lesson.exercise.exists()
                else f" ({_shown(lesson.exercise)} is missing)"
            )
            state = ui.red("✘ not started") + ui.dim(missing)
        else:
            bad = counts["failed"] + counts["error"]
            state = ui.red(f"✘ not yet ({bad} of {counts['passed'] + bad} tests fail)")
        if not is_done(counts):
            next_up = next_up or lesson
        print(f"  {lesson.number}  {title}  {state}")
    print()
    print(ui.bold(f"{done_count} of {len(lessons)} exercise(s) done."))
    if next_up:
        print(
            f"Next: {ui.command_for('check', next_up.number)}   (stuck? "
            f"{ui.command_for('hint', next_up.number)})"
        )
    return 0


def next_exercise():
    """Name the first exercise that is not done and its lesson, then check it."""
    lessons = with_exercises()
    results = judge_exercises(lessons)
    for lesson in lessons:
        if not is_done(results[lesson.number]):
            ui.step(
                f"Next: exercise {lesson.number} - {lesson.exercise_title} "
                f"(lesson {lesson.number} - {lesson.title}). Your file: "
                f"{_shown(lesson.exercise)}"
            )
            if not lesson.exercise.exists():
                raise ui.CourseError(
                    f"{_shown(lesson.exercise)} is missing: "
                    f"{ui.command_for('reset', lesson.number)} puts it back."
                )
            command = [sys.executable, "-m", "course", "check", lesson.number]
            return subprocess.call(command, cwd=ROOT)
    ui.done(ui.green(f"All {len(lessons)} exercises are done. Well done!"))
    return 0


def reset(number):
    """Put exercise NN back as the course ships it; keep the learner's version."""
    lesson = catalog.lesson(number)
    starter = catalog.require(
        lesson.starter, f"The starter of exercise {lesson.number}"
    )
    exercise = lesson.exercise
    if exercise.exists() and lesson.exercise_is_untouched():
        ui.done(
            f"{_shown(exercise)} is already as the course ships it: nothing to reset."
        )
        return 0
    saved = ""
    if exercise.exists():
        BACKUPS.mkdir(parents=True, exist_ok=True)
        backup = _free_name(
            BACKUPS / f"{exercise.stem}.{time.strftime('%Y%m%d-%H%M%S')}.py"
        )
        shutil.copy2(exercise, backup)
        saved = f"; your version is saved as {_shown(backup)}"
    shutil.copyfile(starter, exercise)
    ui.done(f"{_shown(exercise)} is back as the course ships it{saved}.")
    return 0


def _free_name(path):
    """path, or path with -2, -3 ... before its suffix if that name is taken."""
    candidate, count = path, 1
    while candidate.exists():
        count += 1
        candidate = path.with_name(f"{path.stem}-{count}{path.suffix}")
    return candidate
