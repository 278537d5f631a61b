"""Lesson 07: the output buffer, write(dict) and JSON, flush() and chunks,
and the mistakes: a list, two dicts, a header after flush(), write() after finish()."""

import json
import socket

import pytest

JSON_UTF8 = "application/json; charset=UTF-8"
HTML_UTF8 = "text/html; charset=UTF-8"
ERROR_500_PAGE = "<html><title>500: Internal Server Error</title><body>500: Internal Server Error</body></html>"


def raw_get(server, path):
    """Every byte the server sends for one HTTP/1.1 GET, framing included."""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as connection:
        connection.sendall(request.encode())
        received = b""
        while data := connection.recv(65536):
            received += data
    head, _, body = received.partition(b"\r\n\r\n")
    return head.decode("latin-1"), body


# The output buffer


def test_three_writes_make_one_body_with_one_content_length(client):
    response = client.get("/buffer")
    assert response.status_code == 200
    assert response.headers["Content-Length"] == "16"
    assert "Transfer-Encoding" not in response.headers
    assert response.text == "Hello, Tornado!\n"


# write(dict) versus a JSON string you made yourself


def test_write_dict_sends_json_with_the_json_content_type(client):
    response = client.get("/student")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON_UTF8
    assert response.text == '{"name": "\\u5f20\\u4e09", "age": 24}'
    assert response.json() == {"name": "张三", "age": 24}


def test_a_json_string_you_wrote_yourself_is_sent_as_text_html(client):
    response = client.get("/student/text")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == HTML_UTF8
    assert response.content == client.get("/student").content


def test_ensure_ascii_false_and_your_own_header_give_readable_utf8_json(client):
    # The header was set after write(): still in time, nothing had been sent.
    response = client.get("/student/readable")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON_UTF8
    assert response.headers["Content-Length"] == "29"  # bytes, not characters: 张三 is 6 bytes
    assert response.content == '{"name": "张三", "age": 24}'.encode()


def test_write_dict_escapes_non_ascii_and_the_closing_tag_sequence(client):
    response = client.get("/echo", params={"text": "你好</script>"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON_UTF8
    assert response.text == '{"text": "\\u4f60\\u597d<\\/script>"}'
    # Both escapes are plain JSON: the text decodes back unchanged.
    assert response.json() == {"text": "你好</script>"}


def test_echo_without_text_is_a_400_not_a_500(client):
    response = client.get("/echo")
    assert response.status_code == 400
    assert "400: Bad Request" in response.text


def test_echo_with_invalid_utf8_is_a_400_not_a_500(client):
    response = client.get("/echo?text=%ff")
    assert response.status_code == 400


# Lists are refused


def test_writing_a_list_is_a_500_and_logs_the_type_error(client, server):
    seen = len(server.log())
    response = client.get("/broken/scores")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == HTML_UTF8
    assert response.text == ERROR_500_PAGE  # the traceback stays in the log
    log = server.wait_for_log("Lists not accepted for security reasons", after=seen)
    assert "Uncaught exception GET /broken/scores" in log
    assert (
        "TypeError: write() only accepts bytes, unicode, and dict objects. "
        "Lists not accepted for security reasons" in log
    )


def test_a_list_wrapped_in_an_object_is_fine(client):
    response = client.get("/scores")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON_UTF8
    assert response.text == '{"scores": [90, 85, 77]}'


def test_two_dicts_in_a_row_are_two_json_documents_not_one(client):
    response = client.get("/broken/two-objects")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON_UTF8
    assert response.text == '{"name": "\\u5f20\\u4e09", "age": 24}{"scores": [90, 85, 77]}'
    with pytest.raises(json.JSONDecodeError, match="Extra data"):
        json.loads(response.text)


# flush() and chunked responses


def test_flush_makes_a_chunked_response_without_content_length(client):
    response = client.get("/countdown")
    assert response.status_code == 200
    assert response.headers["Transfer-Encoding"] == "chunked"
    assert "Content-Length" not in response.headers
    assert response.text == "3\n2\n1\nliftoff!\n"


def test_each_flush_is_one_chunk_on_the_wire(server):
    head, body = raw_get(server, "/countdown")
    assert head.startswith("HTTP/1.1 200 OK\r\n")
    assert "\r\nTransfer-Encoding: chunked" in head
    # Chunk = size in hex, CRLF, data, CRLF; a zero-size chunk ends the body.
    assert body == b"2\r\n3\n\r\n2\r\n2\n\r\n2\r\n1\n\r\n9\r\nliftoff!\n\r\n0\r\n\r\n"


def test_a_chunked_response_can_be_read_piece_by_piece(client):
    with client.get("/countdown", stream=True) as response:
        assert response.status_code == 200
        lines = list(response.iter_lines(decode_unicode=True))
    assert lines == ["3", "2", "1", "liftoff!"]


def test_a_header_set_after_write_still_applies_before_flush(client):
    response = client.get("/broken/header-after-flush")
    assert response.status_code == 200
    assert response.headers["X-Before-Flush"] == "sent"


def test_a_header_set_after_flush_is_silently_lost(client, server):
    seen = len(server.log())
    response = client.get("/broken/header-after-flush")
    assert response.status_code == 200
    assert "X-After-Flush" not in response.headers
    assert response.text == "The headers left with the first flush().\n"
    log = server.wait_for_log("200 GET /broken/header-after-flush", after=seen)
    assert "[E " not in log
    assert "[W " not in log


# write() after finish()


def test_write_after_finish_leaves_the_client_a_complete_200(client):
    response = client.get("/broken/write-after-finish")
    assert response.status_code == 200
    assert response.headers["Content-Length"] == "25"
    assert response.text == "This answer is complete.\n"


def test_write_after_finish_logs_a_runtime_error(client, server):
    seen = len(server.log())
    client.get("/broken/write-after-finish")
    log = server.wait_for_log("RuntimeError: Cannot write() after finish()", after=seen)
    assert "Uncaught exception GET /broken/write-after-finish" in log
    # The access line (the 200 already sent) comes before the error.
    assert log.index("200 GET /broken/write-after-finish") < log.index("Uncaught exception")
