"""The course's shape: every lesson has all its parts, and they follow the contracts.

These tests read files only; they hold for every lesson added later without
being edited.
"""

import difflib
import itertools
import json
import re
import statistics
import subprocess
import sys

import pytest

from course import catalog
from course.curl import CurlError, parse_curl
from course.environment import ROOT
from course.listing import make_targets

LESSONS = catalog.lessons()
NUMBERS = [lesson.number for lesson in LESSONS]
EXERCISES = [lesson for lesson in LESSONS if lesson.starter]

# Step sizes (STYLE.md): one idea per lesson, one task per exercise.
MAX_LESSON_LINES = 130
MAX_MEDIAN_LESSON_LINES = 80
MAX_CONCEPT_LINES = 8
MAX_TRY_IT_LINES = 10
MAX_OLDER_NOTES = 2
MAX_NOTE_LINES = 5
MAX_COLUMNS = 88  # instructors put these files on a projector
MAX_EXERCISE_LINES = 60
MAX_SOLUTION_CODE_LINES = 10


def by_number(lessons):
    return pytest.mark.parametrize(
        "lesson", lessons, ids=[lesson.number for lesson in lessons]
    )


def test_there_are_lessons():
    assert LESSONS, "no lessons/NN_topic.py found"


def test_lesson_numbers_are_contiguous_from_01():
    assert [f"{n:02d}" for n in range(1, len(NUMBERS) + 1)] == NUMBERS


@by_number(LESSONS)
def test_lesson_has_tests_exercise_solution_and_hint(lesson):
    assert lesson.lesson_tests, f"no tests/lessons/test_{lesson.number}_*.py"
    assert lesson.starter, f"no course/starters/{lesson.number}_*.py"
    assert lesson.solution.exists(), f"no solutions/{lesson.starter.name}"
    assert lesson.hint.exists(), f"no exercises/{lesson.hint.name}"
    assert lesson.exercise_tests, f"no tests/exercises/test_{lesson.number}_*.py"


@by_number(LESSONS)
def test_test_files_mirror_the_file_names(lesson):
    assert lesson.lesson_tests.name == f"test_{lesson.path.name}"
    assert lesson.exercise_tests.name == f"test_{lesson.starter.name}"


def lines_of(path):
    return path.read_text(encoding="utf-8").splitlines()


@by_number(LESSONS)
def test_a_lesson_is_one_small_step(lesson):
    assert len(lines_of(lesson.path)) <= MAX_LESSON_LINES
    concept = [line for line in lesson.concept.splitlines() if line.strip()]
    assert len(concept) <= MAX_CONCEPT_LINES, (
        "the concept before Run: is at most 8 lines"
    )
    assert len(lesson.try_it) <= MAX_TRY_IT_LINES


def test_most_lessons_are_short():
    sizes = [len(lines_of(lesson.path)) for lesson in LESSONS]
    assert statistics.median(sizes) <= MAX_MEDIAN_LESSON_LINES, sorted(sizes)


@by_number(LESSONS)
def test_older_tutorial_notes_are_few_and_short(lesson):
    notes = [
        block
        for block in lesson.notes.split("\n\n")
        if block.startswith("Older tutorials")
    ]
    assert len(notes) <= MAX_OLDER_NOTES, "at most two 'Older tutorials say' notes"
    for note in notes:
        assert len(note.splitlines()) <= MAX_NOTE_LINES, (
            f"a note is a few lines:\n{note}"
        )
    others = [
        block for block in lesson.notes.split("\n\n") if block and block not in notes
    ]
    assert not others, f"after Try it: only 'Older tutorials ...' notes:\n{others}"


def projected_files():
    """The files an instructor shows: not the learner's backups, not caches."""
    folders = [catalog.LESSONS, catalog.EXERCISES, catalog.STARTERS, catalog.SOLUTIONS]
    skipped = {"__pycache__", "backups"}
    found = (path for folder in folders for path in folder.rglob("*") if path.is_file())
    return sorted(
        path for path in found if not skipped & set(path.relative_to(ROOT).parts)
    )


def test_no_line_is_wider_than_a_projector_shows():
    wide = [
        f"{path.relative_to(ROOT)}:{number}: {len(line)} columns"
        for path in projected_files()
        for number, line in enumerate(lines_of(path), start=1)
        if len(line) > MAX_COLUMNS
    ]
    assert not wide, "\n".join(wide)


@by_number(EXERCISES)
def test_an_exercise_is_one_small_task(lesson):
    lines = lines_of(lesson.starter)
    assert len(lines) <= MAX_EXERCISE_LINES
    first = lines[0].lstrip("r").strip('"')
    assert re.fullmatch(rf"Exercise {lesson.number} - \S.+", first), (
        f"the first line: {first}"
    )
    todos = [line for line in lines if "# TODO:" in line]
    assert 1 <= len(todos) <= 3, "one to three # TODO: lines"
    for line, after in itertools.pairwise(lines):
        if "# TODO:" in line:
            assert line.lstrip().startswith("# TODO:"), (
                f"a TODO is a comment line of its own: {line}"
            )
            assert after.strip(), (
                f"a TODO sits directly above the line to change: {line}"
            )


@by_number(LESSONS)
def test_lesson_docstring_has_title_run_and_try_it(lesson):
    first_line = lesson.docstring.splitlines()[0]
    assert re.fullmatch(rf"Lesson {lesson.number} - .+? \([^()]+\)", first_line), (
        first_line
    )
    assert re.search(r"[\u4e00-\u9fff]", lesson.chinese), (
        "the title needs its Chinese name in brackets"
    )
    assert lesson.concept, "a few lines of concept go between the title and Run:"
    assert f"make lesson-{lesson.number}" in lesson.sections["Run"]
    assert lesson.try_it, "Try it: needs at least one `curl ... # -> STATUS` line"


@by_number(LESSONS)
def test_try_it_lines_are_curl_commands_the_replay_understands(lesson):
    for line in lesson.try_it:
        assert catalog.DOC_PORT in line.command, (
            f"Try-it lines use {catalog.DOC_PORT}: {line.command}"
        )
        try:
            parse_curl(line.command)
        except CurlError as problem:
            pytest.fail(f"{line.command}: {problem}")


@by_number([lesson for lesson in LESSONS if lesson.sections["Bench"]])
def test_bench_sections_list_label_and_path_pairs(lesson):
    # `make bench-NN` fires requests at these paths; each lesson's tests call them.
    assert lesson.bench, "Bench: needs at least one `label  /path` line"
    assert len({path for _, path in lesson.bench}) == len(lesson.bench)


@by_number(EXERCISES)
def test_exercise_docstring_names_check_and_hint(lesson):
    text = lesson.starter.read_text(encoding="utf-8")
    assert f"make check-{lesson.number}" in text
    assert f"make hint-{lesson.number}" in text


def is_code(line):
    return bool(line.strip()) and not line.strip().startswith("#")


@by_number(EXERCISES)
def test_solution_differs_from_exercise_only_at_todo_lines(lesson):
    exercise = lines_of(lesson.starter)
    solution = lines_of(lesson.solution)
    matcher = difflib.SequenceMatcher(a=exercise, b=solution, autojunk=False)
    added_code = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        diff = "\n".join(
            difflib.unified_diff(exercise[i1:i2], solution[j1:j2], lineterm="", n=0)
        )
        # A change must touch a TODO line or come right after one.
        nearby = exercise[max(i1 - 1, 0) : max(i2, i1 + 1)]
        assert any("# TODO:" in line for line in nearby), (
            f"{lesson.solution.name} differs from the exercise away from any TODO "
            f"line:\n{diff}"
        )
        # Each TODO gives way to a one-line why-comment, as in Rustlings' solutions.
        comments = [line for line in solution[j1:j2] if line.strip().startswith("#")]
        todos = [line for line in exercise[i1:i2] if "# TODO:" in line]
        assert len(comments) >= len(todos), f"a why-comment replaces each TODO:\n{diff}"
        added_code += sum(is_code(line) for line in solution[j1:j2])
    assert "TODO" not in "\n".join(solution)
    assert added_code <= MAX_SOLUTION_CODE_LINES, (
        f"the solution changes {added_code} lines of code"
    )


def test_every_exercise_file_has_a_starter_a_solution_and_a_test():
    for starter in sorted(catalog.STARTERS.glob("[0-9][0-9]_*.py")):
        assert (catalog.SOLUTIONS / starter.name).exists(), (
            f"no solutions/{starter.name}"
        )
        assert (catalog.TESTS / "exercises" / f"test_{starter.name}").exists()
        assert (catalog.EXERCISES / starter.name.replace(".py", ".hint.md")).exists()
    for solution in sorted(catalog.SOLUTIONS.glob("[0-9][0-9]_*.py")):
        assert (catalog.STARTERS / solution.name).exists(), (
            f"no course/starters/{solution.name}"
        )


def scripts():
    return (
        [lesson.path for lesson in LESSONS]
        + [lesson.starter for lesson in EXERCISES]
        + [lesson.solution for lesson in EXERCISES]
    )


def test_every_script_has_make_app_with_settings_overrides():
    # One process imports every script (without running main) and reports
    # what make_app(**overrides) built.
    probe = (
        "import json, sys\n"
        "from tests.introspect import load\n"
        "out = {}\n"
        "for path in sys.argv[1:]:\n"
        "    app = load(path).make_app(course_probe='yes')\n"
        "    out[path] = app.settings.get('course_probe')\n"
        "print(json.dumps(out))\n"
    )
    paths = [str(path) for path in scripts()]
    result = subprocess.run(
        [sys.executable, "-c", probe, *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == dict.fromkeys(paths, "yes")


def test_scripts_listen_on_loopback_by_default():
    for path in scripts():
        text = path.read_text(encoding="utf-8")
        assert 'define("host", default="127.0.0.1"' in text, (
            f"{path.name} must default --host to 127.0.0.1"
        )


def test_makefile_documents_every_runner_verb():
    documented = {target for target, _ in make_targets()}
    plain = {"help", "progress", "next", "mongodb", "bench", "test", "lint", "clean"}
    plain |= {"lock", "mutants"}
    per_lesson = {"lesson", "exercise", "solution", "check", "hint", "watch", "reset"}
    wanted = plain | {f"{verb}-%" for verb in per_lesson | {"demo"}}
    assert wanted <= documented, (
        f"missing from the Makefile's help: {sorted(wanted - documented)}"
    )


READMES = ["README.md", "README.zh-CN.md"]


@pytest.mark.parametrize("name", READMES)
def test_readme_table_lists_every_lesson_in_order(name):
    readme = (ROOT / name).read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d\d) \| (.+?) \| (.+?) \|$", readme, flags=re.MULTILINE)
    assert rows == [(lesson.number, lesson.title, lesson.chinese) for lesson in LESSONS]


def test_each_readme_links_to_the_other():
    english, chinese = ((ROOT / name).read_text(encoding="utf-8") for name in READMES)
    assert "](README.zh-CN.md)" in english
    assert "](README.md)" in chinese
