"""Lesson 11 - send_error and write_error (send_error 与 write_error)

send_error(code, **kwargs) drops what write() buffered, sets the status, calls
write_error(code, **kwargs) to draw the page and finishes the answer, but it
does not stop your method: return right after it, or raise HTTPError(code,
log_message, reason=...), which stops; the client sees the reason, only the log
sees the log_message. The default write_error draws "404: Not Found" and reads
only exc_info. Override it for your own page or JSON: escape what it echoes, and
expect only exc_info when Tornado calls it for an exception.

Run:
    make lesson-11
    python lessons/11_send_error_and_write_error.py --port=8000
    python lessons/11_send_error_and_write_error.py --port=8000 --serve_traceback

Try it:
    # the default error page: "404: Not Found" as text/html
    curl -i http://127.0.0.1:8000/default/404               # -> 404
    curl -i http://127.0.0.1:8000/default/503               # -> 503
    # content= is ignored by the default page; reason= sets the status line
    curl -i http://127.0.0.1:8000/default/kwargs            # -> 404
    curl -i http://127.0.0.1:8000/notes/shopping            # -> 200
    # raise HTTPError stops the method: the reason is shown, the log_message logged
    curl -i http://127.0.0.1:8000/notes/ghost               # -> 404
    # send_error() without return: a 404, but the method goes on
    curl -i http://127.0.0.1:8000/broken/notes/ghost        # -> 404
    # it counted a view of the missing note; the log shows its late write() failing
    curl -i http://127.0.0.1:8000/views                     # -> 200
    # our own write_error, the title escaped
    curl -i -G http://127.0.0.1:8000/error -d code=404 --data-urlencode "title=<script>alert(1)</script>"   # -> 404
    curl -i "http://127.0.0.1:8000/error?code=abc"          # -> 400
    # an uncaught exception: write_error gets only exc_info, and copes
    curl -i http://127.0.0.1:8000/broken/page-crash         # -> 500
    # the older tutorial's code as written: a str code ends in a 500
    curl -i "http://127.0.0.1:8000/broken/error?code=404&title=Oops&content=Gone"   # -> 500
    # the same with int(): the title comes back as live HTML
    curl -i -G http://127.0.0.1:8000/broken/xss -d code=404 --data-urlencode "title=<script>alert(1)</script>"  # -> 404
    # an API answers its errors as JSON
    curl -i http://127.0.0.1:8000/api/notes/shopping        # -> 200
    curl -i http://127.0.0.1:8000/api/notes/ghost           # -> 404
    curl -i http://127.0.0.1:8000/api/notes/Bad%20Name      # -> 400
    curl -i http://127.0.0.1:8000/broken/api/crash          # -> 500

Older tutorials say send_error() "throws" (抛出) an HTTP error. It throws
nothing: it sends the error page and returns to your method, which goes on
(/broken/notes counts a view of a missing note). Return after it, or raise
HTTPError.

Older tutorials say the default write_error() ignores send_error()'s keyword
arguments. Partly: it ignores content= and title=, but send_error() itself
passes reason= to set_status(), and write_error() prints exc_info as a
traceback when serve_traceback (or debug) is on.

Older tutorials say: write nothing after send_error(). Still true: write()
then raises RuntimeError "Cannot write() after finish()", logged as an uncaught
exception; the client has already received the error page.

Older tutorials pass get_argument("code"), a str, straight to send_error().
That fails: finish() compares the code with numbers (TypeError), so Tornado
sends a 500 instead, and that second write_error() call gets no title=, so the
tutorial's write_error() raises KeyError and the 500 page stops after its first
line (/broken/error). With int() the page works, but it writes title= into the
HTML unescaped: a reflected XSS (/broken/xss). /error fixes both.
"""

import asyncio
import re
import traceback
from collections import Counter

import tornado.web
from tornado.escape import xhtml_escape
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: every network)")
define("serve_traceback", default=False, type=bool, help="answer an uncaught exception with its traceback")

NOTES = {"shopping": "milk, eggs, tea", "todo": "finish lesson 11"}
VIEWS = Counter()
NAME = re.compile(r"[a-z0-9-]{1,30}")


def average(numbers):
    return sum(numbers) / len(numbers)  # a bug when numbers is empty


class DefaultPageHandler(tornado.web.RequestHandler):
    def get(self, code):
        self.send_error(int(code))


class DefaultKwargsHandler(tornado.web.RequestHandler):
    def get(self):
        self.send_error(404, content="出现404错误", reason="Gone Fishing")


class NoteHandler(tornado.web.RequestHandler):
    def get(self, name):
        if name not in NOTES:
            raise tornado.web.HTTPError(404, "no note %r", name, reason="No Such Note")
        VIEWS[name] += 1
        self.write(NOTES[name] + "\n")


class BrokenNoteHandler(tornado.web.RequestHandler):
    def get(self, name):
        if name not in NOTES:
            self.send_error(404)  # no return: the method goes on
        VIEWS[name] += 1
        self.write(NOTES.get(name, "") + "\n")  # RuntimeError after send_error()


class ViewsHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(dict(VIEWS))


class ErrorPageHandler(tornado.web.RequestHandler):
    def write_error(self, status_code, **kwargs):
        # Only send_error(..., title=...) passes a title; Tornado passes exc_info
        # alone. self._reason is the reason phrase send_error() has just set.
        title = kwargs.get("title") or self._reason
        self.finish(f"<h1>{status_code} 出错了</h1>\n<p>{xhtml_escape(title)}</p>\n")


class ErrorHandler(ErrorPageHandler):
    def get(self):
        code = self.get_argument("code")  # missing: an HTTPError(400)
        if not re.fullmatch(r"4[0-9][0-9]", code):
            self.send_error(400, title="code must be a 4xx status such as 404")
            return
        self.send_error(int(code), title=self.get_argument("title", ""))


class BrokenPageCrashHandler(ErrorPageHandler):
    def get(self):
        self.write(f"average: {average([])}\n")


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
        self.write(f"<p>错误名:{kwargs['title']}</p>")  # unescaped, and KeyError on exceptions
        self.write(f"<p>错误详情:{kwargs['content']}</p>")


class BrokenUnescapedErrorHandler(BrokenErrorHandler):
    def get(self):
        err_code = int(self.get_argument("code"))
        self.send_error(err_code, title=self.get_argument("title", ""), content=self.get_argument("content", ""))


class ApiHandler(tornado.web.RequestHandler):
    def write_error(self, status_code, **kwargs):
        error = {"code": status_code, "message": kwargs.get("message", self._reason)}
        if self.settings.get("serve_traceback") and "exc_info" in kwargs:  # development only: it shows your code
            error["traceback"] = traceback.format_exception(*kwargs["exc_info"])
        self.finish({"error": error})


class ApiNoteHandler(ApiHandler):
    def get(self, name):
        if not NAME.fullmatch(name):
            self.send_error(400, message="a note name is 1-30 of a-z, 0-9 and -")
            return
        if name not in NOTES:
            raise tornado.web.HTTPError(404, "no note %r", name, reason="No Such Note")
        self.write({"name": name, "text": NOTES[name]})


class BrokenApiCrashHandler(ApiHandler):
    def get(self):
        self.write({"average": average([])})


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/default/(404|503)", DefaultPageHandler),
            (r"/default/kwargs", DefaultKwargsHandler),
            (r"/notes/([a-z0-9-]+)", NoteHandler),
            (r"/broken/notes/([a-z0-9-]+)", BrokenNoteHandler),
            (r"/views", ViewsHandler),
            (r"/error", ErrorHandler),
            (r"/broken/page-crash", BrokenPageCrashHandler),
            (r"/broken/error", BrokenErrorHandler),
            (r"/broken/xss", BrokenUnescapedErrorHandler),
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
