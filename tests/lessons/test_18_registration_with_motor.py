"""Lesson 18: registration in MongoDB with motor, a unique index, scrypt and a 503."""

import asyncio
import base64
import hashlib
import threading
import time
import types
from concurrent.futures import ThreadPoolExecutor

import pytest

from course.client import Client
from course.introspect import load
from course.serve import Server, ServerFailed, free_port
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
        yield closed, server, pool.submit(timed_registration)
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


def test_the_stored_password_is_a_salted_scrypt_hash_not_the_password(client, database):
    register(client, "ada", password="correct horse")
    (user,) = users(database)
    assert sorted(user) == ["email", "hash", "salt", "username"], "no password field"
    assert len(user["salt"]) == 16
    expected = hashlib.scrypt(b"correct horse", salt=user["salt"], n=2**14, r=8, p=1)
    assert user["hash"] == expected


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


def test_twenty_registrations_of_one_name_at_once_create_one_account(
    client_for, server, database
):
    responses = register_at_once([client_for(server) for _ in range(20)])
    locations = sorted(response.headers["Location"] for response in responses)
    assert locations == ["/"] + ["/register"] * 19
    assert usernames(database) == ["ada"]


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


# When the database is down, or the URI is wrong


def test_database_down_is_a_503_within_seconds_and_the_lesson_names_the_uri(
    while_down,
):
    closed, server, registration = while_down
    response, seconds = registration.result(timeout=30)
    assert response.status_code == 503
    assert seconds < 10, "a short server selection timeout, not pymongo's 30 s"
    line, _ = server.wait_for_line("Users go to MongoDB at")
    masked = closed.replace("ada:secret", "***")
    assert line.strip() == f"Users go to MongoDB at {masked}", "never the password"
    log = server.wait_for_log("MongoDB unreachable")
    assert "Traceback" not in log
    assert "secret" not in server.output()


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
