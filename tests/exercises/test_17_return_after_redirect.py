"""Exercise 17: after each refusal, post() returns, so nothing is stored."""

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest


def new_name():
    """A name no other test uses: the tests share one server and its memory."""
    return f"u{uuid.uuid4().hex[:12]}"


def sign_up(server, client, name, answer="5"):
    """POST the form; wait for its access-log line, so the rest of post() ran."""
    mark = len(server.log())
    data = {"username": name, "answer": answer}
    response = client.post("/signup", data=data, allow_redirects=False)
    server.wait_for_log(f"{response.status_code} POST /signup (", after=mark)
    return response


def names(client):
    response = client.get("/signup")
    assert response.status_code == 200, "GET /signup should list the names"
    return response.text.splitlines()


def test_a_right_answer_stores_a_new_name_once(server, client):
    name = new_name()
    response = sign_up(server, client, name)
    assert response.status_code == 302, "a POST to /signup answers 302"
    assert response.headers["Location"] == "/signup"
    assert names(client).count(name) == 1, f"GET /signup should list {name} once"


def test_a_wrong_answer_stores_nothing(server, client):
    name = new_name()
    response = sign_up(server, client, name, answer="4")
    assert response.status_code == 302, "a refusal is a redirect to /signup too"
    assert response.headers["Location"] == "/signup"
    assert name not in names(client), (
        "a wrong answer still stored the name: the redirect ended the response, "
        "not post(). Put `return` in front of that redirect."
    )


def test_a_taken_name_is_not_stored_twice(server, client):
    name = new_name()
    sign_up(server, client, name)
    response = sign_up(server, client, name)
    assert response.headers["Location"] == "/signup"
    assert names(client).count(name) == 1, (
        "a taken name was stored a second time: return after that redirect too"
    )


def test_fifty_sign_ups_of_one_name_at_once_store_it_once(server, client_for):
    name, clients = new_name(), [client_for(server) for _ in range(50)]
    data = {"username": name, "answer": "5"}

    def sign_up_once(one):
        return one.post("/signup", data=data, allow_redirects=False).status_code

    with ThreadPoolExecutor(max_workers=50) as pool:
        assert list(pool.map(sign_up_once, clients)) == [302] * 50
    assert names(client_for(server)).count(name) == 1, (
        f"50 sign-ups of {name} at once stored it more than once"
    )


@pytest.mark.parametrize(
    "name", ["no-dash", "x" * 33, ""], ids=["dash", "long", "empty"]
)
def test_a_bad_name_is_not_stored(server, client, name):
    response = sign_up(server, client, name)
    assert response.headers["Location"] == "/signup"
    assert name not in names(client), (
        f"the bad name {name!r} was stored: return after that redirect"
    )
