"""Lesson 06 - Form and multipart body arguments (请求体参数)

A form sends its fields in the request body: urlencoded (curl -d) or multipart
(curl -F). get_body_argument(name) and get_body_arguments(name) read them, just
as the query getters read the query string. get_argument(s) read both places.
get_arguments lists the query values first, so get_argument (the last value)
prefers the body. A JSON body is not a form: the body getters find nothing in
it (lesson 07 parses it). Invalid UTF-8 in a form field is a 400, as in a query.

Run:
    make lesson-06
    python lessons/06_body_arguments.py --port=8000

Try it:
    # a=1&a=2 in the query, a=3&a=4 in the body: what each getter returns
    curl -i "http://127.0.0.1:8000/args?a=1&a=2" -d "a=3&a=4"            # -> 200
    # a multipart form is a body too; a JSON body is not a form
    curl -i "http://127.0.0.1:8000/args?a=1" -F "a=小明"                 # -> 200
    curl -i "http://127.0.0.1:8000/args?a=1" --json '{"a": "3"}'         # -> 200
    curl -i http://127.0.0.1:8000/greet --data-urlencode "name=小明"     # -> 200
    curl -i http://127.0.0.1:8000/greet -F "name=小明" -F "greeting=Hi"  # -> 200
    curl -i http://127.0.0.1:8000/greet --json '{"name": "小明"}'        # -> 400
    curl -i "http://127.0.0.1:8000/greet?name=Ada" -d "greeting=Hi"      # -> 400
    curl -i http://127.0.0.1:8000/greet -d "name=%FF"                    # -> 400
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")

TEXT = "text/plain; charset=UTF-8"  # plain text: a browser shows a value, never runs it


class ArgumentsHandler(tornado.web.RequestHandler):
    def post(self):
        self.set_header("Content-Type", TEXT)
        # default=None: an absent name gives None instead of a 400
        self.write(f"get_query_argument:  {self.get_query_argument('a', None)!r}\n")
        self.write(f"get_query_arguments: {self.get_query_arguments('a')!r}\n")
        self.write(f"get_body_argument:   {self.get_body_argument('a', None)!r}\n")
        self.write(f"get_body_arguments:  {self.get_body_arguments('a')!r}\n")
        self.write(f"get_argument:        {self.get_argument('a', None)!r}\n")
        self.write(f"get_arguments:       {self.get_arguments('a')!r}\n")

    get = post


class GreetHandler(tornado.web.RequestHandler):
    def post(self):
        self.set_header("Content-Type", TEXT)
        greeting = self.get_body_argument("greeting", "你好")
        name = self.get_body_argument("name", "")  # the body only: ?name= is ignored
        if not name:
            self.set_status(400)
            self.write("send a name field in a form body (-d name=小明)\n")
            return
        self.write(f"{greeting}, {name}!\n")


def make_app(**overrides):
    return tornado.web.Application(
        [(r"/args", ArgumentsHandler), (r"/greet", GreetHandler)], **overrides
    )


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
