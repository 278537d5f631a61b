"""Lesson 25 - Async versus blocking (异步与阻塞)

One Tornado process runs one event loop in one thread. `await asyncio.sleep()`
gives the loop back while it waits, so other requests go on. `time.sleep()`
keeps the loop, even in `async def`, and every other request waits. Each sleep
logs its start and its end. If all start before any ends, they overlapped.
Start, end, start, end: they waited in a queue.

Run:
    make lesson-25
    python lessons/25_async_vs_blocking.py --port=8000 --delay=0.5

Try it:
    curl -i "http://127.0.0.1:8000/sleep?delay=0.1"       # -> 200
    curl -i "http://127.0.0.1:8000/sleep?delay=soon"      # -> 400
    curl -i http://127.0.0.1:8000/broken/sleep            # -> 200

Bench:
    blocking sleep            /broken/sleep
    non-blocking sleep        /sleep

Older tutorials say: add @tornado.web.asynchronous and call self.finish(). Tornado
6.0 removed it, and @gen.coroutine never needed it. @gen.coroutine with `yield`
still works, but today's way is `async def` with `await`.
"""

import asyncio
import time

import tornado.web
from tornado.log import app_log
from tornado.options import define, options, parse_command_line
from tornado.web import HTTPError

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")
define("delay", default=0.5, type=float, help="seconds a sleep takes (0 to 5)")


class SleepHandler(tornado.web.RequestHandler):
    def prepare(self):  # checks the delay before any waiting
        try:
            self.delay = float(self.get_query_argument("delay", str(options.delay)))
        except ValueError:
            raise HTTPError(400, reason="delay must be a number of seconds") from None
        if not 0 <= self.delay <= 5:  # also refuses nan and inf
            raise HTTPError(400, reason="delay must be from 0 to 5 seconds")
        app_log.info("%s starts, %g s", self.request.uri, self.delay)

    async def get(self):
        await asyncio.sleep(self.delay)
        app_log.info("%s ends", self.request.uri)
        self.write(f"Slept {self.delay:g} s with await asyncio.sleep().\n")


class BrokenSleepHandler(SleepHandler):
    async def get(self):
        time.sleep(self.delay)  # async def does not help: the whole loop sleeps
        app_log.info("%s ends", self.request.uri)
        self.write(f"Slept {self.delay:g} s with time.sleep().\n")


def make_app(**overrides):
    routes = [(r"/sleep", SleepHandler), (r"/broken/sleep", BrokenSleepHandler)]
    return tornado.web.Application(routes, **overrides)


async def main():
    parse_command_line()
    if not 0 <= options.delay <= 5:
        raise SystemExit("--delay must be from 0 to 5 seconds")
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
