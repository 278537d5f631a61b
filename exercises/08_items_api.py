"""Exercise 08 - 201 Created, 204 No Content and a header on every answer

Task: this little item store answers 200 to everything and forgets its
version header on errors. Make it
  1. answer POST /items (form field "name") with 201 Created and a Location
     header that points to the new item, e.g. "Location: /items/1";
  2. answer DELETE /items/<id> with an empty 204 No Content;
  3. send "X-Api-Version: 1" on every answer, errors (400, 404) included.
GET /items/<id> shows an item; an unknown id is a 404.

Run it:   make exercise-08
Check it: make check-08    (stuck? make hint-08)
"""

import asyncio
import itertools

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class ApiHandler(tornado.web.RequestHandler):
    def initialize(self, items, ids):
        self.items = items
        self.ids = ids

    # TODO: set this header in set_default_headers() instead, so error pages keep it.
    def prepare(self):
        self.set_header("X-Api-Version", "1")

    def find(self, item_id):
        if int(item_id) not in self.items:
            raise tornado.web.HTTPError(404, reason="No such item")
        return int(item_id)


class ItemsHandler(ApiHandler):
    def post(self):
        name = self.get_body_argument("name")
        item_id = next(self.ids)
        self.items[item_id] = name
        # TODO: answer 201 Created.
        # TODO: set the Location header to the new item's path, /items/<id>.
        self.write({"id": item_id, "name": name})


class ItemHandler(ApiHandler):
    def get(self, item_id):
        item_id = self.find(item_id)
        self.write({"id": item_id, "name": self.items[item_id]})

    def delete(self, item_id):
        del self.items[self.find(item_id)]
        # TODO: answer an empty 204 No Content instead of a body.
        self.write("deleted")


def make_app(**overrides):
    items, ids = {}, itertools.count(1)
    return tornado.web.Application(
        [
            (r"/items", ItemsHandler, {"items": items, "ids": ids}),
            (r"/items/([0-9]+)", ItemHandler, {"items": items, "ids": ids}),
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
