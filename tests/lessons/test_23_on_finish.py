"""Lesson 23: the error path's hooks, send_error() going on, and on_finish()."""

import uuid

import pytest

from tests.support import default_page, hook_order, last_order

BUILT = ["set_default_headers", "initialize"]  # both run inside the constructor
NORMAL = [*BUILT, "prepare", "get"]
ERROR_PAGE = ["set_default_headers", "write_error"]  # clear(), then the page
ERROR = [*NORMAL, *ERROR_PAGE]
FORBIDDEN = default_page(403, "Forbidden")


@pytest.fixture
def request_id():
    """An X-Request-Id no other test uses, so /last-order shows this test's request."""
    return uuid.uuid4().hex


def test_a_normal_request_ends_with_on_finish(client, request_id):
    response = client.get("/hooks", headers={"X-Request-Id": request_id})
    assert response.status_code == 200
    assert hook_order(response) == NORMAL
    assert response.headers["X-Get"] == "ran"
    assert response.text == "get() ran. See the X-Hook-Order header.\n"
    assert last_order(client, request_id) == [*NORMAL, "on_finish"]


def test_raising_http_error_runs_set_default_headers_again_then_write_error(
    client, request_id
):
    headers = {"X-Request-Id": request_id}
    response = client.get("/hooks", params={"fail": "raise"}, headers=headers)
    assert response.status_code == 403
    assert hook_order(response) == ERROR
    assert response.text == FORBIDDEN
    assert last_order(client, request_id) == [*ERROR, "on_finish"]


@pytest.mark.parametrize("fail", ["raise", "send"])
def test_the_error_page_drops_the_headers_get_had_set(client, fail):
    response = client.get("/hooks", params={"fail": fail})
    assert response.status_code == 403
    assert "X-Get" not in response.headers, "clear() dropped it"
    assert hook_order(response) == ERROR, "set_default_headers() set this one again"


def test_request_ids_keep_a_normal_and_an_error_history_apart(client):
    first, second = uuid.uuid4().hex, uuid.uuid4().hex
    client.get("/hooks", headers={"X-Request-Id": first})
    client.get("/hooks", params={"fail": "raise"}, headers={"X-Request-Id": second})
    assert last_order(client, first) == [*NORMAL, "on_finish"]
    assert last_order(client, second) == [*ERROR, "on_finish"]


def test_send_error_runs_the_same_hooks_as_raising(client):
    response = client.get("/hooks", params={"fail": "send"})
    assert response.status_code == 403
    assert hook_order(response) == ERROR
    assert response.text == FORBIDDEN


def test_send_error_does_not_end_the_method_it_goes_on_after_on_finish(
    client, server, request_id
):
    mark = len(server.log())
    client.get("/hooks", params={"fail": "send"}, headers={"X-Request-Id": request_id})
    assert last_order(client, request_id) == [*ERROR, "on_finish", "get goes on"]
    # the /last-order answer came after the whole get(): its log is complete
    log = server.wait_for_log("200 GET /last-order", after=mark)
    assert "Cannot write() after finish()" not in log, "return right after send_error()"


# prepare() and the 405; on_finish() runs anyway


def test_a_supported_method_the_handler_lacks_runs_prepare_then_405(client, request_id):
    response = client.put("/hooks", headers={"X-Request-Id": request_id})
    assert response.status_code == 405
    assert hook_order(response) == [*BUILT, "prepare", *ERROR_PAGE]
    assert last_order(client, request_id) == [
        *BUILT,
        "prepare",
        *ERROR_PAGE,
        "on_finish",
    ]


def test_a_method_outside_supported_methods_is_a_405_before_prepare(client):
    response = client.request("PROPFIND", "/hooks")
    assert response.status_code == 405
    assert hook_order(response) == [*BUILT, *ERROR_PAGE]


def test_on_finish_runs_even_when_prepare_did_not(client, request_id):
    client.request("PROPFIND", "/hooks", headers={"X-Request-Id": request_id})
    assert last_order(client, request_id) == [*BUILT, *ERROR_PAGE, "on_finish"]


def test_an_unknown_request_id_is_a_404(client):
    response = client.get("/last-order", params={"id": "never-sent"})
    assert response.status_code == 404
    assert response.reason == "No request with this X-Request-Id"


# What on_finish() cannot do


def test_broken_on_finish_cannot_change_the_answer_already_sent(client):
    response = client.get("/broken/on-finish")
    assert response.status_code == 200, "set_status(201) in on_finish() comes too late"
    assert "X-Too-Late" not in response.headers
    assert response.text == "The answer the client gets.\n"


def test_broken_on_finish_write_raises_runtime_error_in_the_log(client, server):
    mark = len(server.log())
    client.get("/broken/on-finish")
    # An earlier request's traceback may still be arriving: read one whole entry.
    log = server.wait_for_log("Uncaught exception GET /broken/on-finish", after=mark)
    entry = mark + log.index("Uncaught exception GET /broken/on-finish")
    error = server.wait_for_log("RuntimeError", after=entry)
    assert "RuntimeError: Cannot write() after finish()" in error
    assert "in on_finish" in error
    # the request is logged with the status the client got, not the 201
    access = server.wait_for_log("GET /broken/on-finish (", after=mark)
    assert "200 GET /broken/on-finish" in access
