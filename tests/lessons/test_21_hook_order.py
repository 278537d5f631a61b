"""Lesson 21: the hook order of a normal request, and the seed's two mistakes."""

import uuid

import pytest
import requests

from tests.support import default_page, hook_order, last_order

BUILT = ["set_default_headers", "initialize"]  # both run inside the constructor
NORMAL = [*BUILT, "prepare", "get"]
ERROR_PAGE = default_page(200, "OK")


@pytest.fixture
def request_id():
    """An X-Request-Id no other test uses, so /last-order shows this test's request."""
    return uuid.uuid4().hex


def test_a_normal_request_runs_default_headers_initialize_prepare_then_get(client):
    response = client.get("/hooks")
    assert response.status_code == 200
    assert hook_order(response) == NORMAL
    assert response.text == "get() ran. See the X-Hook-Order header.\n"


def test_set_default_headers_runs_before_initialize(client):
    order = hook_order(client.get("/hooks"))
    assert order.index("set_default_headers") < order.index("initialize")


def test_on_finish_runs_after_the_answer_so_only_the_history_shows_it(
    client, request_id
):
    response = client.get("/hooks", headers={"X-Request-Id": request_id})
    assert "on_finish" not in hook_order(response)
    assert last_order(client, request_id) == [*NORMAL, "on_finish"]


def test_last_order_without_an_id_shows_the_last_anonymous_request(client):
    assert client.get("/hooks").status_code == 200
    response = client.get("/last-order")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=UTF-8"
    assert response.json() == {"id": "anonymous", "hooks": [*NORMAL, "on_finish"]}


def test_request_ids_keep_two_histories_apart(client):
    first, second = uuid.uuid4().hex, uuid.uuid4().hex
    client.get("/hooks", headers={"X-Request-Id": first})
    client.post("/broken/send-error-200", headers={"X-Request-Id": second})
    assert last_order(client, first) == [*NORMAL, "on_finish"]
    assert last_order(client, second)[-1] == "on_finish"
    assert "get" not in last_order(client, second)


def test_last_order_shows_the_latest_of_two_requests_with_one_id(client, request_id):
    client.post("/broken/send-error-200", headers={"X-Request-Id": request_id})
    client.get("/hooks", headers={"X-Request-Id": request_id})
    assert last_order(client, request_id) == [*NORMAL, "on_finish"]


def test_an_unknown_request_id_is_a_404(client):
    response = client.get("/last-order", params={"id": "never-sent"})
    assert response.status_code == 404
    assert response.reason == "No request with this X-Request-Id"


def test_the_history_keeps_only_the_last_100_requests(client, request_id):
    client.get("/hooks", headers={"X-Request-Id": request_id})
    for _ in range(99):
        client.get("/hooks")
    assert client.get("/last-order", params={"id": request_id}).status_code == 200
    client.get("/hooks")
    assert client.get("/last-order", params={"id": request_id}).status_code == 404


# The seed's send_error(200): no error at all


def test_broken_send_error_200_is_200_ok_with_an_empty_body(client):
    response = client.post("/broken/send-error-200")
    assert response.status_code == 200
    assert response.reason == "OK"
    assert response.content == b"", "the seed's write_error() only prints"


def test_broken_send_error_200_runs_the_error_hooks(client, request_id):
    response = client.post(
        "/broken/send-error-200", headers={"X-Request-Id": request_id}
    )
    error = [*BUILT, "prepare", "post", "set_default_headers", "write_error"]
    assert hook_order(response) == error
    assert last_order(client, request_id) == [*error, "on_finish"]


def test_only_a_write_error_that_calls_the_parent_writes_the_error_page(client):
    response = client.post("/broken/error-page-200")
    assert response.status_code == 200
    assert hook_order(response) == [*BUILT, "prepare", "post", "set_default_headers"]
    assert response.text == ERROR_PAGE


# set_default_headers() runs before initialize()


def test_broken_default_headers_using_initialize_gets_no_answer_at_all(server):
    mark = len(server.log())
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url("/broken/default-headers"), timeout=5)
    log = server.wait_for_log("AttributeError", after=mark)
    wanted = "'BrokenDefaultHeadersHandler' object has no attribute 'version'"
    assert f"AttributeError: {wanted}" in log
    assert "in set_default_headers" in log


def test_the_server_keeps_serving_after_the_broken_constructor(server, client):
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url("/broken/default-headers"), timeout=5)
    assert server.alive()
    assert client.get("/hooks").status_code == 200
