r"""Exercise 16 - A next that cannot leave the site

Task: GET /continue?next=<url> answers 302 to next only if next is a path on this
site: "/..." but not "//", no backslash, no control character (codes 0-31, 127).
Any other next (https://evil.example/, //evil.example, /\evil.example,
javascript:alert(1), ...) and a missing next are a 400 with no Location.

Run it:   make exercise-16
Check it: make check-16    (stuck? make hint-16)
"""

import asyncio

import tornado.escape
import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")


def is_local_path(url):
    """True when url is a path on this site, so a redirect to it stays here."""
    # Browsers read "//x" and "/\x" as another host, and drop tabs and newlines.
    if not url.startswith("/") or url.startswith("//"):
        return False
    return not any(char == "\\" or ord(char) < 32 or ord(char) == 127 for char in url)


class ContinueHandler(tornado.web.RequestHandler):
    def get(self):
        url = self.get_argument("next")
        if not is_local_path(url):
            raise tornado.web.HTTPError(400, reason="next must be a path on this site")
        self.redirect(url)


class PageHandler(tornado.web.RequestHandler):
    def get(self, name):
        name = tornado.escape.xhtml_escape(name)  # escape: a looser route may let < in
        self.write(f"This is the {name} page.\n")


def make_app(**overrides):
    routes = [(r"/continue", ContinueHandler), (r"/pages/([a-z-]+)", PageHandler)]
    return tornado.web.Application(routes, **overrides)


# Don't change these lines: they start the server.
async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
