"""The runner (python -m course), used the way students and instructors use it."""

import re
import subprocess
import sys

import pytest

from course import demo
from course.curl import parse_curl
from course.environment import ROOT
from course.process import free_port, port_is_free
from tests.support import course


def test_unknown_lesson_is_one_line_and_a_non_zero_exit():
    result = course("lesson", "99")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "There is no lesson 99" in result.stderr


@pytest.fixture
def taken_port():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def test_a_port_in_use_is_one_line_and_a_non_zero_exit(taken_port):
    result = course("lesson", "01", "--port", str(taken_port))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert f"Port {taken_port} on 127.0.0.1 is already in use" in result.stderr


def test_advice_names_the_command_the_learner_used(taken_port):
    without_make = course("lesson", "01", "--port", str(taken_port))
    assert f"python -m course lesson 01 --port {taken_port + 1}" in without_make.stderr
    assert "make" not in without_make.stderr
    with_make = course(
        "lesson", "01", "--port", str(taken_port), env={"MAKELEVEL": "1"}
    )
    assert f"make lesson-01 PORT={taken_port + 1}" in with_make.stderr


def test_an_old_python_is_refused_in_one_line():
    pretend = (
        "import runpy, sys; sys.version_info = (3, 9, 18, 'final', 0); "
        "runpy.run_module('course', run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", pretend, "list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "needs Python 3.11 or newer; this is Python 3.9" in result.stderr


def test_list_shows_lessons_with_titles_and_the_commands():
    result = course("list")
    assert result.returncode == 0
    assert re.search(
        r"^  01  Hello, world +你好, Tornado$", result.stdout, re.MULTILINE
    )
    assert "python -m course check NN" in result.stdout


def test_make_help_lists_make_targets():
    result = course("list", env={"MAKELEVEL": "1"})
    assert "make check-NN" in result.stdout
    assert "make lesson-01" in result.stdout


def test_hint_prints_the_hint_file():
    result = course("hint", "1")
    assert result.returncode == 0
    assert "Hint for exercise 01" in result.stdout


def test_check_is_red_on_the_starter_and_names_the_hint_and_watch():
    result = course("check", "01", env={"MAKELEVEL": "1"})
    assert result.returncode == 1
    assert "Exercise 01 is not done yet" in result.stdout
    assert "make hint-01" in result.stdout
    assert "Keep checking on every save: make watch-01" in result.stdout


def test_check_is_green_on_the_solution():
    result = course("check", "01", "--solution")
    assert result.returncode == 0, result.stdout
    assert "Exercise 01 is done" in result.stdout


def test_demo_without_pause_shows_every_request_and_response():
    port = free_port()
    result = course("demo", "01", "--no-pause", "--port", str(port))
    assert result.returncode == 0, result.stderr
    assert f"$ curl -i http://127.0.0.1:{port}/nowhere" in result.stdout
    assert "HTTP/1.1 200 OK" in result.stdout
    assert "HTTP/1.1 404 Not Found" in result.stdout
    assert "Hello, world! 你好, Tornado!" in result.stdout
    assert port_is_free("127.0.0.1", port)


def test_curl_replay_sends_form_data_as_curl_does():
    request = parse_curl("curl -i -d 'a=1' -d 'b=2' http://127.0.0.1:8000/x")
    assert request["method"] == "POST"
    assert request["data"] == b"a=1&b=2"
    assert request["headers"]["Content-Type"] == "application/x-www-form-urlencoded"


def test_curl_replay_understands_method_headers_json_and_get():
    assert parse_curl("curl -X PUT http://h/x")["method"] == "PUT"
    assert parse_curl("curl -I http://h/x")["method"] == "HEAD"
    assert parse_curl("curl -H 'X-A: b' http://h/")["headers"] == {"X-A": "b"}
    as_json = parse_curl("""curl --json '{"a": 1}' http://h/""")
    assert as_json["data"] == b'{"a": 1}'
    assert as_json["headers"]["Content-Type"] == "application/json"
    as_get = parse_curl("curl -G --data-urlencode 'q=你 好' http://h/s?x=1")
    assert as_get["method"] == "GET"
    assert as_get["url"] == "http://h/s?x=1&q=%E4%BD%A0+%E5%A5%BD"
    assert as_get["data"] is None


def test_curl_replay_builds_multipart_forms_from_files():
    request = parse_curl(
        "curl -F 'title=hi' -F 'file=@README.md;type=text/plain' http://h/upload"
    )
    assert request["method"] == "POST"
    title, upload = request["files"]
    assert title == ("title", (None, "hi"))
    assert upload[1][0] == "README.md"
    assert upload[1][2] == "text/plain"


def test_a_check_run_by_watch_does_not_advise_running_watch():
    watched = course("check", "01", env={"COURSE_WATCHING": "1"})
    assert watched.returncode == 1
    assert "python -m course hint 01" in watched.stdout
    assert "watch" not in watched.stdout


def test_demo_marks_a_line_it_cuts():
    assert demo.cut("GET /a (127.0.0.1) 1.18ms", 40) == "GET /a (127.0.0.1) 1.18ms"
    assert demo.cut("GET /a (127.0.0.1) 1.18ms", 20) == "GET /a (127.0.0.1) …"
    assert demo.cut("你好你好", 5) == "你好…"


def test_demo_shows_the_lessons_texts_on_the_port_it_really_uses(capsys):
    from types import SimpleNamespace

    lesson = SimpleNamespace(
        number="99",
        full_title="Demo (演示)",
        path=ROOT / "lessons" / "99_demo.py",
        concept="Try curl http://127.0.0.1:8000/broken/default-headers now.",
        notes="Older tutorials say http://127.0.0.1:8000/x.",
    )
    demo.show_intro(lesson, SimpleNamespace(base_url="http://127.0.0.1:9123"), 88)
    shown = capsys.readouterr().out
    assert "http://127.0.0.1:9123/broken/default-headers" in shown
    assert "http://127.0.0.1:9123/x" in shown
    assert "8000" not in shown
