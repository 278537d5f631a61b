"""Bad input, sent to every route of every solution (the lessons get the same
sweep in tests/test_try_it.py, on the server their Try-it lines ran on)."""

import pytest

from course import catalog
from tests.sweep import discover, script_args, sweep

SOLUTIONS = [lesson.solution for lesson in catalog.lessons() if lesson.solution and lesson.solution.exists()]


@pytest.mark.parametrize("script", SOLUTIONS, ids=[path.stem for path in SOLUTIONS])
def test_bad_input_gets_4xx_never_5xx_or_a_traceback(script, start_script, request, tmp_path, record_property):
    found, options = discover(script)
    database_uri = lambda: request.getfixturevalue("database").uri  # noqa: E731 - only scripts with a database ask
    server = start_script(script, *script_args(options, database_uri, tmp_path / "uploads"))
    sweep(server, found, record_property)
