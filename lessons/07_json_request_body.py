r"""Lesson 07 - JSON request bodies (JSON 请求体)

Tornado does not parse a JSON body. self.request.body holds its bytes, and
json.loads() turns them into Python values. Check the Content-Type first: a body
that is not application/json gets 415. Then answer 400 to what you cannot use:
invalid JSON or UTF-8, an empty body, nesting too deep (json.loads raises
RecursionError, which is not a ValueError), a value that is not an object, a
field of the wrong type, or a name that is not printable text. JSON can spell a
lone surrogate ("\ud800"), which is no character. self.write(dict) answers
JSON. It writes 小明 as \u5c0f\u660e, and JSON parsers read that back as 小明.

Run:
    make lesson-07
    python lessons/07_json_request_body.py --port=8000

Try it:
    curl -i http://127.0.0.1:8000/api/greet --json '{"name": "小明"}'        # -> 200
    # not JSON, not an object, a name that is no string or no text: 400
    curl -i http://127.0.0.1:8000/api/greet --json '{"name": 小明}'          # -> 400
    curl -i http://127.0.0.1:8000/api/greet --json ''                        # -> 400
    curl -i http://127.0.0.1:8000/api/greet --json '["小明"]'                # -> 400
    curl -i http://127.0.0.1:8000/api/greet --json '{"name": 42}'            # -> 400
    curl -i http://127.0.0.1:8000/api/greet --json '{"name": "\ud800"}'      # -> 400
    # a form body is the wrong format: 415
    curl -i http://127.0.0.1:8000/api/greet -d "name=小明"                   # -> 415
"""

import asyncio
import json

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")


class GreetingHandler(tornado.web.RequestHandler):
    def refuse(self, status, message):
        self.set_status(status)
        self.write({"error": message})

    def post(self):
        content_type = self.request.headers.get("Content-Type", "")
        # media types ignore case, and "; charset=utf-8" may follow
        if content_type.split(";")[0].strip().lower() != "application/json":
            self.refuse(415, "send JSON with Content-Type: application/json")
            return
        try:
            data = json.loads(self.request.body)
        except (ValueError, RecursionError):  # bad JSON or UTF-8; [[[[... too deep
            self.refuse(400, "the body is not valid JSON")
            return
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            self.refuse(400, "the body must be a JSON object with a string name")
            return
        if not data["name"].isprintable():
            self.refuse(400, "the name must be printable text")
            return
        self.write({"greeting": f"你好, {data['name']}!"})


def make_app(**overrides):
    return tornado.web.Application([(r"/api/greet", GreetingHandler)], **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
