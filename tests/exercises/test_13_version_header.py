"""Exercise 13: X-Api-Version: 1 is on every answer, error pages included."""

WHY = "error pages start from clear(): set the header in set_default_headers()"


def test_an_item_answers_200_with_the_version(client):
    response = client.get("/items/1")
    assert response.status_code == 200, "GET /items/1 should answer 200"
    assert response.json() == {"id": "1", "name": "pen"}
    assert response.headers.get("X-Api-Version") == "1", (
        "GET /items/1 should carry the header X-Api-Version: 1"
    )


def test_a_404_still_carries_the_version(client):
    response = client.get("/items/9")
    assert response.status_code == 404, "an unknown item should still be a 404"
    assert response.headers.get("X-Api-Version") == "1", f"the 404 has none: {WHY}"


def test_a_405_still_carries_the_version(client):
    response = client.post("/items/1")
    assert response.status_code == 405, "POST is not allowed here: a 405"
    assert response.headers.get("X-Api-Version") == "1", f"the 405 has none: {WHY}"


def test_the_header_is_sent_once(client):
    response = client.get("/items/2")
    assert response.raw.headers.getlist("X-Api-Version") == ["1"], (
        "X-Api-Version should be one line: use set_header(), not add_header()"
    )
