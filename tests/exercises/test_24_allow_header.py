"""Exercise 24: every 405 from /counters/<name> carries "Allow: GET, POST"."""

import pytest

HINT = "set it in write_error() when status_code == 405"


def allow_of(response):
    assert response.status_code == 405, f"expected a 405, got {response.status_code}"
    assert "Allow" in response.headers, f"a 405 MUST carry an Allow header: {HINT}"
    return response.headers["Allow"]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_a_method_the_handler_lacks_is_a_405_with_allow(client, method):
    response = client.request(method, "/counters/clicks")
    assert allow_of(response) == "GET, POST", 'the header should read "GET, POST"'
    assert response.json() == {"error": "Method Not Allowed"}, "keep the JSON body"


def test_head_and_options_are_405s_with_allow_too(client):
    for method in ["HEAD", "OPTIONS"]:
        response = client.request(method, "/counters/clicks")
        assert allow_of(response) == "GET, POST", f"{method}: Allow: GET, POST"


def test_a_method_tornado_does_not_know_is_a_405_with_allow(client):
    response = client.request("BREW", "/counters/clicks")
    assert allow_of(response) == "GET, POST", "BREW goes through write_error() too"


def test_allow_lists_exactly_the_methods_that_are_not_405(client):
    for method in ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]:
        status = client.request(method, "/counters/listed").status_code
        assert (status != 405) == (method in ("GET", "POST")), f"{method}: {status}"


def test_get_and_post_still_count(client):
    assert client.get("/counters/visits").json() == {"name": "visits", "value": 0}
    response = client.post("/counters/visits")
    assert response.status_code == 200, "POST /counters/visits should answer 200"
    assert response.json() == {"name": "visits", "value": 1}
    assert "Allow" not in response.headers, "only a 405 needs Allow"
