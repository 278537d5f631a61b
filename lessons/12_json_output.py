r"""Lesson 12 - JSON output (JSON 输出)

write(dict) sends JSON and sets Content-Type: application/json. It encodes with
tornado.escape.json_encode: Chinese becomes \uXXXX, and "</" becomes "<\/".
A JSON str you made yourself goes out as text/html, unless you set the header.
With ensure_ascii=False and your own Content-Type, the JSON stays readable
UTF-8. Both forms decode to the same text. write(list) raises TypeError: wrap
the list in a dict. One answer holds one JSON document, so write one dict.

Run:
    make lesson-12
    python lessons/12_json_output.py --port=8000

Try it:
    curl -i http://127.0.0.1:8000/student                           # -> 200
    curl -i http://127.0.0.1:8000/student/readable                  # -> 200
    # "</" goes out as "<\/"; a missing text is a 400
    curl -i -G http://127.0.0.1:8000/echo --data-urlencode "text=你好</b>"    # -> 200
    curl -i http://127.0.0.1:8000/echo                              # -> 400
    # write(list) raises TypeError: a 500 on purpose; the fix wraps the list
    curl -i http://127.0.0.1:8000/broken/scores                     # -> 500
    curl -i http://127.0.0.1:8000/scores                            # -> 200
    curl -i http://127.0.0.1:8000/broken/two-objects                # -> 200
    # readable JSON as a str: text/html, so a browser renders the markup
    curl -i -G http://127.0.0.1:8000/broken/json --data-urlencode "text=<h1>hi" # -> 200

Older tutorials say write(dict) turns the dict into a JSON string and sets
application/json. That is right, and Tornado 4 did the same. They leave out that
it uses json_encode: every non-ASCII character becomes \uXXXX, and "</" becomes
"<\/", so the JSON cannot close a <script> block it is put in.

Older tutorials fix the escapes with self.write(json.dumps(data,
ensure_ascii=False)). That str goes out as text/html, and a browser runs a
<script> in a value (/broken/json). Set Content-Type: application/json yourself.
"""

import asyncio
import json

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")

STUDENT = {"name": "张三", "age": 24}
SCORES = [90, 85, 77]
JSON_UTF8 = "application/json; charset=UTF-8"


class StudentHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(STUDENT)


class ReadableStudentHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(json.dumps(STUDENT, ensure_ascii=False))
        self.set_header("Content-Type", JSON_UTF8)  # after write(): nothing is sent yet


class EchoHandler(tornado.web.RequestHandler):
    def get(self):
        self.write({"text": self.get_argument("text")})


class ScoresHandler(tornado.web.RequestHandler):
    def get(self):
        self.write({"scores": SCORES})


class BrokenScoresHandler(tornado.web.RequestHandler):
    def get(self):
        # TypeError: old browsers let another site read a top-level JSON array
        # through <script src=...> with your cookies (JSON hijacking).
        self.write(SCORES)


class BrokenTwoObjectsHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(STUDENT)
        self.write({"scores": SCORES})  # one answer holds one document: use one dict


class BrokenJsonHandler(tornado.web.RequestHandler):
    def get(self):
        text = self.get_argument("text")
        self.write(json.dumps({"text": text}, ensure_ascii=False))  # a str: text/html


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/student", StudentHandler),
            (r"/student/readable", ReadableStudentHandler),
            (r"/echo", EchoHandler),
            (r"/scores", ScoresHandler),
            (r"/broken/scores", BrokenScoresHandler),
            (r"/broken/two-objects", BrokenTwoObjectsHandler),
            (r"/broken/json", BrokenJsonHandler),
        ],
        **overrides,
    )


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
