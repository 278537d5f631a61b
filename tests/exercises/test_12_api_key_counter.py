"""Exercise 12: prepare() refuses a missing or wrong key with a 401 before any
method runs, set_default_headers() keeps Cache-Control on the 401, and
on_finish() logs a timer line with the final status."""

import re
import uuid

KEY = {"X-Api-Key": "course-key"}


def log_of(client, server, send):
    """What the server logged for the request send() makes, on_finish() included."""
    mark = len(server.log())
    send()
    # The server runs one request at a time: once it has logged the next one,
    # the on_finish() of this one is over.
    marker = uuid.uuid4().hex
    client.get(f"/count?after={marker}")
    return server.wait_for_log(f"/count?after={marker} ", after=mark)


def count(client):
    response = client.get("/count", headers=KEY)
    assert response.status_code == 200, "GET /count with the right key should answer 200"
    return response.json()["count"]


def test_the_right_key_counts(client):
    before = count(client)
    response = client.post("/count", headers=KEY)
    assert response.status_code == 200
    assert response.json() == {"count": before + 1}
    assert count(client) == before + 1


def test_get_without_a_key_is_a_401(client):
    response = client.get("/count")
    assert response.status_code == 401
    assert "count" not in response.text


def test_post_without_a_key_is_a_401(client):
    response = client.post("/count")
    assert response.status_code == 401, "POST /count without X-Api-Key should be refused in prepare()"


def test_post_without_a_key_never_runs_the_method(client):
    before = count(client)
    client.post("/count")
    client.post("/count", headers={"X-Api-Key": "wrong"})
    assert count(client) == before, "post() ran without a valid key: check the key in prepare(), not in get()"


def test_a_wrong_key_is_a_401(client):
    for wrong in ["wrong", "COURSE-KEY", "course-ke", "", "课程".encode()]:
        response = client.get("/count", headers={"X-Api-Key": wrong})
        assert response.status_code == 401, f"the key {wrong!r} should be refused"


def test_answers_carry_cache_control(client):
    response = client.get("/count", headers=KEY)
    assert response.headers.get("Cache-Control") == "no-store"


def test_the_401_carries_cache_control_too(client):
    response = client.post("/count")
    assert response.status_code == 401
    assert response.headers.get("Cache-Control") == "no-store", (
        "an error page starts from clear(): only set_default_headers() puts a header back"
    )


def test_a_405_carries_cache_control_too(client):
    response = client.put("/count", headers=KEY)
    assert response.status_code == 405
    assert response.headers.get("Cache-Control") == "no-store"


def test_on_finish_logs_the_timer_line_of_a_success(client, server):
    log = log_of(client, server, lambda: client.get("/count", headers=KEY))
    assert re.search(r"timer: 200 GET /count \d+\.\d\d ms", log), (
        "log one line from on_finish(), e.g. 'timer: 200 GET /count 0.42 ms'"
    )


def test_on_finish_logs_the_final_status_of_a_refused_request(client, server):
    log = log_of(client, server, lambda: client.post("/count"))
    assert re.search(r"timer: 401 POST /count \d+\.\d\d ms", log), (
        "on_finish() runs after the error page too, and get_status() is 401 by then"
    )


def test_the_api_key_option_sets_the_key(start_script, script, client_for):
    server = start_script(script, "--api_key=s3cret")
    client = client_for(server)
    assert client.get("/count", headers=KEY).status_code == 401, "with --api_key=s3cret, course-key is wrong"
    response = client.get("/count", headers={"X-Api-Key": "s3cret"})
    assert response.status_code == 200
    assert response.json() == {"count": 0}
