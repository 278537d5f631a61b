"""Lesson 19: send_error() goes on, HTTPError stops, the default page, the log."""

import tornado.web

from tests.introspect import load
from tests.support import default_page, fetch_in_process

HTML = "text/html; charset=UTF-8"


def views(client):
    response = client.get("/views")
    assert response.status_code == 200
    return response.json()


# The seed's example, in this process: the default page shows code and reason


class SeedIndexHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("主页")
        self.send_error(404, content="出现404错误", reason="Gone Fishing")


def seed_index(**settings):
    app = tornado.web.Application([(r"/index", SeedIndexHandler)], **settings)
    return fetch_in_process(app, "/index")


def test_send_error_drops_the_buffer_ignores_content_and_reason_sets_the_status():
    response = seed_index()
    assert response.code == 404
    assert response.reason == "Gone Fishing", "send_error() gives set_status() reason="
    assert response.headers["Content-Type"] == HTML
    assert response.body.decode() == default_page(404, "Gone Fishing")
    assert "主页" not in response.body.decode(), "send_error() cleared the buffer"
    assert "出现404错误" not in response.body.decode(), (
        "the default write_error() ignores content="
    )


def test_the_default_page_shows_no_traceback_without_exc_info():
    # serve_traceback is on, but send_error(404) passed no exc_info.
    response = seed_index(serve_traceback=True)
    assert response.code == 404
    assert response.headers["Content-Type"] == HTML
    assert response.body.decode() == default_page(404, "Gone Fishing")


# raise HTTPError: the method stops; the reason is the status line


def test_an_existing_note_is_a_200(client):
    response = client.get("/notes/shopping")
    assert response.status_code == 200
    assert response.text == "milk, eggs, tea\n"


def test_http_error_shows_the_reason_and_stops_the_method(client):
    response = client.get("/notes/stopped")
    assert response.status_code == 404
    assert response.reason == "No Such Note"
    assert response.headers["Content-Type"] == HTML
    assert response.text == default_page(404, "No Such Note")
    assert "stopped" not in views(client), "the line after raise HTTPError never ran"


def test_without_serve_traceback_only_the_log_has_the_log_message(client, server):
    start = len(server.log())
    response = client.get("/notes/secret-name")
    assert response.status_code == 404
    assert "no note" not in response.text
    assert response.text == default_page(404, "No Such Note")
    log = server.wait_for_log("404 GET /notes/secret-name (127.0.0.1) ", after=start)
    assert "404 GET /notes/secret-name (127.0.0.1): no note 'secret-name'" in log
    assert "Traceback" not in log, "an HTTPError is logged as a warning, no traceback"


def test_with_serve_traceback_the_page_is_the_traceback_with_the_log_message(script):
    # The correction: the client sees the log_message too, in the traceback.
    app = load(script).make_app(serve_traceback=True)
    response = fetch_in_process(app, "/notes/ghost")
    assert response.code == 404
    assert response.reason == "No Such Note"
    assert response.headers["Content-Type"] == "text/plain"
    text = response.body.decode()
    assert text.startswith("Traceback (most recent call last):\n")
    assert text.endswith(
        "tornado.web.HTTPError: HTTP 404: No Such Note (no note 'ghost')\n"
    )


# send_error() does not stop the method


def test_broken_send_error_without_return_still_counts_a_view(client):
    assert "ghost-counted" not in views(client)
    response = client.get("/broken/notes/ghost-counted")
    assert response.status_code == 404
    assert views(client)["ghost-counted"] == 1, "the line after send_error() ran"


def test_broken_write_after_send_error_is_a_runtime_error_in_the_log(client, server):
    start = len(server.log())
    response = client.get("/broken/notes/ghost-written")
    # The client already has the whole error page: only the log shows the failure.
    assert response.status_code == 404
    assert response.reason == "Not Found"
    assert response.headers["Content-Type"] == HTML
    assert response.text == default_page(404, "Not Found")
    log = server.wait_for_log(
        "RuntimeError: Cannot write() after finish()", after=start
    )
    assert "Uncaught exception GET /broken/notes/ghost-written" in log
    assert "404 GET /broken/notes/ghost-written" in log
    assert "500 GET /broken/notes/ghost-written" not in log, "no second answer is sent"


def test_broken_notes_still_serve_an_existing_note(client):
    response = client.get("/broken/notes/todo")
    assert response.status_code == 200
    assert response.text == "finish lesson 19\n"
