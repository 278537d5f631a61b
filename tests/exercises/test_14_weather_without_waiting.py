"""Exercise 14: /weather and /air wait without blocking the event loop, so
concurrent lookups overlap and /health answers while they run; a missing or
unknown city is still a 4xx."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from course.client import Client

DELAY = 0.1  # the server's --delay here: short, because no test measures time
COUNT = 5  # at most the thread pool's size (CPUs + 4), so all of them can run at once
LOOKUPS = ["/weather?city=oslo", "/air?city=oslo"]


@pytest.fixture(scope="module")
def server(script, module_scripts):
    """The server with a short delay, so `make check-14` stays quick."""
    return module_scripts.start(script, f"--delay={DELAY}")


def get(server, path):
    with Client(server.base_url) as client:
        return client.get(path)


# The answers


def test_weather_answers_the_forecast(client):
    response = client.get("/weather?city=Paris")
    assert response.status_code == 200
    assert response.json() == {"city": "paris", "forecast": "sunny, 24 °C"}


def test_air_answers_the_air_quality(client):
    response = client.get("/air?city=lima")
    assert response.status_code == 200
    assert response.json() == {"city": "lima", "air": "moderate"}


def test_health_says_ok_and_no_lookup_is_running(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "lookups_running": 0}


# Concurrent requests: counted by /health, not timed


@pytest.mark.parametrize("path", LOOKUPS)
def test_health_answers_while_concurrent_lookups_wait_together(server, path):
    # A lookup that blocks the event loop keeps /health from answering until
    # it is over, so /health could only ever report 0 lookups running.
    with ThreadPoolExecutor(max_workers=COUNT) as pool:
        lookups = [pool.submit(get, server, path) for _ in range(COUNT)]
        most_seen = 0
        while not all(lookup.done() for lookup in lookups) and most_seen < 2:
            most_seen = max(most_seen, get(server, "/health").json()["lookups_running"])
        assert [lookup.result().status_code for lookup in lookups] == [200] * COUNT
    assert most_seen >= 2, (
        f"GET /health never saw two lookups of {path.split('?')[0]} running at once:"
        " each one blocked the event loop until it was over"
    )


# Bad input: already right, keep it so


@pytest.mark.parametrize("path", ["/weather", "/air"])
def test_a_missing_city_is_a_400(client, path):
    response = client.get(path)
    assert response.status_code == 400, "a missing city should be a 400, not a 500"


@pytest.mark.parametrize("path", ["/weather", "/air"])
def test_an_unknown_city_is_a_404(client, path):
    response = client.get(path, params={"city": "atlantis"})
    assert response.status_code == 404, "a city the service does not know should be a 404"
    assert response.reason == "No such city"


def test_a_refused_request_is_not_counted_as_running(client):
    client.get("/weather", params={"city": "atlantis"})
    assert client.get("/health").json()["lookups_running"] == 0
