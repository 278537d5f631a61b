"""Exercise 20: every error of the books API answers JSON {"error": {...}}."""

import pytest

JSON = "application/json; charset=UTF-8"


def assert_json_error(response, code, message):
    assert response.status_code == code, f"this error should be a {code}"
    assert response.headers["Content-Type"] == JSON, (
        "errors should be JSON: override write_error() and finish a dict, "
        f"not {response.headers['Content-Type']}"
    )
    assert response.json() == {"error": {"code": code, "message": message}}, (
        "the message should be send_error()'s message= when it got one, else the "
        f"reason phrase; the answer was {response.text}"
    )


def test_a_book_is_json(client):
    response = client.get("/books/1")
    assert response.status_code == 200, "GET /books/1 should answer 200"
    assert response.headers["Content-Type"] == JSON
    assert response.json() == {"id": 1, "title": "Dream of the Red Chamber"}


def test_a_missing_book_is_a_json_404_no_such_book(client):
    response = client.get("/books/99")
    assert_json_error(response, 404, "No Such Book")
    assert response.reason == "No Such Book"


@pytest.mark.parametrize("book_id", ["abc", "1234567890"])
def test_a_malformed_id_is_a_json_400_with_the_message(client, book_id):
    assert_json_error(client.get(f"/books/{book_id}"), 400, "the id must be a number")


def test_get_stops_after_the_400(client, server):
    start = len(server.log())
    client.get("/books/abc")
    client.get("/books/1")  # served only once the method of /books/abc has ended
    log = server.wait_for_log("200 GET /books/1 (", after=start)
    assert "Uncaught exception GET /books/abc " not in log, (
        "get() went on after send_error(400): keep its return. The log:\n" + log
    )


def test_invalid_utf8_in_the_path_is_a_json_400_bad_request(client):
    # Tornado refuses it before get() runs: write_error gets exc_info alone.
    assert_json_error(client.get("/books/%FF"), 400, "Bad Request")


def test_a_bug_is_a_json_500_without_the_traceback(client):
    response = client.get("/broken/crash")
    assert_json_error(response, 500, "Internal Server Error")
    assert "Traceback" not in response.text, "never send the traceback to the client"
