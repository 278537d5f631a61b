"""Exercise 11: a books API whose errors (HTTPError, send_error, a bug) answer
JSON with the right status, and whose methods stop after an error."""

import pytest

JSON = "application/json; charset=UTF-8"


def assert_json_error(response, code, message):
    assert response.status_code == code, f"this error should be a {code}"
    assert response.headers["Content-Type"] == JSON, "errors should be JSON: override write_error() and finish a dict"
    assert response.json() == {"error": {"code": code, "message": message}}, (
        "the message should be the message= keyword when send_error() got one, else the reason phrase"
    )


def test_a_book_is_json(client):
    response = client.get("/books/1")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON
    assert response.json() == {"id": 1, "title": "Dream of the Red Chamber", "ratings": [5, 4, 5]}


def test_a_missing_book_is_a_json_404_no_such_book(client):
    response = client.get("/books/99")
    assert_json_error(response, 404, "No Such Book")
    assert response.reason == "No Such Book", (
        'the reason phrase should be "No Such Book": raise HTTPError(..., reason=...)'
    )


@pytest.mark.parametrize("book_id", ["abc", "-1", "1234567890"])
def test_a_malformed_id_is_a_json_400_with_the_message(client, book_id):
    response = client.get(f"/books/{book_id}")
    assert_json_error(response, 400, "the id must be a number of 1 to 9 digits")


def test_a_bug_is_a_json_500_without_the_traceback(client):
    response = client.get("/broken/books/2/rating")
    assert_json_error(response, 500, "Internal Server Error")
    assert "Traceback" not in response.text, "never send the traceback to the client"


def test_the_rating_of_a_rated_book_works(client):
    response = client.get("/broken/books/1/rating")
    assert response.status_code == 200
    assert response.json() == {"rating": pytest.approx(14 / 3)}


@pytest.mark.parametrize("book_id", ["99", "abc"])
def test_the_method_stops_after_an_error(client, server, book_id):
    start = len(server.log())
    client.get(f"/books/{book_id}")
    client.get("/books/1")  # served only once the method of the first request has ended
    log = server.wait_for_log("200 GET /books/1 (", after=start)
    assert f"Uncaught exception GET /books/{book_id} " not in log, (
        f"after the error for /books/{book_id} the method went on and failed (see the log): "
        "send_error() does not stop it, so return right after it, or raise HTTPError"
    )
