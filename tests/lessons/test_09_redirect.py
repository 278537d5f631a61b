"""Lesson 09: redirect() and its status codes, Location as given, text written
before a redirect, a login behind XSRF (POST/redirect/GET with a flash
message), @authenticated with next, and a next that cannot leave the site."""

import base64
import json
import re
import subprocess
import sys
import time
from urllib.parse import urljoin, urlsplit

import pytest
import tornado.web

from course.client import Client
from course.environment import ROOT
from tests.support import OFF_SITE_URLS

SECRET = "a cookie secret the tests know"
TOKEN = re.compile(r'<input type="hidden" name="_xsrf" value="([^"]+)"/>')
NEXT_FIELD = re.compile(r'<input type="hidden" name="next" value="([^"]*)">')
FLASH = re.compile(r'<p id="flash">(.*)</p>')
PAGE_500 = "<html><title>500: Internal Server Error</title><body>500: Internal Server Error</body></html>"


@pytest.fixture(scope="module")
def secret_server(script, module_scripts):
    """The lesson started with --cookie_secret, so the tests can sign cookies too."""
    return module_scripts.start(script, f"--cookie_secret={SECRET}")


def xsrf_token(client):
    """GET the login form as a browser does: the session keeps the _xsrf cookie; returns the hidden token."""
    return TOKEN.search(client.get("/login").text)[1]


def log_in(client, password="lovelace", *, next_url="/profile", username="ada", **kwargs):
    """Submit the login form with its XSRF token; the answer itself, not where it leads."""
    form = {"_xsrf": xsrf_token(client), "username": username, "password": password}
    if next_url is not None:
        form["next"] = next_url
    return client.post("/login", data=form, allow_redirects=False, **kwargs)


def signed(name, value, *, age=0):
    """A cookie value signed with SECRET, as if set `age` seconds ago."""
    return tornado.web.create_signed_value(SECRET, name, value, clock=lambda: time.time() - age).decode()


def lands_on_this_site(server, location):
    return urlsplit(urljoin(server.url("/login"), location)).netloc == f"127.0.0.1:{server.port}"


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
    ("status", "reason"), [(303, "See Other"), (307, "Temporary Redirect"), (308, "Permanent Redirect")]
)
def test_status_picks_another_3xx(client, status, reason):
    response = client.get(f"/redirect/{status}", allow_redirects=False)
    assert response.status_code == status
    assert response.reason == reason
    assert response.headers["Location"] == "/landed"


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
def test_a_followed_post_arrives_as_get_after_301_302_303_and_as_post_after_307_308(client, kind, first, method, body):
    token = xsrf_token(client)
    response = client.post(f"/redirect/{kind}", data={"note": "hi"}, headers={"X-XSRFToken": token})
    assert response.status_code == 200
    assert [step.status_code for step in response.history] == [first]
    assert response.url == client.base_url + "/landed"
    assert response.json() == {"method": method, "body": body}


def test_a_followed_get_stays_a_get(client):
    response = client.get("/redirect/307")
    assert response.status_code == 200
    assert response.json() == {"method": "GET", "body": ""}


# redirect(): Location, and the body


def test_a_relative_location_is_sent_as_given_not_made_absolute(client):
    response = client.get("/redirect/relative", allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"] == "../landed"


def test_the_client_resolves_a_relative_location_against_the_request_url(client):
    response = client.get("/redirect/relative")
    assert response.status_code == 200
    assert response.url == client.base_url + "/landed"
    assert [step.url for step in response.history] == [client.base_url + "/redirect/relative"]


def test_text_written_before_redirect_is_sent_as_the_302s_body(client):
    response = client.get("/redirect/with-body", allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"] == "/landed"
    assert response.headers["Content-Length"] == "32"
    assert response.text == "This text travels with the 302.\n"


def test_a_status_outside_3xx_is_an_assertion_error_and_a_500(client, server):
    seen = len(server.log())
    response = client.get("/broken/redirect-status", allow_redirects=False)
    assert response.status_code == 500
    assert "Location" not in response.headers
    assert response.text == PAGE_500
    log = server.wait_for_log("500 GET /broken/redirect-status", after=seen)
    assert "assert isinstance(status, int) and 300 <= status <= 399" in log
    assert "AssertionError" in log


def test_redirect_after_flush_raises_but_the_client_already_has_its_200(client, server):
    seen = len(server.log())
    response = client.get("/broken/redirect-after-flush", allow_redirects=False)
    assert response.status_code == 200
    assert "Location" not in response.headers
    assert response.text == "The status line is already sent.\n"
    log = server.wait_for_log("200 GET /broken/redirect-after-flush", after=seen)
    assert "Exception: Cannot redirect after headers have been written" in log
    assert "Cannot send error response after headers written" in log


# The login form, behind XSRF


def test_login_form_carries_the_xsrf_token_and_next(client):
    response = client.get("/login?next=/profile")
    assert response.status_code == 200
    assert "_xsrf" in client.cookies
    assert '<form action="/login" method="post">' in response.text
    assert TOKEN.search(response.text)
    assert NEXT_FIELD.search(response.text)[1] == "/profile"
    assert FLASH.search(response.text) is None


def test_login_without_the_xsrf_token_is_a_403_and_sets_no_cookie(client, server):
    seen = len(server.log())
    response = client.post("/login", data={"username": "ada", "password": "lovelace"}, allow_redirects=False)
    assert response.status_code == 403
    assert "user" not in response.cookies
    assert "'_xsrf' argument missing from POST" in server.wait_for_log("403 POST /login", after=seen)


def test_right_password_sets_a_signed_user_cookie_and_answers_303_to_next(client):
    response = log_in(client)
    assert response.status_code == 303
    assert response.reason == "See Other"
    assert response.headers["Location"] == "/profile"
    set_cookie = response.headers["Set-Cookie"]
    assert set_cookie.startswith("user=2|1:0|")
    assert "HttpOnly" in set_cookie
    assert "SameSite=Lax" in set_cookie


def test_the_user_cookie_is_signed_not_secret(client):
    log_in(client)
    # Version 2 signed value: 2|1:0|<time>|4:user|<len>:<base64 value>|<signature>
    fields = client.cookies["user"].split("|")
    assert base64.b64decode(fields[4].split(":")[1]) == b"ada", "anyone can read a signed cookie"
    assert re.fullmatch(r"[0-9a-f]{64}", fields[5])


def test_a_changed_user_cookie_is_refused(client):
    log_in(client)
    fields = client.cookies["user"].split("|")
    fields[4] = "8:" + base64.b64encode(b"admin").decode()
    client.cookies.set("user", "|".join(fields))
    response = client.get("/profile", allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fprofile"


def test_no_next_means_home(client):
    response = log_in(client, next_url=None)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_wrong_password_answers_303_back_to_the_form_with_a_flash_cookie(client):
    response = log_in(client, "guess")
    assert response.status_code == 303
    assert response.headers["Location"] == "/login?next=%2Fprofile"
    assert "user" not in response.cookies
    set_cookie = response.headers["Set-Cookie"]
    assert set_cookie.startswith('flash="2|1:0|')
    assert "Max-Age=60" in set_cookie
    assert "HttpOnly" in set_cookie


def test_flash_message_is_shown_once(client):
    response = log_in(client, "guess")
    form = client.get(response.headers["Location"])
    assert form.status_code == 200
    assert FLASH.search(form.text)[1] == "Wrong password, or no user named ada."
    assert NEXT_FIELD.search(form.text)[1] == "/profile"
    again = client.get("/login")
    assert again.status_code == 200
    assert FLASH.search(again.text) is None


def test_an_unknown_user_gets_the_same_answer_as_a_wrong_password(client):
    response = log_in(client, "lovelace", username="grace")
    assert response.status_code == 303
    assert response.headers["Location"] == "/login?next=%2Fprofile"
    assert FLASH.search(client.get("/login").text)[1] == "Wrong password, or no user named grace."


def test_flash_message_is_html_escaped(client):
    log_in(client, "guess", username="<script>alert(1)</script>")
    page = client.get("/login")
    assert page.status_code == 200
    assert "<script>" not in page.text
    assert FLASH.search(page.text)[1] == "Wrong password, or no user named &lt;script&gt;alert(1)&lt;/script&gt;."


def test_a_flash_cookie_the_client_made_up_is_not_shown(client):
    client.cookies.set("flash", "You won a prize")
    page = client.get("/login")
    assert page.status_code == 200
    assert FLASH.search(page.text) is None


def test_a_signed_flash_older_than_a_minute_is_not_shown(secret_server, client_for):
    client = client_for(secret_server)
    client.cookies.set("flash", signed("flash", "Old news", age=120))
    assert FLASH.search(client.get("/login").text) is None
    client.cookies.set("flash", signed("flash", "Fresh news"))
    assert FLASH.search(client.get("/login").text)[1] == "Fresh news"


def test_missing_password_is_a_400_not_a_500(client):
    response = client.post("/login", data={"_xsrf": xsrf_token(client), "username": "ada"}, allow_redirects=False)
    assert response.status_code == 400


def test_the_password_is_stored_only_as_a_salted_scrypt_hash(script):
    probe = (
        "import hashlib, json, sys\n"
        "from course.introspect import load\n"
        "lesson = load(sys.argv[1])\n"
        "salt, digest = lesson.USERS['ada']\n"
        "print(json.dumps({\n"
        "    'salt_bytes': len(salt),\n"
        "    'scrypt_matches': hashlib.scrypt(b'lovelace', salt=salt, n=2**14, r=8, p=1) == digest,\n"
        "    'password_inside': b'lovelace' in salt + digest,\n"
        "    'same_password_new_salt': lesson.new_user('x') != lesson.new_user('x'),\n"
        "}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "salt_bytes": 16,
        "scrypt_matches": True,
        "password_inside": False,
        "same_password_new_salt": True,
    }


# @tornado.web.authenticated and the cookie secret


def test_profile_sends_anonymous_users_to_the_login_url_with_next(client):
    response = client.get("/profile", allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fprofile"


def test_next_holds_the_whole_uri_query_included(client):
    response = client.get("/profile?tab=keys", allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fprofile%3Ftab%3Dkeys"


def test_the_round_trip_goes_from_profile_to_login_and_back(client):
    form = client.get("/profile")
    assert form.status_code == 200
    assert form.url == client.base_url + "/login?next=%2Fprofile"
    fields = {"_xsrf": TOKEN.search(form.text)[1], "next": NEXT_FIELD.search(form.text)[1]}
    response = client.post("/login", data={**fields, "username": "ada", "password": "lovelace"})
    assert response.status_code == 200
    assert [step.status_code for step in response.history] == [303]
    assert response.url == client.base_url + "/profile"
    assert response.request.method == "GET", "POST/redirect/GET: the page is fetched with a GET"
    assert response.text == "Hello, ada! Only signed-in users see this page.\n"


def test_home_shows_who_is_signed_in(client):
    assert client.get("/").text == "Home page (首页). Signed in as: nobody.\n"
    log_in(client)
    assert client.get("/").text == "Home page (首页). Signed in as: ada.\n"


def test_a_cookie_signed_with_the_cookie_secret_option_is_accepted(secret_server, client_for):
    client = client_for(secret_server)
    client.cookies.set("user", signed("user", "ada"))
    response = client.get("/profile", allow_redirects=False)
    assert response.status_code == 200
    assert response.text == "Hello, ada! Only signed-in users see this page.\n"


def test_without_the_option_every_start_has_its_own_random_secret(client, script, start_script):
    log_in(client)
    other = start_script(script)
    with Client(other.base_url) as elsewhere:
        elsewhere.cookies.set("user", client.cookies["user"])
        response = elsewhere.get("/profile", allow_redirects=False)
    assert response.status_code == 302, "a cookie signed by one start is refused by the next"
    assert response.headers["Location"] == "/login?next=%2Fprofile"


# next must stay on this site

HOSTILE_NEXT = [*OFF_SITE_URLS, "/profile\r\nSet-Cookie: admin=1", ""]


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_a_next_that_could_leave_the_site_becomes_home(client, server, next_url):
    response = log_in(client, next_url=next_url)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert "admin" not in response.cookies
    assert lands_on_this_site(server, response.headers["Location"])


@pytest.mark.parametrize("next_url", ["/profile", "/profile?tab=keys", "/"])
def test_a_local_next_is_kept(client, next_url):
    response = log_in(client, next_url=next_url)
    assert response.status_code == 303
    assert response.headers["Location"] == next_url


def test_percent_encoded_slashes_that_decode_to_a_double_slash_become_home(client):
    # In the query, %2F%2F decodes to "//evil.example" before the check sees it.
    token = xsrf_token(client)
    form = {"_xsrf": token, "username": "ada", "password": "lovelace"}
    response = client.post("/login?next=%2F%2Fevil.example", data=form, allow_redirects=False)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_percent_encoded_slashes_that_stay_encoded_are_a_path_on_this_site(client, server):
    # The value itself is "/%2F%2Fevil.example": a browser asks this site for that path (a 404).
    response = log_in(client, next_url="/%2F%2Fevil.example")
    assert response.status_code == 303
    assert response.headers["Location"] == "/%2F%2Fevil.example"
    assert lands_on_this_site(server, response.headers["Location"])
    assert client.get(response.headers["Location"]).status_code == 404


def test_a_hostile_next_never_reaches_the_form(client):
    response = client.get("/login", params={"next": "https://evil.example/"})
    assert response.status_code == 200
    assert NEXT_FIELD.search(response.text)[1] == "/"


def test_next_is_html_escaped_in_the_form(client):
    response = client.get("/login", params={"next": '/"><script>alert(1)</script>'})
    assert response.status_code == 200
    assert "<script>" not in response.text
    assert NEXT_FIELD.search(response.text)[1] == "/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"


def test_a_wrong_password_carries_only_a_safe_next_back_to_the_form(client):
    response = log_in(client, "guess", next_url="https://evil.example/")
    assert response.status_code == 303
    assert response.headers["Location"] == "/login?next=%2F"


# The seed's login, with next trusted


def test_broken_login_sends_the_user_to_another_site(client):
    response = client.post(
        "/broken/login", data={"_xsrf": xsrf_token(client), "next": "https://evil.example/"}, allow_redirects=False
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "https://evil.example/"


@pytest.mark.parametrize("next_url", ["//evil.example/", "/\t/evil.example"])
def test_broken_login_passes_other_escapes_on_as_given(client, next_url):
    response = client.post("/broken/login", data={"_xsrf": xsrf_token(client), "next": next_url}, allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"] == next_url


def test_broken_login_checks_no_password_and_signs_nobody_in(client):
    response = client.post("/broken/login", data={"_xsrf": xsrf_token(client)}, allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "user" not in response.cookies
    assert client.get("/profile", allow_redirects=False).status_code == 302


def test_broken_login_with_a_line_break_in_next_is_a_500(client, server):
    seen = len(server.log())
    form = {"_xsrf": xsrf_token(client), "next": "/x\r\nSet-Cookie: admin=1"}
    response = client.post("/broken/login", data=form, allow_redirects=False)
    assert response.status_code == 500
    assert "admin" not in response.cookies
    assert "ValueError: Unsafe header value" in server.wait_for_log("500 POST /broken/login", after=seen)
