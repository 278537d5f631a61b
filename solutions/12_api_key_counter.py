"""Exercise 12 - An API key in prepare(), a timer in on_finish()

Task: this counter API checks its key in get() only, loses its Cache-Control
header on error pages and times nothing. Use the hooks to make it
  1. refuse every request without the right X-Api-Key header (the --api_key
     option, default "course-key") with a 401 from prepare(), so that no
     method runs: a POST /count without the key must not count;
  2. send "Cache-Control: no-store" on every answer, the 401 included;
  3. log one line per request from on_finish(), once the answer is sent:
     "timer: <status> <method> <path> <milliseconds> ms", for example
     "timer: 401 POST /count 0.42 ms".
GET /count shows the count; POST /count adds one to it.

Run it:   make exercise-12
Check it: make check-12    (stuck? make hint-12)
"""

import asyncio
import hmac
import logging

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")
define("api_key", default="course-key", help="the key clients send in the X-Api-Key header")

timer_log = logging.getLogger("timer")  # parse_command_line() sends its lines to stderr


class ApiHandler(tornado.web.RequestHandler):
    def initialize(self, counter):
        self.counter = counter

    def has_valid_key(self):
        given = self.request.headers.get("X-Api-Key", "")
        # compare_digest takes as long for a wrong first letter as for a wrong last one
        return hmac.compare_digest(given.encode(), options.api_key.encode())

    def set_default_headers(self):
        self.set_header("Cache-Control", "no-store")

    def prepare(self):
        if not self.has_valid_key():
            raise tornado.web.HTTPError(401)

    def on_finish(self):
        request = self.request
        milliseconds = 1000 * request.request_time()  # seconds since the request arrived
        timer_log.info("timer: %d %s %s %.2f ms", self.get_status(), request.method, request.path, milliseconds)


class CountHandler(ApiHandler):
    def get(self):
        self.write({"count": self.counter["count"]})

    def post(self):
        self.counter["count"] += 1
        self.write({"count": self.counter["count"]})


def make_app(**overrides):
    counter = {"count": 0}
    return tornado.web.Application([(r"/count", CountHandler, {"counter": counter})], **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
