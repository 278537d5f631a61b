"""Exercise 04 - A link from a route's name

Task: GET /?name=Ada answers <a href="/profile/Ada">Ada</a> (the name defaults
to "Ada"). Name the profile route "profile" and build the href with
self.reverse_url("profile", name), so "Zoë & Ada" gives the href
/profile/Zo%C3%AB%20%26%20Ada. The link text stays escaped by xhtml_escape.

Run it:   make exercise-04
Check it: make check-04    (stuck? make hint-04)
"""

import asyncio

import tornado.web
from tornado.escape import xhtml_escape
from tornado.options import define, options, parse_command_line
from tornado.web import url

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")


class ProfileHandler(tornado.web.RequestHandler):
    def get(self, name):
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.write(f"Profile of {name}")


class IndexHandler(tornado.web.RequestHandler):
    def get(self):
        name = self.get_argument("name", "Ada")
        # TODO: build the href with self.reverse_url("profile", name).
        href = "/profile/" + name
        self.write(f'<a href="{xhtml_escape(href)}">{xhtml_escape(name)}</a>')


def make_app(**overrides):
    return tornado.web.Application(
        [
            url(r"/", IndexHandler),
            # TODO: name this route "profile" with url(..., name="profile").
            (r"/profile/(.+)", ProfileHandler),
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
