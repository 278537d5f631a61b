"""Lesson 03: init dicts reach initialize(), named routes, reverse_url and its escaping."""

import pytest
import requests

INDEX = (
    "<ul>\n"
    '<li><a href="/python">Python</a></li>\n'
    '<li><a href="/go">Go</a></li>\n'
    '<li><a href="/user/Ada">Ada</a></li>\n'
    "</ul>\n"
)


def test_a_three_tuple_passes_its_dict_to_initialize(client):
    response = client.get("/cpp")
    assert response.status_code == 200
    assert response.text == "Today's subject: C++\n"


def test_the_same_handler_class_serves_another_route_with_another_dict(client):
    response = client.get("/python")
    assert response.status_code == 200
    assert response.text == "Today's subject: Python\n"


def test_the_index_links_to_named_routes_through_reverse_url(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == INDEX


def test_a_four_tuple_names_its_route_like_url_does(client):
    # reverse_url("go") only works if the tuple's fourth element named the route;
    # an unknown name would make the index a 500.
    index = client.get("/")
    assert index.status_code == 200
    assert '<li><a href="/go">Go</a></li>' in index.text
    response = client.get("/go")
    assert response.status_code == 200
    assert response.text == "Today's subject: Go\n"


def test_reverse_url_fills_the_group_with_the_url_escaped_argument(client):
    response = client.get("/", params={"user": "Zoë & <Ada>"})
    assert response.status_code == 200
    assert '<li><a href="/user/Zo%C3%AB%20%26%20%3CAda%3E">Zoë &amp; &lt;Ada&gt;</a></li>' in response.text


def test_user_input_never_reaches_the_page_as_raw_html(client):
    response = client.get("/", params={"user": '"><script>alert(1)</script>'})
    assert response.status_code == 200
    assert "<script>" not in response.text
    assert '"><' not in response.text
    assert "&lt;script&gt;" in response.text


def test_the_escaped_link_leads_back_to_the_same_name(client):
    response = client.get("/user/Zo%C3%AB%20%26%20%3CAda%3E")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=UTF-8"
    assert response.text == "Profile of Zoë & <Ada>\n"


def test_reverse_url_leaves_a_slash_unescaped_and_the_pattern_accepts_it(client):
    index = client.get("/", params={"user": "a/b"})
    assert index.status_code == 200
    assert '<li><a href="/user/a/b">a/b</a></li>' in index.text
    response = client.get("/user/a/b")
    assert response.status_code == 200
    assert response.text == "Profile of a/b\n"


def test_a_user_route_without_a_name_is_a_404(client):
    assert client.get("/user/").status_code == 404


def test_an_unknown_route_name_is_a_500_and_a_key_error_in_the_log(client, server):
    response = client.get("/broken/typo-in-name")
    assert response.status_code == 500
    assert "KeyError" not in response.text  # no traceback for the visitor
    log = server.wait_for_log("500 GET /broken/typo-in-name")
    assert "KeyError: 'pyhton not found in named urls'" in log


def test_a_missing_initialize_argument_closes_the_connection_without_any_answer(client, server):
    # The handler cannot even be created, so there is no status, not even a 500.
    with pytest.raises(requests.ConnectionError):
        client.get("/broken/no-subject")
    log = server.wait_for_log("missing 1 required positional argument")
    assert "TypeError: SubjectHandler.initialize() missing 1 required positional argument: 'subject'" in log
    assert "Uncaught exception" in log
    assert "GET /broken/no-subject" not in log  # no access-log line: no response was ever written
    # The server survives and answers the next request.
    assert client.get("/cpp").status_code == 200
