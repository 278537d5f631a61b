"""Lesson 03 - Routing, init arguments and named URLs (路由映射)

A route can carry more than a pattern and a handler: a third element, a dict,
is passed to the handler's initialize(**kwargs), so one class can serve several
routes with different settings. A fourth element (or url(..., name=...)) names
the route; reverse_url(name, *args) turns the name back into a path, filling
the regex groups with url-escaped arguments. Build links from names, never by
hand, and escape them before they go into HTML.

Run:
    make lesson-03
    python lessons/03_routing_and_named_urls.py --port=8000

Try it:
    # one SubjectHandler class, three routes, three init dicts
    curl -i http://127.0.0.1:8000/cpp                              # -> 200
    curl -i http://127.0.0.1:8000/python                           # -> 200
    curl -i http://127.0.0.1:8000/go                               # -> 200
    # links built by reverse_url: the user name is url-escaped in href, HTML-escaped as text
    curl -i -G http://127.0.0.1:8000/ --data-urlencode "user=Zoë & <Ada>"   # -> 200
    curl -i http://127.0.0.1:8000/user/Zo%C3%AB%20%26%20%3CAda%3E  # -> 200
    # a typo in a route name: reverse_url raises KeyError, a 500
    curl -i http://127.0.0.1:8000/broken/typo-in-name              # -> 500

Older tutorials say a route needs tornado.web.url to get a name and cannot be
a tuple. Not so: Application turns a 4-tuple (pattern, handler, kwargs, name)
into the same rule as url(pattern, handler, kwargs, name=name); /go above is
named that way. url() reads better, because name= is spelled out.

Older tutorials' example also fails before it serves a page: it routes to
`Indexhandler` (a NameError; the class is IndexHandler), formats 'itcast' %
python_url (a TypeError: no %s to fill), and is Python 2 (print statements,
`# coding:utf-8`, which Python 3 no longer needs: source files are UTF-8).

A route whose dict lacks an argument initialize() requires fails as the
handler is created, before Tornado can send even a 500: it logs "Uncaught
exception ... TypeError: ... missing 1 required positional argument" and
closes the connection. `curl -i http://127.0.0.1:8000/broken/no-subject`
answers "curl: (52) Empty reply from server".
"""

import asyncio

import tornado.web
from tornado.escape import xhtml_escape
from tornado.options import define, options, parse_command_line
from tornado.web import url

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: every network)")


class SubjectHandler(tornado.web.RequestHandler):
    def initialize(self, subject):
        self.subject = subject

    def get(self):
        self.write(f"Today's subject: {self.subject}\n")


class UserHandler(tornado.web.RequestHandler):
    def get(self, name):
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.write(f"Profile of {name}\n")


class IndexHandler(tornado.web.RequestHandler):
    def get(self):
        user = self.get_argument("user", "Ada")
        links = [
            (self.reverse_url("python"), "Python"),
            (self.reverse_url("go"), "Go"),
            (self.reverse_url("user", user), user),
        ]
        items = "".join(f'<li><a href="{xhtml_escape(href)}">{xhtml_escape(text)}</a></li>\n' for href, text in links)
        self.write(f"<ul>\n{items}</ul>\n")


class TypoHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(self.reverse_url("pyhton"))


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/", IndexHandler),
            (r"/cpp", SubjectHandler, {"subject": "C++"}),
            url(r"/python", SubjectHandler, {"subject": "Python"}, name="python"),
            (r"/go", SubjectHandler, {"subject": "Go"}, "go"),
            # reverse_url escapes everything in an argument but "/", so (.+) accepts a name with a slash
            url(r"/user/(.+)", UserHandler, name="user"),
            (r"/broken/no-subject", SubjectHandler),
            (r"/broken/typo-in-name", TypoHandler),
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
