"""The Rustlings rule: every exercise starter fails its own tests.

(Every solution passing them is the ordinary run of tests/exercises/.) The
starters are judged the way `make check-NN` judges them, in one pytest process
of their own; each must start as a server and then fail tests, not crash them.
"""

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

import pytest

from course import catalog
from course.environment import ROOT

EXERCISES = [lesson for lesson in catalog.lessons() if lesson.exercise_tests]


class StarterResults(dict):
    """{test module: {"failed"/"errors"/"passed": [test names]}}, plus pytest's output."""

    output = ""

    def __repr__(self):  # keeps pytest's failure report short
        return f"<results of {len(self)} starters>"


@pytest.fixture(scope="module")
def starter_results(tmp_path_factory):
    """{test module name: {"failed": [...], "errors": [...], "passed": [...]}} for every starter."""
    folder = tmp_path_factory.mktemp("starters")
    report = folder / "report.xml"
    command = [sys.executable, "-m", "pytest", *(str(lesson.exercise_tests) for lesson in EXERCISES)]
    command += ["--judge=exercises", "-p", "no:xdist", "-p", "no:cacheprovider", "-q", f"--junitxml={report}"]
    # A temp folder of its own: a nested pytest would otherwise clean up ours.
    command += [f"--basetemp={folder / 'tmp'}"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, f"pytest exit code {result.returncode}, wanted 1 (tests fail):\n{result.stdout}"
    outcomes = StarterResults()
    outcomes.output = result.stdout
    for case in ET.parse(report).getroot().iter("testcase"):
        module = case.get("classname").rsplit(".", 1)[-1]
        kind = (
            "failed" if case.find("failure") is not None else "errors" if case.find("error") is not None else "passed"
        )
        outcomes.setdefault(module, defaultdict(list))[kind].append(case.get("name"))
    return outcomes


@pytest.mark.parametrize("lesson", EXERCISES, ids=[lesson.number for lesson in EXERCISES])
def test_exercise_starter_fails_its_tests(lesson, starter_results):
    mine = starter_results.get(lesson.exercise_tests.stem, {})
    assert mine.get("failed"), (
        f"{lesson.exercise.name} passes all its tests: in the course repository the untouched starter must fail "
        f"(if you solved it yourself, `make progress` is your report)"
    )
    errors = mine.get("errors")
    assert not errors, f"the starter must start and fail tests, not error in set-up: {errors}\n{starter_results.output}"
