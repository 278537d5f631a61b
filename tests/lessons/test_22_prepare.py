"""Lesson 22: prepare() checks the JSON body once; it runs before every method."""

import pytest

from tests.support import default_page

JSON = {"Content-Type": "application/json"}
SEVEN = ["GET", "HEAD", "POST", "DELETE", "PATCH", "PUT", "OPTIONS"]
GONE = "Gone: send your JSON to /json.\n"


# JSON in prepare(), done right


def test_a_json_object_is_written_out_escaped(client):
    response = client.post("/json", json={"<script>": "<b>小明</b>", "n": 1})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == (
        "<p>&lt;script&gt;</p><p>&lt;b&gt;小明&lt;/b&gt;</p>\n<p>n</p><p>1</p>\n"
    )


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


def test_no_content_type_is_a_415_and_post_never_runs(client):
    response = client.post("/json")
    assert response.status_code == 415
    assert response.reason == "Send Content-Type: application/json"
    assert response.text == default_page(415, "Send Content-Type: application/json")


def test_a_form_body_is_a_415(client):
    response = client.post("/json", data={"a": "1"})
    assert response.status_code == 415


@pytest.mark.parametrize("method", ["GET", "DELETE", "PATCH"])
def test_a_method_json_lacks_reaches_its_405_because_prepare_returns_early(
    client, method
):
    assert client.request(method, "/json").status_code == 405


def test_bad_json_input_never_logs_an_uncaught_exception(client, server):
    mark = len(server.log())
    client.post("/json")
    client.post("/json", json=["x"])
    client.post("/json", data=b"{", headers=JSON)
    log = server.wait_for_log("400 POST /json", after=mark)
    assert "Uncaught exception" not in log
    assert "Traceback" not in log


# finish() in prepare(): the method never runs; which methods reach prepare()


def test_finish_in_prepare_answers_and_the_method_never_runs(client, server):
    mark = len(server.log())
    response = client.post("/v1/json", json={"a": 1})
    assert response.status_code == 410
    assert response.text == GONE
    client.get("/json")  # once this is logged, the POST is over
    log = server.wait_for_log("405 GET /json", after=mark)
    assert "Cannot write() after finish()" not in log


def test_finish_in_prepare_still_runs_on_finish(client, server):
    mark = len(server.log())
    assert client.put("/v1/json").status_code == 410
    log = server.wait_for_log("on_finish() ran for PUT /v1/json", after=mark)
    # on_finish() comes after the answer, so after Tornado's access-log line
    assert log.index("410 PUT /v1/json") < log.index("on_finish() ran for PUT")


@pytest.mark.parametrize("method", SEVEN)
def test_prepare_runs_for_every_supported_method_even_those_the_handler_lacks(
    client, method
):
    response = client.request(method, "/v1/json")
    assert response.status_code == 410, "prepare() answered, not the 405"
    assert response.text == ("" if method == "HEAD" else GONE)


def test_a_method_outside_supported_methods_is_a_405_before_prepare(client):
    response = client.request("PROPFIND", "/v1/json")
    assert response.status_code == 405
    assert response.text != GONE


# The old JSON prepare(), under /broken/


def test_broken_json_without_content_type_is_a_500(client, server):
    mark = len(server.log())
    response = client.post("/broken/json")
    assert response.status_code == 500
    log = server.wait_for_log("500 POST /broken/json", after=mark)
    assert "AttributeError: 'NoneType' object has no attribute 'startswith'" in log


def test_broken_json_turns_the_405_of_a_get_into_a_500(client, server):
    mark = len(server.log())
    assert client.get("/broken/json").status_code == 500
    log = server.wait_for_log("500 GET /broken/json", after=mark)
    assert "in prepare" in log


def test_broken_json_propfind_is_still_a_405_prepare_never_ran(client):
    assert client.request("PROPFIND", "/broken/json").status_code == 405


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
    headers = {"Content-Type": "Application/JSON"}
    response = client.post("/broken/json", data=b'{"a": 1}', headers=headers)
    assert response.status_code == 200
    assert response.text == "", "the JSON was there, but startswith() is case-sensitive"


def test_broken_json_reflects_a_script_unescaped(client):
    response = client.post("/broken/json", json={"<script>alert(1)</script>": "x"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == "<p><script>alert(1)</script></p><p>x</p>\n"
