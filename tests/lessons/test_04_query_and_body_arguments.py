"""Lesson 04: the six argument getters, strip, defaults, missing arguments,
Chinese and invalid UTF-8, JSON out (escaped or readable) and JSON in."""

import json

import pytest

TEXT = "text/plain; charset=UTF-8"
JSON = "application/json; charset=UTF-8"
DEFAULT_400_PAGE = "<html><title>400: Bad Request</title><body>400: Bad Request</body></html>"
XIAOMING = "%E5%B0%8F%E6%98%8E"  # 小明, percent-encoded UTF-8


def getters(response):
    """The /args answer as {getter name: the repr it printed}."""
    lines = response.text.splitlines()
    return {name: value.strip() for name, _, value in (line.partition(":") for line in lines)}


# The six getters


def test_args_answers_one_plain_text_line_per_getter(client):
    response = client.post("/args?a=1&a=2", data={"a": ["3", "4"]})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == TEXT
    assert response.text == (
        "get_query_argument:  '2'\n"
        "get_query_arguments: ['1', '2']\n"
        "get_body_argument:   '4'\n"
        "get_body_arguments:  ['3', '4']\n"
        "get_argument:        '4'\n"
        "get_arguments:       ['1', '2', '3', '4']\n"
    )


def test_query_getters_read_only_the_query_string(client):
    found = getters(client.post("/args?a=1", data={"a": "2"}))
    assert found["get_query_argument"] == "'1'"
    assert found["get_query_arguments"] == "['1']"


def test_body_getters_read_only_the_form_body(client):
    found = getters(client.post("/args?a=1", data={"a": "2"}))
    assert found["get_body_argument"] == "'2'"
    assert found["get_body_arguments"] == "['2']"


def test_singular_getters_return_the_last_of_repeated_values(client):
    found = getters(client.get("/args?a=first&a=middle&a=last"))
    assert found["get_query_argument"] == "'last'"
    assert found["get_argument"] == "'last'"


def test_get_arguments_lists_query_values_before_body_values(client):
    found = getters(client.post("/args?a=q1&a=q2", data={"a": ["b1", "b2"]}))
    assert found["get_arguments"] == "['q1', 'q2', 'b1', 'b2']"
    # so get_argument, the last value, prefers the body when both have the name
    assert found["get_argument"] == "'b2'"


def test_body_getters_read_a_multipart_form(client):
    response = client.post("/args?a=1", files={"a": (None, "小明")})
    assert response.status_code == 200
    found = getters(response)
    assert found["get_body_arguments"] == "['小明']"
    assert found["get_arguments"] == "['1', '小明']"


def test_body_getters_do_not_parse_a_json_body(client):
    response = client.post("/args?a=1", json={"a": "3"})
    assert response.status_code == 200
    found = getters(response)
    assert found["get_body_argument"] == "None"
    assert found["get_body_arguments"] == "[]"
    assert found["get_arguments"] == "['1']"


def test_plural_getters_give_an_empty_list_for_an_absent_name(client):
    response = client.get("/args?b=1")
    assert response.status_code == 200
    found = getters(response)
    assert found["get_query_arguments"] == "[]"
    assert found["get_body_arguments"] == "[]"
    assert found["get_arguments"] == "[]"
    assert found["get_argument"] == "None"  # default=None is a real default


def test_an_empty_value_is_present_not_missing(client):
    found = getters(client.get("/args?a=&a=+x+"))
    assert found["get_arguments"] == "['', 'x']"


def test_args_show_chinese_as_is_not_as_ascii_escapes(client):
    response = client.get(f"/args?a={XIAOMING}")
    assert response.status_code == 200
    assert "get_query_argument:  '小明'\n" in response.text
    assert "\\u" not in response.text


# strip


def test_strip_trims_ascii_and_unicode_whitespace_at_both_ends(client):
    # space, U+3000 ideographic space, U+00A0 no-break space, tab, newline
    response = client.get("/strip?a=%20%E3%80%80hi%20there%C2%A0%09%0A")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == TEXT
    assert response.text == "strip=True:  'hi there'\nstrip=False: ' \\u3000hi there\\xa0\\t\\n'\n"


def test_strip_keeps_zero_width_characters(client):
    # U+200B zero-width space and U+FEFF are not whitespace to Python's str.strip()
    response = client.get("/strip?a=%E2%80%8Bhi%EF%BB%BF")
    assert response.status_code == 200
    assert response.text == "strip=True:  '\\u200bhi\\ufeff'\nstrip=False: '\\u200bhi\\ufeff'\n"


def test_control_characters_become_spaces_even_without_strip(client):
    # Tornado turns \x00-\x08 and \x0e-\x1f into spaces before it strips; DEL (\x7f) stays
    response = client.get("/strip?a=a%00b%1Fc%7F")
    assert response.status_code == 200
    assert response.text == "strip=True:  'a b c\\x7f'\nstrip=False: 'a b c\\x7f'\n"


# default and missing arguments


def test_a_missing_argument_is_tornados_400_page_that_names_nothing(client):
    response = client.get("/strip")
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == DEFAULT_400_PAGE


def test_the_missing_argument_is_named_only_in_the_server_log(client, server):
    assert client.get("/strip?b=1").status_code == 400
    assert "400 GET /strip?b=1 (127.0.0.1): Missing argument a" in server.wait_for_log("/strip?b=1 (")


def test_catching_missing_argument_error_answers_a_clear_400(client):
    response = client.get("/greet")
    assert response.status_code == 400
    assert response.headers["Content-Type"] == TEXT
    assert response.text == "missing argument: name (try /greet?name=小明)\n"


def test_an_empty_name_is_a_400_of_its_own(client):
    response = client.get("/greet?name=%20%20")
    assert response.status_code == 400
    assert response.text == "name must not be empty\n"


def test_default_is_used_when_the_argument_is_absent(client):
    response = client.get("/greet?name=Ada")
    assert response.status_code == 200
    assert response.text == "你好, Ada!\n"


def test_a_given_argument_wins_over_the_default(client):
    response = client.get("/greet?name=Ada&greeting=Hi")
    assert response.status_code == 200
    assert response.text == "Hi, Ada!\n"


# Chinese and invalid UTF-8


def test_chinese_in_the_query_comes_out_as_text(client):
    response = client.get(f"/greet?name={XIAOMING}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == TEXT
    assert response.content == "你好, 小明!\n".encode()


def test_chinese_in_a_form_body_comes_out_as_text(client):
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    response = client.post("/greet", data=f"name={XIAOMING}", headers=form)
    assert response.status_code == 200
    assert response.content == "你好, 小明!\n".encode()


def test_invalid_utf8_in_the_query_is_a_400_not_a_500(client, server):
    response = client.get("/greet?name=%FF")
    assert response.status_code == 400
    assert response.text == DEFAULT_400_PAGE
    assert "Invalid unicode in name: b'\\xff'" in server.wait_for_log("Invalid unicode in name")


def test_invalid_utf8_in_a_form_body_is_a_400_not_a_500(client):
    response = client.post("/greet", data=b"name=%FF", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 400
    assert response.text == DEFAULT_400_PAGE


def test_invalid_utf8_in_a_multipart_body_is_a_400_not_a_500(client):
    response = client.post("/greet", files={"name": (None, b"\xff")})
    assert response.status_code == 400


# JSON out: write(dict) escapes, ensure_ascii=False does not


def test_write_dict_escapes_non_ascii_and_closing_tags(client):
    response = client.get(f"/json/escaped?name={XIAOMING}%3C/b%3E")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON
    assert response.content == b'{"name": "\\u5c0f\\u660e<\\/b>"}'


def test_ensure_ascii_false_keeps_chinese_readable(client):
    response = client.get(f"/json/readable?name={XIAOMING}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON
    assert response.content == '{"name": "小明"}'.encode()


def test_both_json_forms_decode_to_the_same_text(client):
    escaped = client.get(f"/json/escaped?name={XIAOMING}")
    readable = client.get(f"/json/readable?name={XIAOMING}")
    assert escaped.content != readable.content
    assert json.loads(escaped.content) == json.loads(readable.content) == {"name": "小明"}


def test_broken_json_goes_out_as_html_with_the_script_unescaped(client):
    response = client.get("/broken/json", params={"name": "<script>alert(1)</script>"})
    assert response.status_code == 200
    # text/html: a browser would render this page and run the script
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == '{"name": "<script>alert(1)</script>"}'


# JSON in: parse request.body yourself


def test_a_json_body_is_parsed_with_json_loads(client):
    response = client.post("/api/greet", json={"name": "小明"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == JSON
    assert response.content == '{"greeting": "你好, 小明!"}'.encode()


def test_a_json_content_type_with_a_charset_is_accepted(client):
    body = b'{"name": "Ada"}'
    response = client.post("/api/greet", data=body, headers={"Content-Type": "Application/JSON; charset=utf-8"})
    assert response.status_code == 200
    assert response.json() == {"greeting": "你好, Ada!"}


def test_invalid_json_is_a_400(client):
    response = client.post("/api/greet", data='{"name": 小明}'.encode(), headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.headers["Content-Type"] == JSON
    assert response.json() == {"error": "the body is not valid JSON"}


def test_an_empty_json_body_is_a_400(client):
    response = client.post("/api/greet", data=b"", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"error": "the body is not valid JSON"}


def test_invalid_utf8_in_a_json_body_is_a_400(client):
    response = client.post("/api/greet", data=b'{"name": "\xff"}', headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"error": "the body is not valid JSON"}


def test_deeply_nested_json_is_a_400_not_a_500(client):
    # json.loads raises RecursionError here, which is not a ValueError
    response = client.post("/api/greet", data=b"[" * 100_000, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"error": "the body is not valid JSON"}


def test_json_that_is_not_an_object_is_a_400(client):
    response = client.post("/api/greet", json=["小明"])
    assert response.status_code == 400
    assert response.json() == {"error": "the body must be a JSON object with a string name"}


def test_a_json_object_without_a_string_name_is_a_400(client):
    response = client.post("/api/greet", json={"name": 42})
    assert response.status_code == 400
    assert response.json() == {"error": "the body must be a JSON object with a string name"}


@pytest.mark.parametrize("name", ["\\ud800", "a\\nb"], ids=["lone-surrogate", "line-break"])
def test_a_name_that_is_not_printable_text_is_a_400_not_a_500(client, name):
    # JSON may spell a lone surrogate (\ud800); no UTF-8 answer can carry it.
    response = client.post("/api/greet", data=f'{{"name": "{name}"}}', headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"error": "the name must be printable text"}


def test_a_form_body_on_the_json_endpoint_is_a_415(client):
    response = client.post("/api/greet", data={"name": "小明"})
    assert response.status_code == 415
    assert response.headers["Content-Type"] == JSON
    assert response.json() == {"error": "send JSON with Content-Type: application/json"}


def test_json_without_a_content_type_is_a_415(client):
    response = client.post("/api/greet", data=b'{"name": "Ada"}')
    assert response.status_code == 415


def test_bad_input_never_logs_an_uncaught_exception(client, server):
    client.post("/api/greet", data=b"[" * 100_000, headers={"Content-Type": "application/json"})
    client.get("/greet?name=%FF")
    assert "Uncaught exception" not in server.log()
    assert "Traceback" not in server.log()
