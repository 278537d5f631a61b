"""Lesson 20 - write_error and custom error pages (write_error 与错误页)

Override write_error(status_code, **kwargs) to draw your own error page, and
escape what it echoes. Keywords such as title= come only from your own
send_error(code, title=...) calls. For an exception (an HTTPError, a bug)
Tornado passes exc_info alone: cope with a missing title. /error refuses a code
that is not a 4xx with a 400. An API answers its errors as JSON, {"error":
{"code": ..., "message": ...}}, with the traceback only in development
(--serve_traceback), never otherwise: a traceback shows your code.

Run:
    make lesson-20
    python lessons/20_write_error.py --port=8000 --serve_traceback

Try it:
    curl -i -G http://127.0.0.1:8000/error -d code=404 -d "title=<b>Oops"   # -> 404
    curl -i "http://127.0.0.1:8000/error?code=200"                    # -> 400
    curl -i http://127.0.0.1:8000/api/notes/ghost                     # -> 404
    curl -i http://127.0.0.1:8000/broken/api/crash                    # -> 500
    curl -i "http://127.0.0.1:8000/broken/error?code=404&title=Oops"  # -> 500

Older tutorials pass get_argument("code"), a str, to send_error(). finish()
compares it with numbers (TypeError), so Tornado sends a 500. That second
write_error() call has no title=: theirs raises KeyError, and the page stops
after its first line (/broken/error). With int() the page works, but the title
goes into the HTML unescaped, a reflected XSS (/broken/xss).
"""

import asyncio
import re
import traceback

import tornado.web
from tornado.escape import xhtml_escape
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")
define("serve_traceback", default=False, type=bool, help="errors show the traceback")

NOTES = {"shopping": "milk, eggs, tea"}


class ErrorHandler(tornado.web.RequestHandler):
    def get(self):
        code = self.get_argument("code")
        if not re.fullmatch(r"4[0-9][0-9]", code):
            self.send_error(400, title="code must be a 4xx status such as 404")
            return
        self.send_error(int(code), title=self.get_argument("title", ""))

    def write_error(self, status_code, **kwargs):
        title = kwargs.get("title") or self._reason  # the reason send_error() set
        self.finish(f"<h1>{status_code} 出错了</h1>\n<p>{xhtml_escape(title)}</p>\n")


class BrokenErrorHandler(tornado.web.RequestHandler):
    def get(self):
        err_code = self.get_argument("code", None)  # a str, not an int
        err_title = self.get_argument("title", "")
        err_content = self.get_argument("content", "")
        if err_code:
            self.send_error(err_code, title=err_title, content=err_content)
        else:
            self.write("主页")

    def write_error(self, status_code, **kwargs):
        self.write("<h1>出错了,程序员GG正在赶过来!</h1>")
        self.write(f"<p>错误名:{kwargs['title']}</p>")
        self.write(f"<p>错误详情:{kwargs['content']}</p>")


class BrokenXssHandler(BrokenErrorHandler):
    def get(self):
        code, title = int(self.get_argument("code")), self.get_argument("title", "")
        self.send_error(code, title=title, content=self.get_argument("content", ""))


class ApiHandler(tornado.web.RequestHandler):
    def write_error(self, status_code, **kwargs):
        error = {"code": status_code, "message": kwargs.get("message", self._reason)}
        if self.settings.get("serve_traceback") and "exc_info" in kwargs:
            error["traceback"] = traceback.format_exception(*kwargs["exc_info"])
        self.finish({"error": error})


class ApiNoteHandler(ApiHandler):
    def get(self, name):
        if not re.fullmatch(r"[a-z0-9-]{1,30}", name):
            self.send_error(400, message="a note name is 1-30 of a-z, 0-9 and -")
            return
        if name not in NOTES:
            raise tornado.web.HTTPError(404, "no note %r", name, reason="No Such Note")
        self.write({"name": name, "text": NOTES[name]})


class BrokenApiCrashHandler(ApiHandler):
    def get(self):
        self.write({"average": sum([]) / len([])})  # a bug: ZeroDivisionError


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/error", ErrorHandler),
            (r"/broken/error", BrokenErrorHandler),
            (r"/broken/xss", BrokenXssHandler),
            (r"/api/notes/([^/]*)", ApiNoteHandler),
            (r"/broken/api/crash", BrokenApiCrashHandler),
        ],
        **overrides,
    )


async def main():
    parse_command_line()
    app = make_app(serve_traceback=options.serve_traceback)
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
