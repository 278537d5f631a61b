"""Exercise 03: one GreetingHandler at /en and /zh, named routes, links by reverse_url."""

import html
import re

import pytest
import requests


def get(client, path, **kwargs):
    """GET path; a dropped connection becomes a failure that says why."""
    try:
        return client.get(path, **kwargs)
    except requests.ConnectionError:
        pass  # fail outside the except block, so the report shows only our message
    pytest.fail(
        f"GET {path} got no answer at all: the server could not create the handler. "
        "Does the route pass every argument initialize() needs in its dict?",
        pytrace=False,
    )


def test_english_route_greets_in_english(client):
    response = get(client, "/en/Ada")
    assert response.status_code == 200, "GET /en/Ada should answer 200"
    assert response.text == "Hello, Ada!"


def test_chinese_route_greets_in_chinese(client):
    response = get(client, "/zh/Ada")
    assert response.status_code == 200, "GET /zh/Ada should answer 200"
    assert response.text == "你好, Ada!"


def test_index_links_to_both_greetings(client):
    response = get(client, "/", params={"name": "Ada"})
    assert response.status_code == 200, "the index is not a 200: are the routes it links to named?"
    assert response.text == (
        '<ul>\n<li><a href="/en/Ada">English</a></li>\n<li><a href="/zh/Ada">中文</a></li>\n</ul>\n'
    )


def test_index_links_url_escape_the_name(client):
    response = get(client, "/", params={"name": "Zoë & <Ada>"})
    assert response.status_code == 200, "the index is not a 200: are the routes it links to named?"
    assert 'href="/en/Zo%C3%AB%20%26%20%3CAda%3E"' in response.text, "build the links with reverse_url"
    assert 'href="/zh/Zo%C3%AB%20%26%20%3CAda%3E"' in response.text, "build the links with reverse_url"
    assert "<Ada>" not in response.text


def test_following_a_link_greets_the_same_name(client):
    index = get(client, "/", params={"name": "Zoë & Ada"})
    assert index.status_code == 200, "the index is not a 200: are the routes it links to named?"
    hrefs = [html.unescape(href) for href in re.findall(r'href="([^"]+)"', index.text)]
    assert len(hrefs) == 2, f"the index should hold two links, it holds {hrefs}"
    greetings = [get(client, href).text for href in hrefs]
    assert greetings == ["Hello, Zoë & Ada!", "你好, Zoë & Ada!"]


def test_unknown_language_is_a_404(client):
    assert get(client, "/fr/Ada").status_code == 404
