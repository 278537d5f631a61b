"""Two tests every lesson and exercise module gets without writing them.

- First, on the module's fresh server, each Try-it line of the lesson's
  docstring answers the status written after it (so the docs cannot drift).
- Last, the bad-input sweep (tests/sweep.py) finds no 5xx and no traceback on
  any route of the lesson, or of the exercise's solution.

tests/conftest.py makes every tests/lessons/test_NN_*.py and
tests/exercises/test_NN_*.py module a `Module` of this file.
"""

import pytest

from course import catalog


def test_try_it_lines_answer_the_documented_status(script, server):
    from course.curl import replay

    lesson = catalog.lesson(script.name[:2])
    wrong = []
    for line in lesson.try_it:
        status = replay(line.for_base(server.base_url)).status_code
        if status != line.status:
            wrong.append(
                f"{line.command}  # -> {line.status}, but it answered {status}"
            )
    assert not wrong, "\n".join(wrong)


def test_bad_input_gets_4xx_never_5xx_or_a_traceback(
    script, sweep_server, record_property
):
    from tests.sweep import discover, sweep  # tornado is imported only when needed

    found = discover(script)
    sweep(sweep_server, found, record_property)


class Module(pytest.Module):
    """A test module with the Try-it replay first (lessons) and the sweep last
    (lessons, and exercises when they judge the solutions, unless --no-sweep:
    `make check-NN` judges what the learner is asked to do, quickly)."""

    def collect(self):
        own = list(super().collect())
        lesson = self.path.parent.name == "lessons"
        first = [test_try_it_lines_answer_the_documented_status] if lesson else []
        solution = self.config.getoption("judge") == "solutions"
        sweep = lesson or (solution and not self.config.getoption("no_sweep"))
        last = [test_bad_input_gets_4xx_never_5xx_or_a_traceback] if sweep else []
        made = [
            pytest.Function.from_parent(self, name=test.__name__, callobj=test)
            for test in first + last
        ]
        return made[: len(first)] + own + made[len(first) :]
