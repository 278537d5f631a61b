"""Lesson 06 - Regex routes (正则提取URI)

Groups in a route's regex hand parts of the path to get(). Unnamed groups `(...)`
arrive as positional arguments, in order; named groups `(?P<name>...)` arrive as
keyword arguments, so each name must be a parameter of get(). One pattern uses
one kind: mixing both stops the app at start-up with an AssertionError.
The regex sees the raw path and must match all of it: Tornado matches from the
start and appends `$`. Then each capture is percent-decoded (%2B is +, %2F is /,
and a + stays a plus in a path) and read as UTF-8; invalid UTF-8 such as %FF is
a 400. Careful: `(.+)` matches slashes too; `([^/]+)` matches one path segment.

Run:
    make lesson-06
    python lessons/06_regex_routes.py --port=8000

Try it:
    # unnamed groups by position, named groups by name
    curl -i http://127.0.0.1:8000/sub-city/python/beijing               # -> 200
    curl -i http://127.0.0.1:8000/sub-date/python/2016                  # -> 200
    # captures arrive percent-decoded
    curl -i http://127.0.0.1:8000/sub-city/c%2B%2B/beijing              # -> 200
    curl -i http://127.0.0.1:8000/sub-city/c++/beijing                  # -> 200
    curl -i http://127.0.0.1:8000/sub-city/%E7%BC%96%E7%A8%8B/beijing   # -> 200
    curl -i http://127.0.0.1:8000/sub-city/a%2Fb/beijing                # -> 200
    curl -i http://127.0.0.1:8000/sub-city/%FF/beijing                  # -> 400
    # the whole path must match, and [^/]+ stops at a slash
    curl -i http://127.0.0.1:8000/sub-city/python/beijing2              # -> 404
    curl -i http://127.0.0.1:8000/sub-city/a/b/c                        # -> 404
    # the seed's (.+) swallows slashes: subject='a/b'
    curl -i http://127.0.0.1:8000/broken/sub-city/a/b/c                 # -> 200
    # a group named topic, but get() has no topic parameter: TypeError
    curl -i http://127.0.0.1:8000/broken/sub-date/python/2016           # -> 500

Older tutorials say `(?P.+)` for a named group: their web page ate the `<name>`,
and `(?P.+)` is a regex error that stops the app at start-up. Today, as ever,
a named group is `(?P<subject>[^/]+)`. Their `(.+)` also lets a "subject"
contain slashes; `([^/]+)` keeps it to one segment.

Older tutorials write the captures into HTML with `%s`: a path holding
`<script>` runs in the reader's browser. Today: answer text/plain (as here),
or escape with tornado.escape.xhtml_escape; templates escape for you.
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: every network)")


class SubjectCityHandler(tornado.web.RequestHandler):
    def get(self, subject, city):
        # Plain text, and repr() shows exactly which string arrived.
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.write(f"subject={subject!r} city={city!r}\n")


class SubjectDateHandler(tornado.web.RequestHandler):
    def get(self, date, subject):
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.write(f"subject={subject!r} date={date!r}\n")


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/sub-city/([^/]+)/([a-z]+)", SubjectCityHandler),
            # Named: passed by name, so the order of get()'s parameters is free.
            (r"/sub-date/(?P<subject>[^/]+)/(?P<date>\d+)", SubjectDateHandler),
            (r"/broken/sub-city/(.+)/([a-z]+)", SubjectCityHandler),
            (r"/broken/sub-date/(?P<topic>[^/]+)/(?P<date>\d+)", SubjectDateHandler),
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
