"""Lesson 13: set/add/clear headers, default headers on error pages, unsafe values."""

import logging
from urllib.parse import urlencode

import pytest
import tornado.web

from tests.support import default_page, fetch_in_process, raw_get

DEFAULT_COURSE = "Tornado course"
INJECTION = "zh\r\nSet-Cookie: admin=1"


def assert_no_injected_header(response):
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert not any("admin" in value for value in response.headers.values())


class BrokenLanguageHandler(tornado.web.RequestHandler):
    """The lesson's LanguageHandler without its try: ValueError becomes a 500."""

    def set_default_headers(self):
        self.set_header("X-Course", DEFAULT_COURSE)

    def get(self):
        self.set_header("Content-Language", self.get_argument("lang"))
        self.write("See the Content-Language header.\n")


# set_header, add_header, clear_header


def test_set_header_in_get_replaces_the_default_set_before_it(client):
    response = client.get("/headers")
    assert response.status_code == 200
    assert response.headers["X-Course"] == "Tornado course, lesson 13"
    assert response.raw.headers.getlist("X-Course") == ["Tornado course, lesson 13"]


def test_add_header_sends_two_separate_lines_on_the_wire(server):
    # What curl -i prints: the header lines as they are, one per value.
    head, _ = raw_get(server, "/headers")
    assert head.startswith("HTTP/1.1 200 OK\r\n")
    assert "\r\nX-Topic: headers\r\nX-Topic: default headers\r\n" in head
    assert head.count("X-Topic:") == 2
    assert "X-Topic: headers, default headers" not in head


def test_requests_joins_the_two_lines_with_a_comma(client):
    response = client.get("/headers")
    assert response.status_code == 200
    assert response.headers["X-Topic"] == "headers, default headers"
    assert response.raw.headers.getlist("X-Topic") == ["headers", "default headers"]


def test_clear_header_removes_the_server_header(client):
    response = client.get("/headers")
    assert response.status_code == 200
    assert "Server" not in response.headers
    assert response.text == "curl -i shows the headers of this answer.\n"


def test_default_headers_are_on_answers_that_do_not_override_them(client):
    response = client.get("/language", params={"lang": "zh-CN"})
    assert response.status_code == 200
    assert response.headers["X-Course"] == DEFAULT_COURSE
    assert response.headers["Server"].startswith("TornadoServer/")


# The error path: clear() resets headers and body, then calls set_default_headers().


@pytest.mark.parametrize("how", ["raise", "send"])
def test_an_error_page_keeps_default_headers_and_drops_the_methods(client, how):
    response = client.get(f"/headers/{how}")
    assert response.status_code == 403
    assert response.reason == "Forbidden"
    assert response.headers["X-Course"] == DEFAULT_COURSE, "get()'s value is gone"
    assert "X-Topic" not in response.headers
    assert response.headers["Server"].startswith("TornadoServer/"), "clear() again"
    assert response.text == default_page(403, "Forbidden")


def test_tornados_own_405_page_keeps_default_headers(client):
    response = client.post("/headers")
    assert response.status_code == 405
    assert response.headers["X-Course"] == DEFAULT_COURSE


def test_an_unknown_error_kind_is_a_404(client):
    assert client.get("/headers/other").status_code == 404


# Header values with line breaks


def test_a_safe_language_goes_into_the_header(client):
    response = client.get("/language", params={"lang": "zh-CN"})
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "zh-CN"
    assert response.text == "See the Content-Language header.\n"


@pytest.mark.parametrize("lang", [INJECTION, "zh\nSet-Cookie: admin=1"])
def test_a_line_break_in_a_header_value_is_a_400(client, lang):
    response = client.get("/language", params={"lang": lang})
    assert response.status_code == 400
    assert response.reason == "lang cannot be a header"
    assert "Content-Language" not in response.headers
    assert response.headers["X-Course"] == DEFAULT_COURSE
    assert_no_injected_header(response)


def test_a_value_that_is_not_latin1_is_a_400_too(client):
    response = client.get("/language", params={"lang": "中文"})
    assert response.status_code == 400
    assert response.reason == "lang cannot be a header"


def test_a_missing_language_is_a_400(client):
    response = client.get("/language")
    assert response.status_code == 400
    assert "Content-Language" not in response.headers


# Without the try (a tiny app of this test): a 500 that keeps the default headers


def test_without_the_try_the_unsafe_header_value_error_is_a_500(caplog):
    caplog.set_level(logging.ERROR, logger="tornado.application")
    app = tornado.web.Application([("/", BrokenLanguageHandler)])
    query = urlencode({"lang": INJECTION})
    response = fetch_in_process(app, f"/?{query}")
    assert response.code == 500
    assert response.headers["X-Course"] == DEFAULT_COURSE
    assert "Content-Language" not in response.headers
    assert "Set-Cookie" not in response.headers
    assert b"admin" not in response.body
    [error] = [r for r in caplog.records if r.name == "tornado.application"]
    assert error.getMessage().startswith("Uncaught exception GET /?lang=")
    assert error.exc_info[0] is ValueError
    assert str(error.exc_info[1]) == "Unsafe header value 'zh\\r\\nSet-Cookie: admin=1'"
