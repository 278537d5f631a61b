"""Exercise 02: --traceback switches on serve_traceback and nothing else."""

import pytest


@pytest.fixture(scope="module")
def traceback_server(script, module_scripts):
    """The script started with --traceback, as the task says."""
    return module_scripts.start(script, "--traceback")


def mode_of(server, client_for):
    response = client_for(server).get("/mode")
    assert response.status_code == 200, "GET /mode should answer 200"
    return response.json()


def test_traceback_flag_switches_on_serve_traceback(traceback_server, client_for):
    mode = mode_of(traceback_server, client_for)
    assert mode["serve_traceback"] is True, (
        f"with --traceback, /mode reported {mode}: serve_traceback should be true"
    )


def test_traceback_flag_leaves_debug_and_autoreload_off(traceback_server, client_for):
    mode = mode_of(traceback_server, client_for)
    assert (mode["debug"], mode["autoreload"]) == (False, False), (
        f"with --traceback, /mode reported {mode}: debug=True switches on autoreload "
        "too. Pass the one setting serve_traceback instead."
    )


def test_a_crash_answers_its_traceback_as_plain_text(traceback_server, client_for):
    response = client_for(traceback_server).get("/broken/latest")
    assert response.status_code == 500, "/broken/latest crashes: it answers 500"
    assert response.headers["Content-Type"] == "text/plain", (
        "with --traceback, the 500 should be the traceback as text/plain"
    )
    assert response.text.startswith("Traceback (most recent call last):\n")
    assert response.text.endswith("IndexError: list index out of range\n")


def test_unknown_path_is_still_a_404(traceback_server, client_for):
    assert client_for(traceback_server).get("/latest").status_code == 404
