"""Exercise 27: /weather fetches /forecast of the same server without blocking."""

import pytest

DELAY = 0.05  # the server's --delay here: short, because no test measures time


@pytest.fixture(scope="module")
def server(script, module_scripts):
    """The server with a short delay, so `make check-27` stays quick."""
    return module_scripts.start(script, f"--delay={DELAY}")


def test_weather_answers_the_forecast(client):
    response = client.get("/weather?city=Oslo")
    assert response.status_code == 200, (
        f"GET /weather?city=Oslo answered {response.status_code}: a blocking client"
        " keeps /forecast from answering. Does get() await AsyncHTTPClient's fetch()?"
    )
    assert response.json() == {"city": "oslo", "forecast": "snow, -3 °C"}


def test_forecast_is_served_while_weather_waits(client, server):
    seen = len(server.log())
    client.get("/weather?city=lima")
    log = server.wait_for_log(" GET /weather?city=lima (", after=seen)
    log = server.wait_for_log(" GET /forecast?city=lima (", after=seen)
    lines = [line for line in log.splitlines() if "?city=lima (" in line]
    assert "GET /forecast" in lines[0], (
        "/forecast should answer first, while /weather waits for it. The log:\n"
        + "\n".join(lines)
    )


def test_a_city_the_bureau_does_not_know_is_passed_on(client):
    response = client.get("/weather", params={"city": "Atlantis & Co"})
    assert response.status_code == 200, "an unknown city is the bureau's answer, a 200"
    assert response.json() == {"city": "atlantis & co", "forecast": "unknown"}


def test_a_missing_city_is_a_400(client):
    response = client.get("/weather")
    assert response.status_code == 400, "a missing city should be a 400, not a 500"
