"""Lesson 11: write() fills a buffer, flush() sends chunks, and what comes too late."""

import logging
import socket

import pytest
import tornado.web

from tests.introspect import load
from tests.support import PAGE_500, fetch_in_process, raw_get

COUNTDOWN = "3\n2\n1\nliftoff!\n"
HTML_UTF8 = "text/html; charset=UTF-8"
PAUSE = 0.1  # seconds between two numbers, for the client that leaves


@pytest.fixture(scope="module")
def server(script, module_scripts):
    """The lesson with no pause between the numbers, so each countdown is quick."""
    return module_scripts.start(script, "--delay=0")


# The output buffer


def test_three_writes_without_flush_make_one_body_with_one_content_length(client):
    response = client.get("/countdown/buffer")
    assert response.status_code == 200
    assert response.headers["Content-Length"] == "15"
    assert "Transfer-Encoding" not in response.headers
    assert response.text == COUNTDOWN


def test_an_unknown_countdown_is_a_404(client):
    assert client.get("/countdown/stream").status_code == 404


# flush() and chunked responses


def test_flush_makes_a_chunked_response_without_content_length(client):
    response = client.get("/countdown/flush")
    assert response.status_code == 200
    assert response.headers["Transfer-Encoding"] == "chunked"
    assert "Content-Length" not in response.headers
    assert response.text == COUNTDOWN


def test_each_flush_is_one_chunk_on_the_wire(server):
    head, body = raw_get(server, "/countdown/flush")
    assert head.startswith("HTTP/1.1 200 OK\r\n")
    assert "\r\nTransfer-Encoding: chunked" in head
    # Chunk = size in hex, CRLF, data, CRLF; a zero-size chunk ends the body.
    assert body == b"2\r\n3\n\r\n2\r\n2\n\r\n2\r\n1\n\r\n9\r\nliftoff!\n\r\n0\r\n\r\n"


def test_a_chunked_response_can_be_read_piece_by_piece(client):
    with client.get("/countdown/flush", stream=True) as response:
        assert response.status_code == 200
        lines = list(response.iter_lines(decode_unicode=True))
    assert lines == ["3", "2", "1", "liftoff!"]


def test_the_default_pause_between_numbers_is_half_a_second(script):
    assert load(script).options.delay == 0.5


# A client that leaves before the end


def test_a_client_that_leaves_mid_countdown_leaves_a_clean_log(script, start_script):
    paused = start_script(script, f"--delay={PAUSE}")
    seen = len(paused.log())
    address = (paused.connect_host, paused.port)
    with socket.create_connection(address, timeout=5) as connection:
        connection.sendall(b"GET /countdown/flush HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = b""
        while not answer.endswith(b"\r\n\r\n2\r\n3\n\r\n"):  # the head, then "3"
            data = connection.recv(1024)
            assert data, f"the server hung up before the first number: {answer!r}"
            answer += data
    # Gone now, like curl after Ctrl+C: "2" comes after the pause, and its flush()
    # finds nobody to answer.
    log = paused.wait_for_log("GET /countdown/flush (", after=seen)
    assert "200 GET /countdown/flush (" in log, log
    assert "Uncaught exception" not in log, log
    assert "Cannot send error response after headers written" not in log, log


# After flush(): too late for headers and the status


def test_a_header_set_after_write_still_applies_before_flush(client):
    response = client.get("/broken/after-flush")
    assert response.status_code == 200
    assert response.headers["X-Before-Flush"] == "sent"


def test_a_header_set_after_flush_is_silently_lost(client, server):
    seen = len(server.log())
    response = client.get("/broken/after-flush")
    assert response.status_code == 200
    assert "X-After-Flush" not in response.headers
    assert response.text == "The headers left with the first flush().\n"
    log = server.wait_for_log("GET /broken/after-flush", after=seen)
    assert "[E " not in log
    assert "[W " not in log


def test_a_status_set_after_flush_is_lost_but_the_log_shows_it(client, server):
    seen = len(server.log())
    response = client.get("/broken/after-flush")
    assert response.status_code == 200, "the status line left with flush()"
    log = server.wait_for_log("GET /broken/after-flush", after=seen)
    assert "201 GET /broken/after-flush" in log, log


# write() after finish(), in a tiny app of this test


class WriteAfterFinishHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("This answer is complete.\n")
        self.finish()
        self.write("One line too many.\n")


def test_write_after_finish_leaves_a_complete_200_and_logs_a_runtime_error(caplog):
    caplog.set_level(logging.INFO, logger="tornado")
    app = tornado.web.Application([("/", WriteAfterFinishHandler)])
    response = fetch_in_process(app)
    assert response.code == 200
    assert response.headers["Content-Length"] == "25"
    assert response.body == b"This answer is complete.\n"
    names = [record.name for record in caplog.records]
    access = caplog.records[names.index("tornado.access")]
    error = caplog.records[names.index("tornado.application")]
    # The access line (the 200 already sent) comes before the error.
    assert names.index("tornado.access") < names.index("tornado.application")
    assert access.getMessage().startswith("200 GET / ")
    assert error.getMessage().startswith("Uncaught exception GET / ")
    assert error.exc_info[0] is RuntimeError
    assert str(error.exc_info[1]) == "Cannot write() after finish()"


# The old way to stream


def test_flush_with_a_callback_is_a_500_and_a_type_error_in_the_log(client, server):
    seen = len(server.log())
    response = client.get("/broken/flush-callback")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == HTML_UTF8
    assert response.text == PAGE_500  # the traceback stays in the log
    log = server.wait_for_log("500 GET /broken/flush-callback", after=seen)
    assert "Uncaught exception GET /broken/flush-callback" in log
    assert "TypeError: RequestHandler.flush() got an unexpected keyword argument" in log


def test_the_asynchronous_decorator_is_gone():
    assert not hasattr(tornado.web, "asynchronous")
