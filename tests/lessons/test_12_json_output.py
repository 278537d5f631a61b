"""Lesson 12: write(dict) and json_encode, readable JSON, lists, two dicts."""

import json

import pytest

from tests.support import PAGE_500

JSON_UTF8 = "application/json; charset=UTF-8"
HTML_UTF8 = "text/html; charset=UTF-8"


# write(dict) versus a JSON string you made yourself


def test_write_dict_sends_json_with_the_json_content_type(client):
    response = client.get("/student")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON_UTF8
    assert response.text == '{"name": "\\u5f20\\u4e09", "age": 24}'
    assert response.json() == {"name": "张三", "age": 24}


@pytest.mark.parametrize(
    ("text", "sent"),
    [
        ("你好</script>", b'{"text": "\\u4f60\\u597d<\\/script>"}'),
        ("小明</b>", b'{"text": "\\u5c0f\\u660e<\\/b>"}'),
    ],
)
def test_write_dict_escapes_non_ascii_and_the_closing_tag_sequence(client, text, sent):
    response = client.get("/echo", params={"text": text})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON_UTF8
    assert response.content == sent
    # Both escapes are plain JSON: the text decodes back unchanged.
    assert response.json() == {"text": text}


def test_a_json_string_you_wrote_yourself_is_sent_as_text_html(client):
    made_by_hand = client.get("/broken/json", params={"text": "hi"})
    assert made_by_hand.status_code == 200
    assert made_by_hand.headers["Content-Type"] == HTML_UTF8
    # The same bytes as write(dict) sends: only the Content-Type differs.
    by_write = client.get("/echo", params={"text": "hi"})
    assert by_write.headers["Content-Type"] == JSON_UTF8
    assert made_by_hand.content == by_write.content == b'{"text": "hi"}'


def test_ensure_ascii_false_and_your_own_header_give_readable_utf8_json(client):
    # The header was set after write(): still in time, nothing had been sent.
    response = client.get("/student/readable")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON_UTF8
    assert response.headers["Content-Length"] == "29"  # bytes: 张三 is 6 of them
    assert response.content == '{"name": "张三", "age": 24}'.encode()


def test_both_json_forms_decode_to_the_same_text(client):
    escaped = client.get("/student")
    readable = client.get("/student/readable")
    assert escaped.content != readable.content
    assert json.loads(escaped.content) == json.loads(readable.content)
    assert json.loads(readable.content) == {"name": "张三", "age": 24}


def test_echo_without_text_is_a_400_not_a_500(client):
    response = client.get("/echo")
    assert response.status_code == 400
    assert "400: Bad Request" in response.text


def test_echo_with_invalid_utf8_is_a_400_not_a_500(client):
    response = client.get("/echo?text=%ff")
    assert response.status_code == 400


# Lists are refused, one answer is one document


def test_writing_a_list_is_a_500_and_logs_the_type_error(client, server):
    seen = len(server.log())
    response = client.get("/broken/scores")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == HTML_UTF8
    assert response.text == PAGE_500  # the traceback stays in the log
    log = server.wait_for_log("Lists not accepted for security reasons", after=seen)
    assert "Uncaught exception GET /broken/scores" in log
    assert (
        "TypeError: write() only accepts bytes, unicode, and dict objects. "
        "Lists not accepted for security reasons" in log
    )


def test_a_list_wrapped_in_an_object_is_fine(client):
    response = client.get("/scores")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON_UTF8
    assert response.text == '{"scores": [90, 85, 77]}'


def test_two_dicts_in_a_row_are_two_json_documents_not_one(client):
    response = client.get("/broken/two-objects")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON_UTF8
    assert response.text == (
        '{"name": "\\u5f20\\u4e09", "age": 24}{"scores": [90, 85, 77]}'
    )
    with pytest.raises(json.JSONDecodeError, match="Extra data"):
        json.loads(response.text)


# The old advice for readable JSON, as written


def test_broken_json_goes_out_as_html_with_the_script_unescaped(client):
    response = client.get("/broken/json", params={"text": "<script>alert(1)</script>"})
    assert response.status_code == 200
    # text/html: a browser would render this page and run the script
    assert response.headers["Content-Type"] == HTML_UTF8
    assert response.text == '{"text": "<script>alert(1)</script>"}'
