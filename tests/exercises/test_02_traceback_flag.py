"""Exercise 02: --traceback serves tracebacks without autoreload; --debug keeps serving them."""

PLAIN_500 = "<html><title>500: Internal Server Error</title><body>500: Internal Server Error</body></html>"


def mode_of(server, client_for):
    response = client_for(server).get("/mode")
    assert response.status_code == 200, "GET /mode should answer 200"
    return response.json()


def assert_traceback(response):
    assert response.status_code == 500, "/broken/latest crashes: a 500 whatever the flags"
    assert response.headers["Content-Type"] == "text/plain", "a served traceback is text/plain"
    assert response.text.startswith("Traceback (most recent call last):\n"), "the body should be the traceback"
    assert response.text.endswith("IndexError: list index out of range\n")


def test_without_flags_everything_is_off(server, client_for):
    assert mode_of(server, client_for) == {"debug": False, "autoreload": False, "serve_traceback": False}


def test_without_flags_a_crash_is_a_plain_500_page(client):
    response = client.get("/broken/latest")
    assert response.status_code == 500
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == PLAIN_500, "without flags, a crash must not show its traceback"


def test_traceback_flag_turns_on_serve_traceback_alone(start_script, script, client_for):
    server = start_script(script, "--traceback")
    assert mode_of(server, client_for) == {"debug": False, "autoreload": False, "serve_traceback": True}, (
        "--traceback should switch serve_traceback on and leave debug and autoreload off; "
        "does /mode read self.settings?"
    )


def test_traceback_flag_makes_a_crash_answer_its_traceback(start_script, script, client_for):
    server = start_script(script, "--traceback")
    assert_traceback(client_for(server).get("/broken/latest"))


def test_debug_alone_still_serves_tracebacks(start_script, script, client_for):
    server = start_script(script, "--debug")
    assert mode_of(server, client_for) == {"debug": True, "autoreload": True, "serve_traceback": True}, (
        "with --debug alone serve_traceback must stay on: a serve_traceback=False you pass wins over debug=True"
    )
    assert_traceback(client_for(server).get("/broken/latest"))


def test_unknown_path_is_still_a_404(client):
    assert client.get("/latest").status_code == 404
