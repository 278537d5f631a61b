"""The Rustlings rule: every exercise starter fails its own tests.

(Every solution passing them is the ordinary run of tests/exercises/.) Each
starter is judged the way `make check-NN` judges it, in a pytest process of
its own; it must start as a server and then fail tests, not crash them.
"""

import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from course import catalog
from course.environment import ROOT

EXERCISES = [lesson for lesson in catalog.lessons() if lesson.exercise_tests]


@pytest.mark.parametrize("lesson", EXERCISES, ids=[lesson.number for lesson in EXERCISES])
def test_exercise_starter_fails_its_tests(lesson, tmp_path):
    report = tmp_path / "report.xml"
    command = [sys.executable, "-m", "pytest", str(lesson.exercise_tests), "--judge=exercises"]
    command += ["-p", "no:xdist", "-p", "no:cacheprovider", "-q", f"--junitxml={report}"]
    # A temp folder of its own: a nested pytest would otherwise clean up ours.
    command += [f"--basetemp={tmp_path / 'starter'}"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, f"pytest exit code {result.returncode}, wanted 1 (tests fail):\n{result.stdout}"
    cases = list(ET.parse(report).getroot().iter("testcase"))
    failed = [case.get("name") for case in cases if case.find("failure") is not None]
    errors = [case.get("name") for case in cases if case.find("error") is not None]
    assert failed, "the untouched starter should fail at least one test"
    assert not errors, f"the starter must start and fail tests, not error in set-up: {errors}\n{result.stdout}"
