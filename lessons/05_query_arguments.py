"""Lesson 05 - Query arguments (查询字符串参数)

get_query_argument(name) reads one value of the query string (?name=value) as str.
For a repeated name it gives the last value. get_query_arguments(name) gives all.
A default is used only when the name is absent, so ?a= gives "". strip=True (the
default) trims whitespace at both ends. Without a default, a missing name is a 400,
but Tornado's page does not name it. Catch MissingArgumentError and name it yourself.

Run:
    make lesson-05
    python lessons/05_query_arguments.py --port=8000

Try it:
    curl -i "http://127.0.0.1:8000/args?a=1&a=2"                         # -> 200
    curl -i "http://127.0.0.1:8000/args?a=%20%E3%80%80hi%E2%80%8B%09"    # -> 200
    curl -i http://127.0.0.1:8000/args                                   # -> 400
    curl -i "http://127.0.0.1:8000/greet?name=%E5%B0%8F%E6%98%8E"        # -> 200
    curl -i "http://127.0.0.1:8000/greet?name=Ada&greeting=Hi"           # -> 200
    curl -i http://127.0.0.1:8000/greet                                  # -> 400

Older tutorials say the getters return unicode that shows as escapes. Today they
return str: repr() shows 小明 as is and escapes invisible characters like U+200B.
Their example of the six getters is Python 2 (`print e`), and its strings break
across lines: each <br> became a line break when the web page lost its HTML.
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")

TEXT = "text/plain; charset=UTF-8"  # plain text: a browser shows a value, never runs it


class ArgumentsHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", TEXT)
        raw = self.get_query_argument("a", strip=False)  # no default: no a is a 400
        self.write(f"get_query_argument:  {self.get_query_argument('a')!r}\n")
        self.write(f"get_query_arguments: {self.get_query_arguments('a')!r}\n")
        self.write(f"strip=False:         {raw!r}\n")


class GreetHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", TEXT)
        greeting = self.get_query_argument("greeting", "你好")
        try:
            name = self.get_query_argument("name")
        except tornado.web.MissingArgumentError as error:
            self.set_status(400)
            self.write(f"missing argument: {error.arg_name} (try /greet?name=小明)\n")
            return
        if not name:  # ?name= is present but empty: no MissingArgumentError
            self.set_status(400)
            self.write("name must not be empty\n")
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
