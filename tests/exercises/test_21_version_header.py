"""Exercise 21: a header that uses what initialize() stored, set after it runs."""

import pytest
import requests

NO_ANSWER = (
    "GET {path} got no answer at all: set_default_headers() runs before "
    "initialize(), so self.version does not exist there yet"
)


def get(client, path):
    """GET path; a failed test (not an error) when the server sends no answer."""
    try:
        return client.get(path)
    except requests.ConnectionError:
        pass
    pytest.fail(NO_ANSWER.format(path=path), pytrace=False)


def test_v1_hello_answers_200(client):
    response = get(client, "/v1/hello")
    assert response.status_code == 200, "GET /v1/hello should answer 200"
    assert response.text == "Hello from version 1.\n"


def test_v1_hello_carries_version_1(client):
    response = get(client, "/v1/hello")
    assert response.headers.get("X-Api-Version") == "1", (
        "GET /v1/hello should carry the header X-Api-Version: 1"
    )


def test_v2_hello_carries_version_2_from_its_own_route(client):
    response = get(client, "/v2/hello")
    assert response.status_code == 200, "GET /v2/hello should answer 200"
    assert response.headers.get("X-Api-Version") == "2", (
        "GET /v2/hello should carry X-Api-Version: 2, the version its route gives"
    )
    assert response.text == "Hello from version 2.\n"


def test_the_constructor_no_longer_fails(client, server):
    mark = len(server.log())
    get(client, "/v1/hello")
    log = server.wait_for_log("GET /v1/hello", after=mark)
    assert "AttributeError" not in log, f"the server logged an error:\n{log}"
