"""Lesson 07: parse a JSON body yourself; 415 for another format, 400 for bad JSON."""

import pytest

JSON = "application/json; charset=UTF-8"
NOT_JSON = {"error": "the body is not valid JSON"}
NOT_AN_OBJECT = {"error": "the body must be a JSON object with a string name"}


def post_json(client, body, content_type="application/json"):
    """POST these bytes as they are, with this Content-Type."""
    return client.post("/api/greet", data=body, headers={"Content-Type": content_type})


def test_a_json_body_is_parsed_with_json_loads(client):
    response = client.post("/api/greet", json={"name": "小明"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON
    assert response.json() == {"greeting": "你好, 小明!"}


def test_write_dict_escapes_chinese_and_json_reads_it_back(client):
    response = post_json(client, '{"name": "小明"}'.encode())
    assert response.status_code == 200
    assert response.content == b'{"greeting": "\\u4f60\\u597d, \\u5c0f\\u660e!"}'
    assert response.json() == {"greeting": "你好, 小明!"}


def test_a_json_content_type_with_a_charset_is_accepted_in_any_case(client):
    response = post_json(client, b'{"name": "Ada"}', "Application/JSON; charset=utf-8")
    assert response.status_code == 200
    assert response.json() == {"greeting": "你好, Ada!"}


def test_invalid_json_is_a_400(client):
    response = post_json(client, '{"name": 小明}'.encode())
    assert response.status_code == 400
    assert response.headers["Content-Type"] == JSON
    assert response.json() == NOT_JSON


def test_an_empty_json_body_is_a_400(client):
    response = post_json(client, b"")
    assert response.status_code == 400
    assert response.json() == NOT_JSON


def test_invalid_utf8_in_a_json_body_is_a_400(client):
    response = post_json(client, b'{"name": "\xff"}')
    assert response.status_code == 400
    assert response.json() == NOT_JSON


def test_deeply_nested_json_is_a_400_not_a_500(client, server):
    # json.loads raises RecursionError here, which is not a ValueError
    mark = len(server.log())
    response = post_json(client, b"[" * 50_000)
    assert response.status_code == 400
    assert response.json() == NOT_JSON
    server.wait_for_log("400 POST /api/greet", after=mark)
    assert "Traceback" not in server.log()[mark:]


@pytest.mark.parametrize("body", ['["小明"]', '"小明"', "null", "42"])
def test_json_that_is_not_an_object_is_a_400(client, body):
    response = post_json(client, body.encode())
    assert response.status_code == 400
    assert response.json() == NOT_AN_OBJECT


@pytest.mark.parametrize("body", ['{"name": 42}', '{"name": null}', '{"nom": "Ada"}'])
def test_an_object_without_a_string_name_is_a_400(client, body):
    response = post_json(client, body.encode())
    assert response.status_code == 400
    assert response.json() == NOT_AN_OBJECT


@pytest.mark.parametrize(
    "name", ["\\ud800", "a\\nb"], ids=["lone-surrogate", "line-break"]
)
def test_a_name_that_is_not_printable_text_is_a_400_not_a_500(client, name):
    # JSON may spell a lone surrogate (\ud800); it is no character.
    response = post_json(client, f'{{"name": "{name}"}}'.encode())
    assert response.status_code == 400
    assert response.json() == {"error": "the name must be printable text"}


def test_a_form_body_is_a_415(client):
    response = client.post("/api/greet", data={"name": "小明"})
    assert response.status_code == 415
    assert response.headers["Content-Type"] == JSON
    assert response.json() == {"error": "send JSON with Content-Type: application/json"}


def test_json_without_a_content_type_is_a_415(client):
    response = client.post("/api/greet", data=b'{"name": "Ada"}')
    assert "Content-Type" not in response.request.headers
    assert response.status_code == 415
    assert response.json() == {"error": "send JSON with Content-Type: application/json"}
