"""Lesson 02 - Settings and debug mode (调试模式)

Application(handlers, **settings) takes its settings as keyword arguments.
debug=True switches on four development settings: autoreload=True (restart
when a .py file the app imported is saved), compiled_template_cache=False and
static_hash_cache=False (re-read templates and static-file hashes on every
request) and serve_traceback=True (an uncaught exception answers its traceback
instead of a plain 500 page; the log gets it either way). Each works alone too
(here: --autoreload), and a setting you pass yourself wins over debug. Never
use debug in production: the traceback shows your code to every visitor.

Run:
    make lesson-02 ARGS=--debug
    python lessons/02_settings_and_debug.py --port=8000 --debug
    python -m tornado.autoreload lessons/02_settings_and_debug.py --port=8000 --debug

Try it:
    curl -i http://127.0.0.1:8000/                   # -> 200
    # the effective settings: run with --debug and four of them change
    curl -i http://127.0.0.1:8000/settings           # -> 200
    # a bug: a plain 500 page here, the traceback (text/plain) with --debug
    curl -i http://127.0.0.1:8000/broken/average     # -> 500

Older tutorials say: once a save contains an error, autoreload makes the
program exit and you must start it again by hand. With debug=True alone that is
still so in Tornado 6: the restarted process dies on a SyntaxError (exit code
1, the error on stderr). Start the app through Tornado's wrapper instead,
`python -m tornado.autoreload lessons/02_settings_and_debug.py --debug`: it
logs the error, keeps watching, and starts the app again once the fix is saved.
A mistake inside a handler stops nothing: only that request answers 500.
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: every network)")
define("debug", default=False, type=bool, help="development mode: autoreload, no caches, tracebacks")
define("autoreload", default=None, type=bool, help="restart on save; given, it wins over --debug")

MESSAGE = "Saved once.\n"  # run with --debug, change this text, save: the server restarts


class MessageHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(MESSAGE)


class SettingsHandler(tornado.web.RequestHandler):
    def get(self):
        # self.settings: what make_app() got, plus what debug=True filled in.
        # The second argument is Tornado's own value when nobody sets one.
        settings = self.settings
        self.write(
            {
                "debug": settings.get("debug", False),
                "autoreload": settings.get("autoreload", False),
                "compiled_template_cache": settings.get("compiled_template_cache", True),
                "static_hash_cache": settings.get("static_hash_cache", True),
                "serve_traceback": settings.get("serve_traceback", False),
            }
        )


class BrokenAverageHandler(tornado.web.RequestHandler):
    def get(self):
        scores = []
        self.write(f"average: {sum(scores) / len(scores)}\n")  # ZeroDivisionError: a 500


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/", MessageHandler),
            (r"/settings", SettingsHandler),
            (r"/broken/average", BrokenAverageHandler),
        ],
        **overrides,
    )


async def main():
    parse_command_line()
    settings = {"debug": options.debug}
    if options.autoreload is not None:  # given on the command line: it wins over --debug
        settings["autoreload"] = options.autoreload
    app = make_app(**settings)
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
