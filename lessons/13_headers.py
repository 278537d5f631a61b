"""Lesson 13 - Headers and set_default_headers (响应头)

set_header() sets a header and replaces the value it had. add_header() adds one
more line with the same name, so curl -i shows two lines. clear_header() removes
a header, such as Server. set_default_headers() sets the headers that every
answer of the handler starts with. A header value with a line break would start
a second header, so set_header() raises ValueError. Catch it and answer 400.

Run:
    make lesson-13
    python lessons/13_headers.py --port=8000

Try it:
    curl -i http://127.0.0.1:8000/headers                   # -> 200
    curl -i http://127.0.0.1:8000/headers/raise             # -> 403
    curl -i http://127.0.0.1:8000/headers/send              # -> 403
    curl -i "http://127.0.0.1:8000/language?lang=zh-CN"     # -> 200
    curl -i "http://127.0.0.1:8000/language?lang=zh%0D%0ASet-Cookie:%20a=1"   # -> 400

Older tutorials say set_default_headers() runs before get(). It runs earlier,
when Tornado creates the handler, and again for every error page. Both raise
HTTPError and send_error() clear the headers and call it again. So an error
page keeps the default headers and loses the ones get() set.
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")


class HeadersHandler(tornado.web.RequestHandler):
    def set_default_headers(self):
        self.set_header("X-Course", "Tornado course")

    def get(self, error=None):
        self.set_header("X-Course", "Tornado course, lesson 13")
        self.add_header("X-Topic", "headers")
        self.add_header("X-Topic", "default headers")
        self.clear_header("Server")  # nobody needs to know the server's version
        self.write("curl -i shows the headers of this answer.\n")
        if error == "raise":
            raise tornado.web.HTTPError(403)
        if error == "send":
            self.send_error(403)


class LanguageHandler(HeadersHandler):
    def get(self):
        try:
            self.set_header("Content-Language", self.get_argument("lang"))
        except ValueError:  # "Unsafe header value": a line break, or not Latin-1
            raise tornado.web.HTTPError(400, reason="lang cannot be a header") from None
        self.write("See the Content-Language header.\n")


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/headers", HeadersHandler),
            (r"/headers/(raise|send)", HeadersHandler),
            (r"/language", LanguageHandler),
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
