"""Exercise 07: GET /menu answers one readable UTF-8 JSON object wrapping the dishes."""

import json

MENU = {
    "count": 3,
    "dishes": [
        {"name": "宫保鸡丁", "price": 38},
        {"name": "麻婆豆腐", "price": 26},
        {"name": "西红柿炒鸡蛋", "price": 22},
    ],
}


def test_menu_answers_200(client):
    response = client.get("/menu")
    assert response.status_code == 200, "GET /menu should answer 200: write(list) is refused, wrap the list"


def test_menu_says_it_is_json(client):
    response = client.get("/menu")
    assert response.headers["Content-Type"] == "application/json; charset=UTF-8", (
        "a str you made with json.dumps() is sent as text/html: set the Content-Type header yourself"
    )


def test_menu_is_one_object_wrapping_the_dishes(client):
    body = json.loads(client.get("/menu").content)
    assert isinstance(body, dict), f"the body should be one JSON object, not a bare {type(body).__name__}"
    assert body == MENU, 'the object should be {"count": 3, "dishes": [...]}, with DISHES as they are'


def test_chinese_names_are_readable_utf8_not_escapes(client):
    raw = client.get("/menu").content
    assert "\\u" not in raw.decode("utf-8"), "the names are \\u escapes: json.dumps() needs ensure_ascii=False"
    assert "宫保鸡丁".encode() in raw, "the body should hold 宫保鸡丁 as UTF-8 bytes"


def test_unknown_path_is_still_a_404(client):
    assert client.get("/menus").status_code == 404
