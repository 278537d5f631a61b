"""Exercise 09 - A link shortener that cannot send people anywhere

Task: GET /go/<code> looks the code up in LINKS and redirects to its target;
GET /jump?to=<path> sends a visitor on to a page of this site. Make it
  1. answer 301 for a permanent link and 302 for a temporary one (now every
     link is a 302);
  2. answer 404 for an unknown code (now it redirects to the home page);
  3. redirect /jump only to a path on this site: it starts with "/" but not
     "//", and holds no backslash and no control character. Anything else
     (https://evil.example/, //evil.example, /\\evil.example, javascript:...)
     is a 400 with no Location.
A target in LINKS may be on another site: you wrote that table. `to` comes
from whoever made the link your visitor clicked.

Run it:   make exercise-09
Check it: make check-09    (stuck? make hint-09)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")

LINKS = {
    "docs": {"target": "/pages/documentation", "permanent": True},
    "sale": {"target": "/pages/spring-sale", "permanent": False},
    "tornado": {"target": "https://www.tornadoweb.org/", "permanent": True},
}


def is_local_path(url):
    """True when url is a path on this site, so a redirect to it stays here."""
    # TODO: return False for anything that could lead to another site (see the task, point 3).
    return True


class GoHandler(tornado.web.RequestHandler):
    def get(self, code):
        # TODO: answer 404 when code is not in LINKS.
        link = LINKS.get(code, {"target": "/", "permanent": False})
        # TODO: make a permanent link a 301.
        self.redirect(link["target"])


class JumpHandler(tornado.web.RequestHandler):
    def get(self):
        to = self.get_argument("to")
        if not is_local_path(to):
            raise tornado.web.HTTPError(400, reason="to must be a path on this site")
        self.redirect(to)


class PageHandler(tornado.web.RequestHandler):
    def get(self, name):
        self.write(f"This is the {name} page.\n")


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/go/([a-z0-9-]+)", GoHandler),
            (r"/jump", JumpHandler),
            (r"/pages/([a-z-]+)", PageHandler),
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
