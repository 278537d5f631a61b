"""Exercise 01 - A second page: /ping

Task: add a page. GET /ping must answer 200 with the body "pong" (exactly
those four letters, no newline), and GET / must keep its greeting.

Run it:   make exercise-01
Check it: make check-01    (stuck? make hint-01)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")


class HelloHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("Hello, world!")


class PingHandler(tornado.web.RequestHandler):
    def get(self):
        # TODO: answer with the body "pong".
        self.write("")


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/", HelloHandler),
            # TODO: route "/ping" to PingHandler, like the line above.
        ],
        **overrides,
    )


# Don't change these lines: they start the server.
async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
