"""The learner's loop on a copy of the course, as a learner has it after cloning:
progress, next and reset work on the copy's files, so a test may edit them."""

import os
import re
import shutil
import subprocess
import sys

import pytest

from course import catalog
from course.environment import ROOT, VENV

FIRST = catalog.lessons()[0]
SECOND = catalog.lessons()[1]


@pytest.fixture
def clone(tmp_path):
    """A copy of the course as a learner has it after cloning: the runner
    works on the copy's files, so a test may edit its exercises."""
    copy = tmp_path / "course"
    ignored = shutil.ignore_patterns(
        ".git", ".venv*", ".data", "uploads", "backups", "__pycache__", ".*_cache"
    )
    shutil.copytree(ROOT, copy, ignore=ignored)
    return copy


def course_in(root, *args, env=None):
    """`python -m course ARGS` run in another copy of the course."""
    environment = dict(os.environ, NO_COLOR="1", **(env or {}))
    environment["COURSE_VENV"] = str(VENV)  # the copy runs in this checkout's .venv
    environment.pop("MAKELEVEL", None)
    command = [sys.executable, "-m", "course", *args]
    return subprocess.run(
        command, cwd=root, capture_output=True, text=True, env=environment, timeout=60
    )


def relative(lesson, root, kind):
    return root / getattr(lesson, kind).relative_to(ROOT)


def test_progress_names_each_exercise_by_its_own_title(clone):
    result = course_in(clone, "progress")
    assert result.returncode == 0, result.stderr
    for lesson in catalog.lessons():
        assert re.search(
            rf"^  {lesson.number}  {re.escape(lesson.exercise_title)} +✘ not started$",
            result.stdout,
            re.M,
        )
    assert f"0 of {len(catalog.lessons())} exercise(s) done." in result.stdout


def test_next_on_a_fresh_clone_checks_exercise_01_and_names_its_lesson(clone):
    result = course_in(clone, "next")
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        f"Next: exercise 01 - {FIRST.exercise_title} (lesson 01 - {FIRST.title})"
        in result.stdout
    )
    assert "Exercise 01 is not done yet" in result.stdout


def test_a_solved_exercise_is_done_and_next_moves_on(clone):
    shutil.copyfile(
        relative(FIRST, clone, "solution"), relative(FIRST, clone, "exercise")
    )
    result = course_in(clone, "progress", FIRST.number, SECOND.number)
    assert result.returncode == 0, result.stderr
    assert re.search(rf"^  {FIRST.number}  .* ✔ done$", result.stdout, re.M), (
        result.stdout
    )
    assert re.search(rf"^  {SECOND.number}  .* ✘ not started$", result.stdout, re.M)
    assert "1 of 2 exercise(s) done." in result.stdout
    result = course_in(clone, "next")
    expected = f"Next: exercise {SECOND.number} - {SECOND.exercise_title}"
    assert expected in result.stdout, result.stdout


def test_reset_restores_the_starter_and_names_the_backup_in_one_line(clone):
    exercise = relative(FIRST, clone, "exercise")
    backups = []
    for attempt in ("first", "second"):
        exercise.write_text(f"# my {attempt} try\n", encoding="utf-8")
        result = course_in(clone, "reset", "01")
        assert result.returncode == 0, result.stderr
        assert exercise.read_bytes() == relative(FIRST, clone, "starter").read_bytes()
        line = result.stdout.strip()
        assert "\n" not in line
        backup = re.search(r"saved as (exercises/backups/\S+\.py)\.$", line)
        assert backup, line
        backups.append(backup[1])
    # Nothing is lost: each reset keeps its own backup.
    kept = [(clone / name).read_text(encoding="utf-8") for name in backups]
    assert kept == ["# my first try\n", "# my second try\n"]


def test_reset_keeps_no_backup_of_an_untouched_exercise_and_restores_a_deleted_one(
    clone,
):
    result = course_in(clone, "reset", "01")
    assert result.returncode == 0
    assert "already as the course ships it" in result.stdout
    assert not (clone / "exercises" / "backups").exists()
    relative(FIRST, clone, "exercise").unlink()
    assert course_in(clone, "reset", "01").returncode == 0
    restored = relative(FIRST, clone, "exercise").read_bytes()
    assert restored == relative(FIRST, clone, "starter").read_bytes()


BROKEN_PING = '''"""A learner's exercise 01 with a bug in the /ping handler."""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int)
define("host", default="127.0.0.1")


class PingHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("pong" + 1)


def make_app(**overrides):
    return tornado.web.Application([(r"/ping", PingHandler)], **overrides)


async def main():
    parse_command_line()
    make_app().listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
'''


def test_a_failing_check_shows_the_learners_log_lines_whole(clone):
    relative(FIRST, clone, "exercise").write_text(BROKEN_PING, encoding="utf-8")
    result = course_in(clone, "check", "01")
    assert result.returncode == 1
    shown = result.stdout
    assert "Captured server log (errors)" in shown, shown
    assert 'self.write("pong" + 1)' in shown
    assert 'TypeError: can only concatenate str (not "int") to str' in shown
    access = re.search(r"^\[E \d{6} [\d:]+ web:\d+\] 500 GET /ping .*$", shown, re.M)
    assert access, shown
    assert re.search(r"\(127\.0\.0\.1\) [\d.]+ms$", access[0]), "a log line is cut"


@pytest.mark.parametrize("target", ["help", "hint-01", "progress", "clean"])
def test_a_verb_that_needs_only_the_standard_library_installs_nothing(clone, target):
    no_venv = clone / ".venv"
    environment = dict(os.environ, NO_COLOR="1", COURSE_VENV=str(no_venv))
    base_python = getattr(sys, "_base_executable", sys.executable)
    result = subprocess.run(
        ["make", "--no-print-directory", target, f"PYTHON={base_python}"],
        cwd=clone,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not no_venv.exists(), f"make {target} created .venv:\n{result.stdout}"
    assert "Installing" not in result.stdout + result.stderr
