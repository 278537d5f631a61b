"""Lesson 11: send_error() does not stop the method, the default error page and
the keywords it reads, a custom write_error that escapes and copes with
exceptions, HTTPError, JSON errors, and the older tutorial's example as written."""

import pytest

HTML = "text/html; charset=UTF-8"
JSON = "application/json; charset=UTF-8"
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def default_page(code, reason):
    return f"<html><title>{code}: {reason}</title><body>{code}: {reason}</body></html>"


@pytest.fixture(scope="module")
def traceback_server(script, module_scripts):
    """The lesson started with --serve_traceback."""
    return module_scripts.start(script, "--serve_traceback")


@pytest.fixture
def traceback_client(traceback_server, client_for):
    return client_for(traceback_server)


def views(client):
    response = client.get("/views")
    assert response.status_code == 200
    return response.json()


# The default error page


@pytest.mark.parametrize(("code", "reason"), [(404, "Not Found"), (503, "Service Unavailable")])
def test_the_default_error_page_is_code_and_reason_as_html(client, code, reason):
    response = client.get(f"/default/{code}")
    assert response.status_code == code
    assert response.reason == reason
    assert response.headers["Content-Type"] == HTML
    assert response.text == default_page(code, reason)


def test_the_default_page_ignores_content_but_reason_sets_the_status_line(client):
    response = client.get("/default/kwargs")
    assert response.status_code == 404
    assert response.reason == "Gone Fishing", "send_error() hands reason= to set_status()"
    assert response.text == default_page(404, "Gone Fishing")
    assert "出现404错误" not in response.text, "the default write_error() never reads content="


def test_the_default_page_shows_no_traceback_without_exc_info(traceback_client):
    # serve_traceback is on, but send_error(404) passed no exc_info.
    response = traceback_client.get("/default/404")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == HTML
    assert response.text == default_page(404, "Not Found")


# raise HTTPError: the method stops; reason for the client, log_message for the log


def test_an_existing_note_is_a_200(client):
    response = client.get("/notes/shopping")
    assert response.status_code == 200
    assert response.text == "milk, eggs, tea\n"


def test_http_error_shows_the_reason_and_stops_the_method(client):
    response = client.get("/notes/stopped")
    assert response.status_code == 404
    assert response.reason == "No Such Note"
    assert response.text == default_page(404, "No Such Note")
    assert "stopped" not in views(client), "the line after raise HTTPError never ran"


def test_http_error_log_message_goes_to_the_log_only(client, server):
    start = len(server.log())
    response = client.get("/notes/secret-name")
    assert response.status_code == 404
    assert "secret-name" not in response.text
    log = server.wait_for_log("404 GET /notes/secret-name (127.0.0.1): no note 'secret-name'", after=start)
    assert "Traceback" not in log, "an HTTPError is logged as a warning, without a traceback"


def test_with_serve_traceback_the_default_page_is_the_traceback_with_the_log_message(traceback_client):
    # Tornado called write_error(404, exc_info=...): the default page prints it.
    response = traceback_client.get("/notes/ghost")
    assert response.status_code == 404
    assert response.reason == "No Such Note"
    assert response.headers["Content-Type"] == "text/plain"
    assert response.text.startswith("Traceback (most recent call last):\n")
    assert response.text.endswith("tornado.web.HTTPError: HTTP 404: No Such Note (no note 'ghost')\n")


# send_error() does not stop the method


def test_broken_send_error_without_return_still_counts_a_view(client):
    assert "ghost-counted" not in views(client)
    response = client.get("/broken/notes/ghost-counted")
    assert response.status_code == 404
    assert views(client)["ghost-counted"] == 1, "the line after send_error() ran"


def test_broken_write_after_send_error_is_a_runtime_error_in_the_log(client, server):
    start = len(server.log())
    response = client.get("/broken/notes/ghost-written")
    # The client already has the whole error page; the late write() only fails in the log.
    assert response.status_code == 404
    assert response.headers["Content-Type"] == HTML
    assert response.text == default_page(404, "Not Found")
    log = server.wait_for_log("RuntimeError: Cannot write() after finish()", after=start)
    assert "Uncaught exception GET /broken/notes/ghost-written" in log
    assert "404 GET /broken/notes/ghost-written" in log
    assert "500 GET /broken/notes/ghost-written" not in log, "no second answer is sent"


def test_broken_notes_still_serve_an_existing_note(client):
    response = client.get("/broken/notes/todo")
    assert response.status_code == 200
    assert response.text == "finish lesson 11\n"


# Our own write_error: an escaped title, and no custom keyword needed


def test_custom_page_shows_the_title_escaped(client):
    response = client.get("/error", params={"code": "404", "title": SCRIPT})
    assert response.status_code == 404
    assert response.headers["Content-Type"] == HTML
    assert response.text == f"<h1>404 出错了</h1>\n<p>{ESCAPED}</p>\n"
    assert SCRIPT not in response.text


def test_custom_page_without_title_shows_the_reason(client):
    response = client.get("/error", params={"code": "410"})
    assert response.status_code == 410
    assert response.text == "<h1>410 出错了</h1>\n<p>Gone</p>\n"


@pytest.mark.parametrize("code", ["abc", "200", "503", "4040", "", "4O4"])
def test_custom_page_refuses_a_code_that_is_not_4xx_with_a_400(client, code):
    response = client.get("/error", params={"code": code})
    assert response.status_code == 400
    assert response.text == "<h1>400 出错了</h1>\n<p>code must be a 4xx status such as 404</p>\n"


def test_custom_page_handles_an_http_error_that_passes_only_exc_info(client):
    # get_argument("code") raises HTTPError(400): write_error gets no title=.
    response = client.get("/error")
    assert response.status_code == 400
    assert response.text == "<h1>400 出错了</h1>\n<p>Bad Request</p>\n"


def test_broken_crash_on_the_custom_page_is_a_500_page_not_a_second_error(client, server):
    start = len(server.log())
    response = client.get("/broken/page-crash")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == HTML
    assert response.text == "<h1>500 出错了</h1>\n<p>Internal Server Error</p>\n"
    log = server.wait_for_log("500 GET /broken/page-crash", after=start)
    assert "ZeroDivisionError: division by zero" in log
    assert "Uncaught exception in write_error" not in log


def test_the_custom_page_never_shows_a_traceback(traceback_client):
    response = traceback_client.get("/broken/page-crash")
    assert response.status_code == 500
    assert response.text == "<h1>500 出错了</h1>\n<p>Internal Server Error</p>\n"


# The older tutorial's example as written, and with int()


def test_broken_error_with_a_str_code_is_a_500_cut_after_its_first_line(client, server):
    start = len(server.log())
    response = client.get("/broken/error", params={"code": "404", "title": "Oops", "content": "Gone"})
    assert response.status_code == 500, "send_error('404') fails in finish(); Tornado answers 500"
    assert response.reason == "Internal Server Error"
    assert response.text == "<h1>出错了,程序员GG正在赶过来!</h1>"
    log = server.wait_for_log("500 GET /broken/error", after=start)
    assert "TypeError: '<=' not supported between instances of 'int' and 'str'" in log
    # The second write_error() call came from Tornado with exc_info only.
    assert "Uncaught exception in write_error" in log
    assert "KeyError: 'title'" in log


def test_broken_error_without_a_code_is_the_home_page(client):
    response = client.get("/broken/error")
    assert response.status_code == 200
    assert response.text == "主页"


def test_broken_unescaped_error_reflects_the_title_as_live_html(client):
    response = client.get("/broken/xss", params={"code": "404", "title": SCRIPT})
    assert response.status_code == 404
    assert response.headers["Content-Type"] == HTML
    assert response.text == f"<h1>出错了,程序员GG正在赶过来!</h1><p>错误名:{SCRIPT}</p><p>错误详情:</p>"
    assert ESCAPED not in response.text


# JSON errors for an API


def test_api_note_is_json(client):
    response = client.get("/api/notes/shopping")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON
    assert response.json() == {"name": "shopping", "text": "milk, eggs, tea"}


def test_api_http_error_is_a_json_404_with_the_reason_not_the_log_message(client):
    response = client.get("/api/notes/ghost")
    assert response.status_code == 404
    assert response.reason == "No Such Note"
    assert response.headers["Content-Type"] == JSON
    assert response.json() == {"error": {"code": 404, "message": "No Such Note"}}


@pytest.mark.parametrize("path", ["/api/notes/Bad%20Name", "/api/notes/", "/api/notes/" + "a" * 31])
def test_api_send_error_is_a_json_400_with_its_message(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response.headers["Content-Type"] == JSON
    assert response.json() == {"error": {"code": 400, "message": "a note name is 1-30 of a-z, 0-9 and -"}}


def test_api_invalid_utf8_in_the_path_is_a_json_400(client):
    response = client.get("/api/notes/%FF")
    assert response.status_code == 400
    assert response.headers["Content-Type"] == JSON
    assert response.json() == {"error": {"code": 400, "message": "Bad Request"}}


def test_broken_api_crash_is_a_json_500_without_traceback(client, server):
    start = len(server.log())
    response = client.get("/broken/api/crash")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == JSON
    assert response.json() == {"error": {"code": 500, "message": "Internal Server Error"}}
    assert "ZeroDivisionError" in server.wait_for_log("500 GET /broken/api/crash", after=start)


def test_broken_api_crash_with_serve_traceback_adds_the_traceback(traceback_client):
    response = traceback_client.get("/broken/api/crash")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == JSON
    error = response.json()["error"]
    assert error["code"] == 500
    assert error["message"] == "Internal Server Error"
    assert error["traceback"][0] == "Traceback (most recent call last):\n"
    assert error["traceback"][-1] == "ZeroDivisionError: division by zero\n"
