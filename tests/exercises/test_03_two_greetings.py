"""Exercise 03: one GreetingHandler serves /en and /zh, each with its own dict."""

import pytest
import requests

from tests.introspect import load, routes


def get(client, path):
    """GET path; a dropped connection becomes a failure that says why."""
    try:
        return client.get(path)
    except requests.ConnectionError:
        pass  # fail outside the except block, so the report shows only our message
    pytest.fail(
        f"GET {path} got no answer at all: the server could not create the handler. "
        "Does the route's dict give initialize() its greeting?",
        pytrace=False,
    )


def test_english_route_greets_in_english(client):
    response = get(client, "/en")
    assert response.status_code == 200, "GET /en should answer 200"
    assert response.text == "Hello, world!"


def test_chinese_route_greets_in_chinese(client):
    response = get(client, "/zh")
    assert response.status_code == 200, "GET /zh should answer 200"
    assert response.text == "你好, world!", (
        f'GET /zh should answer "你好, world!", not {response.text!r}'
    )


def test_both_routes_use_greeting_handler(script):
    app = load(script).make_app()
    handlers = {pattern: handler.__name__ for pattern, handler in routes(app)}
    assert handlers.get("/zh$") == "GreetingHandler", (
        f"/zh should be served by GreetingHandler with its own dict; routes: {handlers}"
    )
    assert handlers.get("/en$") == "GreetingHandler", "keep /en on GreetingHandler"


def test_unknown_language_is_a_404(client):
    assert get(client, "/fr").status_code == 404
