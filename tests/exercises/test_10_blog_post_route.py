"""Exercise 10: /posts/<year>/<slug> answers JSON; any other shape is a 404."""

OTHER_SHAPES = [
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
]


def test_a_post_url_answers_its_year_and_slug_as_json(client):
    response = client.get("/posts/2024/hello-world")
    assert response.status_code == 200, (
        f"GET /posts/2024/hello-world should answer 200, not {response.status_code}: "
        "are the groups named year and slug, like get()'s parameters?"
    )
    assert response.headers["Content-Type"] == "application/json; charset=UTF-8"
    assert response.json() == {"year": 2024, "slug": "hello-world"}


def test_another_year_and_slug_with_digits_and_dashes(client):
    response = client.get("/posts/1999/top-10-tips")
    assert response.status_code == 200, (
        "a slug of lowercase letters, digits and dashes should match, "
        f"but GET /posts/1999/top-10-tips answered {response.status_code}"
    )
    assert response.json() == {"year": 1999, "slug": "top-10-tips"}


def test_any_other_shape_is_a_404(client):
    wrong = {}
    for path in OTHER_SHAPES:
        status = client.get(path).status_code
        if status != 404:
            wrong[path] = status
    assert not wrong, (
        "these paths should be a 404 (the route must not match them), but they "
        f"answered: {wrong}"
    )
