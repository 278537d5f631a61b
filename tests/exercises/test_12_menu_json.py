"""Exercise 12: GET /menu answers {"dishes": DISHES} as JSON, through write(dict)."""

import json

DISHES = [
    {"name": "宫保鸡丁", "price": 38},
    {"name": "麻婆豆腐", "price": 26},
    {"name": "西红柿炒鸡蛋", "price": 22},
]


def test_menu_answers_200(client):
    response = client.get("/menu")
    assert response.status_code == 200, (
        f"GET /menu answered {response.status_code}: write(list) is refused, "
        "wrap the list in a dict"
    )


def test_menu_says_it_is_json(client):
    response = client.get("/menu")
    assert response.headers["Content-Type"] == "application/json; charset=UTF-8", (
        f"the Content-Type is {response.headers['Content-Type']!r}: "
        "give write() the dict itself, not a str"
    )


def test_menu_is_one_object_wrapping_the_dishes(client):
    response = client.get("/menu")
    assert response.status_code == 200, f"GET /menu answered {response.status_code}"
    body = json.loads(response.content)
    assert isinstance(body, dict), (
        f"the body should be one JSON object, not a {type(body).__name__}"
    )
    assert body == {"dishes": DISHES}, (
        f'the object should be {{"dishes": DISHES}} with DISHES as it is, not {body}'
    )


def test_unknown_path_is_still_a_404(client):
    assert client.get("/menus").status_code == 404
