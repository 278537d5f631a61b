"""Lesson 24: the method decides; 405 carries Allow; safe and idempotent methods."""

import pytest
from tornado.web import RequestHandler

from tests.support import default_page, raw_exchange

JSON = "application/json; charset=UTF-8"
NOTES_ALLOW = "GET, HEAD, POST, OPTIONS"
NOTE_ALLOW = "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"
SEVEN = ("GET", "HEAD", "POST", "DELETE", "PATCH", "PUT", "OPTIONS")
TORNADO_405 = default_page(405, "Method Not Allowed")
METHOD_NOT_ALLOWED = '{"error": "Method Not Allowed"}'
NOT_JSON = "The body is not valid JSON"
NOT_A_NOTE = "Send an object with only title and done"
BAD_FIELD = "Send a title text and done true or false"


def create(client, title="Buy milk", **fields):
    response = client.post("/notes", json={"title": title, **fields})
    assert response.status_code == 201
    return response.json()


def send(client, method, path, body, content_type="application/json"):
    headers = {"Content-Type": content_type} if content_type else {}
    return client.request(method, path, data=body, headers=headers)


def shown(client, note_id):
    """The note and the whole list, as a client sees them."""
    note, notes = client.get(f"/notes/{note_id}"), client.get("/notes")
    return note.status_code, note.content, notes.status_code, notes.content


def listed(client):
    return client.get("/notes").json()["notes"]


# POST creates, GET reads


def test_post_creates_a_note_with_201_and_a_location(client):
    response = client.post("/notes", json={"title": "Buy milk"})
    assert response.status_code == 201
    assert response.reason == "Created"
    note = response.json()
    assert response.headers["Location"] == f"/notes/{note['id']}"
    assert response.headers["Content-Type"] == JSON
    assert note == {"id": note["id"], "title": "Buy milk", "done": False}


def test_the_location_leads_to_the_new_note(client):
    response = client.post("/notes", json={"title": "Buy tea", "done": True})
    found = client.get(response.headers["Location"])
    assert found.status_code == 200
    assert found.headers["Content-Type"] == JSON
    assert found.json() == response.json()
    assert found.json()["done"] is True


def test_get_lists_the_notes_inside_an_object(client):
    note = create(client, "Buy bread")
    response = client.get("/notes")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON
    assert list(response.json()) == ["notes"]
    assert note in response.json()["notes"]


def test_a_fresh_server_lists_no_notes_and_counts_from_1(
    start_script, script, client_for
):
    fresh = client_for(start_script(script))
    assert fresh.get("/notes").json() == {"notes": []}
    assert create(fresh)["id"] == 1
    assert create(fresh, "Buy tea")["id"] == 2
    assert [note["title"] for note in listed(fresh)] == ["Buy milk", "Buy tea"]


def test_an_unknown_note_is_a_404_in_json_without_allow(client):
    response = client.get("/notes/999999999")
    assert response.status_code == 404
    assert response.reason == "No such note"
    assert "Allow" not in response.headers, "only a 405 carries Allow"
    assert response.json() == {"error": "No such note"}


def test_an_id_too_long_for_the_route_is_a_404_not_a_500(client):
    # int() of 5000 digits raises ValueError; the route takes at most 9 digits.
    assert client.get("/notes/" + "9" * 5000).status_code == 404


# PUT replaces, PATCH changes some fields, DELETE removes


def test_put_replaces_the_whole_note(client):
    note = create(client, "Buy milk", done=True)
    response = client.put(f"/notes/{note['id']}", json={"title": "Buy oat milk"})
    assert response.status_code == 200
    assert response.json() == {"id": note["id"], "title": "Buy oat milk", "done": False}
    assert client.get(f"/notes/{note['id']}").json() == response.json()


def test_put_to_an_unknown_id_is_a_404_and_creates_nothing(client):
    response = client.put("/notes/999999998", json={"title": "Buy tea"})
    assert response.status_code == 404
    assert response.json() == {"error": "No such note"}
    assert client.get("/notes/999999998").status_code == 404


def test_patch_changes_only_the_fields_it_sends(client):
    note = create(client, "Buy milk", done=True)
    response = client.patch(f"/notes/{note['id']}", json={"title": "Buy oat milk"})
    assert response.status_code == 200
    assert response.json() == {"id": note["id"], "title": "Buy oat milk", "done": True}
    response = client.patch(f"/notes/{note['id']}", json={"done": False})
    assert response.json() == {"id": note["id"], "title": "Buy oat milk", "done": False}
    assert client.get(f"/notes/{note['id']}").json() == response.json()


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
    assert note not in listed(client)


# HEAD: written as get(), Tornado drops the body and keeps Content-Length


@pytest.mark.parametrize("path", ["/notes", "/notes/{id}"])
def test_head_has_the_headers_of_get_and_no_body(client, path):
    path = path.format(id=create(client)["id"])
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == 200
    assert head.headers["Content-Type"] == got.headers["Content-Type"] == JSON
    assert head.headers["Content-Length"] == str(len(got.content))
    assert head.headers["Etag"] == got.headers["Etag"]
    assert head.content == b""


def test_head_sends_no_body_bytes_on_the_wire(server, client):
    path = f"/notes/{create(client)['id']}"
    length = len(client.get(path).content)
    request = f"HEAD {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    headers, _, body = raw_exchange(server, request.encode()).partition(b"\r\n\r\n")
    assert headers.startswith(b"HTTP/1.1 200 OK\r\n")
    assert f"\r\nContent-Length: {length}\r\n".encode() in headers + b"\r\n"
    assert body == b"", "not one byte after the headers"


def test_head_of_an_unknown_note_is_a_404_without_a_body(client):
    response = client.head("/notes/999999999")
    assert response.status_code == 404
    assert response.content == b""


# OPTIONS and Allow


@pytest.mark.parametrize(
    ("path", "allow"),
    [("/notes", NOTES_ALLOW), ("/notes/1", NOTE_ALLOW)],
    ids=["collection", "note"],
)
def test_options_is_an_empty_204_with_allow(client, path, allow):
    response = client.options(path)
    assert response.status_code == 204
    assert response.headers["Allow"] == allow
    assert "Content-Type" not in response.headers
    assert response.content == b""


def test_a_method_the_collection_lacks_is_a_405_with_allow(client):
    for method in ["PUT", "PATCH", "DELETE"]:
        response = client.request(method, "/notes", json={"title": "Buy tea"})
        assert response.status_code == 405, method
        assert response.headers["Allow"] == NOTES_ALLOW, "a 405 MUST carry Allow"
        assert response.text == METHOD_NOT_ALLOWED


def test_post_to_a_note_is_a_405_with_allow(client):
    path = f"/notes/{create(client)['id']}"
    response = client.post(path, json={"title": "Buy tea"})
    assert response.status_code == 405
    assert response.headers["Allow"] == NOTE_ALLOW, "RFC 9110: a 405 MUST carry Allow"
    assert response.json() == {"error": "Method Not Allowed"}


@pytest.mark.parametrize("path", ["/notes", "/notes/{id}"])
def test_allow_lists_exactly_the_methods_that_are_not_405(client, path):
    path = path.format(id=create(client)["id"])
    listed = [m.strip() for m in client.options(path).headers["Allow"].split(",")]
    for method in SEVEN:
        status = client.request(method, path).status_code
        assert (status != 405) == (method in listed), f"{method} {path}: {status}"


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


def test_a_method_tornado_does_not_know_is_a_405_not_a_501(client):
    for method in ["BREW", "PROPFIND", "TRACE", "CONNECT"]:
        response = client.request(method, "/notes")
        assert response.status_code == 405, method
        assert response.headers["Allow"] == NOTES_ALLOW, "write_error adds Allow too"
        assert response.text == METHOD_NOT_ALLOWED


def test_an_unknown_method_is_a_405_even_where_no_route_matches(client):
    assert client.get("/nowhere").status_code == 404
    response = client.request("BREW", "/nowhere")
    assert response.status_code == 405
    assert response.text == TORNADO_405


# Safe and idempotent methods, shown by repeating them


def test_get_head_and_options_change_nothing(client):
    note = create(client)
    before = shown(client, note["id"])
    for _ in range(3):
        for path in ("/notes", f"/notes/{note['id']}"):
            assert client.get(path).status_code == 200
            assert client.head(path).status_code == 200
            assert client.options(path).status_code == 204
    assert shown(client, note["id"]) == before
    assert client.get(f"/notes/{note['id'] + 1}").status_code == 404, "no new note"


def test_repeating_a_put_leaves_the_same_note(client):
    path = f"/notes/{create(client)['id']}"
    body = {"title": "Buy oat milk", "done": True}
    answers = [client.put(path, json=body) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert answers[0].json() == answers[1].json() == answers[2].json()
    assert client.get(path).json() == answers[0].json()


def test_repeating_a_delete_leaves_the_note_gone(client):
    note = create(client)
    assert client.delete(f"/notes/{note['id']}").status_code == 204
    gone = shown(client, note["id"])
    assert gone[0] == 404
    assert client.delete(f"/notes/{note['id']}").status_code == 404, (
        "the answer differs"
    )
    assert shown(client, note["id"]) == gone, "... but the state is the same"


def test_repeating_a_post_creates_two_notes(client):
    before = len(listed(client))
    first = client.post("/notes", json={"title": "Buy milk"})
    second = client.post("/notes", json={"title": "Buy milk"})
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]
    assert first.headers["Location"] != second.headers["Location"]
    assert client.get(first.headers["Location"]).status_code == 200
    assert client.get(second.headers["Location"]).status_code == 200
    assert len(listed(client)) == before + 2


# Bad bodies: a clear 4xx in JSON, and no note made


BAD_BODIES = {
    (400, NOT_JSON): [
        b"",
        b'{"title": ',
        b"[" * 3000,  # nested too deep: RecursionError
        b'{"title": "\xff"}',  # not UTF-8
        '{"title": "x"}'.encode("utf-16"),
    ],
    (400, NOT_A_NOTE): [
        b'["Buy milk"]',
        b'"Buy milk"',
        b"null",
        b'{"title": "x", "tags": []}',
        b'{"title": "x", "id": 7}',
    ],
    (400, BAD_FIELD): [
        b'{"done": true}',
        b'{"title": 42}',
        b'{"title": "  "}',
        b'{"title": "x", "done": "yes"}',
        b'{"title": "x", "done": 1}',
    ],
}


@pytest.mark.parametrize(
    ("answer", "bodies"), BAD_BODIES.items(), ids=[r for _, r in BAD_BODIES]
)
def test_a_bad_body_is_a_clear_4xx_in_json_and_creates_nothing(client, answer, bodies):
    status, reason = answer
    last = create(client)["id"]
    for body in bodies:
        response = send(client, "POST", "/notes", body)
        assert response.status_code == status, body[:40]
        assert response.reason == reason
        assert response.json() == {"error": reason}
    assert client.get(f"/notes/{last + 1}").status_code == 404, "no note was made"


def test_a_body_not_sent_as_json_is_a_415_and_creates_nothing(client):
    last = create(client)["id"]
    for content_type in [None, "application/x-www-form-urlencoded", "text/plain"]:
        response = send(client, "POST", "/notes", b'{"title": "x"}', content_type)
        assert response.status_code == 415, content_type
        assert response.reason == "Send Content-Type: application/json"
        assert response.json() == {"error": "Send Content-Type: application/json"}
    assert client.get(f"/notes/{last + 1}").status_code == 404, "no note was made"


def test_put_and_patch_check_the_body_and_leave_the_note_alone(client):
    note = create(client)
    path = f"/notes/{note['id']}"
    refused = [
        ("PUT", b'{"done": true}', 400),  # PUT replaces: the title is required
        ("PUT", b"not json", 400),
        ("PATCH", b'{"done": "yes"}', 400),
        ("PATCH", b'{"title": ""}', 400),
        ("PATCH", b'{"id": 1}', 400),
        ("PATCH", b"[]", 400),
        ("PATCH", b'{"done": true}', 415),  # sent as text/plain
    ]
    for method, body, status in refused:
        content_type = "text/plain" if status == 415 else "application/json"
        response = send(client, method, path, body, content_type)
        assert response.status_code == status, (method, body)
    assert client.get(path).json() == note


def test_content_type_may_carry_a_charset_and_any_case(client):
    body = b'{"title": "Buy milk"}'
    response = send(client, "POST", "/notes", body, "Application/JSON; charset=utf-8")
    assert response.status_code == 201


def test_a_lone_surrogate_is_echoed_escaped_not_a_500(client):
    # write(dict) escapes every non-ASCII character: "\ud800" never meets UTF-8.
    response = send(client, "POST", "/notes", b'{"title": "\\ud800"}')
    assert response.status_code == 201
    assert '"title": "\\ud800"' in response.text


def test_a_3_mib_body_is_read_whole_and_gets_a_clear_400(client):
    # No cap of the lesson's own: Tornado reads the body, then save() refuses it.
    response = send(client, "POST", "/notes", b"x" * (3 * 1024 * 1024))
    assert response.status_code == 400
    assert response.reason == NOT_JSON
    assert response.json() == {"error": NOT_JSON}


def test_a_content_length_over_tornados_100_mb_default_gets_a_bare_400(server):
    # Over max_body_size Tornado answers on the headers alone, before any handler
    # runs, without headers or a body, and closes the connection: no 413.
    answer = raw_exchange(
        server,
        b"POST /notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\n\r\n" % (100 * 1024 * 1024 + 1),
    )
    assert answer == b"HTTP/1.1 400 Bad Request\r\n\r\n"
