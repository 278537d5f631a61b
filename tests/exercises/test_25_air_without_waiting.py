"""Exercise 25: /air awaits its wait, so /health answers and counts lookups."""

import pytest

from tests.support import most_running_seen

DELAY = 0.1  # the server's --delay here: short, because no test measures time
COUNT = 3  # lookups sent at once


@pytest.fixture(scope="module")
def server(script, module_scripts):
    """The server with a short delay, so `make check-25` stays quick."""
    return module_scripts.start(script, f"--delay={DELAY}")


def test_air_answers_the_air_quality(client):
    response = client.get("/air?city=Lima")
    assert response.status_code == 200, "GET /air?city=Lima should answer 200"
    assert response.json() == {"city": "lima", "air": "moderate"}


def test_health_says_ok_and_no_lookup_is_running(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["lookups_running"] == 0


def test_health_answers_while_lookups_wait_together(server):
    # A lookup that blocks the event loop keeps /health from answering until
    # it is over, so /health could only ever report 0 lookups running.
    most = most_running_seen(server, "/air?city=oslo", COUNT)
    assert most >= 2, (
        "GET /health never saw two /air lookups running at once: each one"
        " blocked the event loop until it was over. Does get() await its wait?"
    )


def test_a_missing_city_is_a_400(client):
    response = client.get("/air")
    assert response.status_code == 400, "a missing city should be a 400, not a 500"


def test_an_unknown_city_is_a_404_and_is_not_counted(client):
    response = client.get("/air", params={"city": "atlantis"})
    assert response.status_code == 404, "a city the service does not know is a 404"
    assert response.reason == "No such city"
    assert client.get("/health").json()["lookups_running"] == 0
