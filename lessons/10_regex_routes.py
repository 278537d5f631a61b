"""Lesson 10 - Regex routes (正则提取URI)

Groups in a route's regex hand parts of the path to get(). Unnamed groups `(...)`
arrive as positional arguments, in order. Named groups `(?P<name>...)` arrive by
name, so each name must be a parameter of get(). Mixing both kinds fails at start-up.
The regex must match the whole raw path. Then each capture is percent-decoded
(%2B is +), and invalid UTF-8 is a 400. `([^/]+)` matches one path segment.

Run:
    make lesson-10
    python lessons/10_regex_routes.py --port=8000

Try it:
    curl -i http://127.0.0.1:8000/sub-city/python/beijing               # -> 200
    curl -i http://127.0.0.1:8000/sub-date/python/2016                  # -> 200
    curl -i http://127.0.0.1:8000/sub-city/c%2B%2B/beijing              # -> 200
    curl -i http://127.0.0.1:8000/sub-city/a/b/c                        # -> 404
    curl -i http://127.0.0.1:8000/broken/sub-city/a/b/c                 # -> 200
    curl -i http://127.0.0.1:8000/broken/sub-date/python/2016           # -> 500

Older tutorials say `(?P.+)` for a named group: their web page ate the `<name>`.
That is a regex error, and the app does not start. Write `(?P<subject>[^/]+)`.
Their `(.+)` lets a subject hold slashes (/broken/sub-city). A group named unlike
get()'s parameter is a 500 TypeError (/broken/sub-date).

Older tutorials write the captures into HTML with `%s`, so a path holding
`<script>` runs in the reader's browser. Answer text/plain as here, or escape with
tornado.escape.xhtml_escape.
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")


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
