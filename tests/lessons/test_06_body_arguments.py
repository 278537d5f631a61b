"""Lesson 06: body getters for urlencoded and multipart forms, and get_argument(s)."""

from tests.support import default_page

TEXT = "text/plain; charset=UTF-8"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DEFAULT_400_PAGE = default_page(400, "Bad Request")
XIAOMING = "%E5%B0%8F%E6%98%8E"  # 小明, percent-encoded UTF-8
NO_NAME = "send a name field in a form body (-d name=小明)\n"


def getters(response):
    """The /args answer as {getter name: the repr it printed}."""
    lines = response.text.splitlines()
    return {name: value.strip() for name, _, value in (x.partition(":") for x in lines)}


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
    found = getters(client.post("/args", data={"a": ["first", "middle", "last"]}))
    assert found["get_body_argument"] == "'last'"
    assert found["get_argument"] == "'last'"
    assert getters(client.get("/args?a=first&a=last"))["get_argument"] == "'last'"


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
    response = client.post("/args?b=1", data={"b": "2"})
    assert response.status_code == 200
    found = getters(response)
    assert found["get_body_arguments"] == "[]"
    assert found["get_arguments"] == "[]"
    assert found["get_body_argument"] == "None"  # default=None is a real default
    assert found["get_argument"] == "None"


def test_an_empty_body_value_is_present_not_missing(client):
    found = getters(client.post("/args", data=b"a=&a=+x+", headers=FORM))
    assert found["get_body_argument"] == "'x'"
    assert found["get_body_arguments"] == "['', 'x']"


# /greet reads a form field from the body


def test_a_urlencoded_field_is_read_as_chinese_text(client):
    response = client.post("/greet", data=f"name={XIAOMING}", headers=FORM)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == TEXT
    assert response.content == "你好, 小明!\n".encode()


def test_a_multipart_field_is_read_the_same_way(client):
    response = client.post(
        "/greet", files={"name": (None, "小明"), "greeting": (None, "Hi")}
    )
    assert response.status_code == 200
    assert response.text == "Hi, 小明!\n"


def test_a_missing_name_field_is_a_clear_400(client):
    response = client.post("/greet", data={"greeting": "Hi"})
    assert response.status_code == 400
    assert response.headers["Content-Type"] == TEXT
    assert response.text == NO_NAME


def test_a_name_in_the_query_string_is_not_a_body_field(client):
    response = client.post("/greet?name=Ada", data={"greeting": "Hi"})
    assert response.status_code == 400
    assert response.text == NO_NAME


def test_a_json_body_has_no_form_fields(client):
    response = client.post("/greet", json={"name": "小明"})
    assert response.status_code == 400
    assert response.text == NO_NAME


# Invalid UTF-8 in a body


def test_invalid_utf8_in_a_form_body_is_a_400_not_a_500(client, server):
    mark = len(server.log())
    response = client.post("/greet", data=b"name=%FF", headers=FORM)
    assert response.status_code == 400
    assert response.text == DEFAULT_400_PAGE
    log = server.wait_for_log("Invalid unicode in name", after=mark)
    assert "400 POST /greet (127.0.0.1): Invalid unicode in name: b'\\xff'" in log


def test_invalid_utf8_in_a_multipart_body_is_a_400_not_a_500(client):
    response = client.post("/greet", files={"name": (None, b"\xff")})
    assert response.status_code == 400
    assert response.text == DEFAULT_400_PAGE
