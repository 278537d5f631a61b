"""Exercise 10: leave the method after each refusal; a unique index settles races."""

import time

import pytest

from tests.support import flash_on, register, register_at_once

# A handler that goes on after redirecting stores its user a moment after the
# answer has left: a "no user" check watches the database for this long.
SETTLE_SECONDS = 1.0


@pytest.fixture(scope="module")
def server(script, module_scripts, module_database):
    """The exercise, on the module's database."""
    return module_scripts.start(script, f"--mongodb_uri={module_database.uri}")


@pytest.fixture
def database(emptied_database, server):
    """The module's database, emptied: each test starts with no users.
    (A refusal that goes on inserts within SETTLE_SECONDS, inside its own test.)"""
    return emptied_database


def usernames(database):
    return sorted(user["username"] for user in database.db.users.find())


def assert_stays(database, expected, message):
    deadline = time.monotonic() + SETTLE_SECONDS
    while time.monotonic() < deadline:
        assert usernames(database) == expected, message
        time.sleep(0.05)


def test_a_correct_registration_creates_exactly_one_user(client, database):
    response = register(client, "ada", password="correct horse")
    assert response.status_code == 302
    assert usernames(database) == ["ada"]
    assert flash_on(client, "/register") == "Welcome, ada!"


def test_the_stored_password_is_a_hash_not_the_password(client, database):
    register(client, "ada", password="correct horse")
    stored = database.db.users.find_one({"username": "ada"})["password"]
    assert stored != "correct horse"
    assert stored.startswith("scrypt$")


def test_a_wrong_captcha_creates_no_user(client, database):
    response = register(client, "ada", captcha="-1")
    assert response.status_code == 302
    assert_stays(database, [], "a wrong captcha answer still created the user: return after refusing")
    assert flash_on(client, "/register") == "Wrong answer to the question. Try again."


def test_a_taken_username_creates_no_second_account(client_for, server, database):
    register(client_for(server), "ada")
    second = client_for(server)
    register(second, "ada", email="other@example.com")
    assert_stays(database, ["ada"], "a taken username got a second account: return after refusing")
    assert flash_on(second, "/register") == "That username is already registered."


def test_twenty_registrations_at_once_create_one_account(client_for, server, database):
    statuses = [response.status_code for response in register_at_once([client_for(server) for _ in range(20)])]
    assert statuses == [302] * 20, "every request gets an answer, never a 500"
    assert_stays(database, ["ada"], "20 requests at once made several accounts: a unique index settles it")
