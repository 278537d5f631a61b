"""Lesson 17: redirect() and finish() end the response, not the method; return does."""

import re
import uuid

import pytest
import tornado.gen
import tornado.httpclient
import tornado.httpserver
import tornado.testing
import tornado.web

from tests.introspect import load
from tests.support import (
    CAPTCHA_QUESTION,
    fetch_in_process,
    flash_on,
    register,
    register_at_once,
    registration_form,
)

USER = re.compile(r"<li>([^<]*)</li>")
CANNOT_REDIRECT = "Exception: Cannot redirect after headers have been written"
WRONG_ANSWER = "Wrong answer to the question. Try again."


def set_cookies(response):
    """The response's Set-Cookie lines, by cookie name."""
    lines = response.raw.headers.getlist("Set-Cookie")
    return {line.split("=", 1)[0]: line for line in lines}


def new_name():
    """A name no other test uses: the tests share one server and its memory."""
    return f"u{uuid.uuid4().hex[:12]}"


def accounts(client, name):
    """How many accounts the form page lists under this name."""
    return USER.findall(client.get("/register").text).count(name)


def answered(server, client, name, path="/register", **kwargs):
    """Submit the form, then wait for the access-log line of the POST.
    The next request (accounts(), flash_on()) runs after the rest of post()."""
    mark = len(server.log())
    response = register(client, name, path=path, **kwargs)
    server.wait_for_log(f"{response.status_code} POST {path} (", after=mark)
    return response


# The form


def test_the_form_keeps_the_answer_on_the_server_and_has_an_xsrf_token(client):
    response = client.get("/register")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert set(client.cookies.keys()) == {"_xsrf"}, "no cookie may carry the answer"
    assert 'name="_xsrf"' in response.text
    assert 'name="captcha_key"' in response.text
    assert CAPTCHA_QUESTION.search(response.text)


def test_the_xsrf_cookie_is_samesite_lax_so_other_sites_cannot_post_with_it(client):
    response = client.get("/register")
    assert response.status_code == 200
    assert "SameSite=Lax" in set_cookies(response)["_xsrf"]


def test_the_flash_cookie_is_httponly_and_samesite(server, client):
    response = answered(server, client, new_name(), captcha="-1")
    assert response.status_code == 302
    flash = set_cookies(response)["flash"]
    assert "HttpOnly" in flash, "no script on the page may read it"
    assert "SameSite=Lax" in flash


def test_the_question_store_is_bounded_the_oldest_question_goes(script):
    captchas = {f"key{number}": "2" for number in range(10_000)}
    app = load(script).make_app(captchas=captchas)
    assert fetch_in_process(app, "/register").code == 200
    assert len(captchas) == 10_000, "one question in, one out: memory stays bounded"
    assert "key0" not in captchas


def test_a_post_without_the_xsrf_token_is_a_403_and_stores_nothing(server, client):
    name = new_name()
    fields = registration_form(client)
    del fields["_xsrf"]
    client.cookies.clear()
    response = client.post("/register", data={**fields, "username": name})
    assert response.status_code == 403
    assert accounts(client, name) == 0


# Done right: return after every refusal


def test_the_right_answer_creates_exactly_one_account(server, client):
    name = new_name()
    response = answered(server, client, name)
    assert response.status_code == 302
    assert response.headers["Location"] == "/register"
    assert accounts(client, name) == 1


def test_a_wrong_answer_is_sent_back_with_a_message_and_creates_no_account(
    server, client
):
    name = new_name()
    response = answered(server, client, name, captcha="-1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/register"
    assert flash_on(client, "/register") == WRONG_ANSWER
    assert accounts(client, name) == 0


def test_an_answer_works_only_once(server, client):
    first, second = new_name(), new_name()
    fields = registration_form(client)
    client.post("/register", data={**fields, "username": first}, allow_redirects=False)
    mark = len(server.log())
    again = client.post(
        "/register", data={**fields, "username": second}, allow_redirects=False
    )
    server.wait_for_log("302 POST /register (", after=mark)
    assert again.headers["Location"] == "/register"
    assert flash_on(client, "/register") == WRONG_ANSWER
    assert (accounts(client, first), accounts(client, second)) == (1, 0)


def test_a_taken_name_is_refused_and_gets_no_second_account(server, client_for):
    name = new_name()
    answered(server, client_for(server), name)
    second = client_for(server)
    response = answered(server, second, name)
    assert response.headers["Location"] == "/register"
    assert flash_on(second, "/register") == "That username is already registered."
    assert accounts(second, name) == 1


def test_fifty_registrations_of_one_name_at_once_create_one_account(server, client_for):
    name = new_name()
    responses = register_at_once([client_for(server) for _ in range(50)], name)
    assert [response.status_code for response in responses] == [302] * 50
    assert accounts(client_for(server), name) == 1


@pytest.mark.parametrize("name", ["not-a-name", "a" * 33], ids=["dash", "too-long"])
def test_a_bad_name_is_refused_even_with_the_right_answer(server, client, name):
    response = answered(server, client, name)
    assert response.headers["Location"] == "/register"
    assert flash_on(client, "/register") == "A username is 1 to 32 letters and digits."
    assert accounts(client, name) == 0


# The pitfall, on /broken/


def test_broken_register_still_creates_the_account_after_a_wrong_answer(server, client):
    name, mark = new_name(), len(server.log())
    response = register(client, name, captcha="-1", path="/broken/register")
    assert response.status_code == 302
    assert response.headers["Location"] == "/broken/register", "sent back..."
    # The answer left before the method ended: wait for its last line to fail.
    log = server.wait_for_log(CANNOT_REDIRECT, after=mark)
    assert "Uncaught exception POST /broken/register (" in log
    assert accounts(client, name) == 1, "...but the account exists"


def test_broken_register_gives_a_taken_name_a_second_account(server, client_for):
    name = new_name()
    register(client_for(server), name, path="/broken/register")
    mark = len(server.log())
    response = register(client_for(server), name, path="/broken/register")
    assert response.headers["Location"] == "/broken/register"
    server.wait_for_log(CANNOT_REDIRECT, after=mark)
    assert accounts(client_for(server), name) == 2


def test_finish_does_not_leave_the_method_either(server, client):
    name, mark = new_name(), len(server.log())
    path = "/broken/register-finish"
    response = register(client, name, captcha="-1", path=path)
    assert response.status_code == 400
    assert response.text == WRONG_ANSWER
    server.wait_for_log(CANNOT_REDIRECT, after=mark)
    assert accounts(client, name) == 1


def test_finish_after_redirect_raises_finish_called_twice(server, client):
    name, mark = new_name(), len(server.log())
    path = "/broken/register-finish-twice"
    response = register(client, name, captcha="-1", path=path)
    assert response.status_code == 302
    assert response.headers["Location"] == path
    log = server.wait_for_log("RuntimeError: finish() called twice", after=mark)
    assert f"Uncaught exception POST {path} (" in log
    # The crash stops the method, so no account: a fix by accident.
    assert accounts(client, name) == 0


def test_redirect_sets_the_response_location_not_a_request_header(server, client):
    mark = len(server.log())
    response = register(client, new_name(), captcha="-1", path="/broken/register")
    assert response.headers["Location"] == "/broken/register"
    log = server.wait_for_log(CANNOT_REDIRECT, after=mark)
    assert "post() goes on. 'Location' in self.request.headers: False" in log


# Older decorators


def test_tornado_web_has_no_asynchronous_decorator_and_never_had_aynchronous():
    with pytest.raises(AttributeError):
        tornado.web.aynchronous  # noqa: B018 - the older tutorial's spelling
    assert not hasattr(tornado.web, "asynchronous"), "removed in Tornado 6.0"


def test_a_gen_coroutine_handler_still_serves_and_finishes_by_itself():
    class CoroutineHandler(tornado.web.RequestHandler):
        @tornado.gen.coroutine
        def get(self):
            yield tornado.gen.sleep(0)
            self.write("done")  # no finish(): Tornado calls it when the coroutine ends

    response = fetch_in_process(tornado.web.Application([("/", CoroutineHandler)]))
    assert response.code == 200
    assert response.body == b"done"
