"""Exercise 04: the index links to the profile route by its name, via reverse_url."""

import html
import re

from tests.introspect import load

HREF = re.compile(r'href="([^"]*)"')


def index(client, name):
    response = client.get("/", params={"name": name})
    assert response.status_code == 200, (
        f"GET /?name={name} answered {response.status_code}: does a route have the "
        "name reverse_url() asks for? Look for a KeyError in the server's log."
    )
    return response


def test_the_profile_route_is_named_profile(script):
    app = load(script).make_app()
    try:
        path = app.reverse_url("profile", "Ada")
    except KeyError:
        path = None
    assert path == "/profile/Ada", 'no route is named "profile": use url(..., name=...)'


def test_the_index_links_to_the_profile(client):
    response = index(client, "Ada")
    assert response.text == '<a href="/profile/Ada">Ada</a>'


def test_the_name_defaults_to_ada(client):
    response = client.get("/")
    assert response.status_code == 200, "GET / should answer 200"
    assert response.text == '<a href="/profile/Ada">Ada</a>'


def test_the_link_url_escapes_the_name(client):
    response = index(client, "Zoë & <Ada>")
    assert response.text == (
        '<a href="/profile/Zo%C3%AB%20%26%20%3CAda%3E">Zoë &amp; &lt;Ada&gt;</a>'
    ), "build the href with self.reverse_url: it url-escapes the name"


def test_following_the_link_shows_the_same_name(client):
    href = html.unescape(HREF.search(index(client, "Zoë & Ada").text)[1])
    response = client.get(href)
    assert response.status_code == 200, (
        f"the link {href} answered {response.status_code}"
    )
    assert response.text == "Profile of Zoë & Ada"
