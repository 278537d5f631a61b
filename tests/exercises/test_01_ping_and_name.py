"""Exercise 01: GET /ping answers pong; --name sets the greeting."""


def test_ping_answers_pong(client):
    response = client.get("/ping")
    assert response.status_code == 200, "GET /ping should answer 200: is /ping in make_app()'s list?"
    assert response.text == "pong"


def test_greeting_defaults_to_world(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.text == "Hello, world!"


def test_name_option_sets_the_greeting(start_script, script, client_for):
    server = start_script(script, "--name=Ada")
    response = client_for(server).get("/")
    assert response.status_code == 200
    assert response.text == "Hello, Ada!"


def test_unknown_path_is_still_a_404(client):
    assert client.get("/pong").status_code == 404
