"""Exercise 03 - One handler, two languages, named links

Task: GreetingHandler greets in the language its route hands to initialize().
  1. GET /en/Ada answers "Hello, Ada!" and GET /zh/Ada answers "你好, Ada!":
     both routes use GreetingHandler, each with its own init dict.
  2. Name the routes "english" and "chinese".
  3. GET /?name=Ada answers a list of links to both greetings for that name,
     built with reverse_url (never by hand), so "Zoë & Ada" becomes
     /en/Zo%C3%AB%20%26%20Ada in the link.

Run it:   make exercise-03
Check it: make check-03    (stuck? make hint-03)
"""

import asyncio

import tornado.web
from tornado.escape import xhtml_escape
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class GreetingHandler(tornado.web.RequestHandler):
    def initialize(self, greeting):
        self.greeting = greeting

    def get(self, name):
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.write(f"{self.greeting}, {name}!")


class IndexHandler(tornado.web.RequestHandler):
    def get(self):
        name = self.get_argument("name", "world")
        links = [
            # TODO: build this link with self.reverse_url("english", name).
            ("/en/" + name, "English"),
            # TODO: build this link with self.reverse_url("chinese", name).
            ("/zh/" + name, "中文"),
        ]
        items = "".join(f'<li><a href="{xhtml_escape(href)}">{text}</a></li>\n' for href, text in links)
        self.write(f"<ul>\n{items}</ul>\n")


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/", IndexHandler),
            # TODO: give this route the init dict {"greeting": "Hello"} and the name "english".
            (r"/en/(.+)", GreetingHandler),
            # TODO: give this route the name "chinese".
            (r"/zh/(.+)", GreetingHandler, {"greeting": "你好"}),
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
