"""Lesson 03: a route's dict reaches initialize(), a group reaches get()."""

import socket

import pytest
import requests

from tests.support import PAGE_500


def test_a_three_tuple_passes_its_dict_to_initialize(client):
    response = client.get("/cpp")
    assert response.status_code == 200
    assert response.text == "Today's subject: C++\n"


def test_the_same_handler_class_serves_another_route_with_another_dict(client):
    response = client.get("/python")
    assert response.status_code == 200
    assert response.text == "Today's subject: Python\n"


def test_the_profile_comes_from_the_users_table(client):
    response = client.get("/user/ada")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=UTF-8"
    assert response.text == "ada: Ada Lovelace, the first programmer\n"


def test_the_group_in_the_pattern_picks_the_profile(client):
    response = client.get("/user/alan")
    assert response.status_code == 200
    assert response.text == "alan: Alan Turing\n"


def test_an_unknown_user_is_a_404(client):
    response = client.get("/user/nobody")
    assert response.status_code == 404
    assert "nobody" not in response.text


def test_a_name_with_a_slash_or_no_name_is_a_404(client):
    assert client.get("/user/ada/x").status_code == 404
    assert client.get("/user/").status_code == 404


def test_invalid_utf8_in_the_name_is_a_400(client):
    assert client.get("/user/%FF").status_code == 400


def test_seed_profile_handler_without_a_group_parameter_is_a_500(client, server):
    mark = len(server.log())
    response = client.get("/broken/user/ada")
    assert response.status_code == 500
    assert response.text == PAGE_500  # no traceback for the visitor
    log = server.wait_for_log("500 GET /broken/user/ada", after=mark)
    assert "Uncaught exception GET /broken/user/ada" in log
    assert (
        "TypeError: BrokenProfileHandler.get() takes 1 positional argument "
        "but 2 were given" in log
    )


def test_a_missing_initialize_argument_closes_the_connection_without_any_answer(
    server,
):
    mark = len(server.log())
    # The handler cannot even be created: no status line, not even a 500.
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw:
        raw.sendall(b"GET /broken/no-subject HTTP/1.1\r\nHost: x\r\n\r\n")
        assert raw.recv(1000) == b"", "an empty reply: the server closed the socket"
    log = server.wait_for_log("missing 1 required positional argument", after=mark)
    assert (
        "TypeError: SubjectHandler.initialize() missing 1 required positional "
        "argument: 'subject'" in log
    )
    assert "Uncaught exception" in log
    assert "GET /broken/no-subject" not in log  # no access-log line: no answer


def test_the_server_survives_a_handler_it_cannot_create(client):
    with pytest.raises(requests.ConnectionError, match="without response"):
        client.get("/broken/no-subject")
    assert client.get("/cpp").status_code == 200
