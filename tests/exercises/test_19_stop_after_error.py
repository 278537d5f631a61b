"""Exercise 19: a missing book is a 404 "No Such Book", and the method stops."""

from tests.support import default_page

PAGE = default_page(404, "No Such Book")


def test_a_book_shows_its_title(client):
    response = client.get("/books/1")
    assert response.status_code == 200, "GET /books/1 should answer 200"
    assert response.text == "Dream of the Red Chamber\n"


def test_a_missing_book_is_a_404_no_such_book(client):
    response = client.get("/books/99")
    assert response.status_code == 404, "GET /books/99 should answer 404"
    assert response.reason == "No Such Book", (
        f'the status line says "404 {response.reason}", not "404 No Such Book": '
        "give the error reason=..."
    )


def test_the_404_page_shows_the_reason(client):
    response = client.get("/books/98")
    assert response.text == PAGE, f"Tornado's page should read {PAGE!r}"


def test_the_method_stops_after_the_error(client, server):
    start = len(server.log())
    client.get("/books/97")
    client.get("/books/2")  # served only once the method of /books/97 has ended
    log = server.wait_for_log("200 GET /books/2 (", after=start)
    assert "Uncaught exception GET /books/97 " not in log, (
        "after the 404 the method went on and failed: send_error() does not stop "
        "it, so raise HTTPError (or return right after send_error()). The log:\n" + log
    )


def test_another_book_still_works(client):
    response = client.get("/books/2")
    assert response.status_code == 200, "GET /books/2 should answer 200"
    assert response.text == "Journey to the West\n"
