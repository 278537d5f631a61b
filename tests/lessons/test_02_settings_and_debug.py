"""Lesson 02: debug=True and its four settings, tracebacks, and autoreload for real."""

import os
import shutil
import sys
import time

import pytest
import requests

PRODUCTION = {
    "debug": False,
    "autoreload": False,
    "compiled_template_cache": True,
    "static_hash_cache": True,
    "serve_traceback": False,
}
PLAIN_500 = "<html><title>500: Internal Server Error</title><body>500: Internal Server Error</body></html>"
WRAPPER = ["-m", "tornado.autoreload"]
ORIGINAL = 'MESSAGE = "Saved once.\\n"'


@pytest.fixture(scope="module")
def debug_server(script, module_scripts):
    """The lesson started with --debug, shared by the tests that only read from it."""
    return module_scripts.start(script, "--debug")


def settings_of(server, client_for):
    response = client_for(server).get("/settings")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=UTF-8"
    return response.json()


# --- the settings debug=True switches on -------------------------------------


def test_without_debug_every_setting_has_its_production_value(server, client_for):
    assert settings_of(server, client_for) == PRODUCTION


def test_debug_switches_on_four_settings(debug_server, client_for):
    assert settings_of(debug_server, client_for) == {
        "debug": True,
        "autoreload": True,
        "compiled_template_cache": False,
        "static_hash_cache": False,
        "serve_traceback": True,
    }


def test_autoreload_alone_changes_nothing_else(start_script, script, client_for):
    server = start_script(script, "--autoreload")
    assert settings_of(server, client_for) == {**PRODUCTION, "autoreload": True}


def test_a_setting_given_explicitly_wins_over_debug(start_script, script, client_for):
    server = start_script(script, "--debug", "--autoreload=false")
    assert settings_of(server, client_for) == {
        "debug": True,
        "autoreload": False,
        "compiled_template_cache": False,
        "static_hash_cache": False,
        "serve_traceback": True,
    }


def test_the_message_page_answers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.text == "Saved once.\n"


def test_settings_only_answers_get(client):
    assert client.post("/settings", data="debug=1").status_code == 405


# --- an uncaught exception, without and with serve_traceback ------------------


def test_broken_average_without_debug_is_a_plain_500_page(client):
    response = client.get("/broken/average")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == PLAIN_500


def test_without_debug_the_traceback_still_goes_to_the_log(server, client):
    client.get("/broken/average")
    log = server.log()
    assert "Uncaught exception GET /broken/average" in log
    assert "ZeroDivisionError: division by zero" in log


def test_broken_average_with_debug_answers_the_traceback_as_plain_text(debug_server, client_for):
    response = client_for(debug_server).get("/broken/average")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == "text/plain"  # exactly: no charset
    assert response.text.startswith("Traceback (most recent call last):\n")
    assert response.text.endswith("ZeroDivisionError: division by zero\n")
    assert "<html>" not in response.text


def test_the_debug_traceback_shows_the_code_and_where_it_lives(debug_server, script, client_for):
    # What a visitor learns from a debug server: file paths and source lines.
    text = client_for(debug_server).get("/broken/average").text
    assert f'File "{script}", line ' in text
    assert "sum(scores) / len(scores)" in text


def test_a_crash_in_a_handler_leaves_the_server_running(debug_server, client_for):
    client = client_for(debug_server)
    assert client.get("/broken/average").status_code == 500
    assert client.get("/").status_code == 200
    assert debug_server.alive()


# --- autoreload, for real, on a copy of the lesson ---------------------------

# On Windows a restart is a new process (no os.execv): the old one exits 0.
posix_restart = pytest.mark.skipif(sys.platform == "win32", reason="autoreload restarts in place only on POSIX")
LOOK_INTERVAL = 0.6  # Tornado looks at the files' modification times every 0.5 s
DEADLINE = 10.0


def save_and_wait(path, old, new, happened):
    """Replace old by new in path, then poll happened() until it is true.

    Tornado's first look at a file only records its modification time, so a
    save that lands before that look goes unnoticed: until the deadline, the
    file's time is moved forward again every LOOK_INTERVAL (like saving again).
    """
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    deadline = time.monotonic() + DEADLINE
    next_touch = time.monotonic() + LOOK_INTERVAL
    while not happened():
        now = time.monotonic()
        assert now < deadline, f"nothing happened {DEADLINE:g} s after saving {path.name}"
        if now >= next_touch:
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
            next_touch = now + LOOK_INTERVAL
        time.sleep(0.05)


def listening_again(server):
    """A check that is true once the server prints its URL again (a restart)."""
    printed = len(server.stdout_lines())
    return lambda: any("Listening on http://" in line for line in server.stdout_lines()[printed:])


@pytest.fixture
def copy(script, tmp_path):
    """The lesson copied to a temporary folder, to edit while it runs."""
    path = tmp_path / script.name
    shutil.copy(script, path)
    return path


@posix_restart
def test_debug_restarts_the_server_when_the_file_is_saved(copy, start_script, client_for):
    server = start_script(copy, "--debug")
    save_and_wait(copy, '"Saved once.', '"Saved twice.', listening_again(server))
    response = client_for(server).get("/")
    assert response.status_code == 200
    assert response.text == "Saved twice.\n"
    assert "modified; restarting server" in server.log()


@posix_restart
def test_a_syntax_error_on_restart_ends_the_process(copy, start_script):
    server = start_script(copy, "--debug")
    save_and_wait(copy, ORIGINAL, 'MESSAGE = "unclosed', lambda: not server.alive())
    assert server.process.returncode == 1
    log = server.log()
    assert "modified; restarting server" in log
    assert "SyntaxError: unterminated string literal" in log


@posix_restart
def test_the_autoreload_wrapper_survives_a_syntax_error_and_restarts_the_fix(copy, start_script, client_for):
    server = start_script(copy, "--debug", launcher=WRAPPER)

    def wrapper_reported_it():
        return "Script exited with uncaught exception" in server.log()

    save_and_wait(copy, ORIGINAL, 'MESSAGE = "unclosed', wrapper_reported_it)
    assert server.alive(), "the wrapper process keeps running"
    assert "SyntaxError: unterminated string literal" in server.log()
    with pytest.raises(requests.ConnectionError):
        client_for(server).get("/")  # but nothing listens until the file loads again

    save_and_wait(copy, 'MESSAGE = "unclosed', 'MESSAGE = "Fixed and back.\\n"', listening_again(server))
    response = client_for(server).get("/")
    assert response.status_code == 200
    assert response.text == "Fixed and back.\n"
