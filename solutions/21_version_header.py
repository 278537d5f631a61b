"""Exercise 21 - A header from the route's arguments

Task: GET /v1/hello and GET /v2/hello must answer 200 with the header
X-Api-Version: 1 and X-Api-Version: 2, the `version` each route gives to
initialize(). Today both get no answer at all, because set_default_headers()
runs before initialize().

Run it:   make exercise-21
Check it: make check-21    (stuck? make hint-21)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class HelloHandler(tornado.web.RequestHandler):
    def initialize(self, version):
        self.version = version

    # prepare() runs after initialize(), so self.version is there
    def prepare(self):
        self.set_header("X-Api-Version", self.version)

    def get(self):
        self.write(f"Hello from version {self.version}.\n")


def make_app(**overrides):
    # Don't change these lines: each route gives its own version
    return tornado.web.Application(
        [
            (r"/v1/hello", HelloHandler, {"version": "1"}),
            (r"/v2/hello", HelloHandler, {"version": "2"}),
        ],
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
