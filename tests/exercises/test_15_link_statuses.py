"""Exercise 15: /go/<code> answers 301 or 302 to its target, and 404 when unknown."""


def test_a_permanent_link_is_a_301_to_its_target(client):
    response = client.get("/go/docs", allow_redirects=False)
    assert response.status_code == 301, (
        f"/go/docs is permanent: it should answer 301, not {response.status_code}. "
        "Pass permanent=link['permanent'] to redirect()"
    )
    assert response.headers["Location"] == "/pages/documentation"


def test_a_temporary_link_is_a_302_to_its_target(client):
    response = client.get("/go/sale", allow_redirects=False)
    assert response.status_code == 302, (
        f"/go/sale is not permanent: it should stay a 302, not {response.status_code}"
    )
    assert response.headers["Location"] == "/pages/spring-sale"


def test_a_link_from_the_table_may_lead_to_another_site(client):
    response = client.get("/go/tornado", allow_redirects=False)
    assert response.status_code == 301, "/go/tornado is permanent: a 301"
    assert response.headers["Location"] == "https://www.tornadoweb.org/", (
        "LINKS is yours: send its target as it is"
    )


def test_following_a_link_lands_on_its_page(client):
    response = client.get("/go/docs")
    assert response.status_code == 200, "following /go/docs should end on a 200 page"
    assert response.url == client.base_url + "/pages/documentation"
    assert response.text == "This is the documentation page.\n"


def test_an_unknown_code_is_a_404_not_a_redirect(client):
    response = client.get("/go/nope", allow_redirects=False)
    assert response.status_code == 404, (
        f"/go/nope is not in LINKS: it should answer 404, not {response.status_code}. "
        "Raise tornado.web.HTTPError(404) before you read LINKS[code]"
    )
    assert "Location" not in response.headers, "a 404 sends nobody anywhere"
