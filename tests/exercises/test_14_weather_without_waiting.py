"""Exercise 14: /weather and /air wait without blocking the event loop, so
concurrent lookups overlap and /health answers while they run; a missing or
unknown city is still a 4xx."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from course.client import Client

DELAY = 0.3  # the server's --delay here
COUNT = 5
LOOKUPS = ["/weather?city=oslo", "/air?city=oslo"]


@pytest.fixture(scope="module")
def server(script, module_scripts):
    """The server with a 0.3 s delay, so the tests run in seconds."""
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


# Concurrent requests


@pytest.mark.parametrize("path", LOOKUPS)
def test_concurrent_lookups_overlap(server, path):
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=COUNT) as pool:
        responses = list(pool.map(lambda _: get(server, path), range(COUNT)))
    seconds = time.monotonic() - started
    assert [response.status_code for response in responses] == [200] * COUNT
    assert seconds < COUNT * DELAY / 2, (
        f"{COUNT} requests at once took {seconds:.1f} s, about {COUNT} x {DELAY} s: they ran one after another,"
        f" so {path.split('?')[0]} still blocks the event loop"
    )


@pytest.mark.parametrize("path", LOOKUPS)
def test_health_answers_while_a_lookup_waits(server, path):
    running_seen = []
    with ThreadPoolExecutor(max_workers=1) as pool:
        lookup = pool.submit(get, server, path)
        deadline = time.monotonic() + 10
        # Ask /health until it reports the lookup, or the lookup is over.
        while not lookup.done() and time.monotonic() < deadline:
            running_seen.append(get(server, "/health").json()["lookups_running"])
            if running_seen[-1]:
                break
        assert lookup.result().status_code == 200
    assert 1 in running_seen, (
        f"GET /health never answered while {path} ran: the lookup blocked the event loop, so /health waited"
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
