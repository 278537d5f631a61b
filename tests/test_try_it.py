"""Every Try-it line of every lesson, replayed against the running lesson,
answers the status its docstring promises: the docs cannot drift."""

import pytest

from course import catalog
from course.client import replay

LESSONS = catalog.lessons()


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.number for lesson in LESSONS])
def test_try_it_lines_answer_the_documented_status(lesson, start_script):
    # A fresh server per lesson: the lines run in order, as a student types them.
    server = start_script(lesson.path)
    wrong = []
    for line in lesson.try_it:
        command = line.for_base(server.base_url)
        status = replay(command).status_code
        if status != line.status:
            wrong.append(f"{line.command}  # -> {line.status}, but it answered {status}")
    assert not wrong, "\n".join(wrong)
