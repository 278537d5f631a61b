"""Every lesson, started as a student starts it: each Try-it line of its
docstring answers the status written after it (so the docs cannot drift), and
then, on the same server, the bad-input sweep (tests/sweep.py) finds no 5xx."""

import pytest

from course import catalog
from course.client import replay
from tests.sweep import discover, script_args, sweep

LESSONS = catalog.lessons()


@pytest.fixture(scope="module", params=LESSONS, ids=[lesson.number for lesson in LESSONS])
def documented(request, module_scripts, tmp_path_factory):
    """A fresh server per lesson: its Try-it lines run first, in order, as a student types them."""
    lesson = request.param
    found, options = discover(lesson.path)
    database_uri = lambda: request.getfixturevalue("module_database").uri  # noqa: E731 - lesson 10 only
    upload_dir = tmp_path_factory.mktemp(f"lesson{lesson.number}") / "uploads"
    server = module_scripts.start(lesson.path, *script_args(options, database_uri, upload_dir))
    return lesson, server, found


def test_try_it_lines_answer_the_documented_status(documented):
    lesson, server, _ = documented
    wrong = []
    for line in lesson.try_it:
        status = replay(line.for_base(server.base_url)).status_code
        if status != line.status:
            wrong.append(f"{line.command}  # -> {line.status}, but it answered {status}")
    assert not wrong, "\n".join(wrong)


def test_bad_input_gets_4xx_never_5xx_or_a_traceback(documented, record_property):
    _, server, found = documented
    sweep(server, found, record_property)
