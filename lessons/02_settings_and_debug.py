"""Lesson 02 - Settings and debug mode (调试模式)

Application(handlers, **settings) takes settings as keyword arguments.
debug=True turns on four of them. autoreload restarts the server when you save
a .py file. compiled_template_cache=False reads templates again on each request,
and static_hash_cache=False hashes static files again. serve_traceback sends the
visitor a crash's traceback, not a plain 500 page. A setting you pass yourself
wins over debug. Never use debug in production: it shows your code to everyone.

Run:
    make lesson-02 ARGS=--debug
    python lessons/02_settings_and_debug.py --port=8000 --debug

Try it:
    curl -i http://127.0.0.1:8000/                    # -> 200
    curl -i http://127.0.0.1:8000/static/02_style.css # -> 200
    curl -i http://127.0.0.1:8000/settings            # -> 200
    curl -i http://127.0.0.1:8000/broken/average      # -> 500

Older tutorials say a save with an error stops autoreload: you restart by hand.
With --debug alone that is still true. Start Tornado's wrapper instead:
`python -m tornado.autoreload lessons/02_settings_and_debug.py --debug`. It logs
the error, keeps watching, and starts the app again when you save the fix.
"""

import asyncio
from pathlib import Path

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")
define("debug", default=False, type=bool, help="development mode")
define("autoreload", default=None, type=bool, help="restart on save; wins over --debug")

HERE = Path(__file__).parent
OFF = dict.fromkeys(["debug", "autoreload", "serve_traceback"], False)
TORNADO_DEFAULTS = {**OFF, "compiled_template_cache": True, "static_hash_cache": True}


class PageHandler(tornado.web.RequestHandler):
    def get(self):
        self.render("02_page.html", message="Saved once.")  # save an edit: a restart


class SettingsHandler(tornado.web.RequestHandler):
    def get(self):
        self.write({k: self.settings.get(k, v) for k, v in TORNADO_DEFAULTS.items()})


class BrokenAverageHandler(tornado.web.RequestHandler):
    def get(self):
        scores = []
        self.write(f"average: {sum(scores) / len(scores)}\n")  # ZeroDivisionError


def make_app(**overrides):
    handlers = [
        (r"/", PageHandler),
        (r"/settings", SettingsHandler),
        (r"/broken/average", BrokenAverageHandler),
    ]
    folders = {"template_path": HERE / "templates", "static_path": HERE / "static"}
    return tornado.web.Application(handlers, **{**folders, **overrides})


async def main():
    parse_command_line()
    settings = {"debug": options.debug}
    if options.autoreload is not None:  # given on the command line: it wins
        settings["autoreload"] = options.autoreload
    app = make_app(**settings)
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
