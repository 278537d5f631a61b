"""Exercise 04 - Add up repeated query arguments

Task: GET /sum?n=1&n=2&n=39 should answer the sum of every n as plain text
("42"). This starter adds up only the last n, and crashes on bad input. Make it
  1. add up every n in the query string (n may repeat; spaces around a number
     are fine: " 7 " counts as 7, and so does -3);
  2. answer 400 with a message that says n is missing when there is no n;
  3. answer 400 with a message that says which value is not an integer
     (for ?n=1&n=abc the message names 'abc'), never a 500.

Run it:   make exercise-04
Check it: make check-04    (stuck? make hint-04)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class SumHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        # TODO: read every n with get_arguments (get_argument keeps only the last one).
        values = [self.get_argument("n")]
        # TODO: when there is no n at all, answer 400 "missing argument: n" and return.
        # TODO: turn each value into an int; on ValueError answer 400 naming the value and return.
        total = sum(int(value) for value in values)
        self.write(f"{total}\n")


def make_app(**overrides):
    return tornado.web.Application([(r"/sum", SumHandler)], **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
