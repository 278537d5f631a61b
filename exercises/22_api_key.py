"""Exercise 22 - An API key check in prepare()

Task: every request to /count without the right X-Api-Key header (the
--api_key option, default "course-key") must get a 401 from prepare(), so no
method runs: a POST without the key must not count, and a PUT is a 401 too.
GET /count shows {"count": N}; POST /count adds one and shows the new count.

Run it:   make exercise-22
Check it: make check-22    (stuck? make hint-22)
"""

import asyncio
import hmac

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")
define("api_key", default="course-key", help="the key clients send in X-Api-Key")


class CountHandler(tornado.web.RequestHandler):
    def initialize(self, counter):
        self.counter = counter

    def has_valid_key(self):
        given = self.request.headers.get("X-Api-Key", "").encode()
        return hmac.compare_digest(given, options.api_key.encode())  # constant time

    def prepare(self):
        # TODO: raise tornado.web.HTTPError(401) when has_valid_key() is false
        pass

    def get(self):
        # TODO: delete this check once prepare() guards every method
        if not self.has_valid_key():
            raise tornado.web.HTTPError(401)
        self.write({"count": self.counter["count"]})

    def post(self):
        self.counter["count"] += 1
        self.write({"count": self.counter["count"]})


def make_app(**overrides):
    routes = [(r"/count", CountHandler, {"counter": {"count": 0}})]
    return tornado.web.Application(routes, **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
