"""Small helpers that more than one test module needs."""

import os
import re
import struct
import subprocess
import sys
import zlib
from concurrent.futures import ThreadPoolExecutor

from course.environment import ROOT

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
    environment.pop(
        "MAKELEVEL", None
    )  # say `python -m course ...`, unless a test sets it
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "course", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
    )
