"""Lesson 01: an Application, one handler, options for the address."""

import socket
import sys

import pytest

from course.environment import ROOT

HELLO = "Hello, world! 你好, Tornado!\n"

# The seed's way to serve an app, around lesson 01's make_app().
OLD_BOILERPLATE = """\
import sys
sys.path.insert(0, {root!r})
import tornado.httpserver
import tornado.ioloop
import tornado.options
from tests.introspect import load

app = load({script!r}).make_app()
tornado.options.parse_command_line()
options = tornado.options.options
http_server = tornado.httpserver.HTTPServer(app)
http_server.listen(options.port, address=options.host)
print(f"Listening on http://{{options.host}}:{{options.port}}/", flush=True)
tornado.ioloop.IOLoop.current().start()
"""


def test_root_says_hello(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == HELLO


def test_unknown_path_is_a_404(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert "404: Not Found" in response.text


def test_a_method_the_handler_lacks_is_a_405(client):
    response = client.post("/", data="x=1")
    assert response.status_code == 405


def test_the_url_is_printed_once_listening(server):
    assert server.url_printed == f"http://127.0.0.1:{server.port}/"


@pytest.mark.skipif(
    sys.platform != "linux", reason="only Linux routes all of 127.0.0.0/8 to loopback"
)
def test_default_host_is_loopback_only(start_script, script):
    # Started without --host: bound to 127.0.0.1, so 127.0.0.2 (also loopback
    # on Linux, but another address) is refused.
    server = start_script(script, host=None)
    assert server.url_printed == f"http://127.0.0.1:{server.port}/"
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.2", server.port), timeout=2).close()
    socket.create_connection(("127.0.0.1", server.port), timeout=2).close()


def test_the_old_httpserver_and_ioloop_boilerplate_still_serves_the_app(
    start_script, script, client_for, tmp_path
):
    old_way = tmp_path / "old_way.py"
    snippet = OLD_BOILERPLATE.format(root=str(ROOT), script=str(script))
    old_way.write_text(snippet, encoding="utf-8")
    server = start_script(old_way)
    response = client_for(server).get("/")
    assert response.status_code == 200
    assert response.text == HELLO
    assert "Traceback" not in server.log()
