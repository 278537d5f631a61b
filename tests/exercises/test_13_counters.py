"""Exercise 13: PUT sets (idempotent), POST adds one (not idempotent), DELETE
answers 204 then 404, and every 405 carries Allow. Each test uses counters of
its own, so the tests do not depend on each other's order."""

import pytest

ALLOWED = {"GET", "PUT", "POST", "DELETE"}


def put(client, name, value):
    return client.put(f"/counters/{name}", json={"value": value})


def value_of(client, name):
    response = client.get(f"/counters/{name}")
    assert response.status_code == 200, f"GET /counters/{name} should find the counter"
    return response.json()["value"]


def allowed(response):
    assert "Allow" in response.headers, "a 405 MUST carry an Allow header: set it in write_error()"
    return {method.strip() for method in response.headers["Allow"].split(",")}


# PUT: set the value; the same PUT again changes nothing


def test_put_creates_a_counter_with_201(client):
    response = put(client, "created", 5)
    assert response.status_code == 201, "the PUT that creates a counter answers 201"
    assert response.json() == {"name": "created", "value": 5}


def test_put_on_an_existing_counter_sets_the_new_value_with_200(client):
    put(client, "replaced", 5)
    response = put(client, "replaced", 8)
    assert response.status_code == 200, "a PUT that replaces answers 200"
    assert response.json() == {"name": "replaced", "value": 8}, "PUT sets the value: 8, not 5 + 8"


def test_repeating_a_put_leaves_the_same_value(client):
    answers = [put(client, "idempotent", 7).json()["value"] for _ in range(3)]
    assert answers == [7, 7, 7], "PUT is idempotent: the same PUT three times must leave 7"
    assert value_of(client, "idempotent") == 7


# POST: add one; every POST counts


def test_post_adds_one_each_time(client):
    answers = []
    for _ in range(3):
        response = client.post("/counters/clicks")
        assert response.status_code == 200
        answers.append(response.json()["value"])
    assert answers == [1, 2, 3], "POST is not idempotent: each POST adds one, from 0"
    assert value_of(client, "clicks") == 3


def test_post_counts_on_from_a_put_value(client):
    put(client, "from-ten", 10)
    response = client.post("/counters/from-ten")
    assert response.json() == {"name": "from-ten", "value": 11}, "POST adds one to the value PUT set"


# DELETE: 204 once, then 404


def test_delete_answers_204_then_404(client):
    put(client, "doomed", 3)
    first = client.delete("/counters/doomed")
    assert first.status_code == 204
    assert first.content == b""
    second = client.delete("/counters/doomed")
    assert second.status_code == 404, "a second DELETE finds nothing to delete: answer 404"
    assert client.get("/counters/doomed").status_code == 404, "the counter stays gone"


def test_deleting_a_counter_that_never_existed_is_a_404(client):
    assert client.delete("/counters/never").status_code == 404, "answer 404 when there is no such counter"


# 405 with Allow


@pytest.mark.parametrize("method", ["PATCH", "HEAD", "OPTIONS", "BREW"])
def test_a_405_carries_allow(client, method):
    response = client.request(method, "/counters/anything")
    assert response.status_code == 405
    assert allowed(response) == ALLOWED, "Allow lists the methods the handler has"


# Things that already work: keep them working


def test_an_unknown_counter_is_a_404(client):
    response = client.get("/counters/nobody")
    assert response.status_code == 404
    assert response.json() == {"error": "No such counter"}


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b'{"value": "5"}', "application/json", 400),
        (b'{"value": true}', "application/json", 400),
        (b'{"value": 1.5}', "application/json", 400),
        (b"[5]", "application/json", 400),
        (b'{"value": ', "application/json", 400),
        (b'{"value": "\xff"}', "application/json", 400),
        (b"value=5", "application/x-www-form-urlencoded", 415),
        (b'{"value": ' + b"9" * 2000 + b"}", "application/json", 413),
    ],
    ids=["string", "boolean", "float", "array", "invalid JSON", "invalid UTF-8", "a form", "too big"],
)
def test_a_bad_put_is_a_4xx_and_creates_nothing(client, body, content_type, status):
    response = client.put("/counters/bad", data=body, headers={"Content-Type": content_type})
    assert response.status_code == status
    assert client.get("/counters/bad").status_code == 404, "a refused PUT must not create the counter"
