r"""Exercise 05 - Two query arguments with defaults

Task: GET /hello answers "Hello, world!\n" as plain text. Read name and greeting
from the query string, with the defaults "world" and "Hello": ?name=Ada gives
"Hello, Ada!\n", ?greeting=Hi&name=Ada gives "Hi, Ada!\n", and percent-encoded
Chinese comes out as text. A repeated name counts its last value, and invalid
UTF-8 (?name=%FF) stays a 400.

Run it:   make exercise-05
Check it: make check-05    (stuck? make hint-05)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class HelloHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        # TODO: give name the default "world", so that /hello alone is no 400.
        name = self.get_query_argument("name")
        # TODO: read greeting from the query string too, with the default "Hello".
        greeting = "Hello"
        self.write(f"{greeting}, {name}!\n")  # Don't change this line


def make_app(**overrides):
    return tornado.web.Application([(r"/hello", HelloHandler)], **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
