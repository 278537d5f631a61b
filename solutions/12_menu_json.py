"""Exercise 12 - Answer a dict as JSON

Task: GET /menu must answer one JSON object {"dishes": [...]} that wraps the
DISHES list as it is, with Content-Type "application/json; charset=UTF-8".

Run it:   make exercise-12
Check it: make check-12    (stuck? make hint-12)
"""

import asyncio

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
        # a dict: write() encodes it and sets the JSON Content-Type itself
        self.write({"dishes": DISHES})


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
