"""Exercise 06: /posts/<year>/<slug> answers JSON; any other shape is a 404."""

import pytest


def test_a_post_url_answers_its_year_and_slug_as_json(client):
    response = client.get("/posts/2024/hello-world")
    assert response.status_code == 200, (
        f"GET /posts/2024/hello-world should answer 200, not {response.status_code}: "
        "do the group names match get(self, year, slug)?"
    )
    assert response.headers["Content-Type"] == "application/json; charset=UTF-8"
    assert response.json() == {"year": 2024, "slug": "hello-world"}


def test_the_year_is_a_number_not_a_string(client):
    response = client.get("/posts/1999/party")
    assert response.status_code == 200
    assert response.json()["year"] == 1999, 'the year should be the number 1999, not the string "1999"'


def test_a_slug_may_hold_digits_and_dashes(client):
    response = client.get("/posts/2024/top-10-tips")
    assert response.status_code == 200, "a slug of lowercase letters, digits and dashes should match"
    assert response.json() == {"year": 2024, "slug": "top-10-tips"}


@pytest.mark.parametrize(
    "path",
    [
        "/posts/24/hello",  # year too short
        "/posts/20245/hello",  # year too long
        "/posts/abcd/hello",  # year not digits
        "/posts/2024/Hello",  # capital letter
        "/posts/2024/hello_world",  # underscore
        "/posts/2024/a/b",  # two segments
        "/posts/2024/hello%2Fworld",  # an encoded slash
        "/posts/2024/hello-world/",  # trailing slash
        "/posts/2024/hello-world.html",  # trailing stuff
        "/posts/2024/",  # empty slug
    ],
)
def test_any_other_shape_is_a_404(client, path):
    response = client.get(path)
    assert response.status_code == 404, f"GET {path} should be a 404 (no match), not {response.status_code}"
