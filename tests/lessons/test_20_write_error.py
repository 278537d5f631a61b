"""Lesson 20: a custom write_error that escapes and copes, JSON errors, the seed's."""

import pytest

HTML = "text/html; charset=UTF-8"
JSON = "application/json; charset=UTF-8"
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
REFUSED = "<h1>400 出错了</h1>\n<p>code must be a 4xx status such as 404</p>\n"
NAME_RULE = "a note name is 1-30 of a-z, 0-9 and -"


@pytest.fixture(scope="module")
def traceback_server(script, module_scripts):
    """The lesson started with --serve_traceback."""
    return module_scripts.start(script, "--serve_traceback")


@pytest.fixture
def traceback_client(traceback_server, client_for):
    return client_for(traceback_server)


def log_after_the_next_request(client, server, start):
    """The log once a later request is served: earlier methods have ended by then."""
    assert client.get("/api/notes/shopping").status_code == 200
    return server.wait_for_log("200 GET /api/notes/shopping (", after=start)


# Our own HTML page: the title escaped, a missing title coped with


def test_custom_page_shows_the_title_escaped(client):
    response = client.get("/error", params={"code": "404", "title": SCRIPT})
    assert response.status_code == 404
    assert response.headers["Content-Type"] == HTML
    assert response.text == f"<h1>404 出错了</h1>\n<p>{ESCAPED}</p>\n"


def test_custom_page_without_title_shows_the_reason(client):
    response = client.get("/error", params={"code": "410"})
    assert response.status_code == 410
    assert response.text == "<h1>410 出错了</h1>\n<p>Gone</p>\n"


@pytest.mark.parametrize("code", ["abc", "200", "503", "4040", "", "4O4"])
def test_custom_page_refuses_a_code_that_is_not_4xx_with_a_400(client, code):
    response = client.get("/error", params={"code": code})
    assert response.status_code == 400
    assert response.text == REFUSED


def test_the_method_stops_after_refusing_a_code(client, server):
    start = len(server.log())
    assert client.get("/error", params={"code": "abc"}).text == REFUSED
    assert client.get("/error", params={"code": "200"}).text == REFUSED
    log = log_after_the_next_request(client, server, start)
    assert "Cannot send error response" not in log, "a second send_error() ran"
    assert "Uncaught exception" not in log, "int('abc') ran after send_error()"


def test_custom_page_copes_with_an_http_error_that_passes_only_exc_info(client):
    # get_argument("code") raises HTTPError(400): write_error gets no title=.
    response = client.get("/error")
    assert response.status_code == 400
    assert response.text == "<h1>400 出错了</h1>\n<p>Bad Request</p>\n"


def test_the_custom_page_never_shows_a_traceback(traceback_client):
    # serve_traceback is on and exc_info is there: the default page would print it.
    response = traceback_client.get("/error")
    assert response.status_code == 400
    assert response.headers["Content-Type"] == HTML
    assert response.text == "<h1>400 出错了</h1>\n<p>Bad Request</p>\n"


# The seed's example as written, and with int()


def test_broken_error_with_a_str_code_is_a_500_cut_after_its_first_line(client, server):
    start = len(server.log())
    params = {"code": "404", "title": "Oops", "content": "Gone"}
    response = client.get("/broken/error", params=params)
    assert response.status_code == 500, "send_error('404') fails in finish()"
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


def test_broken_xss_reflects_the_title_as_live_html(client):
    response = client.get("/broken/xss", params={"code": "404", "title": SCRIPT})
    assert response.status_code == 404
    assert response.headers["Content-Type"] == HTML
    heading = "<h1>出错了,程序员GG正在赶过来!</h1>"
    assert response.text == f"{heading}<p>错误名:{SCRIPT}</p><p>错误详情:</p>"


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


@pytest.mark.parametrize("path", ["Bad%20Name", "", "a" * 31])
def test_api_send_error_is_a_json_400_with_its_message(client, path):
    response = client.get(f"/api/notes/{path}")
    assert response.status_code == 400
    assert response.headers["Content-Type"] == JSON
    assert response.json() == {"error": {"code": 400, "message": NAME_RULE}}


def test_the_api_method_stops_after_send_error(client, server):
    start = len(server.log())
    assert client.get("/api/notes/Bad%20Name").status_code == 400
    log = log_after_the_next_request(client, server, start)
    assert "no note 'Bad Name'" not in log, "the method went on after send_error()"


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
    assert response.json() == {
        "error": {"code": 500, "message": "Internal Server Error"}
    }
    log = server.wait_for_log("500 GET /broken/api/crash", after=start)
    assert "ZeroDivisionError: division by zero" in log
    assert "Uncaught exception in write_error" not in log


def test_broken_api_crash_with_serve_traceback_adds_the_traceback(traceback_client):
    response = traceback_client.get("/broken/api/crash")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == JSON
    error = response.json()["error"]
    assert (error["code"], error["message"]) == (500, "Internal Server Error")
    assert error["traceback"][0] == "Traceback (most recent call last):\n"
    assert error["traceback"][-1] == "ZeroDivisionError: division by zero\n"
