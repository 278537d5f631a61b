"""Exercise 07: POST /keys parses a JSON body and refuses what is not an object."""

JSON = "application/json; charset=UTF-8"


def post(client, body):
    return client.post("/keys", data=body, headers={"Content-Type": "application/json"})


def test_an_object_answers_its_sorted_keys(client):
    response = post(client, b'{"b": 1, "a": 2}')
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON
    assert response.json() == {"keys": ["a", "b"]}, (
        "parse the body with json.loads(self.request.body)"
    )


def test_an_empty_object_has_no_keys(client):
    response = post(client, b"{}")
    assert response.status_code == 200
    assert response.json() == {"keys": []}


def test_a_body_that_is_not_json_is_a_400(client):
    response = post(client, b"{b: 1}")
    assert response.status_code == 400, (
        "a body that is not JSON should be a 400: do you parse self.request.body?"
    )
    assert response.headers["Content-Type"] == JSON
    assert response.json() == {"error": "the body is not valid JSON"}


def test_json_that_is_not_an_object_is_a_400(client):
    for body in ["[1, 2]", '"ab"', "42", "true", "null"]:
        response = post(client, body.encode())
        assert response.status_code == 400, (
            f"{body} is valid JSON but not an object: check isinstance(data, dict)"
        )
        assert response.headers["Content-Type"] == JSON
        assert response.json() == {"error": "send a JSON object"}, f"the body {body}"
