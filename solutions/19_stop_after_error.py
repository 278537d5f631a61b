"""Exercise 19 - Stop after an error

Task: GET /books/<id> shows a book's title. For a missing book (GET /books/99)
it must answer 404 with the reason "No Such Book" (the status line is
"404 No Such Book") and then stop: the log shows no uncaught exception.

Run it:   make exercise-19
Check it: make check-19    (stuck? make hint-19)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")

BOOKS = {"1": "Dream of the Red Chamber", "2": "Journey to the West"}


class BookHandler(tornado.web.RequestHandler):
    def get(self, book_id):
        title = BOOKS.get(book_id)
        if title is None:
            # send_error() would return here and go on: raise stops the method
            raise tornado.web.HTTPError(404, reason="No Such Book")
        self.write(title + "\n")  # Don't change this line


def make_app(**overrides):
    return tornado.web.Application([(r"/books/([0-9]+)", BookHandler)], **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
