"""Exercise 18: a unique index makes MongoDB refuse a second "ada", even in a race."""

from concurrent.futures import ThreadPoolExecutor

import pytest


@pytest.fixture
def database(emptied_database, server):
    """The module's database (the server's), emptied: each test starts with none."""
    return emptied_database


def stored(database):
    return sorted(user["username"] for user in database.db.users.find())


def test_a_new_name_is_stored_and_answers_201(client, database):
    response = client.post("/users", data={"username": "ada"})
    assert response.status_code == 201, f"a new name: 201, not {response.status_code}"
    assert response.headers["Content-Type"] == "text/plain; charset=UTF-8"
    assert response.text == "Registered ada.\n"
    assert stored(database) == ["ada"]


def test_a_stored_name_gets_a_409_and_no_second_document(client, database):
    client.post("/users", data={"username": "ada"})
    response = client.post("/users", data={"username": "ada"})
    assert response.status_code == 409, (
        f"the second POST of ada answered {response.status_code}, not 409: "
        "insert_one() raises DuplicateKeyError only with a unique index on username"
    )
    assert stored(database) == ["ada"]


def post_at_once(client_for, server, count=50):
    """count POSTs of ada, each from its own client, all sent at the same moment."""
    clients = [client_for(server) for _ in range(count)]
    with ThreadPoolExecutor(max_workers=count) as pool:
        answers = pool.map(
            lambda one: one.post("/users", data={"username": "ada"}), clients
        )
        return sorted(answer.status_code for answer in answers)


def test_fifty_posts_of_one_name_at_once_store_one_document(
    client_for, server, database
):
    statuses = post_at_once(client_for, server)
    assert statuses == [201] + [409] * 49, f"50 POSTs of ada at once: {statuses}"
    assert stored(database) == ["ada"], "50 POSTs at once stored more than one ada"


def test_after_mongodb_lost_the_collection_fifty_posts_still_store_one(
    client_for, server, database
):
    # As after a restart of an empty MongoDB: no collection, so no index either.
    database.db.users.drop()
    statuses = post_at_once(client_for, server)
    assert statuses == [201] + [409] * 49, (
        f"after the collection was dropped, 50 POSTs of ada answered {statuses}: "
        "post() calls create_indexes() before each insert, so create the index there"
    )
    assert stored(database) == ["ada"]


def test_the_users_collection_has_a_unique_index_on_username(client, database):
    client.post("/users", data={"username": "ada"})
    indexes = database.db.users.index_information()
    unique = [index["key"] for index in indexes.values() if index.get("unique")]
    assert [("username", 1)] in unique, (
        f"create_indexes() should create a unique index on username; found {indexes}"
    )


@pytest.mark.parametrize("username", ["", "no-dash", "x" * 33])
def test_a_bad_name_is_a_400_and_stores_nothing(client, database, username):
    response = client.post("/users", data={"username": username})
    assert response.status_code == 400, f"username={username!r}: 400, please"
    assert stored(database) == []
