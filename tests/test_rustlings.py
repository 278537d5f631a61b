"""The Rustlings rule: every exercise starter fails its own tests.

(Every solution passing them is the ordinary run of tests/exercises/.) The
starters are judged as the course ships them (course/starters/, the copies
`make reset-NN` restores), never the learner's working files, so `make test`
stays green for a learner who has solved exercises. They run the way
`make check-NN` runs them, in one pytest process of their own; each must start
as a server and then fail tests, not crash them. One failure per file is
enough to know a starter is red, so the rest of its file is skipped.
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
    """{test module: {"failed"/"errors"/"passed": [names]}}, and pytest's output."""

    output = ""

    def __repr__(self):  # keeps pytest's failure report short
        return f"<results of {len(self)} starters>"


def judge(tests, folder):
    """Start one pytest process that judges these exercise test files against the
    starters; returns (the process, its junit report)."""
    report = folder / "report.xml"
    command = [sys.executable, "-m", "pytest", *tests, "--judge=starters"]
    command += ["--first-failure-per-file", "-p", "no:xdist", "-p", "no:cacheprovider"]
    command += ["-q", f"--junitxml={report}"]
    # A temp folder of its own: a nested pytest would otherwise clean up ours.
    command += [f"--basetemp={folder / 'tmp'}"]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    return process, report


@pytest.fixture(scope="module")
def starter_results(tmp_path_factory):
    """Per test module: {"failed": [...], "errors": [...], "passed": [...]}.

    Two pytest processes share the starters, so that both cores judge them."""
    tests = [str(lesson.exercise_tests) for lesson in EXERCISES]
    halves = [tests[::2], tests[1::2]]
    runs = [judge(half, tmp_path_factory.mktemp("starters")) for half in halves if half]
    outcomes = StarterResults()
    for process, report in runs:
        try:
            output, _ = process.communicate(timeout=300)
        finally:
            process.kill()
        outcomes.output += output
        assert process.returncode == 1, (
            f"pytest exit code {process.returncode}, wanted 1 (tests fail):\n{output}"
        )
        for case in ET.parse(report).getroot().iter("testcase"):
            module = case.get("classname").rsplit(".", 1)[-1]
            failed, errored = case.find("failure"), case.find("error")
            kind = (
                "failed"
                if failed is not None
                else "errors"
                if errored is not None
                else "passed"
            )
            outcomes.setdefault(module, defaultdict(list))[kind].append(
                case.get("name")
            )
    return outcomes


@pytest.mark.parametrize(
    "lesson", EXERCISES, ids=[lesson.number for lesson in EXERCISES]
)
def test_exercise_starter_fails_its_tests(lesson, starter_results):
    mine = starter_results.get(lesson.exercise_tests.stem, {})
    assert mine.get("failed"), (
        f"course/starters/{lesson.starter.name} passes all its tests: an untouched "
        "starter must fail them"
    )
    errors = mine.get("errors")
    assert not errors, (
        "the starter must start and fail tests, not error in set-up: "
        f"{errors}\n{starter_results.output}"
    )
