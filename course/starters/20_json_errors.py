"""Exercise 20 - JSON error answers

Task: make every error answer JSON (application/json) like {"error": {"code":
404, "message": "No Such Book"}}, with the message= that send_error() got, else
the reason phrase. GET /books/99 is 404 "No Such Book", GET /books/abc is 400
"the id must be a number", the bug on GET /broken/crash is 500 "Internal Server
Error", and no answer holds a traceback.

Run it:   make exercise-20
Check it: make check-20    (stuck? make hint-20)
"""

import asyncio
import re

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class ApiHandler(tornado.web.RequestHandler):
    def write_error(self, status_code, **kwargs):
        # TODO: finish {"error": {"code": ..., "message": ...}} instead of this page.
        super().write_error(status_code, **kwargs)


class BookHandler(ApiHandler):
    def get(self, book_id):  # Don't change this method
        if not re.fullmatch(r"[0-9]{1,9}", book_id):
            self.send_error(400, message="the id must be a number")
            return
        if int(book_id) != 1:
            raise tornado.web.HTTPError(404, reason="No Such Book")
        self.write({"id": 1, "title": "Dream of the Red Chamber"})


class BrokenCrashHandler(ApiHandler):
    def get(self):
        self.write({"average": sum([]) / len([])})  # a bug: ZeroDivisionError


def make_app(**overrides):
    return tornado.web.Application(
        [(r"/books/([^/]+)", BookHandler), (r"/broken/crash", BrokenCrashHandler)],
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
