"""Exercise 22: prepare() refuses a missing or wrong API key with a 401."""

KEY = {"X-Api-Key": "course-key"}


def count(client):
    response = client.get("/count", headers=KEY)
    assert response.status_code == 200, "GET /count with the right key should be 200"
    return response.json()["count"]


def test_the_right_key_counts(client):
    before = count(client)
    response = client.post("/count", headers=KEY)
    assert response.status_code == 200, "POST /count with the right key should be 200"
    assert response.json() == {"count": before + 1}
    assert count(client) == before + 1


def test_get_without_a_key_is_a_401(client):
    response = client.get("/count")
    assert response.status_code == 401, "GET /count without X-Api-Key should be a 401"
    assert "count" not in response.text


def test_post_without_a_key_is_a_401_and_does_not_count(client):
    before = count(client)
    response = client.post("/count")
    assert response.status_code == 401, (
        "POST /count without X-Api-Key should be refused in prepare() with a 401"
    )
    assert count(client) == before, "post() ran without a key: check it in prepare()"


def test_a_wrong_key_is_a_401_and_does_not_count(client):
    before = count(client)
    for wrong in ["wrong", "COURSE-KEY", "course-ke", "", "课程".encode()]:
        response = client.post("/count", headers={"X-Api-Key": wrong})
        assert response.status_code == 401, f"the key {wrong!r} should be refused"
    assert count(client) == before, "post() ran with a wrong key"


def test_put_without_a_key_is_a_401_because_prepare_runs_first(client):
    response = client.put("/count")
    assert response.status_code == 401, (
        "PUT /count without a key should be a 401: prepare() runs even for a "
        "method the handler lacks, before the 405"
    )


def test_put_with_the_key_is_a_405(client):
    response = client.put("/count", headers=KEY)
    assert response.status_code == 405, "CountHandler has no put(): 405 with the key"


def test_the_api_key_option_sets_the_key(start_script, script, client_for):
    server = start_script(script, "--api_key=s3cret")
    client = client_for(server)
    response = client.get("/count", headers=KEY)
    assert response.status_code == 401, "with --api_key=s3cret, course-key is wrong"
    response = client.get("/count", headers={"X-Api-Key": "s3cret"})
    assert response.status_code == 200, "with --api_key=s3cret, s3cret is right"
    assert response.json() == {"count": 0}
