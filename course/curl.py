"""The replay of a docstring's `curl` line with requests (demo and tests).

curl is not on every student's machine (nor on Windows by default), so the
Try-it lines are parsed here (with argparse, for the curl options the course
uses) and sent with requests, the same way curl would send them.
"""

import argparse
import shlex
from pathlib import Path
from urllib.parse import quote_plus, urlsplit, urlunsplit

import requests

from course.environment import ROOT

DEFAULT_TIMEOUT = 10


class CurlError(ValueError):
    """A Try-it line that uses curl in a way the replay does not know."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise CurlError(message)


def _curl_parser():
    parser = _Parser(prog="curl", add_help=False)
    parser.add_argument("url")
    parser.add_argument("-i", "--include", action="store_true")
    parser.add_argument("-s", "--silent", action="store_true")
    parser.add_argument("-I", "--head", action="store_true")
    parser.add_argument("-L", "--location", action="store_true")
    parser.add_argument("-G", "--get", action="store_true")
    parser.add_argument("-X", "--request", dest="method")
    parser.add_argument("-H", "--header", dest="headers", action="append", default=[])
    parser.add_argument("-b", "--cookie", dest="cookies", action="append", default=[])
    parser.add_argument(
        "-d", "--data", "--data-raw", dest="data", action="append", default=[]
    )
    parser.add_argument(
        "--data-binary", dest="data_binary", action="append", default=[]
    )
    parser.add_argument(
        "--data-urlencode", dest="data_urlencode", action="append", default=[]
    )
    parser.add_argument("--json", dest="json", action="append", default=[])
    parser.add_argument("-F", "--form", dest="form", action="append", default=[])
    return parser


def _read_at(value, binary=False):
    """curl's `@file`: the file's contents, relative to the repository root."""
    if value.startswith("@"):
        path = ROOT / value[1:]
        return (
            path.read_bytes()
            if binary
            else path.read_bytes().replace(b"\r", b"").replace(b"\n", b"")
        )
    return value.encode()


def _urlencode_item(item):
    name, sep, value = item.partition("=")
    return f"{name}={quote_plus(value)}" if sep else quote_plus(name)


def parse_curl(command):
    """Turn one curl command line into the keyword arguments of requests.request."""
    words = shlex.split(command)
    if not words or words[0] != "curl":
        raise CurlError(f"not a curl command: {command}")
    options = _curl_parser().parse_args(words[1:])
    headers = {}
    for header in options.headers:
        name, sep, value = header.partition(":")
        if not sep:
            raise CurlError(f"header without a colon: {header}")
        headers[name.strip()] = value.strip()

    body, files, method = None, None, "GET"
    parts = [_read_at(d) for d in options.data] + [
        _read_at(d, binary=True) for d in options.data_binary
    ]
    parts += [_urlencode_item(d).encode() for d in options.data_urlencode]
    if options.json:
        parts += [_read_at(j, binary=True) for j in options.json]
        headers.setdefault("Content-Type", "application/json")
        headers.setdefault("Accept", "application/json")
    if parts:
        body, method = b"&".join(parts), "POST"
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    if options.form:
        if parts:
            raise CurlError("-F cannot be combined with -d")
        files, method = [_form_field(field) for field in options.form], "POST"

    url = options.url
    if options.get and body is not None:
        split = urlsplit(url)
        query = "&".join(filter(None, [split.query, body.decode()]))
        url, body, method = urlunsplit(split._replace(query=query)), None, "GET"
        headers.pop("Content-Type", None)
    if options.head:
        method = "HEAD"
    if options.method:
        method = options.method
    return {
        "method": method,
        "url": url,
        "headers": headers,
        "data": body,
        "files": files,
        "cookies": _cookies(options.cookies),
        "allow_redirects": options.location,
    }


def _form_field(field):
    name, sep, value = field.partition("=")
    if not sep:
        raise CurlError(f"-F needs name=value: {field}")
    if not value.startswith("@"):
        return (name, (None, value))
    path_part, *attributes = value[1:].split(";")
    path = ROOT / path_part
    content_type, filename = None, Path(path_part).name
    for attribute in attributes:
        key, _, attr_value = attribute.partition("=")
        if key == "type":
            content_type = attr_value
        elif key == "filename":
            filename = attr_value
    return (name, (filename, path.read_bytes(), content_type))


def _cookies(values):
    cookies = {}
    for value in values:
        for pair in value.split(";"):
            name, sep, cookie = pair.strip().partition("=")
            if sep:
                cookies[name] = cookie
    return cookies


def replay(command, timeout=DEFAULT_TIMEOUT):
    """Send what a curl line sends; returns the requests.Response."""
    arguments = parse_curl(command)
    return requests.request(timeout=timeout, **arguments)
