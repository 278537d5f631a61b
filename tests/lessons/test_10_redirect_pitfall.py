"""Lesson 10: return after redirect(); the registration app, checked in the database itself.

One lesson server per module, on a database of its own that is emptied before
every test: what one test registers never leaks into another, and the unique
indexes the lesson made at start-up stay.
"""

import hashlib
import time

import pytest

from course.serve import Server, ServerFailed, free_port
from tests.support import flash_on, register, register_at_once, registration_form


@pytest.fixture(scope="module")
def server(script, module_scripts, module_database):
    """The lesson, on the module's database."""
    server = module_scripts.start(script, f"--mongodb_uri={module_database.uri}")
    server.wait_for_line("MongoDB ready at")  # the unique indexes are in place
    return server


@pytest.fixture
def database(emptied_database, server):
    """The module's database, emptied: each test starts with no users."""
    return emptied_database


def users(database, collection="users"):
    return list(database.db[collection].find({}, {"_id": 0}))


# The form


def test_register_form_has_an_xsrf_token_and_keeps_the_captcha_answer_on_the_server(client):
    response = client.get("/register")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert set(client.cookies.keys()) == {"_xsrf"}, "no cookie may carry the captcha answer"
    assert 'name="_xsrf"' in response.text
    assert "What is" in response.text


def test_a_post_without_the_xsrf_token_is_a_403_and_stores_nothing(client, database):
    fields = registration_form(client)
    del fields["_xsrf"]
    client.cookies.clear()
    response = client.post("/register", data={**fields, "username": "ada", "email": "a@b.cd", "password": "x" * 8})
    assert response.status_code == 403
    assert users(database) == []


# Registration done right


def test_registration_creates_exactly_one_user_and_logs_them_in(client, database):
    response = register(client, "ada", password="correct horse")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert [user["username"] for user in users(database)] == ["ada"]
    assert flash_on(client, "/") == "Welcome, ada!"
    assert "Logged in as ada." in client.get("/").text


def test_the_stored_password_is_a_salted_scrypt_hash_not_the_password(client, database):
    register(client, "ada", password="correct horse")
    stored = users(database)[0]["password"]
    scheme, salt, digest = stored.split("$")
    assert scheme == "scrypt"
    assert "correct horse" not in stored
    expected = hashlib.scrypt(b"correct horse", salt=bytes.fromhex(salt), n=2**14, r=8, p=1)
    assert digest == expected.hex()


def test_two_users_with_one_password_get_different_salts(client_for, server, database):
    register(client_for(server), "ada", password="same password")
    register(client_for(server), "bob", password="same password")
    first, second = (user["password"] for user in users(database))
    assert first != second


def test_a_wrong_captcha_redirects_back_and_creates_no_user(client, database):
    response = register(client, "ada", captcha="-1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/register"
    assert users(database) == []
    assert flash_on(client, "/register") == "Wrong answer to the question. Try again."


def test_a_captcha_answer_works_only_once(client, database):
    fields = registration_form(client)
    first = client.post(
        "/register", data={**fields, "username": "ada", "email": "a@x.io", "password": "x" * 8}, allow_redirects=False
    )
    again = client.post(
        "/register", data={**fields, "username": "bob", "email": "b@x.io", "password": "x" * 8}, allow_redirects=False
    )
    assert first.headers["Location"] == "/"
    assert again.headers["Location"] == "/register"
    assert [user["username"] for user in users(database)] == ["ada"]


def test_a_taken_username_is_a_clear_message_not_a_second_account(client_for, server, database):
    register(client_for(server), "ada", email="ada@example.com")
    second = client_for(server)
    response = register(second, "ada", email="other@example.com")
    assert response.headers["Location"] == "/register"
    assert flash_on(second, "/register") == "That username is already registered."
    assert len(users(database)) == 1


def test_a_taken_email_is_refused_too(client_for, server, database):
    register(client_for(server), "ada", email="same@example.com")
    second = client_for(server)
    register(second, "bob", email="SAME@example.com")
    assert flash_on(second, "/register") == "That email is already registered."
    assert len(users(database)) == 1


def test_unique_indexes_guard_username_and_email(server, database):
    indexes = database.db.users.index_information()
    assert indexes["username_1"]["unique"] is True
    assert indexes["email_1"]["unique"] is True


def test_twenty_concurrent_registrations_of_one_name_create_one_account(client_for, server, database):
    responses = register_at_once([client_for(server) for _ in range(20)])
    assert sorted(response.headers["Location"] for response in responses) == ["/"] + ["/register"] * 19
    assert len(users(database)) == 1


@pytest.mark.parametrize(
    ("username", "email", "password"),
    [
        ("ab", "ab@example.com", "long enough"),
        ("Ada!", "a@example.com", "long enough"),
        ("ada", "not-an-email", "long enough"),
        ("ada", "a@example.com", "short"),
    ],
    ids=["short-name", "bad-name", "bad-email", "short-password"],
)
def test_invalid_fields_are_refused_with_a_message(client, database, username, email, password):
    response = register(client, username, email=email, password=password)
    assert response.headers["Location"] == "/register"
    assert flash_on(client, "/register").startswith("Username: 3-32 of a-z 0-9 _")
    assert users(database) == []


# Logging in and out


def test_login_with_the_right_password_sets_the_signed_user_cookie(client_for, server):
    register(client_for(server), "ada", password="correct horse")
    client = client_for(server)
    client.get("/login")
    response = client.post(
        "/login",
        data={"_xsrf": client.cookies["_xsrf"], "username": "ada", "password": "correct horse"},
        allow_redirects=False,
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.cookies["user"].startswith("2|"), "a signed cookie (version 2), not the bare name"
    assert flash_on(client, "/") == "Welcome back, ada!"


@pytest.mark.parametrize(("username", "password"), [("ada", "wrong password"), ("nobody", "correct horse")])
def test_a_wrong_login_says_the_same_for_name_and_password(client_for, server, username, password):
    register(client_for(server), "ada", password="correct horse")
    client = client_for(server)
    client.get("/login")
    response = client.post(
        "/login",
        data={"_xsrf": client.cookies["_xsrf"], "username": username, "password": password},
        allow_redirects=False,
    )
    assert response.headers["Location"] == "/login"
    assert "user" not in client.cookies
    assert flash_on(client, "/login") == "Wrong username or password."


def test_a_forged_user_cookie_is_ignored(client):
    client.cookies.set("user", "ada")
    assert "Nobody is logged in." in client.get("/").text


def test_logout_clears_the_user_cookie(client):
    register(client, "ada")
    response = client.post("/logout", data={"_xsrf": client.cookies["_xsrf"]}, allow_redirects=False)
    assert response.headers["Location"] == "/"
    assert flash_on(client, "/") == "You are logged out."
    assert "Nobody is logged in." in client.get("/").text


# The pitfall, shown on /broken/


def test_broken_register_with_a_wrong_captcha_still_creates_the_user(client, server, database):
    mark = len(server.log())
    response = register(client, "ada", captcha="-1", path="/broken/register")
    assert response.status_code == 302
    assert response.headers["Location"] == "/broken/register", "the client is sent back..."
    # The answer left before the method ended: wait for its last line to fail.
    log = server.wait_for_log("Exception: Cannot redirect after headers have been written", after=mark)
    assert "Uncaught exception POST /broken/register" in log
    assert [user["username"] for user in users(database, "broken_users")] == ["ada"], "...but the user exists"


def test_broken_register_creates_a_second_account_for_a_taken_name(client_for, server, database):
    register(client_for(server), "ada", path="/broken/register")
    mark = len(server.log())
    response = register(client_for(server), "ada", email="other@example.com", path="/broken/register")
    assert response.headers["Location"] == "/broken/register"
    server.wait_for_log("Exception: Cannot redirect after headers have been written", after=mark)
    assert [user["username"] for user in users(database, "broken_users")] == ["ada", "ada"]


def test_finish_does_not_leave_the_method_either(client, server, database):
    mark = len(server.log())
    response = register(client, "ada", captcha="-1", path="/broken/register-finish")
    assert response.status_code == 400
    assert response.text == "Wrong answer to the question. Try again."
    server.wait_for_log("Exception: Cannot redirect after headers have been written", after=mark)
    assert [user["username"] for user in users(database, "broken_users")] == ["ada"]


# When the database is down


def test_database_down_answers_503_within_seconds_and_the_lesson_says_so(script, start_script, client_for):
    closed = f"mongodb://127.0.0.1:{free_port()}/nowhere"
    server = start_script(script, f"--mongodb_uri={closed}")
    client = client_for(server)
    started = time.monotonic()
    response = register(client, "ada")
    assert response.status_code == 503
    assert time.monotonic() - started < 8, "a short server selection timeout, not a hang"
    assert "The database cannot be reached right now." in response.text
    line, _ = server.wait_for_line("Could not reach MongoDB")
    assert closed in line
    assert "Traceback" not in server.log()


def test_a_uri_that_is_not_a_uri_stops_the_lesson_with_one_line(script):
    server = Server(script, args=["--mongodb_uri=http://example.com/"])
    try:
        with pytest.raises(ServerFailed, match="--mongodb_uri is not a usable MongoDB URI"):
            server.start()
    finally:
        server.close()


def test_motors_old_insert_is_gone_insert_one_replaces_it(mongodb_uri):
    import motor.motor_tornado

    collection = motor.motor_tornado.MotorClient(mongodb_uri).tornado_course.users
    with pytest.raises(TypeError, match="no such method exists"):
        collection.insert({"username": "ada"})
    assert callable(collection.insert_one)
