"""Exercise 07 - Parse a JSON object

Task: POST /keys with a JSON object body answers 200 with its keys, sorted, as
JSON: {"b": 1, "a": 2} gives {"keys": ["a", "b"]}. A body that is not JSON
answers 400 {"error": "the body is not valid JSON"}. JSON that is not an object
(a list, a string, a number, true or null) answers 400 {"error": "send a JSON
object"}. Both 400 answers are JSON too.

Run it:   make exercise-07
Check it: make check-07    (stuck? make hint-07)
"""

import asyncio
import json

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class KeysHandler(tornado.web.RequestHandler):
    def post(self):
        try:
            # Tornado leaves a JSON body as bytes: parsing it is our job
            data = json.loads(self.request.body)
        except (ValueError, RecursionError):  # Don't change these lines
            self.set_status(400)
            self.write({"error": "the body is not valid JSON"})
            return
        # valid JSON may still be a list, a string or null: only a dict has keys
        if not isinstance(data, dict):
            self.set_status(400)
            self.write({"error": "send a JSON object"})
            return
        self.write({"keys": sorted(data)})


def make_app(**overrides):
    return tornado.web.Application([(r"/keys", KeysHandler)], **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
