"""Lesson 02: debug=True and its four settings, tracebacks, templates, autoreload."""

import os
import re
import shutil
import subprocess
import sys
import time

import pytest
import requests

from tests.support import PAGE_500

pytestmark = pytest.mark.slow  # waits by design: scheduled first

PRODUCTION = {
    "debug": False,
    "autoreload": False,
    "compiled_template_cache": True,
    "static_hash_cache": True,
    "serve_traceback": False,
}
WRAPPER = ["-m", "tornado.autoreload"]
ORIGINAL = 'message="Saved once."'
TEMPLATE = "templates/02_page.html"
STYLE = "static/02_style.css"
VERSION = re.compile(r'href="/static/02_style\.css\?v=([0-9a-f]+)"')
OLD_TEXT = "edit this text, save"
NEW_TEXT = "this text was edited, save"


@pytest.fixture(scope="module")
def debug_server(script, module_scripts):
    """The lesson started with --debug, shared by the tests that only read from it."""
    return module_scripts.start(script, "--debug")


def settings_of(server, client_for):
    response = client_for(server).get("/settings")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=UTF-8"
    return response.json()


def version_of(page):
    return VERSION.search(page)[1]


def page_with(message, version):
    """The page the lesson promises, exactly."""
    return (
        "<!doctype html>\n<title>Lesson 02</title>\n"
        f'<link rel="stylesheet" href="/static/02_style.css?v={version}">\n'
        f"<p>{message} Run with --debug, edit this text, save, "
        "and reload the page.</p>\n"
    )


def copy_lesson(script, folder):
    """The lesson, its template and its CSS file, copied into folder."""
    for name in (script.name, TEMPLATE, STYLE):
        (folder / name).parent.mkdir(exist_ok=True)
        shutil.copy(script.parent / name, folder / name)
    return folder / script.name


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


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


def test_the_page_shows_the_message_from_the_lesson_file(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == page_with("Saved once.", version_of(response.text))


def test_settings_only_answers_get(client):
    assert client.post("/settings", data="debug=1").status_code == 405


def test_the_page_links_its_css_file_with_a_version_hash(client, script):
    response = client.get("/")
    assert response.status_code == 200
    version = version_of(response.text)
    css = client.get(f"/static/02_style.css?v={version}")
    assert css.status_code == 200
    assert css.headers["Content-Type"] == "text/css"
    assert css.text == (script.parent / STYLE).read_text(encoding="utf-8")


def test_an_unknown_static_file_is_a_404(client):
    assert client.get("/static/nothing.css").status_code == 404


# --- templates and static files, edited while the server runs ----------------


@pytest.fixture(scope="module")
def copies(script, tmp_path_factory, module_scripts):
    """One copy of the lesson served twice: with --debug (autoreload off, so it
    never restarts) and without any flag."""
    copy = copy_lesson(script, tmp_path_factory.mktemp("lesson02"))
    return {
        "debug": module_scripts.start(copy, "--debug", "--autoreload=false"),
        "plain": module_scripts.start(copy),
    }


def page(server):
    response = requests.get(server.url("/"), timeout=10)
    assert response.status_code == 200
    return response.text


@pytest.fixture(scope="module")
def pages(copies):
    """Each copy's page before and after the template and the CSS file change."""
    before = {mode: page(server) for mode, server in copies.items()}
    folder = copies["debug"].script.parent
    replace(folder / TEMPLATE, OLD_TEXT, NEW_TEXT)
    replace(folder / STYLE, "color: #222;", "color: #a00;")
    return {mode: (before[mode], page(server)) for mode, server in copies.items()}


def test_a_setting_given_explicitly_wins_over_debug(copies, client_for):
    assert settings_of(copies["debug"], client_for) == {
        "debug": True,
        "autoreload": False,
        "compiled_template_cache": False,
        "static_hash_cache": False,
        "serve_traceback": True,
    }


def test_debug_serves_the_edited_template(pages):
    before, after = pages["debug"]
    assert OLD_TEXT in before
    assert NEW_TEXT in after
    assert OLD_TEXT not in after


def test_debug_hashes_the_edited_static_file_again(pages):
    before, after = pages["debug"]
    assert version_of(before) != version_of(after)


def test_without_debug_the_template_stays_as_first_compiled(pages):
    before, after = pages["plain"]
    assert OLD_TEXT in before
    assert OLD_TEXT in after
    assert NEW_TEXT not in after


def test_without_debug_the_static_hash_stays_as_first_computed(pages, copies):
    before, after = pages["plain"]
    assert version_of(after) == version_of(before)
    # The file itself is served fresh: only its hash in the link is stale.
    css = requests.get(copies["plain"].url("/static/02_style.css"), timeout=10)
    assert css.status_code == 200
    assert "color: #a00;" in css.text


# --- an uncaught exception, without and with serve_traceback ------------------


def test_broken_average_without_debug_is_a_plain_500_page(client):
    response = client.get("/broken/average")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == PAGE_500


def test_without_debug_the_traceback_still_goes_to_the_log(server, client):
    mark = len(server.log())
    client.get("/broken/average")
    log = server.wait_for_log("500 GET /broken/average", after=mark)
    assert "Uncaught exception GET /broken/average" in log
    assert "ZeroDivisionError: division by zero" in log


def test_broken_average_with_debug_answers_the_traceback_as_plain_text(
    debug_server, client_for
):
    response = client_for(debug_server).get("/broken/average")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == "text/plain"  # exactly: no charset
    assert response.text.startswith("Traceback (most recent call last):\n")
    assert response.text.endswith("ZeroDivisionError: division by zero\n")
    assert "<html>" not in response.text


def test_the_debug_traceback_shows_the_code_and_where_it_lives(
    debug_server, script, client_for
):
    # What a visitor learns from a debug server: file paths and source lines.
    text = client_for(debug_server).get("/broken/average").text
    assert f'File "{script}", line ' in text
    assert "sum(scores) / len(scores)" in text


def test_a_crash_in_a_handler_leaves_the_server_running(debug_server, client_for):
    client = client_for(debug_server)
    assert client.get("/broken/average").status_code == 500
    assert client.get("/").status_code == 200
    assert debug_server.alive()


# --- autoreload, for real, on copies of the lesson ---------------------------

# On Windows a restart is a new process (no os.execv): the old one exits 0.
posix_restart = pytest.mark.skipif(
    sys.platform == "win32", reason="autoreload restarts in place only on POSIX"
)
LOOK_INTERVAL = 0.6  # Tornado looks at the files' modification times every 0.5 s
DEADLINE = 10.0
BROKEN = 'message="unclosed'


def save_and_wait(changes):
    """Make each change {path: (old, new, happened)}, then wait until every
    happened(timeout) is true.

    Tornado's first look at a file only records its modification time, so a
    save that lands before that look goes unnoticed: until the deadline, the
    file's time is moved forward again every LOOK_INTERVAL (like saving again).
    """
    for path, (old, new, _) in changes.items():
        replace(path, old, new)
    pending = {path: happened for path, (_, _, happened) in changes.items()}
    deadline = time.monotonic() + DEADLINE
    while pending:
        names = [path.parent.name for path in pending]
        assert time.monotonic() < deadline, f"nothing happened after saving {names}"
        look = time.monotonic() + LOOK_INTERVAL
        for path, happened in list(pending.items()):
            if happened(max(look - time.monotonic(), 0.01)):
                del pending[path]
        for path in pending:
            stat = path.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def listening_again(server):
    """True once the server prints its URL again (a restart)."""
    printed = len(server.stdout_lines())

    def happened(timeout):
        try:
            server.wait_for_line("Listening on http://", after=printed, timeout=timeout)
        except TimeoutError:
            return False
        return True

    return happened


def exited(server):
    def happened(timeout):
        try:
            server.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        return True

    return happened


def logged(server, text):
    def happened(timeout):
        try:
            server.wait_for_log(text, timeout=timeout)
        except AssertionError:
            return False
        return True

    return happened


@pytest.fixture(scope="module")
def saved(script, tmp_path_factory, module_scripts):
    """Three copies of the lesson started with --debug (one through Tornado's
    wrapper), each saved once at the same time so that the waits overlap."""
    servers = {}
    for run, launcher in [("restart", ()), ("syntax", ()), ("wrapper", WRAPPER)]:
        copy = copy_lesson(script, tmp_path_factory.mktemp(run))
        servers[run] = module_scripts.start(copy, "--debug", launcher=launcher)
    reported = logged(servers["wrapper"], "Script exited with uncaught exception")
    save_and_wait(
        {
            servers["restart"].script: (
                '"Saved once.',
                '"Saved twice.',
                listening_again(servers["restart"]),
            ),
            servers["syntax"].script: (ORIGINAL, BROKEN, exited(servers["syntax"])),
            servers["wrapper"].script: (ORIGINAL, BROKEN, reported),
        }
    )
    return servers


@posix_restart
def test_debug_restarts_the_server_when_the_file_is_saved(saved, client_for):
    server = saved["restart"]
    response = client_for(server).get("/")
    assert response.status_code == 200
    assert response.text == page_with("Saved twice.", version_of(response.text))
    assert "modified; restarting server" in server.log()


@posix_restart
def test_a_syntax_error_on_restart_ends_the_process(saved):
    server = saved["syntax"]
    assert server.process.returncode == 1
    log = server.log()
    assert "modified; restarting server" in log
    assert "SyntaxError: unterminated string literal" in log


@posix_restart
def test_the_autoreload_wrapper_survives_a_syntax_error_and_restarts_the_fix(
    saved, client_for
):
    server = saved["wrapper"]
    assert server.alive(), "the wrapper process keeps running"
    assert "SyntaxError: unterminated string literal" in server.log()
    with pytest.raises(requests.ConnectionError):
        client_for(server).get("/")  # but nothing listens until the file loads again

    fixed = 'message="Fixed and back."'
    save_and_wait({server.script: (BROKEN, fixed, listening_again(server))})
    response = client_for(server).get("/")
    assert response.status_code == 200
    assert response.text == page_with("Fixed and back.", version_of(response.text))
