"""Exercise 08: POST answers 201 with a Location, DELETE an empty 204, and
X-Api-Version is on every answer, error pages included."""


def create(client, name="pen"):
    return client.post("/items", data={"name": name})


def test_post_answers_201_created(client):
    response = create(client)
    assert response.status_code == 201, "a new item is a 201: call self.set_status(201)"
    assert response.reason == "Created"
    assert response.json()["name"] == "pen"


def test_location_points_to_the_new_item(client):
    response = create(client, "ink")
    item_id = response.json()["id"]
    assert response.headers.get("Location") == f"/items/{item_id}", "set the Location header to /items/<id>"
    shown = client.get(response.headers["Location"])
    assert shown.status_code == 200
    assert shown.json() == {"id": item_id, "name": "ink"}


def test_delete_answers_an_empty_204(client):
    item_id = create(client).json()["id"]
    response = client.delete(f"/items/{item_id}")
    assert response.status_code != 500, "a 204 with a body is a 500: remove the write()"
    assert response.status_code == 204, "a delete with nothing to say is a 204: call self.set_status(204)"
    assert response.content == b""
    assert client.get(f"/items/{item_id}").status_code == 404, "the deleted item should be gone"


def test_every_success_carries_the_api_version(client):
    created = create(client)
    assert created.headers.get("X-Api-Version") == "1"
    shown = client.get(f"/items/{created.json()['id']}")
    assert shown.headers.get("X-Api-Version") == "1"


def test_a_404_still_carries_the_api_version(client):
    response = client.get("/items/999")
    assert response.status_code == 404
    assert response.headers.get("X-Api-Version") == "1", (
        "error pages start from clear(): only set_default_headers() survives it"
    )


def test_a_missing_name_is_a_400_with_the_api_version(client):
    response = client.post("/items", data={})
    assert response.status_code == 400
    assert response.headers.get("X-Api-Version") == "1", "set X-Api-Version in set_default_headers()"


def test_deleting_an_unknown_item_is_a_404(client):
    response = client.delete("/items/999")
    assert response.status_code == 404
    assert response.headers.get("X-Api-Version") == "1"
