"""Exercise 09: /go/<code> answers 301 or 302 (404 when unknown); /jump?to=
redirects only to a path on this site, so it cannot be used to send people elsewhere."""

from urllib.parse import urljoin, urlsplit

import pytest

from tests.support import OFF_SITE_URLS

HOSTILE_TO = [*OFF_SITE_URLS, "/pages/documentation\r\nSet-Cookie: admin=1"]


def test_a_permanent_link_is_a_301_to_its_target(client):
    response = client.get("/go/docs", allow_redirects=False)
    assert response.status_code == 301, "a permanent link is a 301: pass permanent=link['permanent'] to redirect()"
    assert response.headers["Location"] == "/pages/documentation"


def test_a_temporary_link_is_a_302_to_its_target(client):
    response = client.get("/go/sale", allow_redirects=False)
    assert response.status_code == 302, "a temporary link stays a 302"
    assert response.headers["Location"] == "/pages/spring-sale"


def test_a_link_from_the_table_may_lead_to_another_site(client):
    response = client.get("/go/tornado", allow_redirects=False)
    assert response.status_code == 301
    assert response.headers["Location"] == "https://www.tornadoweb.org/", "LINKS is yours: its targets are trusted"


def test_following_a_link_lands_on_its_page(client):
    response = client.get("/go/docs")
    assert response.status_code == 200
    assert response.url == client.base_url + "/pages/documentation"
    assert response.text == "This is the documentation page.\n"


def test_an_unknown_code_is_a_404_not_a_redirect(client):
    response = client.get("/go/nope", allow_redirects=False)
    assert response.status_code == 404, "an unknown code is a 404: raise tornado.web.HTTPError(404)"
    assert "Location" not in response.headers


def test_jump_to_a_path_on_this_site_is_a_302_to_it(client):
    response = client.get("/jump", params={"to": "/pages/spring-sale?from=mail"}, allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"] == "/pages/spring-sale?from=mail"


@pytest.mark.parametrize("to", HOSTILE_TO)
def test_jump_anywhere_else_is_a_400_without_location(client, to):
    response = client.get("/jump", params={"to": to}, allow_redirects=False)
    assert response.status_code == 400, f"to={to!r} could lead to another site: is_local_path() must say False"
    assert "Location" not in response.headers
    assert "admin" not in response.cookies


def test_encoded_slashes_that_stay_encoded_are_a_path_on_this_site(client, server):
    # The value "/%2F%2Fevil.example" is one path segment here: a browser asks this site for it.
    response = client.get("/jump", params={"to": "/%2F%2Fevil.example"}, allow_redirects=False)
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location == "/%2F%2Fevil.example"
    assert urlsplit(urljoin(server.url("/jump"), location)).netloc == f"127.0.0.1:{server.port}"


def test_jump_without_to_is_a_400(client):
    assert client.get("/jump", allow_redirects=False).status_code == 400
