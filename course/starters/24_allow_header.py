"""Exercise 24 - Allow on every 405

Task: /counters/<name> has only get() and post(), so Tornado answers any other
method (PUT, DELETE, HEAD, OPTIONS, BREW ...) with a 405. RFC 9110 says a 405
must carry an Allow header: make every 405 send "Allow: GET, POST" and keep its
JSON body {"error": "Method Not Allowed"}.
GET shows {"name": ..., "value": ...}; POST adds one and shows the new value.

Run it:   make exercise-24
Check it: make check-24    (stuck? make hint-24)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class CounterHandler(tornado.web.RequestHandler):
    ALLOW = "GET, POST"  # the methods this handler writes

    def initialize(self, counters):
        self.counters = counters

    def get(self, name):
        self.write({"name": name, "value": self.counters.get(name, 0)})

    def post(self, name):
        self.counters[name] = self.counters.get(name, 0) + 1
        self.write({"name": name, "value": self.counters[name]})

    def write_error(self, status_code, **kwargs):
        # TODO: on a 405, set the Allow header to self.ALLOW
        self.write({"error": self._reason})


def make_app(**overrides):
    routes = [(r"/counters/([a-z0-9-]{1,30})", CounterHandler, {"counters": {}})]
    return tornado.web.Application(routes, **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
