"""Exercise 26: forecast_for() runs in a thread of POOL; /health counts lookups."""

import threading

import pytest

from tests.introspect import load
from tests.support import fetch_in_process, most_running_seen

DELAY = 0.1  # the server's --delay here: short, because no test measures time
COUNT = 3  # lookups sent at once


@pytest.fixture(scope="module")
def server(script, module_scripts):
    """The server with a short delay, so `make check-26` stays quick."""
    return module_scripts.start(script, f"--delay={DELAY}")


def test_weather_answers_the_forecast(client):
    response = client.get("/weather?city=Paris")
    assert response.status_code == 200, "GET /weather?city=Paris should answer 200"
    assert response.json() == {"city": "paris", "forecast": "sunny, 24 °C"}


def test_health_says_ok_and_no_lookup_is_running(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "lookups_running": 0}


def test_health_answers_while_lookups_run_in_threads(server):
    # forecast_for() called in the event loop's thread keeps /health from
    # answering until it returns, so /health could only ever report 0.
    most = most_running_seen(server, "/weather?city=oslo", COUNT)
    assert most >= 2, (
        "GET /health never saw two forecast_for() calls running at once: each one"
        " blocked the event loop. Does get() await it in a thread?"
    )


def test_forecast_for_runs_in_a_thread_of_pool(script, monkeypatch):
    # In this process: a stand-in for forecast_for() notes the thread it runs in.
    exercise, threads = load(script), []

    def noted(city):
        threads.append(threading.current_thread().name)
        return exercise.FORECASTS[city]

    monkeypatch.setattr(exercise, "forecast_for", noted)
    response = fetch_in_process(exercise.make_app(), "/weather?city=lima")
    assert response.code == 200, "GET /weather?city=lima should answer 200"
    assert threads[0].startswith("forecast_"), (
        f"forecast_for() ran in thread {threads[0]}, not in a thread of POOL"
        " (forecast_0 to forecast_3): pass POOL to run_in_executor()"
    )


def test_a_missing_city_is_a_400(client):
    response = client.get("/weather")
    assert response.status_code == 400, "a missing city should be a 400, not a 500"


def test_an_unknown_city_is_a_404_and_forecast_for_never_runs(client):
    response = client.get("/weather", params={"city": "atlantis"})
    assert response.status_code == 404, "a city the bureau does not know is a 404"
    assert response.reason == "No such city"
    assert client.get("/health").json()["lookups_running"] == 0
