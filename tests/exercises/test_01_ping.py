"""Exercise 01: GET /ping answers pong; GET / keeps its greeting."""


def test_ping_is_routed(client):
    response = client.get("/ping")
    assert response.status_code == 200, (
        f"GET /ping answered {response.status_code}, not 200: "
        'is (r"/ping", PingHandler) in make_app()\'s list?'
    )


def test_ping_answers_pong(client):
    response = client.get("/ping")
    assert response.status_code == 200, "GET /ping should answer 200"
    assert response.text == "pong", (
        f'GET /ping should answer "pong", not {response.text!r}'
    )


def test_the_greeting_stays(client):
    response = client.get("/")
    assert response.status_code == 200, "GET / should still answer 200"
    assert response.text == "Hello, world!", "GET / should still say Hello, world!"


def test_other_paths_are_still_a_404(client):
    assert client.get("/pong").status_code == 404, "only /ping is a new page"
    assert client.get("/ping/x").status_code == 404, "only /ping is a new page"
