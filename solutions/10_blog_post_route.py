"""Exercise 10 - A blog post route

Task: GET /posts/2024/hello-world answers the JSON
{"year": 2024, "slug": "hello-world"}. Write the route with two named groups:
year, exactly four digits, and slug, one path segment of lowercase letters,
digits and dashes. Any other path is a 404, for example /posts/24/hello,
/posts/2024/Hello, /posts/2024/a/b and /posts/2024/hello-world.html.
Today every request is a 500: read the TypeError in the server's terminal.

Run it:   make exercise-10
Check it: make check-10    (stuck? make hint-10)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class PostHandler(tornado.web.RequestHandler):
    # Don't change these lines: the group names must fit get()'s parameters.
    def get(self, year, slug):
        self.write({"year": int(year), "slug": slug})


def make_app(**overrides):
    return tornado.web.Application(
        [
            # Named like get()'s parameters; [a-z0-9-] holds no slash, dot or %.
            (r"/posts/(?P<year>\d{4})/(?P<slug>[a-z0-9-]+)", PostHandler),
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
