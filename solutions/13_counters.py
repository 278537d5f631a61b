"""Exercise 13 - Counters: PUT sets, POST adds, DELETE once, Allow on 405

Task: /counters/<name> holds a whole number, but repeating a request does not
do what HTTP promises. Make
  1. PUT /counters/<name> with {"value": 5} set the counter to 5 (201 when it
     creates the counter, 200 after), so the same PUT twice still leaves 5;
  2. POST /counters/<name> add one (a new counter starts from 0) and answer
     200 with the new value, so two POSTs add two;
  3. DELETE /counters/<name> answer 204, and 404 when there is no such
     counter, as for a second DELETE of the same counter;
  4. every 405 carry an Allow header listing the methods the handler has
     (GET, PUT, POST, DELETE), as RFC 9110 requires.
GET /counters/<name> shows {"name": ..., "value": ...}; an unknown name is a 404.

Run it:   make exercise-13
Check it: make check-13    (stuck? make hint-13)
"""

import asyncio
import json

import tornado.web
from tornado.options import define, options, parse_command_line
from tornado.web import HTTPError

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class CounterHandler(tornado.web.RequestHandler):
    ALLOWED = ("GET", "PUT", "POST", "DELETE")

    def initialize(self, counters):
        self.counters = counters

    def write_error(self, status_code, **kwargs):
        if status_code == 405:
            self.set_header("Allow", ", ".join(self.ALLOWED))
        self.write({"error": self._reason})

    def read_value(self):
        if len(self.request.body) > 1024:
            raise HTTPError(413, reason="The body is over 1024 bytes")
        media_type = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            raise HTTPError(415, reason="Send Content-Type: application/json")
        try:
            data = json.loads(self.request.body.decode("utf-8"))
        except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested too deep
            raise HTTPError(400, reason="The body is not valid JSON") from None
        value = data.get("value") if isinstance(data, dict) else None
        if not isinstance(value, int) or isinstance(value, bool):  # True is an int in Python
            raise HTTPError(400, reason="Send a JSON object with a whole number value")
        return value

    def show(self, name):
        self.write({"name": name, "value": self.counters[name]})

    def get(self, name):
        if name not in self.counters:
            raise HTTPError(404, reason="No such counter")
        self.show(name)

    def put(self, name):
        value = self.read_value()
        if name not in self.counters:
            self.set_status(201)
        self.counters[name] = value
        self.show(name)

    def post(self, name):
        self.counters[name] = self.counters.get(name, 0) + 1
        self.show(name)

    def delete(self, name):
        if name not in self.counters:
            raise HTTPError(404, reason="No such counter")
        del self.counters[name]
        self.set_status(204)


def make_app(**overrides):
    counters = {}  # in memory: a restart starts from nothing
    return tornado.web.Application(
        [(r"/counters/([a-z0-9-]{1,30})", CounterHandler, {"counters": counters})],
        **overrides,
    )


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
