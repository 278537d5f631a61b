"""Exercise 06: POST /sign reads the name field from the form body only."""

TEXT = "text/plain; charset=UTF-8"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
MISSING = "missing field: name\n"


def test_a_urlencoded_name_is_thanked(client):
    response = client.post("/sign", data={"name": "Ada"})
    assert response.status_code == 200, (
        "POST /sign with name=Ada in the body should answer 200: "
        "read name with get_body_argument"
    )
    assert response.headers["Content-Type"] == TEXT
    assert response.text == "Thanks, Ada!\n"


def test_a_multipart_name_is_read_the_same_way(client):
    response = client.post("/sign", files={"name": (None, "小明")})
    assert response.status_code == 200, "a multipart form is a body too"
    assert response.content == "Thanks, 小明!\n".encode()


def test_a_name_in_the_query_string_does_not_count(client):
    response = client.post("/sign?name=Ada", data={"other": "x"})
    assert response.status_code == 400, (
        "only the body counts: get_argument and get_query_argument "
        "also read ?name=Ada, get_body_argument does not"
    )
    assert response.text == MISSING


def test_no_name_field_is_a_400(client):
    response = client.post("/sign", data={"other": "x"})
    assert response.status_code == 400, "no name field in the body: answer 400"
    assert response.headers["Content-Type"] == TEXT
    assert response.text == MISSING


def test_an_empty_name_is_a_400(client):
    response = client.post("/sign", data=b"name=", headers=FORM)
    assert response.status_code == 400, "an empty name counts as missing"
    assert response.text == MISSING


def test_a_json_body_is_not_a_form(client):
    response = client.post("/sign", json={"name": "Ada"})
    assert response.status_code == 400, "the body getters do not read JSON"
    assert response.text == MISSING


def test_invalid_utf8_in_the_body_is_a_400_not_a_500(client):
    response = client.post("/sign", data=b"name=%FF", headers=FORM)
    assert response.status_code == 400, "Tornado answers 400 for %FF by itself"
