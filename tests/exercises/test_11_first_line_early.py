"""Exercise 11: GET /report flushes "Working...\\n" as its own first chunk."""

from tests.support import raw_get


def test_report_answers_both_lines(client):
    response = client.get("/report")
    assert response.status_code == 200, "GET /report should answer 200"
    assert response.text == "Working...\nDone.\n", (
        f"the body should be 'Working...\\n' then 'Done.\\n', not {response.text!r}"
    )


def test_report_goes_out_chunked(client):
    response = client.get("/report")
    assert "Content-Length" not in response.headers, (
        "a Content-Length means the whole body left at the end: flush() the first line"
    )
    assert response.headers.get("Transfer-Encoding") == "chunked", (
        "after a flush() the body goes out chunked: call await self.flush()"
    )


def test_the_first_line_is_its_own_chunk(server):
    head, body = raw_get(server, "/report")
    assert head.startswith("HTTP/1.1 200 OK\r\n"), head
    # A chunk is its size in hex, CRLF, the data, CRLF; size 0 ends the body.
    assert body == b"b\r\nWorking...\n\r\n6\r\nDone.\n\r\n0\r\n\r\n", (
        "the chunks on the wire should be 'Working...\\n', then 'Done.\\n'; "
        f"they are {body!r}"
    )


def test_an_unknown_path_is_still_a_404(client):
    assert client.get("/reports").status_code == 404
