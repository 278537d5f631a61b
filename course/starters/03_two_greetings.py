"""Exercise 03 - One handler, two greetings

Task: GreetingHandler greets in the language its route's dict gives to
initialize(). GET /en answers "Hello, world!" (that route works already), and
GET /zh must answer "你好, world!" from the same GreetingHandler class.

Run it:   make exercise-03
Check it: make check-03    (stuck? make hint-03)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")


class GreetingHandler(tornado.web.RequestHandler):
    def initialize(self, greeting):
        self.greeting = greeting

    def get(self):
        self.write(f"{self.greeting}, world!")


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/en", GreetingHandler, {"greeting": "Hello"}),
            # TODO: give this route its own dict, with the greeting "你好".
            (r"/zh", GreetingHandler),
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
