"""Exercise 05: GET /hello reads name and greeting from the query, with defaults."""

TEXT = "text/plain; charset=UTF-8"


def test_hello_alone_uses_both_defaults(client):
    response = client.get("/hello")
    assert response.status_code == 200, (
        "GET /hello without arguments should answer 200: give name a default"
    )
    assert response.headers["Content-Type"] == TEXT
    assert response.text == "Hello, world!\n", "name defaults to world"


def test_a_given_name_wins_over_its_default(client):
    response = client.get("/hello?name=Ada")
    assert response.status_code == 200
    assert response.text == "Hello, Ada!\n", "?name=Ada should greet Ada"


def test_greeting_comes_from_the_query_string(client):
    response = client.get("/hello?greeting=Hi&name=Ada")
    assert response.status_code == 200
    assert response.text == "Hi, Ada!\n", (
        "?greeting=Hi should replace Hello: read greeting with get_query_argument"
    )


def test_greeting_alone_keeps_the_default_name(client):
    response = client.get("/hello?greeting=Hi")
    assert response.status_code == 200, "a missing name should use its default"
    assert response.text == "Hi, world!\n"


def test_chinese_arrives_percent_encoded_and_comes_out_as_text(client):
    # ?greeting=你好&name=小明, percent-encoded as a browser sends it
    response = client.get("/hello?greeting=%E4%BD%A0%E5%A5%BD&name=%E5%B0%8F%E6%98%8E")
    assert response.status_code == 200
    assert response.content == "你好, 小明!\n".encode()


def test_the_last_of_repeated_values_counts(client):
    response = client.get("/hello?name=Ada&name=Grace")
    assert response.status_code == 200
    assert response.text == "Hello, Grace!\n", "get_query_argument keeps the last value"


def test_invalid_utf8_is_a_400_not_a_500(client):
    response = client.get("/hello?name=%FF")
    assert response.status_code == 400, "Tornado answers 400 for %FF by itself"
