"""Exercise 02 - Tracebacks without debug

Task: started with --traceback, this app must answer a crash with its
traceback and leave debug and autoreload off. Then GET /mode answers
{"debug": false, "autoreload": false, "serve_traceback": true}, and
GET /broken/latest answers 500 with the traceback as text/plain.

Run it:   make exercise-02 ARGS=--traceback
Check it: make check-02    (stuck? make hint-02)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")
define("traceback", default=False, type=bool, help="answer a crash with its traceback")

NOTES = []


class ModeHandler(tornado.web.RequestHandler):
    def get(self):
        names = ["debug", "autoreload", "serve_traceback"]
        self.write({name: self.settings.get(name, False) for name in names})


class BrokenLatestNoteHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(NOTES[-1])  # no notes yet: IndexError, a 500 on purpose


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/mode", ModeHandler),
            (r"/broken/latest", BrokenLatestNoteHandler),
        ],
        **overrides,
    )


async def main():
    parse_command_line()
    # TODO: switch on serve_traceback alone (debug also turns on autoreload).
    app = make_app(debug=options.traceback)
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
