"""Lesson 13: a JSON resource with GET, POST, PUT, PATCH, DELETE, HEAD and
OPTIONS; Allow on every 405; methods Tornado does not know; safe and idempotent
methods shown by repeating them; bad bodies are 4xx, never 5xx."""

import socket

import pytest
from tornado.web import RequestHandler

JSON = "application/json; charset=UTF-8"
NOTES_ALLOW = "GET, HEAD, POST, OPTIONS"
NOTE_ALLOW = "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"
SEVEN = ("GET", "HEAD", "POST", "DELETE", "PATCH", "PUT", "OPTIONS")
TORNADO_405 = "<html><title>405: Method Not Allowed</title><body>405: Method Not Allowed</body></html>"


def create(client, title="Buy milk", **fields):
    response = client.post("/notes", json={"title": title, **fields})
    assert response.status_code == 201
    return response.json()


def state(client, note_id):
    """The note and the whole collection, as a client sees them."""
    note = client.get(f"/notes/{note_id}")
    notes = client.get("/notes")
    return note.status_code, note.content, notes.status_code, notes.content


def note_count(client):
    return len(client.get("/notes").json()["notes"])


def send(client, method, path, body, content_type="application/json"):
    headers = {"Content-Type": content_type} if content_type else {}
    return client.request(method, path, data=body, headers=headers)


def raw_exchange(server, request):
    """Send raw bytes, read until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def allowed(response):
    return [method.strip() for method in response.headers["Allow"].split(",")]


# POST creates, GET reads


def test_post_creates_a_note_with_201_and_a_location(client):
    response = client.post("/notes", json={"title": "Buy milk"})
    assert response.status_code == 201
    assert response.reason == "Created"
    note = response.json()
    assert response.headers["Location"] == f"/notes/{note['id']}"
    assert response.headers["Content-Type"] == JSON
    assert note == {"id": note["id"], "title": "Buy milk", "done": False}, "done defaults to false"


def test_the_location_leads_to_the_new_note(client):
    response = client.post("/notes", json={"title": "Buy tea", "done": True})
    shown = client.get(response.headers["Location"])
    assert shown.status_code == 200
    assert shown.json() == response.json()
    assert shown.json()["done"] is True


def test_get_lists_the_notes_inside_an_object(client):
    note = create(client, "Buy bread")
    response = client.get("/notes")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON
    assert note in response.json()["notes"]


def test_an_unknown_note_is_a_404_in_json(client):
    response = client.get("/notes/999999")
    assert response.status_code == 404
    assert response.reason == "No such note"
    assert response.json() == {"error": "No such note"}


def test_an_id_too_long_for_the_route_is_a_404_not_a_500(client):
    # int() of 5000 digits raises ValueError; the route takes at most 9 digits.
    assert client.get("/notes/" + "9" * 5000).status_code == 404


def test_a_fresh_server_starts_empty_and_counts_from_1(start_script, script, client_for):
    fresh = client_for(start_script(script))
    assert fresh.get("/notes").json() == {"notes": []}
    assert create(fresh)["id"] == 1
    assert create(fresh)["id"] == 2


# PUT replaces, PATCH changes some fields, DELETE removes


def test_put_replaces_the_whole_note(client):
    note = create(client, "Buy milk", done=True)
    response = client.put(f"/notes/{note['id']}", json={"title": "Buy oat milk"})
    assert response.status_code == 200
    assert response.json() == {"id": note["id"], "title": "Buy oat milk", "done": False}, (
        "PUT sends the whole note: a field it leaves out goes back to its default"
    )
    assert client.get(f"/notes/{note['id']}").json() == response.json()


def test_put_to_an_unknown_id_is_a_404_and_creates_nothing(client):
    before = note_count(client)
    response = client.put("/notes/999999", json={"title": "Buy tea"})
    assert response.status_code == 404
    assert response.json() == {"error": "No such note"}
    assert client.get("/notes/999999").status_code == 404
    assert note_count(client) == before


def test_patch_changes_only_the_fields_it_sends(client):
    note = create(client, "Buy milk", done=True)
    response = client.patch(f"/notes/{note['id']}", json={"title": "Buy oat milk"})
    assert response.status_code == 200
    assert response.json() == {"id": note["id"], "title": "Buy oat milk", "done": True}, "PATCH keeps done"
    response = client.patch(f"/notes/{note['id']}", json={"done": False})
    assert response.json() == {"id": note["id"], "title": "Buy oat milk", "done": False}


def test_an_empty_patch_changes_nothing(client):
    note = create(client)
    response = client.patch(f"/notes/{note['id']}", json={})
    assert response.status_code == 200
    assert response.json() == note


def test_delete_answers_an_empty_204_and_the_note_is_gone(client):
    note = create(client)
    response = client.delete(f"/notes/{note['id']}")
    assert response.status_code == 204
    assert response.content == b""
    assert client.get(f"/notes/{note['id']}").status_code == 404
    assert note not in client.get("/notes").json()["notes"]


# HEAD: written as get(), Tornado drops the body and keeps Content-Length


@pytest.mark.parametrize("path", ["/notes", "/notes/{id}"])
def test_head_has_the_headers_of_get_and_no_body(client, path):
    path = path.format(id=create(client)["id"])
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == 200
    assert head.headers["Content-Type"] == got.headers["Content-Type"] == JSON
    assert head.headers["Content-Length"] == got.headers["Content-Length"] == str(len(got.content))
    assert head.headers["Etag"] == got.headers["Etag"]
    assert head.content == b""


def test_head_sends_no_body_bytes_on_the_wire(server, client):
    note = create(client)
    length = len(client.get(f"/notes/{note['id']}").content)
    answer = raw_exchange(server, f"HEAD /notes/{note['id']} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    headers, _, body = answer.partition(b"\r\n\r\n")
    assert headers.startswith(b"HTTP/1.1 200 OK\r\n")
    assert f"\r\nContent-Length: {length}\r\n".encode() in headers + b"\r\n", "the length the GET body has"
    assert body == b"", "not one byte after the headers"


def test_head_of_an_unknown_note_is_a_404_without_a_body(client):
    response = client.head("/notes/999999")
    assert response.status_code == 404
    assert response.content == b""


# OPTIONS and Allow


@pytest.mark.parametrize(("path", "allow"), [("/notes", NOTES_ALLOW), ("/notes/1", NOTE_ALLOW)])
def test_options_is_an_empty_204_with_allow(client, path, allow):
    response = client.options(path)
    assert response.status_code == 204
    assert response.headers["Allow"] == allow
    assert "Content-Type" not in response.headers
    assert response.content == b""


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("POST", "/notes/{id}", NOTE_ALLOW),
        ("PUT", "/notes", NOTES_ALLOW),
        ("PATCH", "/notes", NOTES_ALLOW),
        ("DELETE", "/notes", NOTES_ALLOW),
    ],
)
def test_a_method_the_handler_lacks_is_a_405_with_allow(client, method, path, allow):
    path = path.format(id=create(client)["id"])
    response = client.request(method, path, json={"title": "Buy tea"})
    assert response.status_code == 405
    assert response.headers["Allow"] == allow, "RFC 9110: a 405 MUST carry Allow"
    assert response.json() == {"error": "Method Not Allowed"}


@pytest.mark.parametrize("path", ["/notes", "/notes/{id}"])
def test_allow_lists_exactly_the_methods_that_are_not_405(client, path):
    path = path.format(id=create(client)["id"])
    listed = allowed(client.options(path))
    for method in SEVEN:
        status = client.request(method, path).status_code
        assert (status != 405) == (method in listed), f"{method} {path} answered {status}, Allow says {listed}"


# Tornado's defaults: a handler with only get()


def test_broken_get_only_answers_get(client):
    response = client.get("/broken/get-only")
    assert response.status_code == 200
    assert response.text == "Only get() is written here.\n"


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS"])
def test_broken_get_only_head_and_options_are_not_automatic_but_405(client, method):
    response = client.request(method, "/broken/get-only")
    assert response.status_code == 405
    assert "Allow" not in response.headers


def test_broken_get_only_405_lacks_the_allow_header_rfc_9110_requires(client):
    response = client.post("/broken/get-only")
    assert response.status_code == 405
    assert "Allow" not in response.headers
    assert response.text == TORNADO_405


# Methods Tornado does not know


def test_tornado_supports_exactly_the_seven_methods_of_the_old_table():
    assert RequestHandler.SUPPORTED_METHODS == SEVEN


@pytest.mark.parametrize("method", ["BREW", "PROPFIND", "TRACE", "CONNECT"])
def test_a_method_tornado_does_not_know_is_a_405_not_a_501(client, method):
    response = client.request(method, "/notes")
    assert response.status_code == 405
    assert response.headers["Allow"] == NOTES_ALLOW, "our write_error adds Allow to this 405 too"
    assert response.json() == {"error": "Method Not Allowed"}


def test_an_unknown_method_is_a_405_even_where_no_route_matches(client):
    assert client.get("/nowhere").status_code == 404
    response = client.request("BREW", "/nowhere")
    assert response.status_code == 405
    assert response.text == TORNADO_405


# Safe and idempotent methods, shown by repeating them


def test_get_head_and_options_change_nothing(client):
    note = create(client)
    before = state(client, note["id"])
    for _ in range(3):
        for path in ("/notes", f"/notes/{note['id']}"):
            assert client.get(path).status_code == 200
            assert client.head(path).status_code == 200
            assert client.options(path).status_code == 204
    assert state(client, note["id"]) == before


def test_repeating_a_put_leaves_the_same_note(client):
    note = create(client)
    answers = [client.put(f"/notes/{note['id']}", json={"title": "Buy oat milk", "done": True}) for _ in range(3)]
    once = state(client, note["id"])
    again = client.put(f"/notes/{note['id']}", json={"title": "Buy oat milk", "done": True})
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert answers[0].json() == answers[2].json() == again.json()
    assert state(client, note["id"]) == once


def test_repeating_a_delete_leaves_the_note_gone(client):
    note = create(client)
    assert client.delete(f"/notes/{note['id']}").status_code == 204
    gone = state(client, note["id"])
    assert gone[0] == 404
    assert client.delete(f"/notes/{note['id']}").status_code == 404, "the answer differs ..."
    assert state(client, note["id"]) == gone, "... but the state is the same"


def test_repeating_a_post_creates_two_notes(client):
    before = note_count(client)
    first = client.post("/notes", json={"title": "Buy milk"})
    second = client.post("/notes", json={"title": "Buy milk"})
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]
    assert first.headers["Location"] != second.headers["Location"]
    assert note_count(client) == before + 2


# Bad bodies: a clear 4xx in JSON, and no note made


BAD_BODIES = {
    "no body": (b"", "application/json", 400, "The body is not valid JSON"),
    "invalid JSON": (b'{"title": ', "application/json", 400, "The body is not valid JSON"),
    "nested too deep": (b"[" * 3000, "application/json", 400, "The body is not valid JSON"),
    "invalid UTF-8": (b'{"title": "\xff"}', "application/json", 400, "The body is not UTF-8"),
    "UTF-16": ('{"title": "x"}'.encode("utf-16"), "application/json", 400, "The body is not UTF-8"),
    "an array": (b'["Buy milk"]', "application/json", 400, "The body must be a JSON object"),
    "a string": (b'"Buy milk"', "application/json", 400, "The body must be a JSON object"),
    "null": (b"null", "application/json", 400, "The body must be a JSON object"),
    "no title": (b'{"done": true}', "application/json", 400, "The title must be a non-empty string"),
    "a number title": (b'{"title": 42}', "application/json", 400, "The title must be a non-empty string"),
    "a blank title": (b'{"title": "  "}', "application/json", 400, "The title must be a non-empty string"),
    "done as a string": (
        b'{"title": "x", "done": "yes"}',
        "application/json",
        400,
        "The done field must be true or false",
    ),
    "done as a number": (b'{"title": "x", "done": 1}', "application/json", 400, "The done field must be true or false"),
    "an unknown field": (
        b'{"title": "x", "tags": []}',
        "application/json",
        400,
        "A note has only the fields title and done",
    ),
    "no Content-Type": (b'{"title": "x"}', None, 415, "Send Content-Type: application/json"),
    "a form": (b"title=x", "application/x-www-form-urlencoded", 415, "Send Content-Type: application/json"),
    "text/plain": (b'{"title": "x"}', "text/plain", 415, "Send Content-Type: application/json"),
    "over 4 KiB": (b'{"title": "' + b"x" * 4096 + b'"}', "application/json", 413, "The body is over 4096 bytes"),
}


@pytest.mark.parametrize(("body", "content_type", "status", "reason"), BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_a_bad_body_is_a_clear_4xx_and_creates_nothing(client, body, content_type, status, reason):
    before = note_count(client)
    response = send(client, "POST", "/notes", body, content_type)
    assert response.status_code == status
    assert response.reason == reason
    assert response.json() == {"error": reason}
    assert note_count(client) == before


@pytest.mark.parametrize(
    ("method", "body", "status"),
    [
        ("PUT", b'{"done": true}', 400),  # PUT replaces: the title is required
        ("PUT", b"not json", 400),
        ("PATCH", b'{"done": "yes"}', 400),
        ("PATCH", b'{"title": ""}', 400),
        ("PATCH", b"[]", 400),
    ],
)
def test_put_and_patch_check_the_body_and_leave_the_note_alone(client, method, body, status):
    note = create(client)
    response = send(client, method, f"/notes/{note['id']}", body)
    assert response.status_code == status
    assert client.get(f"/notes/{note['id']}").json() == note


def test_patch_without_json_content_type_is_a_415(client):
    note = create(client)
    response = send(client, "PATCH", f"/notes/{note['id']}", b'{"done": true}', "text/plain")
    assert response.status_code == 415
    assert client.get(f"/notes/{note['id']}").json() == note


def test_content_type_may_carry_a_charset_and_any_case(client):
    response = send(client, "POST", "/notes", b'{"title": "Buy milk"}', "Application/JSON; charset=utf-8")
    assert response.status_code == 201


def test_a_body_of_exactly_4_kib_is_accepted(client):
    body = b'{"title": "' + b"x" * (4096 - 13) + b'"}'
    assert len(body) == 4096
    response = send(client, "POST", "/notes", body)
    assert response.status_code == 201


def test_a_lone_surrogate_is_echoed_escaped_not_a_500(client):
    # write(dict) escapes every non-ASCII character, so "\ud800" never reaches the UTF-8 encoder.
    response = send(client, "POST", "/notes", b'{"title": "\\ud800"}')
    assert response.status_code == 201
    assert '"title": "\\ud800"' in response.text


def test_a_content_length_over_the_server_cap_gets_tornados_bare_400(server):
    # Over max_body_size (1 MiB here) Tornado answers before any handler runs,
    # without headers or a body, and closes the connection: no 413.
    answer = raw_exchange(
        server,
        b"POST /notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n",
    )
    assert answer == b"HTTP/1.1 400 Bad Request\r\n\r\n"
