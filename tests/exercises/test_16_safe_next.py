"""Exercise 16: /continue?next= redirects only to a path on this site, else 400."""

from urllib.parse import urljoin, urlsplit

import pytest

from tests.introspect import load
from tests.support import OFF_SITE_URLS, fetch_in_process

CONTROL = ["/pages/spring-sale\r\nSet-Cookie: admin=1", "/pages/\x0bx", "/pages/x\x7f"]
HOSTILE_NEXT = [*OFF_SITE_URLS, *CONTROL]


def test_a_path_on_this_site_is_a_302_to_it(client):
    params = {"next": "/pages/spring-sale?from=mail"}
    response = client.get("/continue", params=params, allow_redirects=False)
    assert response.status_code == 302, (
        f"/pages/spring-sale?from=mail is a path on this site: expected a 302, "
        f"got {response.status_code}. Does is_local_path() say True for it?"
    )
    assert response.headers["Location"] == "/pages/spring-sale?from=mail"


def test_following_a_local_next_lands_on_its_page(client):
    response = client.get("/continue", params={"next": "/pages/documentation"})
    assert response.status_code == 200, "following next=/pages/documentation: a 200"
    assert response.url == client.base_url + "/pages/documentation"
    assert response.text == "This is the documentation page.\n"


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_any_other_next_is_a_400_without_location(client, next_url):
    response = client.get("/continue", params={"next": next_url}, allow_redirects=False)
    assert response.status_code == 400, (
        f"next={next_url!r} could lead to another site (or break the header): "
        f"expected 400, got {response.status_code}. is_local_path() must say False"
    )
    assert "Location" not in response.headers, "a 400 sends nobody anywhere"
    assert "admin" not in response.cookies


def test_encoded_slashes_that_stay_encoded_are_a_path_on_this_site(client, server):
    # "/%2F%2Fevil.example" is one path segment here: a browser asks this site for it.
    params = {"next": "/%2F%2Fevil.example"}
    response = client.get("/continue", params=params, allow_redirects=False)
    assert response.status_code == 302, (
        "next=/%2F%2Fevil.example is a path on this site: refuse only a real //"
    )
    location = response.headers["Location"]
    assert location == "/%2F%2Fevil.example"
    host = urlsplit(urljoin(server.url("/continue"), location)).netloc
    assert host == f"127.0.0.1:{server.port}"


def test_a_missing_next_is_a_400(client):
    response = client.get("/continue", allow_redirects=False)
    assert response.status_code == 400, "GET /continue without next should be a 400"
    assert "Location" not in response.headers


def test_the_page_escapes_its_name_even_on_a_route_that_lets_html_in(script):
    # Don't change PageHandler: /pages/ takes only a-z and -, but a copy may take more.
    module = load(script)
    app = module.make_app()
    app.add_handlers(r".*", [(r"/any/(.*)", module.PageHandler)])
    response = fetch_in_process(app, "/any/%3Cb%3Eeve%3C%2Fb%3E")
    assert response.code == 200
    assert response.body == b"This is the &lt;b&gt;eve&lt;/b&gt; page.\n", (
        "PageHandler must put the name into HTML escaped (xhtml_escape)"
    )
