"""Exercise 01 - A second page and a command-line option

Task: this server greets nobody and has only one page. Make it
  1. answer GET /ping with 200 and the body "pong";
  2. take a --name option (default "world") and greet with it:
     GET / answers "Hello, Ada!" when started with --name=Ada.

Run it:   make exercise-01
Check it: make check-01    (stuck? make hint-01)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")
# TODO: define a "name" option: a string, default "world", for the greeting.


class GreetingHandler(tornado.web.RequestHandler):
    def get(self):
        # TODO: greet options.name instead of nobody.
        self.write("Hello, nobody!")


class PingHandler(tornado.web.RequestHandler):
    def get(self):
        # TODO: answer with the body "pong".
        self.write("")


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/", GreetingHandler),
            # TODO: route "/ping" to PingHandler.
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
