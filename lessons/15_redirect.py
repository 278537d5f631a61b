"""Lesson 15 - Redirect (重定向)

redirect(url) answers 302 Found with a Location header. permanent=True makes it
301 Moved Permanently, and status= picks 303, 307 or 308. A client that follows
(a browser, curl -L) sends a GET after 301, 302 and 303. After 307 and 308 it
sends the same POST again, with its body. redirect() also finishes the answer.

Run:
    make lesson-15
    python lessons/15_redirect.py --port=8000

Try it:
    curl -i http://127.0.0.1:8000/redirect/default              # -> 302
    curl -i http://127.0.0.1:8000/redirect/permanent            # -> 301
    # -L follows: after 303 the POST became a GET, after 307 it is still a POST
    curl -i -L -d "note=hi" http://127.0.0.1:8000/redirect/303   # -> 200
    curl -i -L -d "note=hi" http://127.0.0.1:8000/redirect/307   # -> 200
    curl -i http://127.0.0.1:8000/broken/redirect-after-flush   # -> 200

Older tutorials say redirect() sets Location in the request headers. It sets
the answer's status and Location header, so after flush() it is too late
(/broken/redirect-after-flush). They also say only "go to url". But a followed
302 drops the form data: after a form, pick 303 or 307 on purpose.
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")


class RedirectHandler(tornado.web.RequestHandler):
    def get(self, kind):
        if kind.isdigit():
            self.redirect("/landed", status=int(kind))
        else:
            self.redirect("/landed", permanent=(kind == "permanent"))

    post = get


class LandedHandler(tornado.web.RequestHandler):
    def get(self):
        body = self.request.body.decode("utf-8", "replace")
        self.write({"method": self.request.method, "body": body})

    post = get


class BrokenAfterFlushHandler(tornado.web.RequestHandler):
    async def get(self):
        self.write("The status line is already sent.\n")
        await self.flush()
        self.redirect("/landed")  # raises: the client already has its 200


def make_app(**overrides):
    routes = [
        (r"/redirect/(default|permanent|303|307|308)", RedirectHandler),
        (r"/landed", LandedHandler),
        (r"/broken/redirect-after-flush", BrokenAfterFlushHandler),
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
