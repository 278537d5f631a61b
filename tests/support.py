"""Small helpers that more than one test module needs."""

import asyncio
import os
import re
import socket
import struct
import subprocess
import sys
import zlib
from concurrent.futures import ThreadPoolExecutor

import tornado.httpclient
import tornado.httpserver
import tornado.testing

from course.environment import ROOT
from tests.client import Client

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Redirect targets that leave the site (or try to): an open-redirect check
# must refuse them all.
OFF_SITE_URLS = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http:evil.example",
    "evil.example",
    "/\t/evil.example",  # browsers drop the tab: //evil.example
]


def tiny_png():
    """A real 1x1 grey PNG, built here so the tests need no image file."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")  # one row: filter byte 0, one grey pixel
    return (
        PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


FLASH = re.compile(r'id="flash">([^<]*)<')
CAPTCHA_KEY = re.compile(r'name="captcha_key" value="([^"]+)"')
CAPTCHA_QUESTION = re.compile(r"What is (\d+) \+ (\d+)\?")


def registration_form(client, path="/register"):
    """GET the form; the fields a browser would send back, the right answer included."""
    page = client.get(path)
    assert page.status_code == 200, f"GET {path} answered {page.status_code}"
    a, b = map(int, CAPTCHA_QUESTION.search(page.text).groups())
    return {
        "_xsrf": client.cookies["_xsrf"],
        "captcha_key": CAPTCHA_KEY.search(page.text)[1],
        "captcha": str(a + b),
    }


def register(
    client,
    username="ada",
    *,
    email=None,
    password="correct horse",
    path="/register",
    captcha=None,
):
    """Fill in the registration form and submit it; the answer is not followed."""
    fields = registration_form(client, path)
    if captcha is not None:
        fields["captcha"] = captcha
    fields.update(
        username=username, email=email or f"{username}@example.com", password=password
    )
    return client.post(path, data=fields, allow_redirects=False)


def register_at_once(clients, username="ada"):
    """One registration of `username` per client, all sent at the same moment
    (the forms are fetched first); returns the answers, not followed."""
    forms = [registration_form(client) for client in clients]

    def submit(index):
        fields = {
            **forms[index],
            "username": username,
            "email": f"{username}{index}@example.com",
            "password": "x" * 8,
        }
        return clients[index].post("/register", data=fields, allow_redirects=False)

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        return list(pool.map(submit, range(len(clients))))


def flash_on(client, path):
    """The flash message the next page shows, or None."""
    found = FLASH.search(client.get(path).text)
    return found[1] if found else None


def course(*args, env=None, timeout=60):
    """Run `python -m course ARGS` and return the finished process."""
    environment = dict(os.environ, NO_COLOR="1")
    # Say `python -m course ...`, unless a test sets MAKELEVEL.
    environment.pop("MAKELEVEL", None)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "course", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
    )


# Tornado's own pages and raw HTTP


def default_page(code, reason):
    """Tornado's own error page (write_error() without a traceback)."""
    return f"<html><title>{code}: {reason}</title><body>{code}: {reason}</body></html>"


PAGE_500 = default_page(500, "Internal Server Error")


def raw_exchange(server, request):
    """Send raw bytes to the server; every byte it answers, until it hangs up."""
    address = (server.connect_host, server.port)
    with socket.create_connection(address, timeout=5) as connection:
        connection.sendall(request)
        answer = b""
        while data := connection.recv(65536):
            answer += data
    return answer


def raw_get(server, path):
    """One HTTP/1.1 GET: the head as text and the body as bytes, framing included."""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    head, _, body = raw_exchange(server, request.encode()).partition(b"\r\n\r\n")
    return head.decode("latin-1"), body


def status_line(server, path):
    """The first line the server sends for a GET, exactly as it is on the wire."""
    return raw_get(server, path)[0].split("\r\n", 1)[0]


def fetch_in_process(app, path="/", ssl_options=None, **options):
    """Serve app on an unused port in this process; fetch path once, any status.
    With ssl_options (certfile, keyfile), over real TLS, the certificate unchecked."""
    options = {"raise_error": False, "request_timeout": 5, **options}
    scheme = "https" if ssl_options else "http"
    if ssl_options:
        options.setdefault("validate_cert", False)

    async def fetch():
        sock, port = tornado.testing.bind_unused_port()
        server = tornado.httpserver.HTTPServer(app, ssl_options=ssl_options)
        server.add_sockets([sock])
        client = tornado.httpclient.AsyncHTTPClient()
        try:
            return await client.fetch(f"{scheme}://127.0.0.1:{port}{path}", **options)
        finally:
            client.close()
            server.stop()

    return asyncio.run(fetch())


# Requests at the same time, told apart by the log (lessons and exercises 25-27)


def get(server, path):
    """One GET of path through a client of its own, so threads share nothing."""
    with Client(server.base_url) as client:
        return client.get(path)


def fire(server, paths):
    """A GET of each path, all at once, one thread each; their answers."""
    with ThreadPoolExecutor(max_workers=len(paths)) as pool:
        return list(pool.map(lambda path: get(server, path), paths))


def story(log, uri):
    """The log lines where uri starts or ends, in the order they were logged."""
    marks = (f"] {uri} starts", f"] {uri} ends")
    return [line for line in log.splitlines() if any(mark in line for mark in marks)]


def most_at_once(lines, start=" starts"):
    """The most that were between a start line (one with `start`) and an end at once."""
    inside = most = 0
    for line in lines:
        inside += 1 if start in line else -1
        most = max(most, inside)
    return most


def quick_request_during(server, slow, quick, started=None):
    """GET quick once slow (sent in a thread) has started; quick, the log then, slow."""
    started = started or f"] {slow} starts"  # slow's own start line
    seen = len(server.log())
    with ThreadPoolExecutor(max_workers=1) as pool:
        slow_answer = pool.submit(get, server, slow)
        server.wait_for_log(started, after=seen)
        quick_answer = get(server, quick)
        log = server.log()[seen:]
        return quick_answer, log, slow_answer.result()


def most_running_seen(server, path, count):
    """count GETs of path at once; the most /health saw running (it stops at two)."""
    with ThreadPoolExecutor(max_workers=count) as pool:
        lookups = [pool.submit(get, server, path) for _ in range(count)]
        most = 0
        with Client(server.base_url) as health:
            while most < 2 and not all(lookup.done() for lookup in lookups):
                most = max(most, health.get("/health").json()["lookups_running"])
        statuses = [lookup.result().status_code for lookup in lookups]
    assert statuses == [200] * count, f"GET {path} answered {statuses}"
    return most


# The hooks a request ran (lessons 21 and 23)


def hook_order(response):
    """The hooks that ran before the headers were sent."""
    return response.headers["X-Hook-Order"].split(", ")


def last_order(client, request_id):
    """Every hook of the last request sent with this X-Request-Id, on_finish too."""
    response = client.get("/last-order", params={"id": request_id})
    assert response.status_code == 200
    assert response.json()["id"] == request_id
    return response.json()["hooks"]
