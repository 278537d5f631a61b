"""Lesson 12: the order of set_default_headers, initialize, prepare, the method,
write_error and on_finish; prepare() before a 405; finish() in prepare();
what on_finish() cannot change; the old JSON prepare() and its fix."""

import uuid

import pytest
import requests

JSON = {"Content-Type": "application/json"}
BUILT = ["set_default_headers", "initialize"]  # both run inside the constructor
NORMAL = [*BUILT, "prepare", "get"]
ERROR_PAGE = ["set_default_headers", "write_error"]  # clear(), then the page
ERROR = [*NORMAL, *ERROR_PAGE]


@pytest.fixture
def request_id():
    """An X-Request-Id no other test uses, so /last-order shows this test's request."""
    return uuid.uuid4().hex


def hook_order(response):
    """The hooks that ran before the headers were sent."""
    return response.headers["X-Hook-Order"].split(", ")


def last_order(client, request_id):
    """Every hook of the last request sent with this X-Request-Id, on_finish included."""
    response = client.get("/last-order", params={"id": request_id})
    assert response.status_code == 200
    return response.json()["hooks"]


# The normal order


def test_a_normal_request_runs_default_headers_initialize_prepare_then_get(client):
    response = client.get("/hooks")
    assert response.status_code == 200
    assert hook_order(response) == NORMAL
    assert response.text == "get() ran. See the X-Hook-Order header.\n"


def test_set_default_headers_runs_before_initialize(client):
    order = hook_order(client.get("/hooks"))
    assert order.index("set_default_headers") < order.index("initialize")


def test_on_finish_runs_after_the_answer_so_only_the_history_shows_it(client, request_id):
    response = client.get("/hooks", headers={"X-Request-Id": request_id})
    assert "on_finish" not in hook_order(response)
    assert last_order(client, request_id) == [*NORMAL, "on_finish"]


def test_last_order_without_an_id_shows_the_last_anonymous_request(client):
    assert client.get("/finish-in-prepare").status_code == 200
    response = client.get("/last-order")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json; charset=UTF-8"
    assert response.json() == {"id": "anonymous", "hooks": [*BUILT, "prepare", "on_finish"]}


def test_request_ids_keep_two_histories_apart(client):
    first, second = uuid.uuid4().hex, uuid.uuid4().hex
    client.get("/hooks", headers={"X-Request-Id": first})
    client.get("/hooks", params={"fail": "raise"}, headers={"X-Request-Id": second})
    assert last_order(client, first) == [*NORMAL, "on_finish"]
    assert last_order(client, second) == [*ERROR, "on_finish"]


def test_an_unknown_request_id_is_a_404(client):
    response = client.get("/last-order", params={"id": "never-sent"})
    assert response.status_code == 404
    assert response.reason == "No request with this X-Request-Id yet"


def test_the_history_keeps_only_the_last_100_requests(client, request_id):
    client.get("/hooks", headers={"X-Request-Id": request_id})
    for _ in range(100):
        client.get("/hooks")
    assert client.get("/last-order", params={"id": request_id}).status_code == 404


# The error order: clear() calls set_default_headers() again, then write_error()


def test_raising_http_error_runs_set_default_headers_again_then_write_error(client, request_id):
    response = client.get("/hooks", params={"fail": "raise"}, headers={"X-Request-Id": request_id})
    assert response.status_code == 403
    assert hook_order(response) == ERROR
    assert response.text == "<html><title>403: Forbidden</title><body>403: Forbidden</body></html>"
    assert last_order(client, request_id) == [*ERROR, "on_finish"]


def test_send_error_runs_the_same_hooks_as_raising(client):
    response = client.get("/hooks", params={"fail": "send"})
    assert response.status_code == 403
    assert hook_order(response) == ERROR
    assert response.text == "<html><title>403: Forbidden</title><body>403: Forbidden</body></html>"


def test_send_error_does_not_end_the_method_it_goes_on_after_on_finish(client, request_id):
    client.get("/hooks", params={"fail": "send"}, headers={"X-Request-Id": request_id})
    assert last_order(client, request_id) == [*ERROR, "on_finish", "get goes on"]


def test_broken_send_error_200_is_no_error_but_an_error_page_with_200_ok(client, request_id):
    response = client.post("/broken/send-error-200", headers={"X-Request-Id": request_id})
    assert response.status_code == 200
    assert response.reason == "OK"
    assert hook_order(response) == [*BUILT, "prepare", "post", *ERROR_PAGE]
    assert response.text == "<html><title>200: OK</title><body>200: OK</body></html>"
    assert last_order(client, request_id) == [*BUILT, "prepare", "post", *ERROR_PAGE, "on_finish"]


# prepare() and the 405


def test_a_supported_method_the_handler_lacks_runs_prepare_then_405(client, request_id):
    response = client.put("/hooks", headers={"X-Request-Id": request_id})
    assert response.status_code == 405
    assert hook_order(response) == [*BUILT, "prepare", *ERROR_PAGE]
    assert last_order(client, request_id) == [*BUILT, "prepare", *ERROR_PAGE, "on_finish"]


def test_a_method_outside_supported_methods_is_a_405_before_prepare(client):
    response = client.request("PROPFIND", "/hooks")
    assert response.status_code == 405
    assert hook_order(response) == [*BUILT, *ERROR_PAGE]


def test_on_finish_runs_even_when_prepare_did_not(client, request_id):
    client.request("PROPFIND", "/hooks", headers={"X-Request-Id": request_id})
    assert last_order(client, request_id) == [*BUILT, *ERROR_PAGE, "on_finish"]


# finish() in prepare()


def test_finish_in_prepare_answers_and_get_never_runs(client):
    response = client.get("/finish-in-prepare")
    assert response.status_code == 200
    assert hook_order(response) == [*BUILT, "prepare"]
    assert response.text == "prepare() answered, so get() never runs.\n"


def test_finish_in_prepare_still_runs_on_finish(client, request_id):
    client.get("/finish-in-prepare", headers={"X-Request-Id": request_id})
    assert last_order(client, request_id) == [*BUILT, "prepare", "on_finish"]


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
    assert "RuntimeError: Cannot write() after finish()" in server.wait_for_log("RuntimeError", after=entry)
    # the request is logged with the status the client got, not the 201
    assert "200 GET /broken/on-finish" in server.wait_for_log("GET /broken/on-finish (", after=mark)


# set_default_headers() runs before initialize()


def test_broken_default_headers_using_initialize_gets_no_answer_at_all(server):
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url("/broken/default-headers"), timeout=5)
    log = server.wait_for_log("AttributeError", after=0)
    assert "AttributeError: 'BrokenDefaultHeadersHandler' object has no attribute 'version'" in log


def test_the_server_keeps_serving_after_the_broken_constructor(server, client):
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url("/broken/default-headers"), timeout=5)
    assert server.alive()
    assert client.get("/hooks").status_code == 200


# JSON in prepare(), done right


def test_a_json_object_is_written_out_escaped(client):
    response = client.post("/json", json={"<script>": "<b>小明</b>", "n": 1})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == "<p>&lt;script&gt;</p><p>&lt;b&gt;小明&lt;/b&gt;</p>\n<p>n</p><p>1</p>\n"


def test_put_goes_through_the_same_prepare(client):
    response = client.put("/json", json={"a": "1"})
    assert response.status_code == 200
    assert response.text == "<p>a</p><p>1</p>\n"


def test_the_json_media_type_is_case_insensitive_and_may_carry_a_charset(client):
    headers = {"Content-Type": "Application/JSON; charset=utf-8"}
    response = client.post("/json", data=b'{"a": 1}', headers=headers)
    assert response.status_code == 200
    assert response.text == "<p>a</p><p>1</p>\n"


def test_invalid_json_is_a_400(client):
    response = client.post("/json", data='{"name": 小明}'.encode(), headers=JSON)
    assert response.status_code == 400
    assert response.reason == "The body is not valid JSON"


@pytest.mark.parametrize(
    "body",
    [b"", b'{"a": "\xff"}', b"[" * 100_000, b'{"a": "\\ud800"}'],
    ids=["empty", "bad-utf8", "too-deep", "lone-surrogate"],
)
def test_an_empty_undecodable_or_too_deep_body_is_a_400(client, body):
    response = client.post("/json", data=body, headers=JSON)
    assert response.status_code == 400
    assert response.reason == "The body is not valid JSON"


def test_a_json_array_is_a_400(client):
    response = client.post("/json", json=["小明"])
    assert response.status_code == 400
    assert response.reason == "The body must be a JSON object"


def test_no_content_type_is_a_415(client):
    response = client.post("/json")
    assert response.status_code == 415
    assert response.reason == "Send Content-Type: application/json"


def test_a_form_body_is_a_415(client):
    response = client.post("/json", data={"a": "1"})
    assert response.status_code == 415


def test_a_get_on_the_json_endpoint_reaches_its_405(client):
    assert client.get("/json").status_code == 405


def test_bad_json_input_never_logs_an_uncaught_exception(client, server):
    mark = len(server.log())
    client.post("/json")
    client.post("/json", json=["x"])
    client.post("/json", data=b"{", headers=JSON)
    log = server.wait_for_log("400 POST /json", after=mark)
    assert "Uncaught exception" not in log
    assert "Traceback" not in log


# The old JSON prepare(), under /broken/


def test_broken_json_without_content_type_is_a_500(client, server):
    mark = len(server.log())
    response = client.post("/broken/json")
    assert response.status_code == 500
    log = server.wait_for_log("500 POST /broken/json", after=mark)
    assert "AttributeError: 'NoneType' object has no attribute 'startswith'" in log


def test_broken_json_turns_the_405_of_a_get_into_a_500(client):
    # prepare() runs before the 405 of a method the handler lacks
    assert client.get("/broken/json").status_code == 500


def test_broken_json_array_is_a_500(client, server):
    mark = len(server.log())
    response = client.post("/broken/json", json=["小明"])
    assert response.status_code == 500
    log = server.wait_for_log("500 POST /broken/json", after=mark)
    assert "AttributeError: 'list' object has no attribute 'items'" in log


def test_broken_json_invalid_json_is_a_500(client, server):
    mark = len(server.log())
    response = client.post("/broken/json", data=b"{", headers=JSON)
    assert response.status_code == 500
    assert "JSONDecodeError" in server.wait_for_log("500 POST /broken/json", after=mark)


def test_broken_json_ignores_an_uppercase_media_type(client):
    response = client.post("/broken/json", data=b'{"a": 1}', headers={"Content-Type": "Application/JSON"})
    assert response.status_code == 200
    assert response.text == "", "the JSON was there, but startswith() is case-sensitive"


def test_broken_json_reflects_a_script_unescaped(client):
    response = client.post("/broken/json", json={"<script>alert(1)</script>": "x"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == "<p><script>alert(1)</script></p><p>x</p>\n"
