"""Exercise 15 - A link shortener that answers the right status

Task: GET /go/<code> redirects to the code's target in LINKS, Location exactly
as in the table. Answer 301 for a "permanent": True link, 302 for the others
(now all are 302), and 404 with no Location for a code not in LINKS (now "/").

Run it:   make exercise-15
Check it: make check-15    (stuck? make hint-15)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")

LINKS = {
    "docs": {"target": "/pages/documentation", "permanent": True},
    "sale": {"target": "/pages/spring-sale", "permanent": False},
    "tornado": {"target": "https://www.tornadoweb.org/", "permanent": True},
}


class GoHandler(tornado.web.RequestHandler):
    def get(self, code):
        # TODO: answer 404 when code is not in LINKS.
        link = LINKS.get(code, {"target": "/", "permanent": False})
        # TODO: make a permanent link a 301.
        self.redirect(link["target"])


class PageHandler(tornado.web.RequestHandler):
    def get(self, name):
        self.write(f"This is the {name} page.\n")


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/go/([a-z0-9-]+)", GoHandler),
            (r"/pages/([a-z-]+)", PageHandler),
        ],
        **overrides,
    )


# Don't change these lines: they start the server.
async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
