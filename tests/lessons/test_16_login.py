"""Lesson 16: login with XSRF, scrypt, signed cookies, a flash, next, and logout."""

import asyncio
import base64
import hashlib
import os
import re
import threading
import time
import types
from unittest import mock
from urllib.parse import urljoin, urlsplit

import pytest
import tornado.httpclient
import tornado.httpserver
import tornado.httputil
import tornado.testing
import tornado.web

from tests.client import Client
from tests.introspect import load
from tests.support import OFF_SITE_URLS, fetch_in_process

SECRET = "a cookie secret the tests know"
TOKEN = re.compile(r'<input type="hidden" name="_xsrf" value="([^"]+)"/>')
NEXT_FIELD = re.compile(r'<input type="hidden" name="next" value="([^"]*)">')
FLASH = re.compile(r'<p id="flash">(.*)</p>')
HELLO = "Hello, ada! Only signed-in users see this page.\n"
XSRF_MISSING = "'_xsrf' argument missing from POST"
TLS_FILES = os.path.join(os.path.dirname(tornado.__file__), "test")  # a test cert


@pytest.fixture(scope="module")
def script_args():
    """The module's server signs with --cookie_secret=SECRET, so the tests can sign
    cookies too (the default, a random secret, is tested on make_app())."""
    return [f"--cookie_secret={SECRET}"]


def xsrf_token(client):
    """GET the login form as a browser does: the session keeps the _xsrf cookie."""
    return TOKEN.search(client.get("/login").text)[1]


def log_in(client, password="lovelace", *, next_url="/profile", username="ada"):
    """Submit the login form with its XSRF token; the answer, not where it leads."""
    form = {"_xsrf": xsrf_token(client), "username": username, "password": password}
    if next_url is not None:
        form["next"] = next_url
    return client.post("/login", data=form, allow_redirects=False)


@pytest.fixture(scope="module")
def ada(server):
    """One right-password login, shared (the test server hashes at a low cost)."""
    with Client(server.base_url) as session:
        return log_in(session)


def signed(name, value, *, age=0):
    """A cookie value signed with SECRET, as if set `age` seconds ago."""
    clock = lambda: time.time() - age  # noqa: E731
    return tornado.web.create_signed_value(SECRET, name, value, clock=clock).decode()


def user_cookie(name="ada", logouts=0):
    """A "user" cookie as the lesson makes it at login: "<logouts>:<name>", signed."""
    return signed("user", f"{logouts}:{name}")


def set_cookie(response, name):
    """The Set-Cookie header of a requests or a Tornado response for the cookie name."""
    if isinstance(response, tornado.httpclient.HTTPResponse):
        headers = response.headers.get_list("Set-Cookie")
    else:
        headers = response.raw.headers.getlist("Set-Cookie")
    [header] = [header for header in headers if header.startswith(f"{name}=")]
    return header


def fetch_over_https(app, path, **options):
    """Serve app over real TLS in this process (Tornado's test certificate); fetch."""
    tls = {"certfile": f"{TLS_FILES}/test.crt", "keyfile": f"{TLS_FILES}/test.key"}
    return fetch_in_process(app, path, ssl_options=tls, **options)


def offline_handler(cookie=""):
    """A RequestHandler with no server around it, to call the old method names."""
    app = tornado.web.Application(cookie_secret=SECRET)
    headers = tornado.httputil.HTTPHeaders({"Host": "127.0.0.1"})
    if cookie:
        headers["Cookie"] = cookie
    start_line = tornado.httputil.RequestStartLine("GET", "/", "HTTP/1.1")
    request = tornado.httputil.HTTPServerRequest(
        start_line=start_line, headers=headers, connection=mock.Mock()
    )
    return tornado.web.RequestHandler(app, request)


def lands_on_this_site(server, location):
    netloc = urlsplit(urljoin(server.url("/login"), location)).netloc
    return netloc == f"127.0.0.1:{server.port}"


# The login form, behind XSRF


def test_login_form_carries_the_xsrf_token_and_next(client):
    response = client.get("/login?next=/profile")
    assert response.status_code == 200
    assert "_xsrf" in client.cookies
    assert '<form action="/login" method="post">' in response.text
    assert TOKEN.search(response.text)
    assert '<input name="username" required>' in response.text
    assert '<input name="password" type="password" required>' in response.text
    assert '<button type="submit">Log in</button>' in response.text
    assert NEXT_FIELD.search(response.text)[1] == "/profile"
    assert FLASH.search(response.text) is None


def test_login_without_the_xsrf_token_is_a_403_and_sets_no_cookie(client, server):
    seen = len(server.log())
    form = {"username": "ada", "password": "lovelace"}
    response = client.post("/login", data=form, allow_redirects=False)
    assert response.status_code == 403
    assert "user" not in response.cookies
    assert XSRF_MISSING in server.wait_for_log("403 POST /login", after=seen)


# A POST with no password passes the XSRF check (else 403), then post() asks for
# the password: 400. So these tests need no scrypt.


def test_the_token_may_be_a_form_field(client):
    form = {"_xsrf": xsrf_token(client), "username": "ada"}
    response = client.post("/login", data=form, allow_redirects=False)
    assert response.status_code == 400, "the check passed: post() wants a password"


@pytest.mark.parametrize("header", ["X-XSRFToken", "X-CSRFToken"])
def test_the_token_may_come_in_a_header(client, header):
    headers = {header: xsrf_token(client)}
    response = client.post(
        "/login", data={"username": "ada"}, headers=headers, allow_redirects=False
    )
    assert response.status_code == 400, "the check passed: post() wants a password"


def test_the_token_may_come_as_a_query_argument(client):
    params = {"_xsrf": xsrf_token(client)}
    response = client.post(
        "/login", params=params, data={"username": "ada"}, allow_redirects=False
    )
    assert response.status_code == 400, "the check passed: post() wants a password"


def test_a_token_that_does_not_match_the_cookie_is_a_403(client, server):
    xsrf_token(client)
    seen = len(server.log())
    form = {
        "_xsrf": "2|00000000|" + "0" * 32 + "|1",
        "username": "ada",
        "password": "x",
    }
    response = client.post("/login", data=form, allow_redirects=False)
    assert response.status_code == 403
    log = server.wait_for_log("403 POST /login", after=seen)
    assert "XSRF cookie does not match POST argument" in log


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_every_method_but_get_head_and_options_needs_the_token(client, server, method):
    seen = len(server.log())
    response = client.request(method, "/login", allow_redirects=False)
    assert response.status_code == 403
    assert XSRF_MISSING in server.wait_for_log(f"403 {method} /login", after=seen)


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_with_the_token_these_methods_pass_the_check_and_get_405(client, method):
    headers = {"X-XSRFToken": xsrf_token(client)}
    response = client.request(method, "/login", headers=headers, allow_redirects=False)
    assert response.status_code == 405, "the check passed; /login has no such method"


@pytest.mark.parametrize(
    ("method", "status"), [("GET", 200), ("HEAD", 405), ("OPTIONS", 405)]
)
def test_get_head_and_options_are_not_checked(client, method, status):
    response = client.request(method, "/login", allow_redirects=False)
    assert response.status_code == status, "no 403: no token is needed (no head(): 405)"


# The password check


def test_right_password_sets_a_signed_user_cookie_and_answers_303_to_next(ada):
    response = ada
    assert response.status_code == 303
    assert response.reason == "See Other"
    assert response.headers["Location"] == "/profile"
    assert set_cookie(response, "user").startswith('user="2|1:0|')  # quoted: it has =


# Cookie flags (HttpOnly, SameSite, Secure over HTTPS) and a new XSRF token at login


def test_the_user_cookie_is_httponly_and_samesite_but_not_secure_over_http(ada):
    header = set_cookie(ada, "user")
    assert "; HttpOnly" in header, "page scripts must not read it"
    assert "; SameSite=Lax" in header, "forms on other sites must not send it"
    assert "Secure" not in header, "plain http: a Secure cookie would not come back"


def test_the_xsrf_cookie_is_samesite_lax(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert "; SameSite=Lax" in set_cookie(response, "_xsrf")


def test_over_https_the_user_and_flash_cookies_are_secure(lesson):
    app = lesson.make_app(cookie_secret=SECRET, scrypt_n=1024)

    def log_in_over_https(password):
        body = f"_xsrf=t&username=ada&password={password}"
        headers = {"Cookie": "_xsrf=t"}
        options = {"method": "POST", "body": body, "follow_redirects": False}
        return fetch_over_https(app, "/login", headers=headers, **options)

    right, wrong = log_in_over_https("lovelace"), log_in_over_https("guess")
    assert (right.code, wrong.code) == (303, 303)
    assert "; Secure" in set_cookie(right, "user"), "over HTTPS only"
    assert "; Secure" in set_cookie(wrong, "flash"), "over HTTPS only"


def test_login_clears_the_xsrf_cookie_so_the_next_form_has_a_new_token(client):
    xsrf_token(client)
    cookie_before = client.cookies["_xsrf"]
    response = log_in(client)
    assert response.status_code == 303
    assert set_cookie(response, "_xsrf").startswith('_xsrf=""; expires=')
    assert "_xsrf" not in client.cookies
    xsrf_token(client)
    assert client.cookies["_xsrf"] != cookie_before, "a token seen before login fails"


def test_wrong_password_answers_303_back_to_the_form_with_a_flash_cookie(
    client, server
):
    seen = len(server.log())
    response = log_in(client, "guess")
    assert response.status_code == 303
    assert response.headers["Location"] == "/login?next=%2Fprofile"
    assert "user" not in response.cookies
    header = set_cookie(response, "flash")
    assert header.startswith('flash="2|1:0|')
    assert re.search(r"; Max-Age=60(;|$)", header), header
    assert "; HttpOnly" in header
    assert "; SameSite=Lax" in header
    assert "Secure" not in header
    # post() stopped at its redirect: nobody signed in, nothing raised after it.
    assert client.get("/profile", allow_redirects=False).status_code == 302
    log = server.wait_for_log("302 GET /profile", after=seen)
    assert "Uncaught exception" not in log, f"post() went on after redirect():\n{log}"


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
    flash = FLASH.search(client.get("/login").text)[1]
    assert flash == "Wrong password, or no user named grace."


def test_flash_message_is_html_escaped(client):
    log_in(client, "guess", username="<script>alert(1)</script>")
    page = client.get("/login")
    assert page.status_code == 200
    assert "<script>" not in page.text
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert FLASH.search(page.text)[1] == f"Wrong password, or no user named {escaped}."


def test_a_long_name_is_cut_to_40_characters_in_the_flash(client):
    # A cookie holds about 4 KB: the message must not grow with the input.
    log_in(client, "guess", username="x" * 5000)
    flash = FLASH.search(client.get("/login").text)[1]
    assert flash == f"Wrong password, or no user named {'x' * 40}."


def test_a_flash_cookie_the_client_made_up_is_not_shown(client):
    client.cookies.set("flash", "You won a prize")
    page = client.get("/login")
    assert page.status_code == 200
    assert FLASH.search(page.text) is None


def test_a_signed_flash_older_than_a_minute_is_not_shown(client):
    client.cookies.set("flash", signed("flash", "Old news", age=120))
    assert FLASH.search(client.get("/login").text) is None
    client.cookies.set("flash", signed("flash", "Fresh news"))
    assert FLASH.search(client.get("/login").text)[1] == "Fresh news"


@pytest.fixture(scope="module")
def lesson(script):
    """The lesson imported into the test process (its server not started)."""
    return load(script)


def test_the_password_is_stored_only_as_a_salted_scrypt_hash(script, lesson):
    salt, digest = lesson.demo_users(1024)["ada"]
    assert len(salt) == 16
    assert hashlib.scrypt(b"lovelace", salt=salt, n=1024, r=8, p=1) == digest
    assert b"lovelace" not in salt + digest
    assert load(script).demo_users(1024)["ada"][0] != salt, "a new salt at each start"


def test_the_real_scrypt_cost_is_owasps_minimum(lesson, monkeypatch):
    calls = []
    spy = lambda password, **cost: calls.append(cost) or b""  # noqa: E731
    monkeypatch.setattr(lesson.hashlib, "scrypt", spy)
    assert lesson.options.scrypt_n == 2**17, "--scrypt_n's default"
    app = lesson.make_app()
    assert app.settings["scrypt_n"] == 2**17, "make_app()'s default"
    lesson.scrypt("lovelace", b"salt", app.settings["scrypt_n"])
    [cost] = calls
    assert (cost["n"], cost["r"], cost["p"]) == (2**17, 8, 1)
    # OpenSSL needs 128 * r * (n + 2 + p) bytes (just over 128 MiB); default: 32 MiB.
    assert cost["maxmem"] >= 128 * 8 * (2**17 + 2 + 1)


def test_importing_the_lesson_or_making_the_app_hashes_nothing(script, monkeypatch):
    calls = []
    monkeypatch.setattr(hashlib, "scrypt", lambda *args, **cost: calls.append(cost))
    load(script).make_app()
    assert calls == [], "ada's hash is made at the first login, not at start-up"


def test_main_passes_the_scrypt_n_option_to_make_app(lesson, monkeypatch):
    made = {}

    def stop(**settings):
        made.update(settings)
        raise SystemExit

    monkeypatch.setattr(lesson, "parse_command_line", lambda: None)
    monkeypatch.setattr(lesson, "options", types.SimpleNamespace(scrypt_n=1024))
    monkeypatch.setattr(lesson, "make_app", stop)
    with pytest.raises(SystemExit):
        asyncio.run(lesson.main())
    assert made == {"scrypt_n": 1024}


def test_an_unknown_name_costs_one_scrypt_too_and_never_matches(lesson, monkeypatch):
    lesson.demo_users(1024)  # ada's hash, made at the first login: not counted here
    calls = []
    real = lesson.scrypt

    def spy(password, salt, n):
        calls.append(password)
        return real(password, salt, n)

    monkeypatch.setattr(lesson, "scrypt", spy)
    handler = types.SimpleNamespace(settings={"scrypt_n": 1024})
    assert lesson.LoginHandler.password_matches(handler, "grace", "lovelace") is False
    assert lesson.LoginHandler.password_matches(handler, "ada", "guess") is False
    assert calls == ["lovelace", "guess"], "one hash per check, known name or not"


def test_the_password_check_runs_in_a_thread_not_on_the_event_loop(lesson, monkeypatch):
    threads = []

    def spy(handler, username, password):
        threads.append(threading.current_thread())
        return False

    monkeypatch.setattr(lesson.LoginHandler, "password_matches", spy)

    response = fetch_in_process(
        lesson.make_app(cookie_secret=SECRET),
        "/login",
        method="POST",
        body="_xsrf=t&username=ada&password=x",
        headers={"Cookie": "_xsrf=t"},
        follow_redirects=False,
    )
    assert response.code == 303
    assert len(threads) == 1
    assert threads[0] is not threading.main_thread(), "scrypt must not block the loop"


# @tornado.web.authenticated


def test_profile_sends_anonymous_users_to_the_login_url_with_next(client):
    response = client.get("/profile", allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fprofile"


def test_next_holds_the_whole_uri_query_included(client):
    response = client.get("/profile?tab=2", allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fprofile%3Ftab%3D2"


def test_an_anonymous_post_gets_403_not_a_redirect(client, server):
    token = xsrf_token(client)
    seen = len(server.log())
    response = client.post("/logout", data={"_xsrf": token}, allow_redirects=False)
    assert response.status_code == 403
    assert "Location" not in response.headers
    log = server.wait_for_log("403 POST /logout (127.0.0.1) ", after=seen)
    assert XSRF_MISSING not in log, "the token passed: the 403 is @authenticated's"


def test_logout_answers_303_to_the_login_form_and_clears_the_cookie(client):
    client.cookies.set("user", user_cookie("grace"))  # a name no other test uses
    response = client.post(
        "/logout", data={"_xsrf": xsrf_token(client)}, allow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/login"
    assert set_cookie(response, "user").startswith('user=""; expires=')


def test_the_round_trip_goes_from_profile_to_login_and_back(client):
    form = client.get("/profile")
    assert form.status_code == 200
    assert form.url == client.base_url + "/login?next=%2Fprofile"
    fields = {
        "_xsrf": TOKEN.search(form.text)[1],
        "next": NEXT_FIELD.search(form.text)[1],
    }
    response = client.post(
        "/login", data={**fields, "username": "ada", "password": "lovelace"}
    )
    assert response.status_code == 200
    assert [step.status_code for step in response.history] == [303]
    assert response.url == client.base_url + "/profile"
    assert response.request.method == "GET", "POST/redirect/GET: the page comes by GET"
    assert response.text == HELLO


# Logout: a copy of the cookie saved before it no longer signs in


def test_a_cookie_saved_before_logout_no_longer_signs_in_but_a_new_login_does(
    start_script, script, client_for
):
    server = start_script(script)  # its own server: ada's logout count goes up
    client = client_for(server)
    saved = log_in(client).cookies["user"]
    assert client.get("/profile", allow_redirects=False).text == HELLO
    form = {"_xsrf": xsrf_token(client)}
    assert client.post("/logout", data=form, allow_redirects=False).status_code == 303
    client.cookies.set("user", saved)  # a copy kept from before the logout
    assert client.get("/profile", allow_redirects=False).status_code == 302
    client.cookies.clear()
    assert log_in(client).status_code == 303
    assert client.get("/profile", allow_redirects=False).text == HELLO


# The profile page puts the name from the cookie into HTML


def test_profile_escapes_the_user_name_it_puts_into_html(client):
    client.cookies.set("user", user_cookie("<script>alert(1)</script>"))
    profile = client.get("/profile", allow_redirects=False)
    assert profile.status_code == 200
    assert profile.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert profile.text == (
        "Hello, &lt;script&gt;alert(1)&lt;/script&gt;! "
        "Only signed-in users see this page.\n"
    )


# Signed cookies: readable, not changeable, set_secure_cookie is an alias


def test_the_user_cookie_is_signed_not_secret(ada):
    # Version 2 signed value: 2|1:0|<time>|4:user|<len>:<base64 value>|<signature>
    fields = ada.cookies["user"].strip('"').split("|")
    assert base64.b64decode(fields[4].split(":")[1]) == b"0:ada", "anyone can read it"
    assert re.fullmatch(r"[0-9a-f]{64}", fields[5])


def test_a_changed_user_cookie_is_ignored(client):
    fields = user_cookie().split("|")
    value = base64.b64encode(b"0:admin").decode()
    fields[4] = f"{len(value)}:{value}"
    client.cookies.set("user", "|".join(fields))
    response = client.get("/profile", allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fprofile"


def test_a_cookie_signed_with_the_cookie_secret_option_is_accepted(client):
    client.cookies.set("user", user_cookie())
    response = client.get("/profile", allow_redirects=False)
    assert response.status_code == 200
    assert response.text == HELLO


def test_the_old_names_are_aliases_of_the_new_ones():
    handler = tornado.web.RequestHandler
    assert handler.set_secure_cookie is handler.set_signed_cookie
    assert handler.get_secure_cookie is handler.get_signed_cookie


def test_a_cookie_made_by_set_secure_cookie_is_read_by_get_signed_cookie(client):
    old = offline_handler()
    old.set_secure_cookie("user", "0:ada")
    client.cookies.set("user", old._new_cookie["user"].value)
    response = client.get("/profile", allow_redirects=False)
    assert response.status_code == 200, "the lesson's get_signed_cookie() read it"
    assert response.text == HELLO


def test_a_cookie_made_by_set_signed_cookie_is_read_by_get_secure_cookie(ada):
    old = offline_handler(f"user={ada.cookies['user']}")
    assert old.get_secure_cookie("user") == b"0:ada"


def test_without_the_option_every_start_makes_its_own_random_secret(lesson):
    assert lesson.options.cookie_secret is None
    first = lesson.make_app().settings["cookie_secret"]
    again = lesson.make_app().settings["cookie_secret"]
    assert re.fullmatch(r"[0-9a-f]{64}", first), "32 random bytes, as hex"
    assert first != again, "a new secret at each start: a restart signs everybody out"


def test_a_cookie_signed_with_another_secret_is_ignored(client):
    other = tornado.web.create_signed_value("another secret", "user", "0:ada").decode()
    client.cookies.set("user", other)
    response = client.get("/profile", allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fprofile"


# next must stay on this site

CRLF_NEXT = [
    "/profile\r\nSet-Cookie: admin=1",
    "/profile\nSet-Cookie: admin=1",
    "/\r/x",
]
HOSTILE_NEXT = [*OFF_SITE_URLS, *CRLF_NEXT, "/pro\x0bfile", "/profile\x7f", ""]


def hidden_next(client, next_url):
    """The next the form sends back: what the login's check made of next_url."""
    page = client.get("/login", params={"next": next_url})
    assert page.status_code == 200
    return NEXT_FIELD.search(page.text)[1]


@pytest.mark.parametrize("next_url", HOSTILE_NEXT)
def test_a_next_that_could_leave_the_site_becomes_the_profile(client, next_url):
    assert hidden_next(client, next_url) == "/profile"


@pytest.mark.parametrize("next_url", ["/profile?tab=2", "/", "/login"])
def test_a_local_next_is_kept(client, next_url):
    assert hidden_next(client, next_url) == next_url


def test_the_login_answers_303_to_a_checked_next(client, server):
    response = log_in(client, next_url="//evil.example/")
    assert response.status_code == 303
    assert response.headers["Location"] == "/profile"
    assert lands_on_this_site(server, response.headers["Location"])


def test_the_login_answers_303_to_a_local_next_as_given(client):
    response = log_in(client, next_url="/profile?tab=2")
    assert response.status_code == 303
    assert response.headers["Location"] == "/profile?tab=2"


def test_no_next_means_the_profile(client):
    page = client.get("/login")
    assert page.status_code == 200
    assert NEXT_FIELD.search(page.text)[1] == "/profile"


def test_percent_encoded_slashes_that_decode_to_a_double_slash_are_refused(client):
    # In the query, %2F%2F decodes to "//evil.example" before the check sees it.
    page = client.get("/login?next=%2F%2Fevil.example")
    assert page.status_code == 200
    assert NEXT_FIELD.search(page.text)[1] == "/profile"


def test_percent_encoded_slashes_that_stay_encoded_are_a_path_on_this_site(
    client, server
):
    # The value is "/%2F%2Fevil.example": a browser asks this site for that path (404).
    location = hidden_next(client, "/%2F%2Fevil.example")
    assert location == "/%2F%2Fevil.example"
    assert lands_on_this_site(server, location)
    assert client.get(location).status_code == 404


def test_next_is_html_escaped_in_the_form(client):
    response = client.get("/login", params={"next": '/"><script>alert(1)</script>'})
    assert response.status_code == 200
    assert "<script>" not in response.text
    escaped = "/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert NEXT_FIELD.search(response.text)[1] == escaped


def test_a_wrong_password_carries_only_a_safe_next_back_to_the_form(client):
    response = log_in(client, "guess", next_url="https://evil.example/")
    assert response.status_code == 303
    assert response.headers["Location"] == "/login?next=%2Fprofile"


# The seed's login, grown the usual way: next trusted


def broken_login(client, **form):
    form = {"_xsrf": xsrf_token(client), **form}
    return client.post("/broken/login", data=form, allow_redirects=False)


def test_broken_login_sends_the_user_to_another_site(client):
    response = broken_login(client, next="https://evil.example/")
    assert response.status_code == 302
    assert response.headers["Location"] == "https://evil.example/"


@pytest.mark.parametrize("next_url", ["//evil.example/", "/\t/evil.example", "/\\evil"])
def test_broken_login_passes_other_escapes_on_as_given(client, next_url):
    response = broken_login(client, next=next_url)
    assert response.status_code == 302
    assert response.headers["Location"] == next_url


def test_broken_login_checks_no_password_and_signs_nobody_in(client):
    response = broken_login(client, username="ada", password="wrong")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "user" not in response.cookies
    assert client.get("/profile", allow_redirects=False).status_code == 302


def test_broken_login_with_a_line_break_in_next_is_a_500(client, server):
    seen = len(server.log())
    response = broken_login(client, next="/x\r\nSet-Cookie: admin=1")
    assert response.status_code == 500
    assert "admin" not in response.cookies
    log = server.wait_for_log("500 POST /broken/login", after=seen)
    assert "ValueError: Unsafe header value" in log
