r"""Lesson 04 - Query and body arguments (获取请求参数)

Six getters read arguments, always as str: get_query_argument(s) from the
query string, get_body_argument(s) from a form body (urlencoded or multipart),
get_argument(s) from both, query values first. For a repeated name the
singular getters return the last value, the plural ones a list ([] if absent).
Without a default, a missing argument raises MissingArgumentError: a 400 whose
page does not name it, so catch it and say so. strip=True (the default) trims
Unicode whitespace too. JSON bodies are yours to parse: json.loads(request.body).

Run:
    make lesson-04
    python lessons/04_query_and_body_arguments.py --port=8000

Try it:
    # a=1&a=2 in the query, a=3&a=4 in a form body: what each getter returns
    curl -i "http://127.0.0.1:8000/args?a=1&a=2" -d "a=3&a=4"                # -> 200
    # a multipart form is a body too; a JSON body is not: the body getters see nothing
    curl -i "http://127.0.0.1:8000/args?a=1" -F "a=小明"                     # -> 200
    curl -i "http://127.0.0.1:8000/args?a=1" --json '{"a": "3"}'             # -> 200
    # strip: space, U+3000, NBSP and tab go; the zero-width space U+200B stays
    curl -i "http://127.0.0.1:8000/strip?a=%20%E3%80%80hi%C2%A0%09"          # -> 200
    curl -i "http://127.0.0.1:8000/strip?a=%E2%80%8Bhi"                      # -> 200
    # no a at all: Tornado's own 400 page does not name the argument
    curl -i http://127.0.0.1:8000/strip                                      # -> 400
    # Chinese arrives as percent-encoded UTF-8 and comes out as str
    curl -i "http://127.0.0.1:8000/greet?name=%E5%B0%8F%E6%98%8E"            # -> 200
    curl -i http://127.0.0.1:8000/greet --data-urlencode "name=小明" -d greeting=Hi   # -> 200
    # MissingArgumentError caught: a 400 that says what is wrong
    curl -i http://127.0.0.1:8000/greet                                      # -> 400
    # invalid UTF-8 (%FF is no character): Tornado answers 400, not 500
    curl -i "http://127.0.0.1:8000/greet?name=%FF"                           # -> 400
    # write(dict): \uXXXX escapes and "<\/"; ensure_ascii=False: readable
    curl -i -G http://127.0.0.1:8000/json/escaped --data-urlencode "name=小明</b>"   # -> 200
    curl -i -G http://127.0.0.1:8000/json/readable --data-urlencode "name=小明"      # -> 200
    # the old advice as written: JSON sent as text/html, so a browser runs the script
    curl -i -G http://127.0.0.1:8000/broken/json --data-urlencode "name=<script>alert(1)</script>"   # -> 200
    # a JSON API: parse the body yourself, and answer 400/415 on what you cannot use
    curl -i http://127.0.0.1:8000/api/greet --json '{"name": "小明"}'        # -> 200
    curl -i http://127.0.0.1:8000/api/greet --json '{"name": 小明}'          # -> 400
    curl -i http://127.0.0.1:8000/api/greet --json '["小明"]'                # -> 400
    curl -i http://127.0.0.1:8000/api/greet -d "name=小明"                   # -> 415

Older tutorials say the getters return unicode that shows as ASCII escapes,
and to fix it with json.dumps(..., ensure_ascii=False). In Python 3 they return
str, and even repr() shows 小明 as is (/args). \uXXXX escapes appear only in
JSON encoded with ensure_ascii=True: json.dumps's default, and what write(dict)
does (it also writes "</" as "<\/" so the JSON can sit in a <script>). Both
forms decode to the same text. To send readable JSON, dump with
ensure_ascii=False AND set Content-Type: application/json; a str given to
write() goes out as text/html, and a browser runs any <script> in a value.

Older tutorials' example of the six getters does not run: it is Python 2
(`print e`), and its string literals break across lines (a SyntaxError). /args
is that example in Python 3: one line per getter, in plain text, so no value is
ever read as HTML. Today you write `except MissingArgumentError as error:`;
error.arg_name is the missing name (/greet), and for the errors you do not
catch Tornado logs the reason, e.g. "Missing argument a".
"""

import asyncio
import json

import tornado.web
from tornado.options import define, options, parse_command_line
from tornado.web import MissingArgumentError

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: every network)")

TEXT = "text/plain; charset=UTF-8"  # plain text: a browser shows a value, never runs it


class ArgumentsHandler(tornado.web.RequestHandler):
    def post(self):
        self.set_header("Content-Type", TEXT)
        # default=None: an absent name gives None here instead of a 400
        self.write(f"get_query_argument:  {self.get_query_argument('a', None)!r}\n")
        self.write(f"get_query_arguments: {self.get_query_arguments('a')!r}\n")
        self.write(f"get_body_argument:   {self.get_body_argument('a', None)!r}\n")
        self.write(f"get_body_arguments:  {self.get_body_arguments('a')!r}\n")
        self.write(f"get_argument:        {self.get_argument('a', None)!r}\n")
        self.write(f"get_arguments:       {self.get_arguments('a')!r}\n")

    get = post


class StripHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", TEXT)
        stripped = self.get_argument("a")  # no default: a missing a is a 400
        raw = self.get_argument("a", strip=False)
        self.write(f"strip=True:  {stripped!r}\nstrip=False: {raw!r}\n")


class GreetHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", TEXT)
        greeting = self.get_argument("greeting", "你好")
        try:
            name = self.get_argument("name")
        except MissingArgumentError as error:
            self.set_status(400)
            self.write(f"missing argument: {error.arg_name} (try /greet?name=小明)\n")
            return
        if not name:  # ?name= is present but empty: no MissingArgumentError
            self.set_status(400)
            self.write("name must not be empty\n")
            return
        self.write(f"{greeting}, {name}!\n")

    post = get


class EscapedJsonHandler(tornado.web.RequestHandler):
    def get(self):
        self.write({"name": self.get_argument("name")})


class JsonHandler(tornado.web.RequestHandler):
    def write_json(self, data, status=200):
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.write(json.dumps(data, ensure_ascii=False))


class ReadableJsonHandler(JsonHandler):
    def get(self):
        self.write_json({"name": self.get_argument("name")})


class BrokenJsonHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(json.dumps({"name": self.get_argument("name")}, ensure_ascii=False))


class ApiGreetHandler(JsonHandler):
    def post(self):
        media_type = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media_type != "application/json":  # 415: the body's format, not its content, is wrong
            self.write_json({"error": "send JSON with Content-Type: application/json"}, status=415)
            return
        try:
            data = json.loads(self.request.body)
        except (ValueError, RecursionError):  # bad JSON or UTF-8; [[[[... nested too deep
            self.write_json({"error": "the body is not valid JSON"}, status=400)
            return
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            self.write_json({"error": "the body must be a JSON object with a string name"}, status=400)
            return
        if not data["name"].isprintable():  # also "\ud800": JSON allows it, UTF-8 cannot carry it
            self.write_json({"error": "the name must be printable text"}, status=400)
            return
        self.write_json({"greeting": f"你好, {data['name']}!"})


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/args", ArgumentsHandler),
            (r"/strip", StripHandler),
            (r"/greet", GreetHandler),
            (r"/json/escaped", EscapedJsonHandler),
            (r"/json/readable", ReadableJsonHandler),
            (r"/broken/json", BrokenJsonHandler),
            (r"/api/greet", ApiGreetHandler),
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
