"""Exercise 02 - Tracebacks without autoreload

Task: on the team's test machine this app must not restart itself when a
file changes, yet a crash should answer its traceback. Make
  1. a --traceback option (a bool, default False) that switches on
     serve_traceback alone: GET /mode then reports
     {"debug": false, "autoreload": false, "serve_traceback": true} and
     GET /broken/latest answers its traceback as text/plain;
  2. GET /mode report the setting the app really uses, not the --debug option;
  3. --debug still switch serve_traceback on, with or without --traceback.
Without flags nothing changes: /broken/latest stays a plain HTML 500 page.

Run it:   make exercise-02
Check it: make check-02    (stuck? make hint-02)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")
define("debug", default=False, type=bool, help="development mode: autoreload, no caches, tracebacks")
# TODO: define a bool option "traceback", default False, that serves tracebacks alone.

NOTES = []


class ModeHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(
            {
                "debug": self.settings.get("debug", False),
                "autoreload": self.settings.get("autoreload", False),
                # TODO: report the app's serve_traceback setting (default False), not the option.
                "serve_traceback": options.debug,
            }
        )


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
    settings = {"debug": options.debug}
    # TODO: with --traceback, switch serve_traceback on (and never off: --debug sets it too).
    app = make_app(**settings)
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
