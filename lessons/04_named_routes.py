"""Lesson 04 - Named routes and reverse_url (路由命名与 reverse_url)

url(pattern, handler, name="user") gives a route a name. self.reverse_url("user",
"Ada") turns the name back into a path. It puts each argument in a group of the
pattern, url-escaped ("/" stays as it is). Build links from names, not by hand,
so a changed pattern changes every link. Escape each link with xhtml_escape
before it goes into HTML. A name no route has is a KeyError, so a typo is a 500.

Run:
    make lesson-04
    python lessons/04_named_routes.py --port=8000

Try it:
    curl -i http://127.0.0.1:8000/                                  # -> 200
    curl -i -G http://127.0.0.1:8000/ --data-urlencode "user=Zoë & <Ada>"   # -> 200
    curl -i http://127.0.0.1:8000/user/Zo%C3%AB%20%26%20%3CAda%3E   # -> 200
    curl -i http://127.0.0.1:8000/broken/typo-in-name               # -> 500

Older tutorials say a route needs tornado.web.url to get a name. Not so: a
4-tuple (pattern, handler, kwargs, name) names it too, like "/" here. url() reads
better, because name= is spelled out.

Older tutorials' example does not start: it routes to `Indexhandler`, a NameError.
Its `'itcast' % python_url` is a TypeError, but only because the web page lost
the HTML. The line was `'<a href="%s">itcast</a>' % python_url`.
"""

import asyncio

import tornado.web
from tornado.escape import xhtml_escape
from tornado.options import define, options, parse_command_line
from tornado.web import url

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")


class UserHandler(tornado.web.RequestHandler):
    def get(self, name):
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.write(f"Profile of {name}\n")


class IndexHandler(tornado.web.RequestHandler):
    def get(self):
        user = self.get_argument("user", "Ada")
        home, profile = self.reverse_url("index"), self.reverse_url("user", user)
        for href, text in [(home, "Home"), (profile, user)]:
            href, text = xhtml_escape(href), xhtml_escape(text)
            self.write(f'<p><a href="{href}">{text}</a></p>\n')


class BrokenTypoHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(self.reverse_url("idnex"))


def make_app(**overrides):
    routes = [
        (r"/", IndexHandler, {}, "index"),
        # reverse_url keeps "/" in an argument, so (.+) accepts it back
        url(r"/user/(.+)", UserHandler, name="user"),
        (r"/broken/typo-in-name", BrokenTypoHandler),
    ]
    return tornado.web.Application(routes, **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
