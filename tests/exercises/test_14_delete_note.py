"""Exercise 14: DELETE /notes/<id> removes the note and answers an empty 204."""


def test_delete_answers_204_no_content(client):
    response = client.delete("/notes/1")
    assert response.status_code != 500, (
        "a 500: a 204 cannot carry a body, remove the write()"
    )
    assert response.status_code == 204, (
        f"DELETE answered {response.status_code}: call self.set_status(204)"
    )
    assert response.reason == "No Content"


def test_the_204_has_an_empty_body(client):
    response = client.delete("/notes/2")
    assert response.content == b"", f"a 204 has no body, not {response.content!r}"


def test_the_deleted_note_is_gone(client):
    assert client.get("/notes/3").status_code == 200, "GET /notes/3 should show note 3"
    client.delete("/notes/3")
    assert client.get("/notes/3").status_code == 404, "a deleted note should be a 404"


def test_other_notes_stay(client):
    client.delete("/notes/4")
    response = client.get("/notes/5")
    assert response.status_code == 200, "deleting note 4 should leave note 5"
    assert response.json() == {"id": "5", "text": "note 5"}


def test_deleting_an_unknown_note_is_a_404(client):
    response = client.delete("/notes/99")
    assert response.status_code == 404, "an unknown id should stay a 404"
