"""Lesson 22 - prepare() for shared checks (prepare 预处理)

Tornado calls prepare() before the method. Checks that every method shares go
there. Here prepare() reads the JSON body once, for post() and for put(). A
wrong or missing Content-Type is a 415. A body that is not a JSON object is a
400. prepare() runs for a GET too, so it returns early: the GET gets its 405.
If prepare() raises HTTPError or calls finish(), the method never runs, but
on_finish() still does. /v1/json, an old address, answers 410 from prepare().

Run:
    make lesson-22
    python lessons/22_prepare.py --port=8000

Try it:
    curl -i http://127.0.0.1:8000/json --json '{"name": "<b>小明</b>"}'     # -> 200
    curl -i -X PUT http://127.0.0.1:8000/json --json '{"a": 1}'             # -> 200
    curl -i http://127.0.0.1:8000/json --json '["小明"]'                    # -> 400
    curl -i -X POST http://127.0.0.1:8000/json                              # -> 415
    curl -i http://127.0.0.1:8000/json                                      # -> 405
    # prepare() runs for PUT, a method MovedHandler lacks; not for PROPFIND
    curl -i -X PUT http://127.0.0.1:8000/v1/json                            # -> 410
    curl -i -X PROPFIND http://127.0.0.1:8000/v1/json                       # -> 405
    # the old prepare(): no Content-Type (even on a GET) or an array is a 500
    curl -i http://127.0.0.1:8000/broken/json                               # -> 500
    curl -i http://127.0.0.1:8000/broken/json --json '["小明"]'             # -> 500
    # ... and a <script> key comes back as live HTML
    curl -i http://127.0.0.1:8000/broken/json --json '{"<script>": 1}'      # -> 200

Older tutorials say prepare() runs whatever the HTTP method. That holds for the
seven SUPPORTED_METHODS, also for those the handler lacks: PUT /v1/json gets
prepare()'s 410, not a 405. Any other method (PROPFIND) gets its 405 before
prepare(). So a prepare() that fails on a GET turns its 405 into a 500
(/broken/json).

Older tutorials' JSON prepare() (/broken/json) calls .startswith() on a missing
Content-Type (None: a 500). It crashes on invalid JSON and on an array, ignores
"Application/JSON" and writes keys and values into HTML unescaped. /json
answers 415, 400 and 400, accepts "Application/JSON", and escapes.
"""

import asyncio
import json

import tornado.web
from tornado.escape import xhtml_escape
from tornado.log import app_log
from tornado.options import define, options, parse_command_line
from tornado.web import HTTPError

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")


class JsonBodyHandler(tornado.web.RequestHandler):
    def prepare(self):
        if self.request.method not in ("POST", "PUT"):
            return  # let a GET reach its 405
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.split(";")[0].strip().lower() != "application/json":
            raise HTTPError(415, reason="Send Content-Type: application/json")
        try:
            self.json_body = json.loads(self.request.body)
            # "\ud800" is valid JSON, but UTF-8 cannot carry it: refuse it here
            json.dumps(self.json_body, ensure_ascii=False).encode("utf-8")
        except (ValueError, RecursionError):
            raise HTTPError(400, reason="The body is not valid JSON") from None
        if not isinstance(self.json_body, dict):
            raise HTTPError(400, reason="The body must be a JSON object")

    def post(self):
        for key, value in self.json_body.items():
            self.write(f"<p>{xhtml_escape(key)}</p><p>{xhtml_escape(str(value))}</p>\n")

    put = post


class MovedHandler(tornado.web.RequestHandler):
    def prepare(self):
        self.set_status(410)
        self.finish("Gone: send your JSON to /json.\n")

    def post(self):
        self.write("Never sent.\n")

    def on_finish(self):
        app_log.info("on_finish() ran for %s /v1/json", self.request.method)


class BrokenJsonBodyHandler(tornado.web.RequestHandler):
    def prepare(self):
        if self.request.headers.get("Content-Type").startswith("application/json"):
            self.json_dict = json.loads(self.request.body)
        else:
            self.json_dict = None

    def post(self):
        if self.json_dict:
            for key, value in self.json_dict.items():
                self.write("<p>%s</p><p>%s</p>\n" % (key, value))  # noqa: UP031


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/json", JsonBodyHandler),
            (r"/v1/json", MovedHandler),
            (r"/broken/json", BrokenJsonBodyHandler),
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
