"""Lesson 14 - Status codes and reasons (状态码)

set_status(201) picks the code of the status line, "HTTP/1.1 201 Created", and
Tornado adds the standard reason. A code of your own needs a reason of your own,
as in set_status(210, "Course Custom"). Tornado sends "Unknown" in place of a
reason it cannot send, such as one with "<", a line break or Chinese. A 204 No
Content answer must have no body. set_status() after write() still works,
because write() only fills the buffer.

Run:
    make lesson-14
    python lessons/14_status_codes.py --port=8000

Try it:
    curl -i http://127.0.0.1:8000/status/created                    # -> 201
    curl -i http://127.0.0.1:8000/status/custom                     # -> 210
    curl -i "http://127.0.0.1:8000/status/custom?reason=%3Cb%3E"    # -> 210
    curl -i http://127.0.0.1:8000/status/unknown                    # -> 211
    curl -i -X DELETE http://127.0.0.1:8000/note                    # -> 204
    curl -i -X DELETE http://127.0.0.1:8000/broken/note             # -> 500

Older tutorials say set_status(211) without a reason raises ValueError. Since
Tornado 5.0 any code is accepted, and the status line reads "211 Unknown".
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")


class StatusHandler(tornado.web.RequestHandler):
    def get(self, kind):
        self.write(f"The {kind} status.\n")  # first write, then set_status: fine
        if kind == "created":
            self.set_status(201)
        elif kind == "custom":
            self.set_status(210, self.get_argument("reason", "Course Custom"))
        else:
            self.set_status(211)


class NoteHandler(tornado.web.RequestHandler):
    def delete(self):
        self.set_status(204)  # "No Content": write nothing


class BrokenNoteHandler(tornado.web.RequestHandler):
    def delete(self):
        self.write("Deleted.\n")
        self.set_status(204)  # finish() raises RuntimeError: a 204 has no body


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/status/(created|custom|unknown)", StatusHandler),
            (r"/note", NoteHandler),
            (r"/broken/note", BrokenNoteHandler),
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
