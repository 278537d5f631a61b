"""Lesson 14: status codes and reasons, and a 204 without a body."""

import pytest

from tests.support import PAGE_500, status_line

UNSENDABLE = ["<b>", "a\r\nX-Evil: 1", "a\nX-Evil: 1", "课程", ""]  # reasons


# set_status


def test_a_standard_code_gets_its_standard_reason(client):
    response = client.get("/status/created")
    assert response.status_code == 201
    assert response.reason == "Created"


def test_set_status_after_write_works_while_the_body_is_buffered(client):
    response = client.get("/status/created")
    assert response.status_code == 201
    assert response.text == "The created status.\n"


def test_a_custom_code_with_a_reason_shows_it_on_the_status_line(client, server):
    response = client.get("/status/custom")
    assert response.status_code == 210
    assert response.reason == "Course Custom"
    assert response.text == "The custom status.\n"
    assert status_line(server, "/status/custom") == "HTTP/1.1 210 Course Custom"


def test_an_unknown_code_without_reason_is_not_an_error_but_unknown(client, server):
    # Older tutorials: ValueError. Since Tornado 5.0 the code goes out as it is.
    response = client.get("/status/unknown")
    assert response.status_code == 211
    assert response.reason == "Unknown"
    assert response.text == "The unknown status.\n"
    assert status_line(server, "/status/unknown") == "HTTP/1.1 211 Unknown"


@pytest.mark.parametrize("reason", UNSENDABLE)
def test_a_reason_tornado_cannot_send_becomes_unknown(client, reason):
    response = client.get("/status/custom", params={"reason": reason})
    assert response.status_code == 210
    assert response.reason == "Unknown"
    assert "X-Evil" not in response.headers
    assert response.text == "The custom status.\n"


def test_an_unknown_status_path_is_a_404(client):
    assert client.get("/status/other").status_code == 404


# 204 No Content


def test_delete_answers_an_empty_204(client):
    response = client.delete("/note")
    assert response.status_code == 204
    assert response.reason == "No Content"
    assert "Content-Type" not in response.headers, "Tornado drops it from a 204"
    assert "Content-Length" not in response.headers
    assert response.content == b""


def test_get_on_the_note_is_a_405(client):
    assert client.get("/note").status_code == 405


def test_broken_204_with_a_body_is_a_500_and_a_runtime_error_in_the_log(client, server):
    seen = len(server.log())
    response = client.delete("/broken/note")
    assert response.status_code == 500
    assert response.text == PAGE_500
    assert "Deleted." not in response.text
    log = server.wait_for_log("500 DELETE /broken/note", after=seen)
    assert "Uncaught exception DELETE /broken/note" in log
    assert "RuntimeError: Cannot send body with status code HTTP204" in log
