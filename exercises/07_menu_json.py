"""Exercise 07 - A menu in readable JSON

Task: GET /menu should answer one JSON object that wraps the list of dishes,
with a count, and keeps the Chinese names readable:

    {"count": 3, "dishes": [{"name": "宫保鸡丁", "price": 38}, ...]}

  1. the body is one JSON object {"count": ..., "dishes": [...]}, not a bare list;
  2. the names are UTF-8 text (宫保鸡丁), not \\u escapes;
  3. the Content-Type is application/json; charset=UTF-8.

Run it:   make exercise-07
Check it: make check-07    (stuck? make hint-07)
"""

import asyncio
import json

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")

DISHES = [
    {"name": "宫保鸡丁", "price": 38},
    {"name": "麻婆豆腐", "price": 26},
    {"name": "西红柿炒鸡蛋", "price": 22},
]


class MenuHandler(tornado.web.RequestHandler):
    def get(self):
        # TODO: wrap the list in one object with a "count" and the "dishes".
        menu = DISHES
        # TODO: keep the Chinese readable: pass ensure_ascii=False to json.dumps().
        self.write(json.dumps(menu))
        # TODO: say it is JSON: set Content-Type to application/json; charset=UTF-8.


def make_app(**overrides):
    return tornado.web.Application([(r"/menu", MenuHandler)], **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
