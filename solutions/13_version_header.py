"""Exercise 13 - A header on every answer

Task: every answer must carry the header "X-Api-Version: 1": GET /items/1 (200),
an unknown id such as GET /items/9 (404), and a method it does not allow (405).

Run it:   make exercise-13
Check it: make check-13    (stuck? make hint-13)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")

ITEMS = {"1": "pen", "2": "ink"}


class ItemHandler(tornado.web.RequestHandler):
    # error pages start from clear(), which calls set_default_headers() again
    def set_default_headers(self):
        self.set_header("X-Api-Version", "1")

    # Don't change these lines
    def get(self, item_id):
        if item_id not in ITEMS:
            raise tornado.web.HTTPError(404, reason="No such item")
        self.write({"id": item_id, "name": ITEMS[item_id]})


def make_app(**overrides):
    return tornado.web.Application([(r"/items/([0-9]+)", ItemHandler)], **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
