"""Lesson 19 - send_error and HTTPError (send_error 与 HTTPError)

send_error(code) drops what write() buffered, sets the status, calls
write_error() to draw the page and finishes the answer. It does not stop your
method, so return right after it. raise HTTPError(code, log_message, reason=...)
stops the method. The reason goes into the status line ("404 No Such Note") and
into the page. The log_message goes to the log.

Run:
    make lesson-19
    python lessons/19_send_error.py --port=8000

Try it:
    curl -i http://127.0.0.1:8000/notes/shopping            # -> 200
    curl -i http://127.0.0.1:8000/notes/ghost               # -> 404
    curl -i http://127.0.0.1:8000/broken/notes/ghost        # -> 404
    curl -i http://127.0.0.1:8000/views                     # -> 200

Older tutorials say send_error() "throws" (抛出) an HTTP error. It throws
nothing, and your method goes on. /broken/notes/ghost counts a view of a missing
note, and its late write() logs RuntimeError "Cannot write() after finish()".

Older tutorials say write_error() ignores send_error()'s keyword arguments.
True for content=, but send_error() gives reason= to set_status().
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")

NOTES = {"shopping": "milk, eggs, tea", "todo": "finish lesson 19"}
VIEWS = {}


class NoteHandler(tornado.web.RequestHandler):
    def get(self, name):
        if name not in NOTES:
            raise tornado.web.HTTPError(404, "no note %r", name, reason="No Such Note")
        VIEWS[name] = VIEWS.get(name, 0) + 1
        self.write(NOTES[name] + "\n")


class BrokenNoteHandler(tornado.web.RequestHandler):
    def get(self, name):
        if name not in NOTES:
            self.send_error(404)  # no return: the method goes on
        VIEWS[name] = VIEWS.get(name, 0) + 1
        self.write(NOTES.get(name, "") + "\n")


class ViewsHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(VIEWS)


def make_app(**overrides):
    routes = [
        (r"/notes/([a-z0-9-]+)", NoteHandler),
        (r"/broken/notes/([a-z0-9-]+)", BrokenNoteHandler),
        (r"/views", ViewsHandler),
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
