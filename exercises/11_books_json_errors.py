"""Exercise 11 - JSON errors for a books API

Task: GET /books/<id> answers a book as JSON, but its errors are HTML pages,
and after an error the method runs on and fails in the log. Make every error
an answer of Content-Type application/json shaped like
{"error": {"code": 404, "message": "No Such Book"}}:
  1. a missing book (GET /books/99): 404, message "No Such Book";
  2. a malformed id (GET /books/abc): 400, message
     "the id must be a number of 1 to 9 digits";
  3. a bug (GET /broken/books/2/rating: no ratings yet, so it divides by zero):
     500, message "Internal Server Error", and no traceback in the answer.
After an error the method must stop: the log shows no uncaught exception for
/books/99 or /books/abc.

Run it:   make exercise-11
Check it: make check-11    (stuck? make hint-11)
"""

import asyncio
import re

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")

BOOKS = {
    1: {"id": 1, "title": "Dream of the Red Chamber", "ratings": [5, 4, 5]},
    2: {"id": 2, "title": "Journey to the West", "ratings": []},
}
BOOK_ID = re.compile(r"[0-9]{1,9}")


class BookApiHandler(tornado.web.RequestHandler):
    def write_error(self, status_code, **kwargs):
        # TODO: answer {"error": {"code": ..., "message": ...}}: message= if given, else the reason.
        super().write_error(status_code, **kwargs)


class BookHandler(BookApiHandler):
    def get(self, book_id):
        if not BOOK_ID.fullmatch(book_id):
            self.send_error(400, message="the id must be a number of 1 to 9 digits")  # TODO: stop the method here.
        book = BOOKS.get(int(book_id))
        if book is None:
            self.send_error(404)  # TODO: stop here with a 404 whose reason is "No Such Book".
        self.write(book)


class BrokenRatingHandler(BookApiHandler):
    def get(self, book_id):
        ratings = BOOKS[int(book_id)]["ratings"]
        self.write({"rating": sum(ratings) / len(ratings)})  # no ratings yet: ZeroDivisionError


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/books/([^/]+)", BookHandler),
            (r"/broken/books/([12])/rating", BrokenRatingHandler),
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
