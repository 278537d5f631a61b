"""Lesson 08: set/add/clear headers, default headers on error pages, status lines,
204 without a body, and header values that cannot smuggle in a second header."""

import pytest

DEFAULT_COURSE = "Tornado course"
PAGE_500 = "<html><title>500: Internal Server Error</title><body>500: Internal Server Error</body></html>"
INJECTION = "zh\r\nSet-Cookie: admin=1"


def assert_no_injected_header(response):
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    assert not any("admin" in value for value in response.headers.values())


# set_header, add_header, clear_header, set_default_headers


def test_set_header_replaces_the_default_value(client):
    response = client.get("/headers")
    assert response.status_code == 200
    assert response.headers["X-Course"] == "Tornado course, lesson 08"
    assert response.raw.headers.getlist("X-Course") == ["Tornado course, lesson 08"]


def test_add_header_sends_two_lines_that_requests_joins_with_a_comma(client):
    response = client.get("/headers")
    assert response.status_code == 200
    assert response.raw.headers.getlist("X-Topic") == ["headers", "status codes"]
    assert response.headers["X-Topic"] == "headers, status codes"


def test_clear_header_removes_the_server_header(client):
    response = client.get("/headers")
    assert response.status_code == 200
    assert "Server" not in response.headers
    assert response.text == "curl -i shows the headers of this answer.\n"


def test_default_headers_are_on_answers_that_do_not_override_them(client):
    response = client.get("/status/created")
    assert response.headers["X-Course"] == DEFAULT_COURSE
    assert response.headers["Server"].startswith("TornadoServer/")


# The error path: clear() resets headers and body, then calls set_default_headers() again.


@pytest.mark.parametrize("how", ["raise", "send"])
def test_an_error_page_keeps_default_headers_and_drops_the_methods(client, how):
    response = client.get(f"/error/{how}")
    assert response.status_code == 403
    assert response.reason == "Forbidden"
    assert response.headers["X-Course"] == DEFAULT_COURSE, "the value set in get() is gone, the default is back"
    assert response.text == "<html><title>403: Forbidden</title><body>403: Forbidden</body></html>"


def test_an_uncaught_exception_page_keeps_default_headers_too(client):
    response = client.delete("/broken/note")
    assert response.status_code == 500
    assert response.headers["X-Course"] == DEFAULT_COURSE


# set_status


def test_a_standard_code_gets_its_standard_reason(client):
    response = client.get("/status/created")
    assert response.status_code == 201
    assert response.reason == "Created"


def test_set_status_after_write_works_while_the_body_is_buffered(client):
    response = client.get("/status/created")
    assert response.status_code == 201
    assert response.text == "The created status.\n"


def test_a_custom_code_with_a_reason_shows_it_on_the_status_line(client):
    response = client.get("/status/custom")
    assert response.status_code == 210
    assert response.reason == "Course Custom"
    assert response.text == "The custom status.\n"


def test_an_unknown_code_without_reason_is_not_an_error_but_unknown(client):
    # Older tutorials: ValueError. Since Tornado 5.0 the code goes out as it is.
    response = client.get("/status/unknown")
    assert response.status_code == 211
    assert response.reason == "Unknown"
    assert response.text == "The unknown status.\n"


@pytest.mark.parametrize("reason", ["<b>", "a\r\nX-Evil: 1", "a\nX-Evil: 1"])
def test_an_unsafe_reason_becomes_unknown(client, reason):
    response = client.get("/status/custom", params={"reason": reason})
    assert response.status_code == 210
    assert response.reason == "Unknown"
    assert "X-Evil" not in response.headers


# 204 No Content


def test_delete_answers_an_empty_204(client):
    response = client.delete("/note")
    assert response.status_code == 204
    assert response.reason == "No Content"
    assert "Content-Type" not in response.headers, "Tornado drops Content-Type from a 204"
    assert response.headers["X-Course"] == DEFAULT_COURSE
    assert response.content == b""


def test_broken_204_with_a_body_is_a_500_and_a_runtime_error_in_the_log(client, server):
    response = client.delete("/broken/note")
    assert response.status_code == 500
    assert (
        response.text == "<html><title>500: Internal Server Error</title><body>500: Internal Server Error</body></html>"
    )
    assert "Deleted." not in response.text
    log = server.wait_for_log("500 DELETE /broken/note")
    assert "Uncaught exception DELETE /broken/note" in log
    assert "RuntimeError: Cannot send body with status code HTTP204" in log


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
    assert response.reason == "Line break in lang"
    assert "Content-Language" not in response.headers
    assert_no_injected_header(response)


def test_a_missing_language_is_a_400(client):
    response = client.get("/language")
    assert response.status_code == 400
    assert "Content-Language" not in response.headers


def test_broken_language_is_a_500_from_the_unsafe_header_value_error(client, server):
    response = client.get("/broken/language", params={"lang": INJECTION})
    assert response.status_code == 500
    assert "Content-Language" not in response.headers
    assert_no_injected_header(response)
    log = server.wait_for_log("500 GET /broken/language")
    assert "ValueError: Unsafe header value 'zh\\r\\nSet-Cookie: admin=1'" in log


# The order of write() and set_status()


def test_broken_set_status_after_flush_is_lost_but_logged(client, server):
    response = client.get("/broken/late-status")
    assert response.status_code == 200, "the status line left with flush(), before set_status(201)"
    assert response.text == "The status line is already sent.\n"
    server.wait_for_log("201 GET /broken/late-status")
