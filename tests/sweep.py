"""The bad-input sweep: a battery of malformed requests for every route of a
running script, sent last in every lesson's test module and in every exercise
module that judges its solution (tests/documented.py).

Routes come from the script's make_app(): missing, repeated and invalid-UTF-8
arguments, invalid UTF-8 in the path, every method (and one Tornado does not
know), wrong or missing Content-Type, invalid and non-object JSON, garbage
multipart, a traversal filename, a large body, a long header. Outside /broken/
every answer must be below 500 and free of tracebacks, and the server must
still answer afterwards. tests/conftest.py prints the counts at the end.

Then a 3 MiB body to every route, with POST and each other body method it
implements, sent by requests and by the real curl (which sends `Expect:
100-continue` first): the client must read a whole answer below 500. A server
that answers and closes while the client still sends may get a reset instead.
"""

import atexit
import functools
import json
import os
import shutil
import socket
import subprocess
import tempfile
from collections import Counter
from re import _constants as sre
from re import _parser as sre_parse

import requests
import tornado.web

from tests.introspect import load, routes

BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")
ARGUMENT_NAMES = [
    "a",
    "n",
    "name",
    "city",
    "code",
    "title",
    "next",
    "to",
    "delay",
    "user",
    "lang",
    "text",
    "id",
]
# The same token as cookie and header passes the XSRF check: handlers see the bodies.
XSRF = "sweep"
BIG_BODY_BYTES = 3 * 1024 * 1024
BIG_BODY_TYPE = "application/octet-stream"
TRACEBACK = "Traceback (most recent call last)"


def sample_path(pattern, fill="a"):
    """A path the route's regex matches; `fill` stands in for any-character classes."""
    return "".join(_emit(sre_parse.parse(pattern), fill))


def _emit(items, fill):
    for op, value in items:
        if op is sre.LITERAL:
            yield chr(value)
        elif op in (sre.NOT_LITERAL, sre.ANY):
            yield fill
        elif op is sre.IN:
            yield _pick(value, fill)
        elif op is sre.BRANCH:
            yield from _emit(value[1][0], fill)
        elif op is sre.SUBPATTERN:
            yield from _emit(value[-1], fill)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _, item = value
            for _ in range(max(low, 1)):
                yield from _emit(item, fill)
        elif op is not sre.AT:
            raise ValueError(f"no sample for {op} in a route pattern")


def _pick(choices, fill):
    if any(op is sre.NEGATE for op, _ in choices):
        return fill
    op, value = choices[0]
    if op is sre.LITERAL:
        return chr(value)
    if op is sre.RANGE:
        return chr(value[0])
    return "1" if value is sre.CATEGORY_DIGIT else "a"


def implemented(handler):
    return [
        method
        for method in tornado.web.RequestHandler.SUPPORTED_METHODS
        if getattr(handler, method.lower())
        is not getattr(tornado.web.RequestHandler, method.lower())
    ]


def discover(script):
    """[(path, pattern, methods)] for every rule of the script's make_app()."""
    return [
        (sample_path(pattern), pattern, implemented(handler))
        for pattern, handler in routes(load(script).make_app())
    ]


def battery(path, pattern, methods):
    """(label, method, path, requests keyword arguments) for one route."""
    garbage = "&".join(f"{name}=%FF&{name}=&{name}=x" for name in ARGUMENT_NAMES)
    yield "every method", None, path, {}
    # Tornado refuses an unknown method before it reads the body. For a handler with
    # @stream_request_body that is before prepare(), and it then closes the
    # connection without a "Connection: close": the next request on it could fail.
    yield "unknown method", "BREW", path, {"headers": {"Connection": "close"}}
    yield "invalid UTF-8 query", "GET", f"{path}?{garbage}&%FF=1", {}
    yield (
        "empty repeated arguments",
        "GET",
        f"{path}?" + "&".join(f"{n}=&{n}=" for n in ARGUMENT_NAMES),
        {},
    )
    bad_path = sample_path(pattern, fill="%FF")
    if bad_path != path:
        yield "invalid UTF-8 in the path", "GET", bad_path, {}
    yield (
        "long header",
        "GET",
        path,
        {"headers": {"X-Long": "a" * 16_000, "User-Agent": "b" * 4_000}},
    )
    yield (
        "garbage cookies",
        "GET",
        path,
        {"headers": {"Cookie": "_xsrf=2|x|y|z; user=2|1:0|10:1|4:user|4:YWRh|abc"}},
    )
    json_headers = {"Content-Type": "application/json"}
    bodies = [
        (
            "invalid UTF-8 form",
            {
                "data": b"a=%FF&name=\xff\xfe",
                "headers": {"Content-Type": "application/x-www-form-urlencoded"},
            },
        ),
        (
            "form with missing values",
            {
                "data": "&".join(f"{n}=" for n in ARGUMENT_NAMES),
                "headers": {"Content-Type": "application/x-www-form-urlencoded"},
            },
        ),
        (
            "text/plain body",
            {"data": "hello", "headers": {"Content-Type": "text/plain"}},
        ),
        ("no Content-Type", {"data": '{"name": "x"}'}),
        ("invalid JSON", {"data": '{"name": ', "headers": json_headers}),
        ("JSON array", {"data": "[1, 2]", "headers": json_headers}),
        ("JSON string", {"data": '"x"', "headers": json_headers}),
        ("JSON null", {"data": "null", "headers": json_headers}),
        (
            "JSON of wrong types",
            {
                "data": json.dumps({name: [1] for name in ARGUMENT_NAMES}),
                "headers": json_headers,
            },
        ),
        (
            "JSON lone surrogate",
            {
                "data": json.dumps(dict.fromkeys(ARGUMENT_NAMES, "\ud800")),
                "headers": json_headers,
            },
        ),
        ("deeply nested JSON", {"data": "[" * 50_000, "headers": json_headers}),
        (
            "garbage multipart",
            {
                "data": b"--xyz\r\ngarbage",
                "headers": {"Content-Type": "multipart/form-data; boundary=xyz"},
            },
        ),
        (
            "multipart without boundary",
            {"data": b"garbage", "headers": {"Content-Type": "multipart/form-data"}},
        ),
        (
            "traversal filename",
            {
                "files": {
                    field: ("../../etc/passwd", b"root:x:0:0")
                    for field in ("file", "img", "avatar", "f")
                }
            },
        ),
        (
            "large body",
            {
                "data": b"a=" + b"x" * 300_000,
                "headers": {"Content-Type": "application/x-www-form-urlencoded"},
            },
        ),
    ]
    for method in methods:
        if method in BODY_METHODS:
            for label, arguments in bodies:
                yield label, method, path, arguments


def send(session, base, method, path, arguments):
    # No cookie the server set may stay: its _xsrf would no longer match ours.
    session.cookies.clear()
    headers = {
        "Cookie": f"_xsrf={XSRF}",
        "X-XSRFToken": XSRF,
        **arguments.pop("headers", {}),
    }
    return session.request(
        method,
        base + path,
        headers=headers,
        allow_redirects=False,
        timeout=15,
        **arguments,
    )


def big_body_targets(found):
    """(method, path) pairs the 3 MiB body goes to: POST and every other body
    method each route implements, outside /broken/."""
    return [
        (method, path)
        for path, _, methods in found
        if not path.startswith("/broken/")
        for method in dict.fromkeys(
            ["POST", *(m for m in methods if m in BODY_METHODS)]
        )
    ]


@functools.cache
def big_body_file():
    """One 3 MiB file for every curl of this process, removed at exit."""
    handle, path = tempfile.mkstemp(prefix="sweep-", suffix=".bin")
    with os.fdopen(handle, "wb") as out:
        out.write(b"x" * BIG_BODY_BYTES)
    atexit.register(os.remove, path)
    return path


def big_body_problems(session, base, targets):
    """Send the 3 MiB body with requests: every answer must reach the client."""
    problems, statuses, body = [], Counter(), b"x" * BIG_BODY_BYTES
    for method, path in targets:
        label = f"{method} {path[:80]} (3 MiB body, requests)"
        try:
            response = send(
                session,
                base,
                method,
                path,
                {"data": body, "headers": {"Content-Type": BIG_BODY_TYPE}},
            )
        except requests.RequestException as error:
            statuses["no answer"] += 1
            problems.append(f"{label}: no answer ({type(error).__name__}: {error})")
            continue
        statuses[f"{response.status_code // 100}xx"] += 1
        if response.status_code >= 500 or not response.headers:
            # No headers at all: Tornado's bare 400 for a body over max_body_size.
            problems.append(f"{label}: {response.status_code} {response.reason}")
    return problems, statuses


def curl_big_body_problems(base, targets):
    """The same with the real curl, one process for all targets (--next)."""
    curl = shutil.which("curl")
    assert curl, (
        "the sweep sends 3 MiB bodies with the real curl too, and curl is missing: "
        "install it (Debian: apt-get install curl)"
    )
    if not targets:
        return [], Counter()
    command, body = [curl], f"@{big_body_file()}"
    for method, path in targets:
        command += [
            *(["--next"] if len(command) > 1 else []),
            *("-sg", "-o", os.devnull, "-X", method, "--data-binary", body),
            *("-H", f"Content-Type: {BIG_BODY_TYPE}", "-b", f"_xsrf={XSRF}"),
            *("-H", f"X-XSRFToken: {XSRF}", "--max-time", "15"),
            *("-w", "%{http_code} %{num_headers} %{exitcode}\\n", base + path),
        ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    answers = done.stdout.splitlines()
    problems, statuses = [], Counter()
    for (method, path), answer in zip(targets, answers, strict=False):
        code, headers, exitcode = (int(part) for part in answer.split())
        statuses[f"{code // 100}xx" if code else "no answer"] += 1
        if exitcode or not code or code >= 500 or not headers:
            problems.append(
                f"{method} {path[:80]} (3 MiB body, curl): {code or 'no answer'}, "
                f"{headers} headers, curl exit code {exitcode}"
            )
    if len(answers) != len(targets):
        problems.append(
            f"curl answered {len(answers)} of {len(targets)}: {done.stderr}"
        )
    return problems, statuses


def oversized_body_status(port):
    """The status a Content-Length far over any max_body_size gets (no body is sent)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 200000000\r\n\r\n")
        status_line = raw.recv(200).split(b"\r\n")[0].decode()
    return int(status_line.split()[1]) if status_line.startswith("HTTP/1.1 ") else 0


def sweep(server, found, record_property):
    """Send every route its battery: no 5xx, no traceback, and still alive after."""
    statuses, problems, sent = Counter(), [], 0
    with requests.Session() as session:
        for path, pattern, methods in found:
            if path.startswith("/broken/"):
                continue  # the mistakes on show: they may fail
            for label, method, target, arguments in battery(path, pattern, methods):
                for each in (
                    [method]
                    if method
                    else [*tornado.web.RequestHandler.SUPPORTED_METHODS]
                ):
                    sent += 1
                    try:
                        response = send(
                            session, server.base_url, each, target, dict(arguments)
                        )
                    except requests.RequestException as error:
                        statuses["no answer"] += 1
                        problems.append(
                            f"{each} {target[:80]} ({label}): no answer "
                            f"({type(error).__name__})"
                        )
                        continue
                    statuses[f"{response.status_code // 100}xx"] += 1
                    if response.status_code >= 500 or TRACEBACK in response.text:
                        problems.append(
                            f"{each} {target[:80]} ({label}): {response.status_code} "
                            f"{response.text[:120]!r}"
                        )
        targets = big_body_targets(found)
        for more_problems, more_statuses in (
            big_body_problems(session, server.base_url, targets),
            curl_big_body_problems(server.base_url, targets),
        ):
            problems += more_problems
            statuses += more_statuses
            sent += len(targets)
        oversized = oversized_body_status(server.port)
        statuses[f"{oversized // 100}xx"] += 1
        sent += 1
        alive = session.get(server.base_url + found[0][0], timeout=15)
    record_property("bad_input", {"requests": sent, "routes": len(found), **statuses})
    assert oversized == 400, "a Content-Length over max_body_size gets a 400"
    assert alive.status_code < 500, "the server must still answer after the sweep"
    assert server.alive()
    assert not problems, (
        f"{len(problems)} of {sent} requests went wrong:\n" + "\n".join(problems[:40])
    )
