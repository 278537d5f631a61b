"""Exercise 25 - Wait without blocking the server

Task: GET /air?city=<name> waits with time.sleep(): the whole server waits.
Wait with `await asyncio.sleep()`, so GET /health answers while lookups wait and
its "lookups_running" counts two or more at once. Keep /air's answers as they are.

Run it:   make exercise-25
Check it: make check-25    (stuck? make hint-25)
"""

import asyncio
import time

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")
define("delay", default=0.5, type=float, help="seconds the air service takes")

AIR = {"paris": "good", "oslo": "very good", "lima": "moderate"}
RUNNING = set()  # the lookups under way, for /health


class AirHandler(tornado.web.RequestHandler):
    def prepare(self):  # Don't change prepare() and on_finish(): they count lookups
        self.city = self.get_query_argument("city").strip().lower()  # missing: 400
        if self.city not in AIR:
            raise tornado.web.HTTPError(404, reason="No such city")
        RUNNING.add(self)

    def on_finish(self):
        RUNNING.discard(self)

    async def get(self):
        # TODO: wait without blocking the event loop
        time.sleep(options.delay)
        self.write({"city": self.city, "air": AIR[self.city]})


class HealthHandler(tornado.web.RequestHandler):
    def get(self):
        self.write({"status": "ok", "lookups_running": len(RUNNING), "at": time.time()})


def make_app(**overrides):
    routes = [(r"/air", AirHandler), (r"/health", HealthHandler)]
    return tornado.web.Application(routes, **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
