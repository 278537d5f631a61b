r"""Exercise 06 - Read a form field

Task: POST /sign with the form field name=Ada (urlencoded or multipart) answers
200 "Thanks, Ada!\n" as plain text. Read name from the body only: a name in the
query string does not count, and a JSON body has no form fields. Without a name
field in the body, or with an empty one, answer 400 "missing field: name\n".
Invalid UTF-8 (name=%FF) stays a 400.

Run it:   make exercise-06
Check it: make check-06    (stuck? make hint-06)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class SignHandler(tornado.web.RequestHandler):
    def post(self):
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        # TODO: read name from the form body instead of the query string.
        name = self.get_query_argument("name", "")
        if not name:  # Don't change these lines
            self.set_status(400)
            self.write("missing field: name\n")
            return
        self.write(f"Thanks, {name}!\n")


def make_app(**overrides):
    return tornado.web.Application([(r"/sign", SignHandler)], **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
