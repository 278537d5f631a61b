"""Exercise 06 - A blog post route

Task: GET /posts/2024/hello-world should answer the JSON
{"year": 2024, "slug": "hello-world"}. Make the route's named groups
  1. match get()'s parameters, year and slug (today every request is a 500:
     read the TypeError in the server's terminal);
  2. accept a year of exactly four digits, sent in the JSON as a number;
  3. accept a slug of one path segment: lowercase letters, digits and dashes.
Anything else is a 404: /posts/24/hello, /posts/2024/Hello, /posts/2024/a/b,
/posts/2024/hello-world/ and /posts/2024/hello-world.html.

Run it:   make exercise-06
Check it: make check-06    (stuck? make hint-06)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class PostHandler(tornado.web.RequestHandler):
    def get(self, year, slug):
        # TODO: send the year as a number: captures always arrive as strings.
        self.write({"year": year, "slug": slug})


def make_app(**overrides):
    return tornado.web.Application(
        [
            # TODO: name the groups year and slug, and let them match only what the task allows.
            (r"/posts/(?P<y>.+)/(?P<title>.+)", PostHandler),
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
