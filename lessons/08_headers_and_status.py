"""Lesson 08 - Headers and status codes (响应头与状态码)

An answer is a status line, headers, then the body. set_header() sets a header
(replacing its value), add_header() adds one more line with the same name, and
clear_header() removes a header. set_default_headers() runs when the handler is
created and again whenever an error page replaces the answer, so its headers
are on every response. set_status(code, reason) picks the status line. A 204
answer must have no body, and a header value with a line break is refused.

Run:
    make lesson-08
    python lessons/08_headers_and_status.py --port=8000

Try it:
    # X-Course replaced, X-Topic sent twice (shown joined), no Server header
    curl -i http://127.0.0.1:8000/headers                   # -> 200
    # an error page starts again from the default headers only
    curl -i http://127.0.0.1:8000/error/raise               # -> 403
    curl -i http://127.0.0.1:8000/error/send                # -> 403
    curl -i http://127.0.0.1:8000/status/created            # -> 201
    curl -i http://127.0.0.1:8000/status/custom             # -> 210
    # a reason with "<" or a line break becomes "Unknown"
    curl -i "http://127.0.0.1:8000/status/custom?reason=%3Cb%3E"   # -> 210
    curl -i http://127.0.0.1:8000/status/unknown            # -> 211
    curl -i -X DELETE http://127.0.0.1:8000/note            # -> 204
    curl -i -X DELETE http://127.0.0.1:8000/broken/note     # -> 500
    curl -i "http://127.0.0.1:8000/language?lang=zh-CN"     # -> 200
    # a line break would start a second header: refused with a 400
    curl -i "http://127.0.0.1:8000/language?lang=zh%0D%0ASet-Cookie:%20admin=1"   # -> 400
    curl -i "http://127.0.0.1:8000/broken/language?lang=zh%0D%0ASet-Cookie:%20admin=1"   # -> 500
    # the status is set after flush(): the client gets 200, the log says 201
    curl -i http://127.0.0.1:8000/broken/late-status        # -> 200

Older tutorials say set_status(211) without a reason raises ValueError; today
(since Tornado 5.0) any code is accepted and the status line reads "211 Unknown",
so give a reason with a code of your own.

Older tutorials call write() first and set_status() after. That still works,
because write() only fills a buffer that finish() sends; once flush() has sent
the status line, a later set_status() is silently lost (see /broken/late-status).

Older tutorials trace set_default_headers() with Python 2's `print "..."` to show
it runs before get(); today print() is a function, and send_error() calls
set_default_headers() again, which is why error pages keep those headers.
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: every network)")


class CourseHandler(tornado.web.RequestHandler):
    def set_default_headers(self):
        self.set_header("X-Course", "Tornado course")


class HeadersHandler(CourseHandler):
    def get(self):
        self.set_header("X-Course", "Tornado course, lesson 08")
        self.add_header("X-Topic", "headers")
        self.add_header("X-Topic", "status codes")
        self.clear_header("Server")  # nobody needs to know the server's version
        self.write("curl -i shows the headers of this answer.\n")


class ErrorHandler(CourseHandler):
    def get(self, how):
        self.set_header("X-Course", "Tornado course, lesson 08")
        self.write("This text is never sent.\n")
        # Both ways clear() the answer: headers and body go, the defaults come back.
        if how == "raise":
            raise tornado.web.HTTPError(403)
        self.send_error(403)


class StatusHandler(CourseHandler):
    def get(self, kind):
        self.write(f"The {kind} status.\n")
        if kind == "created":
            self.set_status(201)
        elif kind == "custom":
            self.set_status(210, self.get_argument("reason", "Course Custom"))
        else:
            self.set_status(211)


class NoteHandler(CourseHandler):
    def delete(self):
        self.set_status(204)  # "No Content": write nothing


class BrokenNoteHandler(CourseHandler):
    def delete(self):
        self.write("Deleted.\n")
        self.set_status(204)  # finish() raises RuntimeError: a 204 cannot carry a body


class LanguageHandler(CourseHandler):
    def get(self):
        try:
            self.set_header("Content-Language", self.get_argument("lang"))
        except ValueError:  # "Unsafe header value": it holds a line break
            raise tornado.web.HTTPError(400, reason="Line break in lang") from None
        self.write("See the Content-Language header.\n")


class BrokenLanguageHandler(CourseHandler):
    def get(self):
        self.set_header("Content-Language", self.get_argument("lang"))
        self.write("See the Content-Language header.\n")


class BrokenLateStatusHandler(CourseHandler):
    async def get(self):
        self.write("The status line is already sent.\n")
        await self.flush()
        self.set_status(201)


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/headers", HeadersHandler),
            (r"/error/(raise|send)", ErrorHandler),
            (r"/status/(created|custom|unknown)", StatusHandler),
            (r"/note", NoteHandler),
            (r"/broken/note", BrokenNoteHandler),
            (r"/language", LanguageHandler),
            (r"/broken/language", BrokenLanguageHandler),
            (r"/broken/late-status", BrokenLateStatusHandler),
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
