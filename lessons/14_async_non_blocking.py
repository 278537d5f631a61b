"""Lesson 14 - Async and non-blocking handlers (异步非阻塞)

One Tornado process runs one event loop in one thread. While a handler waits
without `await`, nothing else runs: time.sleep() or a blocking HTTP client
freezes every other client, even inside `async def`. `await asyncio.sleep()`
and `await AsyncHTTPClient().fetch()` hand the loop back while they wait, so
other requests go on. A library with no async version (a driver, an SDK) runs
in a thread: `await IOLoop.current().run_in_executor(None, func, ...)`
(or `await asyncio.to_thread(func, ...)`).
Watch the log: each slow request logs when it starts and when it ends.

Run:
    make lesson-14
    python lessons/14_async_non_blocking.py --port=8000 --delay=0.5

Try it:
    # the quick page: no waiting
    curl -i http://127.0.0.1:8000/                        # -> 200
    # wait --delay seconds, awaiting: other requests go on meanwhile
    curl -i http://127.0.0.1:8000/sleep                   # -> 200
    # the delay as a query argument: a number of seconds from 0 to 5
    curl -i "http://127.0.0.1:8000/sleep?delay=0.2"       # -> 200
    curl -i "http://127.0.0.1:8000/sleep?delay=soon"      # -> 400
    curl -i "http://127.0.0.1:8000/sleep?delay=60"        # -> 400
    # a blocking function, moved to a thread
    curl -i http://127.0.0.1:8000/thread                  # -> 200
    # AsyncHTTPClient calls /sleep of this same server, and the loop serves it
    curl -i http://127.0.0.1:8000/fetch                   # -> 200
    # time.sleep() inside async def: right answer, but the whole server slept
    curl -i http://127.0.0.1:8000/broken/sleep            # -> 200
    # urllib calls /sleep of this same server: nobody can answer it until it gives up
    curl -i http://127.0.0.1:8000/broken/fetch            # -> 504

Bench:
    blocking sleep            /broken/sleep
    non-blocking sleep        /sleep
    sleep in a thread         /thread
    blocking self-call        /broken/fetch
    non-blocking self-call    /fetch

Older tutorials say: decorate with @tornado.web.asynchronous and call
self.finish() yourself. It was removed in Tornado 6.0 (tornado.web has no
attribute "asynchronous"): write `async def get(self)`; the response ends when
the method returns. They also write @gen.coroutine with `x = yield future`
(and `raise gen.Return(x)`): that still works in Tornado 6.6.1, without a
warning, but `async def` with `await` is the way today. `callback=` arguments,
such as fetch(url, callback=...), are gone since 6.0: await the result.

The thread pool has min(32, CPUs + 4) threads: on a 2-core machine the 7th
/thread request waits for a free thread. AsyncHTTPClient runs at most
max_clients fetches at once (10 by default) and queues the rest, the queue
time counting against their timeout: main() raises it to 100.
"""

import asyncio
import time
import urllib.request

import tornado.web
from tornado.httpclient import AsyncHTTPClient, HTTPClientError
from tornado.ioloop import IOLoop
from tornado.log import app_log
from tornado.options import define, options, parse_command_line
from tornado.web import HTTPError

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: every network)")
define("delay", default=0.5, type=float, help="seconds the slow operation takes (0 to 5)")

MAX_DELAY = 5.0
MARGIN = 0.5  # a call to /sleep may take its delay plus this, then it is a 504


def slow_report(delay):
    """A library function with no async version: it blocks the thread that calls it."""
    time.sleep(delay)
    return f"slow_report() took {delay:g} s"


class HomeHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("Quick answer: this page never waits.\n")


class SlowHandler(tornado.web.RequestHandler):
    def prepare(self):
        text = self.get_query_argument("delay", None)
        try:
            self.delay = options.delay if text is None else float(text)
        except ValueError:
            raise HTTPError(400, reason="delay must be a number of seconds") from None
        if not 0 <= self.delay <= MAX_DELAY:  # also refuses nan and inf
            raise HTTPError(400, reason=f"delay must be from 0 to {MAX_DELAY:g} seconds")
        app_log.info("%s starts, %g s", self.request.uri, self.delay)


class BrokenSleepHandler(SlowHandler):
    async def get(self):
        time.sleep(self.delay)  # async def does not help: the whole loop sleeps
        self.write(f"Slept {self.delay:g} s with time.sleep(): every other request waited.\n")


class SleepHandler(SlowHandler):
    async def get(self):
        await asyncio.sleep(self.delay)
        self.write(f"Slept {self.delay:g} s with await asyncio.sleep(): other requests went on.\n")


class ThreadHandler(SlowHandler):
    async def get(self):
        report = await IOLoop.current().run_in_executor(None, slow_report, self.delay)
        self.write(f"{report} in a thread: other requests went on.\n")


class CallHandler(SlowHandler):
    """Calls this server's /sleep as if it were another service, and waits MARGIN more than it needs."""

    def prepare(self):
        super().prepare()
        self.url = f"{self.settings['service_url']}?delay={self.delay}"
        self.timeout = self.delay + MARGIN


class BrokenFetchHandler(CallHandler):
    async def get(self):
        try:
            # Blocks the loop: the /sleep it calls cannot even start until this gives up.
            with urllib.request.urlopen(self.url, timeout=self.timeout) as answer:
                self.write(f"urllib.request.urlopen() got: {answer.read().decode()}")
        except OSError:  # the timeout (urllib's errors are OSErrors too)
            self.set_status(504)
            self.write(
                f"urllib.request.urlopen() got no answer in {self.timeout:g} s: /sleep could not run meanwhile.\n"
            )


class FetchHandler(CallHandler):
    async def get(self):
        try:
            answer = await AsyncHTTPClient().fetch(self.url, request_timeout=self.timeout)
        except (HTTPClientError, OSError):  # a timeout, an error status, a refused connection
            raise HTTPError(504, reason=f"No answer from /sleep in {self.timeout:g} s") from None
        self.write(f"AsyncHTTPClient().fetch() got: {answer.body.decode()}")


def make_app(**overrides):
    settings = {
        # The "slow service" the /fetch pages call is this server's /sleep.
        "service_url": f"http://127.0.0.1:{options.port}/sleep",
        **overrides,
    }
    return tornado.web.Application(
        [
            (r"/", HomeHandler),
            (r"/sleep", SleepHandler),
            (r"/thread", ThreadHandler),
            (r"/fetch", FetchHandler),
            (r"/broken/sleep", BrokenSleepHandler),
            (r"/broken/fetch", BrokenFetchHandler),
        ],
        **settings,
    )


async def main():
    parse_command_line()
    if not 0 <= options.delay <= MAX_DELAY:
        raise SystemExit(f"--delay must be from 0 to {MAX_DELAY:g} seconds")
    AsyncHTTPClient.configure(None, max_clients=100)  # see the note on max_clients
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
