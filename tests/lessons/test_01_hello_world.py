"""Lesson 01: an Application, one handler, options for the address."""

import socket
import sys

import pytest


def test_root_says_hello(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == "Hello, world! 你好, Tornado!\n"


def test_unknown_path_is_a_404(client):
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert "404: Not Found" in response.text


def test_a_method_the_handler_lacks_is_a_405(client):
    response = client.post("/", data="x=1")
    assert response.status_code == 405


def test_the_url_is_printed_once_listening(server):
    assert server.url_printed == f"http://127.0.0.1:{server.port}/"


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux routes all of 127.0.0.0/8 to loopback")
def test_default_host_is_loopback_only(start_script, script):
    # Started without --host: bound to 127.0.0.1, so 127.0.0.2 (also loopback
    # on Linux, but another address) is refused.
    server = start_script(script, host=None)
    assert server.url_printed == f"http://127.0.0.1:{server.port}/"
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.2", server.port), timeout=2).close()
    socket.create_connection(("127.0.0.1", server.port), timeout=2).close()
