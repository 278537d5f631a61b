"""Lesson 18: registration in MongoDB with motor, a unique index, scrypt and a 503."""

import asyncio
import base64
import hashlib
import threading
import time
import types
from concurrent.futures import ThreadPoolExecutor

import pymongo
import pytest

from course.mongodb import EmbeddedMongo
from course.process import Server, ServerFailed, free_port
from tests.client import Client
from tests.introspect import load
from tests.support import (
    fetch_in_process,
    flash_on,
    register,
    register_at_once,
    registration_form,
)

pytestmark = pytest.mark.slow  # waits by design: scheduled first

# One lesson server for the module, on the module's database (the `server`
# fixture of conftest), emptied before each test: the indexes stay.
INVALID = "Username 3-32 of a-z 0-9 _, a valid email, password 8-128."
WRONG_ANSWER = "Wrong answer to the question. Try again."


@pytest.fixture
def database(emptied_database, server):
    """The module's database, emptied: each test starts with no users."""
    return emptied_database


@pytest.fixture(scope="module", autouse=True)
def while_down(script, module_scripts):
    """The lesson on a MongoDB that is not there, and one registration sent at
    once: it waits for the 2 s server selection timeout while the tests run."""
    closed = f"mongodb://ada:secret@127.0.0.1:{free_port()}/nowhere"
    server = module_scripts.start(script, f"--mongodb_uri={closed}")
    client = Client(server.base_url)

    def timed_registration():
        started = time.monotonic()
        return register(client, "ada"), time.monotonic() - started

    with ThreadPoolExecutor(max_workers=1) as pool:
        yield server, pool.submit(timed_registration)
    client.close()


def users(database):
    return list(database.db.users.find({}, {"_id": 0}))


def usernames(database):
    return sorted(user["username"] for user in users(database))


def refused(server, client, username="ada", **kwargs):
    """Register; wait for the access-log line of the POST (the 302 back)."""
    mark = len(server.log())
    response = register(client, username, **kwargs)
    server.wait_for_log("302 POST /register (", after=mark)
    return response


def set_cookies(response):
    """The response's Set-Cookie lines, by cookie name."""
    lines = response.raw.headers.getlist("Set-Cookie")
    return {line.split("=", 1)[0]: line for line in lines}


def server_cost(server):
    """The --scrypt_n the server got: conftest gives test servers a low one."""
    (arg,) = [arg for arg in server.args if arg.startswith("--scrypt_n=")]
    return int(arg.split("=")[1])


def one_email_at_once(clients, email="ada@example.com"):
    """One registration per client, each with its own name and the same email,
    all sent at the same moment (the forms are fetched first)."""
    forms = [registration_form(client) for client in clients]

    def submit(index):
        fields = {**forms[index], "username": f"user{index}", "email": email}
        fields["password"] = "x" * 8
        return clients[index].post("/register", data=fields, allow_redirects=False)

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        return list(pool.map(submit, range(len(clients))))


def log_in(client, username="ada", password="correct horse"):
    client.get("/login")
    form = {
        "_xsrf": client.cookies["_xsrf"],
        "username": username,
        "password": password,
    }
    return client.post("/login", data=form, allow_redirects=False)


# The form


def test_register_form_has_an_xsrf_token_and_keeps_the_answer_on_the_server(client):
    response = client.get("/register")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert set(client.cookies.keys()) == {"_xsrf"}, "no cookie may carry the answer"
    assert 'name="_xsrf"' in response.text
    assert 'name="captcha_key"' in response.text
    assert '<span id="question">What is ' in response.text


def test_the_xsrf_cookie_is_samesite_lax_so_other_sites_cannot_post_with_it(client):
    response = client.get("/register")
    assert response.status_code == 200
    assert "SameSite=Lax" in set_cookies(response)["_xsrf"]


def test_the_flash_and_user_cookies_are_httponly_and_samesite(client, database):
    response = register(client, "ada")
    assert response.status_code == 302
    cookies = set_cookies(response)
    for name in ("flash", "user"):
        assert "HttpOnly" in cookies[name], f"no script on the page may read {name}"
        assert "SameSite=Lax" in cookies[name], f"{name} goes with no other site's form"


def test_the_question_store_is_bounded_the_oldest_question_goes(script):
    lesson = load(script)
    lesson.CAPTCHAS.update((f"key{number}", "2") for number in range(10_000))
    assert fetch_in_process(lesson.make_app(), "/register").code == 200
    assert len(lesson.CAPTCHAS) == 10_000, "one in, one out: memory stays bounded"
    assert "key0" not in lesson.CAPTCHAS


def test_a_post_without_the_xsrf_token_is_a_403_and_stores_nothing(client, database):
    fields = registration_form(client)
    del fields["_xsrf"]
    client.cookies.clear()
    form = {**fields, "username": "ada", "email": "a@b.cd", "password": "x" * 8}
    response = client.post("/register", data=form)
    assert response.status_code == 403
    assert users(database) == []


# Registration done right


def test_registration_creates_exactly_one_user_and_logs_them_in(client, database):
    response = register(client, "ada")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert usernames(database) == ["ada"]
    assert flash_on(client, "/") == "Welcome, ada!"
    assert '<p id="user">Logged in as ada.</p>' in client.get("/").text


def test_the_stored_password_is_a_salted_scrypt_hash_not_the_password(
    server, client, database
):
    register(client, "ada", password="correct horse")
    (user,) = users(database)
    assert sorted(user) == ["email", "hash", "salt", "username"], "no password field"
    assert len(user["salt"]) == 16
    n = server_cost(server)  # main() passed --scrypt_n on to make_app()
    expected = hashlib.scrypt(b"correct horse", salt=user["salt"], n=n, r=8, p=1)
    assert user["hash"] == expected


def test_the_real_cost_is_owasps_and_scrypt_gets_the_memory_it_needs(
    script, monkeypatch
):
    lesson, calls = load(script), []
    monkeypatch.setattr(lesson.hashlib, "scrypt", lambda *a, **kw: calls.append(kw))
    assert lesson.options.scrypt_n == 2**17, "the --scrypt_n default"
    handler = types.SimpleNamespace(settings=lesson.make_app().settings)
    lesson.BaseHandler.scrypt(handler, "correct horse", b"s" * 16)
    (call,) = calls
    assert (call["n"], call["r"], call["p"]) == (2**17, 8, 1), "make_app()'s default"
    # OpenSSL refuses to start unless maxmem holds its buffers: 128 MiB at 2**17.
    assert call["maxmem"] >= 128 * call["r"] * (call["n"] + call["p"] + 2)


def test_two_users_with_one_password_get_different_salts(client_for, server, database):
    register(client_for(server), "ada", password="same password")
    register(client_for(server), "bob", password="same password")
    first, second = users(database)
    assert first["salt"] != second["salt"]
    assert first["hash"] != second["hash"]


def test_a_wrong_captcha_redirects_back_and_creates_no_user(server, client, database):
    response = refused(server, client, captcha="-1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/register"
    assert flash_on(client, "/register") == WRONG_ANSWER
    assert users(database) == []


def test_a_captcha_answer_works_only_once(server, client, database):
    fields = registration_form(client)
    first = {**fields, "username": "ada", "email": "a@x.io", "password": "x" * 8}
    again = {**fields, "username": "bob", "email": "b@x.io", "password": "x" * 8}
    assert client.post("/register", data=first, allow_redirects=False).ok
    mark = len(server.log())
    response = client.post("/register", data=again, allow_redirects=False)
    server.wait_for_log("302 POST /register (", after=mark)
    assert response.headers["Location"] == "/register"
    assert flash_on(client, "/register") == WRONG_ANSWER
    assert usernames(database) == ["ada"]


def test_a_taken_username_is_a_clear_message_not_a_second_account(
    client_for, server, database
):
    register(client_for(server), "ada", email="ada@example.com")
    second = client_for(server)
    response = refused(server, second, email="other@example.com")
    assert response.headers["Location"] == "/register"
    assert flash_on(second, "/register") == "That username is already registered."
    assert usernames(database) == ["ada"]


def test_a_taken_email_is_refused_too(client_for, server, database):
    register(client_for(server), "ada", email="same@example.com")
    second = client_for(server)
    refused(server, second, "bob", email="SAME@example.com")
    assert flash_on(second, "/register") == "That email is already registered."
    assert usernames(database) == ["ada"]


def test_unique_indexes_guard_username_and_email(client, database):
    register(client, "ada")
    indexes = database.db.users.index_information()
    assert indexes["username_1"]["unique"] is True
    assert indexes["email_1"]["unique"] is True


def test_fifty_registrations_of_one_name_at_once_create_one_account(
    client_for, server, database
):
    responses = register_at_once([client_for(server) for _ in range(50)])
    locations = sorted(response.headers["Location"] for response in responses)
    assert locations == ["/"] + ["/register"] * 49
    assert usernames(database) == ["ada"]


def test_fifty_registrations_of_one_email_at_once_create_one_account(
    client_for, server, database
):
    responses = one_email_at_once([client_for(server) for _ in range(50)])
    locations = sorted(response.headers["Location"] for response in responses)
    assert locations == ["/"] + ["/register"] * 49
    assert [user["email"] for user in users(database)] == ["ada@example.com"]


@pytest.mark.parametrize(
    ("username", "email", "password"),
    [
        ("ab", "ab@example.com", "long enough"),
        ("Ada!", "a@example.com", "long enough"),
        ("ada", "not-an-email", "long enough"),
        ("ada", "a@example.com", "short"),
        ("ada", "a@example.com", "x" * 129),
    ],
    ids=["short-name", "bad-name", "bad-email", "short-password", "long-password"],
)
def test_invalid_fields_are_refused_with_a_message(
    server, client, database, username, email, password
):
    response = refused(server, client, username, email=email, password=password)
    assert response.headers["Location"] == "/register"
    assert flash_on(client, "/register") == INVALID
    assert users(database) == []


# Logging in and out


def test_login_with_the_right_password_sets_the_signed_user_cookie(
    client_for, server, database
):
    register(client_for(server), "ada", password="correct horse")
    client = client_for(server)
    response = log_in(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.cookies["user"].startswith("2|"), "a signed cookie, not the name"
    assert flash_on(client, "/") == "Welcome back, ada!"


@pytest.mark.parametrize(
    ("username", "password"), [("ada", "wrong password"), ("nobody", "correct horse")]
)
def test_a_wrong_login_says_the_same_for_name_and_password(
    client_for, server, database, username, password
):
    register(client_for(server), "ada", password="correct horse")
    client = client_for(server)
    mark = len(server.log())
    response = log_in(client, username, password)
    server.wait_for_log("302 POST /login (", after=mark)
    assert response.headers["Location"] == "/login"
    assert "user" not in client.cookies
    assert flash_on(client, "/login") == "Wrong username or password."


@pytest.mark.parametrize("path", ["/login", "/register"])
def test_a_form_without_username_and_password_is_a_400(client, database, path):
    client.get(path)
    form = {"_xsrf": client.cookies["_xsrf"], "email": "a@b.cd"}
    response = client.post(path, data=form, allow_redirects=False)
    assert response.status_code == 400, "a form always sends them: no flash, no hash"
    assert "flash" not in response.cookies
    assert users(database) == []


def test_a_forged_user_cookie_is_ignored(client):
    client.cookies.set("user", "ada")
    assert "Nobody is logged in." in client.get("/").text


def test_logout_clears_the_user_cookie(client, database):
    register(client, "ada")
    form = {"_xsrf": client.cookies["_xsrf"]}
    response = client.post("/logout", data=form, allow_redirects=False)
    assert response.headers["Location"] == "/"
    assert flash_on(client, "/") == "You are logged out."
    assert "Nobody is logged in." in client.get("/").text


class Users:
    """Stands in for the motor collection: find_one() finds `found`."""

    def __init__(self, found):
        self.found = found

    async def find_one(self, query):
        return self.found


def post_a_login(lesson, users):
    """The lesson's app in this process, on a fake collection; one login POST."""
    response = fetch_in_process(
        lesson.make_app(db=types.SimpleNamespace(users=users)),
        "/login",
        method="POST",
        body="_xsrf=t&username=ada&password=correct+horse",
        headers={"Cookie": "_xsrf=t"},
        follow_redirects=False,
    )
    return response.code, response.headers["Location"]


@pytest.fixture
def scrypt_calls(script, monkeypatch):
    """The lesson imported here, its scrypt replaced by a quick spy."""
    lesson, calls = load(script), []

    def spy(handler, password, salt):
        calls.append((password, salt, threading.current_thread()))
        return b"\0" * 64  # as long as a real hash, and not the stored one

    monkeypatch.setattr(lesson.BaseHandler, "scrypt", spy)
    return lesson, calls


def test_scrypt_runs_in_a_thread_not_on_the_event_loop(scrypt_calls):
    lesson, calls = scrypt_calls
    ada = {"username": "ada", "salt": b"s" * 16, "hash": b"the hash"}
    assert post_a_login(lesson, Users(ada)) == (302, "/login")
    assert [call[:2] for call in calls] == [("correct horse", b"s" * 16)]
    assert calls[0][2] is not threading.main_thread(), "scrypt must not block the loop"


def test_an_unknown_name_costs_one_scrypt_too_and_never_matches(scrypt_calls):
    # No user, no hash would answer sooner: the timing would tell which names exist.
    lesson, calls = scrypt_calls
    assert post_a_login(lesson, Users(None)) == (302, "/login")
    assert [call[0] for call in calls] == ["correct horse"], "one hash, as for ada"
    assert len(calls[0][1]) == 16, "a salt as long as a user's"
    assert calls[0][2] is not threading.main_thread()


# When the database is down, restarts empty, or the URI is wrong


def test_after_mongodb_restarts_empty_fifty_registrations_still_make_one_account(
    script, start_script, client_for, tmp_path
):
    # A MongoDB of this test's own: it stops, and an empty one takes its port.
    mongo = EmbeddedMongo(tmp_path / "before").start()
    try:
        server = start_script(script, f"--mongodb_uri={mongo.uri}restart")
        assert register(client_for(server), "zed").headers["Location"] == "/"
        mongo.stop(grace=0)
        mongo = EmbeddedMongo(tmp_path / "after", port=mongo.port).start()
        responses = register_at_once([client_for(server) for _ in range(50)])
        with pymongo.MongoClient(mongo.uri) as after:
            names = [user["username"] for user in after.restart.users.find()]
    finally:
        mongo.stop(grace=0)
    locations = sorted(response.headers["Location"] for response in responses)
    assert locations == ["/"] + ["/register"] * 49
    assert names == ["ada"], "zed went with the old data; only one ada may be new"


def test_database_down_is_a_503_within_seconds_and_no_password_is_shown(while_down):
    server, registration = while_down
    response, seconds = registration.result(timeout=30)
    assert response.status_code == 503
    assert seconds < 10, "a short server selection timeout, not pymongo's 30 s"
    log = server.wait_for_log("MongoDB unreachable")
    assert "Traceback" not in log
    assert "secret" not in server.output(), "the URI's password is never shown"


def test_a_uri_that_is_not_a_uri_stops_the_lesson_with_one_line(script):
    server = Server(script, args=["--mongodb_uri=http://example.com/"])
    try:
        with pytest.raises(ServerFailed, match="exited with code 1"):
            server.start()
        lines = server.output().strip().splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith("--mongodb_uri is not a MongoDB URI: Invalid URI")
    finally:
        server.close()


# What older tutorials do


def test_a_signed_cookie_is_readable_so_no_answer_goes_into_one(server, client):
    refused(server, client, captcha="-1")
    # A signed value is "2|1:0|10:<time>|5:flash|<n>:<base64 text>|<signature>".
    encoded = client.cookies["flash"].strip('"').split("|")[4].split(":")[1]
    assert base64.b64decode(encoded).decode() == WRONG_ANSWER


def test_motors_old_insert_is_gone_insert_one_replaces_it(mongodb_uri):
    import motor.motor_tornado

    collection = motor.motor_tornado.MotorClient(mongodb_uri).tornado_course.users
    with pytest.raises(TypeError, match="no such method exists"):
        collection.insert({"username": "ada"})
    assert callable(collection.insert_one)


def test_pymongos_async_client_takes_the_same_calls(mongodb_uri):
    from pymongo import AsyncMongoClient

    async def round_trip():
        client = AsyncMongoClient(mongodb_uri, serverSelectionTimeoutMS=2000)
        users = client.get_database("test_async_client").users
        try:
            await users.create_index("username", unique=True)
            await users.insert_one({"username": "ada"})
            return await users.find_one({"username": "ada"}, {"_id": 0})
        finally:
            await client.drop_database("test_async_client")
            await client.close()

    assert asyncio.run(round_trip()) == {"username": "ada"}
