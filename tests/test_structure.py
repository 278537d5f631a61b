"""The course's shape: every lesson has all its parts, and they follow the contracts.

These tests read files only; they hold for every lesson added later without
being edited.
"""

import difflib
import json
import re
import subprocess
import sys

import pytest

from course import catalog
from course.client import CurlError, parse_curl
from course.environment import ROOT
from course.listing import make_targets

LESSONS = catalog.lessons()
NUMBERS = [lesson.number for lesson in LESSONS]
EXERCISES = [lesson for lesson in LESSONS if lesson.exercise]


def by_number(lessons):
    return pytest.mark.parametrize("lesson", lessons, ids=[lesson.number for lesson in lessons])


def test_there_are_lessons():
    assert LESSONS, "no lessons/NN_topic.py found"


def test_lesson_numbers_are_contiguous_from_01():
    assert [f"{n:02d}" for n in range(1, len(NUMBERS) + 1)] == NUMBERS


@by_number(LESSONS)
def test_lesson_has_tests_exercise_solution_and_hint(lesson):
    assert lesson.lesson_tests, f"no tests/lessons/test_{lesson.number}_*.py"
    assert lesson.exercise, f"no exercises/{lesson.number}_*.py"
    assert lesson.solution.exists(), f"no solutions/{lesson.exercise.name}"
    assert lesson.hint, f"no exercises/{lesson.number}_*.hint.md"
    assert lesson.exercise_tests, f"no tests/exercises/test_{lesson.number}_*.py"


@by_number(LESSONS)
def test_test_files_mirror_the_file_names(lesson):
    assert lesson.lesson_tests.name == f"test_{lesson.path.name}"
    assert lesson.exercise_tests.name == f"test_{lesson.exercise.name}"
    assert lesson.hint.name == lesson.exercise.name.replace(".py", ".hint.md")


@by_number(LESSONS)
def test_lesson_docstring_has_title_run_and_try_it(lesson):
    first_line = lesson.docstring.splitlines()[0]
    assert re.fullmatch(rf"Lesson {lesson.number} - .+? \([^()]+\)", first_line), first_line
    assert re.search(r"[\u4e00-\u9fff]", lesson.chinese), "the title needs its Chinese name in brackets"
    assert lesson.concept, "a few lines of concept go between the title and Run:"
    assert f"make lesson-{lesson.number}" in lesson.sections["Run"]
    assert lesson.try_it, "Try it: needs at least one `curl ... # -> STATUS` line"


@by_number(LESSONS)
def test_try_it_lines_are_curl_commands_the_replay_understands(lesson):
    for line in lesson.try_it:
        assert catalog.DOC_PORT in line.command, f"Try-it lines use {catalog.DOC_PORT}: {line.command}"
        try:
            parse_curl(line.command)
        except CurlError as problem:
            pytest.fail(f"{line.command}: {problem}")


@by_number([lesson for lesson in LESSONS if lesson.sections["Bench"]])
def test_bench_sections_list_label_and_path_pairs(lesson):
    # `make bench-NN` fires requests at these paths; lesson 14's test checks they answer.
    assert lesson.bench, "Bench: needs at least one `label  /path` line"
    assert len({path for _, path in lesson.bench}) == len(lesson.bench)


@by_number(EXERCISES)
def test_exercise_docstring_names_check_and_hint(lesson):
    text = lesson.exercise.read_text(encoding="utf-8")
    assert f"make check-{lesson.number}" in text
    assert f"make hint-{lesson.number}" in text
    assert "# TODO" in text, "an exercise marks each line to change with # TODO"


@by_number(EXERCISES)
def test_solution_differs_from_exercise_only_at_todo_lines(lesson):
    exercise = lesson.exercise.read_text(encoding="utf-8").splitlines()
    solution = lesson.solution.read_text(encoding="utf-8").splitlines()
    matcher = difflib.SequenceMatcher(a=exercise, b=solution, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        # A change must touch a TODO line or come right after one.
        nearby = exercise[max(i1 - 1, 0) : max(i2, i1 + 1)]
        assert any("TODO" in line for line in nearby), (
            f"{lesson.solution.name} differs from the exercise away from any TODO line:\n"
            + "\n".join(difflib.unified_diff(exercise[i1:i2], solution[j1:j2], lineterm="", n=0))
        )


def test_every_exercise_file_has_a_solution_and_a_test():
    for exercise in sorted(catalog.EXERCISES.glob("[0-9][0-9]_*.py")):
        assert (catalog.SOLUTIONS / exercise.name).exists(), f"no solutions/{exercise.name}"
        assert (catalog.TESTS / "exercises" / f"test_{exercise.name}").exists()


def scripts():
    return (
        [lesson.path for lesson in LESSONS]
        + [lesson.exercise for lesson in EXERCISES]
        + [lesson.solution for lesson in EXERCISES]
    )


def test_every_script_has_make_app_with_settings_overrides():
    # One process imports every script (without running main) and reports
    # what make_app(**overrides) built.
    probe = (
        "import json, sys\n"
        "from course.introspect import load\n"
        "out = {}\n"
        "for path in sys.argv[1:]:\n"
        "    app = load(path).make_app(course_probe='yes')\n"
        "    out[path] = app.settings.get('course_probe')\n"
        "print(json.dumps(out))\n"
    )
    paths = [str(path) for path in scripts()]
    result = subprocess.run([sys.executable, "-c", probe, *paths], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == dict.fromkeys(paths, "yes")


def test_scripts_listen_on_loopback_by_default():
    for path in scripts():
        text = path.read_text(encoding="utf-8")
        assert 'define("host", default="127.0.0.1"' in text, f"{path.name} must default --host to 127.0.0.1"


def test_makefile_documents_every_runner_verb():
    documented = {target for target, _ in make_targets()}
    wanted = {"help", "lesson-%", "exercise-%", "solution-%", "check-%", "hint-%", "watch-%", "demo-%"}
    wanted |= {"progress", "mongodb", "bench", "test", "lint", "clean"}
    assert wanted <= documented, f"missing from the Makefile's help: {sorted(wanted - documented)}"


def test_readme_table_lists_every_lesson_in_order():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d\d) \| (.+?) \| (.+?) \|$", readme, flags=re.MULTILINE)
    assert rows == [(lesson.number, lesson.title, lesson.chinese) for lesson in LESSONS]
