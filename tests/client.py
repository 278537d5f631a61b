"""What the tests talk to servers with: a requests session bound to one server,
and a server that can wait for a line of its log."""

import time

import requests

from course.process import Server

DEFAULT_TIMEOUT = 10


class Client(requests.Session):
    """requests with a base URL and a timeout on every call."""

    def __init__(self, base_url, timeout=DEFAULT_TIMEOUT):
        super().__init__()
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def request(self, method, url, *args, **kwargs):
        if url.startswith("/"):
            url = self.base_url + url
        kwargs.setdefault("timeout", self.timeout)
        return super().request(method, url, *args, **kwargs)


class LoggedServer(Server):
    """A script's server, as the tests start it: it can wait for its log."""

    def wait_for_log(self, text, after=0, timeout=5.0):
        """The log from character `after` on, once it contains text. Tornado
        logs a request just after answering it, so a test waits for the line
        (polling the log file until a deadline) instead of sleeping."""
        deadline = time.monotonic() + timeout
        while True:
            log = self.log()[after:]
            if text in log:
                return log
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"the server never logged {text!r}; it logged:\n{log}"
                )
            time.sleep(0.02)
