"""Lesson 27 - AsyncHTTPClient and the self-call deadlock (AsyncHTTPClient 与自调用死锁)

`await AsyncHTTPClient().fetch(url)` calls another web service. While it waits,
the loop serves other requests. Here the "service" is this server's own /sleep.
A blocking client such as urllib keeps the loop, so /sleep cannot even start.
/broken/fetch waits until urllib gives up and answers 504. Only then /sleep runs.
An answer later than request_timeout is a 504 too. AsyncHTTPClient() is one
shared client: it runs at most 10 fetches at once (max_clients), and the others
wait in a queue. Each slow request logs when it starts and when it ends.

Run:
    make lesson-27
    python lessons/27_async_http_client.py --port=8000 --delay=0.5

Try it:
    curl -i http://127.0.0.1:8000/sleep                    # -> 200
    # AsyncHTTPClient calls /sleep of this same server: the loop serves it meanwhile
    curl -i http://127.0.0.1:8000/fetch                    # -> 200
    curl -i "http://127.0.0.1:8000/fetch?delay=soon"       # -> 400
    # urllib calls /sleep of this same server: even a 0 s sleep cannot run in time
    curl -i "http://127.0.0.1:8000/broken/fetch?delay=0"   # -> 504

Bench:
    blocking self-call        /broken/fetch
    non-blocking self-call    /fetch

Older tutorials say: pass a callback, as in fetch(url, callback=on_response).
Tornado 6.0 removed callback arguments: fetch() raises TypeError. Await the
result instead: `response = await AsyncHTTPClient().fetch(url)`.

Older tutorials (and Tornado's docstring) say time in the queue counts against
request_timeout. It does not add up: request_timeout starts when the fetch leaves
the queue. The wait in the queue has its own limit, the smaller of connect_timeout
and request_timeout; past it the fetch fails with "Timeout in request queue".
"""

import asyncio
import urllib.request

import tornado.web
from tornado.httpclient import AsyncHTTPClient, HTTPClientError
from tornado.log import app_log
from tornado.options import define, options, parse_command_line
from tornado.web import HTTPError

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")
define("delay", default=0.5, type=float, help="seconds /sleep waits (0 to 5)")


class SlowHandler(tornado.web.RequestHandler):
    def prepare(self):  # checks the delay before any waiting
        try:
            self.delay = float(self.get_query_argument("delay", str(options.delay)))
        except ValueError:
            raise HTTPError(400, reason="delay must be a number of seconds") from None
        if not 0 <= self.delay <= 5:  # also refuses nan and inf
            raise HTTPError(400, reason="delay must be from 0 to 5 seconds")
        app_log.info("%s starts", self.request.uri)
        # The "other service" the fetch pages call is this server's own /sleep.
        self.url = f"http://127.0.0.1:{options.port}/sleep?delay={self.delay:g}"
        self.timeout = self.delay + 0.2  # /sleep needs its delay and a little more

    def answer(self, status, text):
        app_log.info("%s ends, %d", self.request.uri, status)
        self.set_status(status)
        self.write(text)


class SleepHandler(SlowHandler):
    async def get(self):
        await asyncio.sleep(self.delay)
        self.answer(200, f"Slept {self.delay:g} s.\n")


class FetchHandler(SlowHandler):
    async def get(self):
        try:
            got = await AsyncHTTPClient().fetch(self.url, request_timeout=self.timeout)
        except (HTTPClientError, OSError):  # a timeout, an error status, no server
            self.answer(504, f"fetch() got no answer in {self.timeout:g} s.\n")
        else:
            self.answer(200, f"fetch() got: {got.body.decode()}")


class BrokenFetchHandler(SlowHandler):
    async def get(self):
        try:  # urlopen() blocks the loop: the /sleep it calls cannot even start
            with urllib.request.urlopen(self.url, timeout=self.timeout) as got:
                self.answer(200, f"urlopen() got: {got.read().decode()}")
        except OSError:  # the timeout (urllib's errors are OSErrors too)
            self.answer(504, f"urlopen() got no answer in {self.timeout:g} s.\n")


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/sleep", SleepHandler),
            (r"/fetch", FetchHandler),
            (r"/broken/fetch", BrokenFetchHandler),
        ],
        **overrides,
    )


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
