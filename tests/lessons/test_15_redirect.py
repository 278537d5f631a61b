"""Lesson 15: redirect() statuses, the method that follows, Location as given, body."""

import logging
from urllib.parse import urlsplit

import pytest
import tornado.web

from tests.support import PAGE_500, fetch_in_process

# redirect(): the status codes


def test_redirect_defaults_to_a_302_with_a_location_and_an_empty_body(client):
    response = client.get("/redirect/default", allow_redirects=False)
    assert response.status_code == 302
    assert response.reason == "Found"
    assert response.headers["Location"] == "/landed"
    assert response.content == b""


def test_permanent_true_is_a_301(client):
    response = client.get("/redirect/permanent", allow_redirects=False)
    assert response.status_code == 301
    assert response.reason == "Moved Permanently"
    assert response.headers["Location"] == "/landed"


@pytest.mark.parametrize(
    ("status", "reason"),
    [(303, "See Other"), (307, "Temporary Redirect"), (308, "Permanent Redirect")],
)
def test_status_picks_another_3xx(client, status, reason):
    response = client.get(f"/redirect/{status}", allow_redirects=False)
    assert response.status_code == status
    assert response.reason == reason
    assert response.headers["Location"] == "/landed"


def test_a_post_is_redirected_like_a_get(client):
    response = client.post(
        "/redirect/default", data={"note": "hi"}, allow_redirects=False
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/landed"


# Which method the client uses next


@pytest.mark.parametrize(
    ("kind", "first", "method", "body"),
    [
        ("default", 302, "GET", ""),
        ("permanent", 301, "GET", ""),
        ("303", 303, "GET", ""),
        ("307", 307, "POST", "note=hi"),
        ("308", 308, "POST", "note=hi"),
    ],
)
def test_a_followed_post_arrives_as_get_after_301_302_303_and_as_post_after_307_308(
    client, kind, first, method, body
):
    response = client.post(f"/redirect/{kind}", data={"note": "hi"})
    assert response.status_code == 200
    assert [step.status_code for step in response.history] == [first]
    assert response.url == client.base_url + "/landed"
    assert response.json() == {"method": method, "body": body}


def test_a_followed_302_loses_the_form_data(client):
    # The seed says only "go to url": the default 302 drops what the form sent.
    response = client.post("/redirect/default", data={"note": "hi"})
    assert response.status_code == 200
    assert response.request.method == "GET"
    assert response.request.body is None
    assert response.json() == {"method": "GET", "body": ""}


def test_a_followed_get_stays_a_get(client):
    response = client.get("/redirect/307")
    assert response.status_code == 200
    assert response.json() == {"method": "GET", "body": ""}


def test_landed_echoes_method_and_body_as_json(client):
    response = client.post("/landed", data="a=1&b=2")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=UTF-8"
    assert response.json() == {"method": "POST", "body": "a=1&b=2"}


# Bad input


def test_an_unknown_kind_is_a_404(client):
    response = client.get("/redirect/404", allow_redirects=False)
    assert response.status_code == 404
    assert "Location" not in response.headers


def test_a_method_the_handler_lacks_is_a_405_not_a_redirect(client):
    response = client.put("/redirect/default", allow_redirects=False)
    assert response.status_code == 405
    assert "Location" not in response.headers


# What redirect() does, and when it is too late


def test_redirect_after_flush_raises_but_the_client_already_has_its_200(client, server):
    seen = len(server.log())
    response = client.get("/broken/redirect-after-flush", allow_redirects=False)
    assert response.status_code == 200
    assert "Location" not in response.headers
    assert response.text == "The status line is already sent.\n"
    log = server.wait_for_log("200 GET /broken/redirect-after-flush", after=seen)
    assert "Exception: Cannot redirect after headers have been written" in log
    assert "Cannot send error response after headers written" in log


# Side facts, shown on a tiny Application in this process


class RelativeHandler(tornado.web.RequestHandler):
    def get(self):
        self.redirect("../landed")


class WrittenThenRedirectHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("This text travels with the 302.\n")
        self.redirect("/landed")


class StatusOutside3xxHandler(tornado.web.RequestHandler):
    def get(self):
        self.redirect("/landed", status=200)


class PlainLandedHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("landed\n")


def fetch_from_tiny_app(path, follow=False):
    """GET path from the tiny Application; the answer, followed or not."""
    app = tornado.web.Application(
        [
            (r"/redirect/relative", RelativeHandler),
            (r"/redirect/with-body", WrittenThenRedirectHandler),
            (r"/redirect/status-200", StatusOutside3xxHandler),
            (r"/landed", PlainLandedHandler),
        ]
    )
    return fetch_in_process(app, path, follow_redirects=follow)


def test_a_relative_location_is_sent_as_given_not_made_absolute():
    response = fetch_from_tiny_app("/redirect/relative")
    assert response.code == 302
    assert response.headers["Location"] == "../landed"


def test_the_client_resolves_a_relative_location_against_the_request_url():
    response = fetch_from_tiny_app("/redirect/relative", follow=True)
    assert response.code == 200
    assert urlsplit(response.effective_url).path == "/landed"
    assert response.body == b"landed\n"


def test_text_written_before_redirect_is_sent_as_the_302s_body():
    response = fetch_from_tiny_app("/redirect/with-body")
    assert response.code == 302
    assert response.headers["Location"] == "/landed"
    assert response.headers["Content-Length"] == "32"
    assert response.body == b"This text travels with the 302.\n"


def test_a_status_outside_3xx_is_an_assertion_error_and_a_500(caplog):
    with caplog.at_level(logging.ERROR, logger="tornado.application"):
        response = fetch_from_tiny_app("/redirect/status-200")
    assert response.code == 500
    assert "Location" not in response.headers
    assert response.body.decode() == PAGE_500
    assert "assert isinstance(status, int) and 300 <= status <= 399" in caplog.text
    assert "AssertionError" in caplog.text
