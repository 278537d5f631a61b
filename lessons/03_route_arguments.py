"""Lesson 03 - Route arguments and initialize() (路由参数与 initialize)

A route's third element is a dict. Tornado makes a new handler for each request
and passes the dict to initialize(**kwargs). So one class can serve several routes
with different data. Each group in the pattern, like ([^/]+), is an argument of
get(). If the dict lacks an argument of initialize(), the client gets no answer
at all, not even a 500 (see /broken/no-subject).

Run:
    make lesson-03
    python lessons/03_route_arguments.py --port=8000

Try it:
    curl -i http://127.0.0.1:8000/cpp                  # -> 200
    curl -i http://127.0.0.1:8000/python               # -> 200
    curl -i http://127.0.0.1:8000/user/ada             # -> 200
    curl -i http://127.0.0.1:8000/user/nobody          # -> 404
    curl -i http://127.0.0.1:8000/broken/user/ada      # -> 500

Older tutorials route `/user/(.*)` to a ProfileHandler whose get(self) takes no
argument. Each request is then a TypeError and a 500 (see /broken/user/ada).
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")

USERS = {"ada": "Ada Lovelace, the first programmer", "alan": "Alan Turing"}


class SubjectHandler(tornado.web.RequestHandler):
    def initialize(self, subject):
        self.subject = subject

    def get(self):
        self.write(f"Today's subject: {self.subject}\n")


class ProfileHandler(tornado.web.RequestHandler):
    def get(self, name):
        if name not in USERS:
            raise tornado.web.HTTPError(404)
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.write(f"{name}: {USERS[name]}\n")


class BrokenProfileHandler(ProfileHandler):
    def get(self):  # the seed's get(): no parameter for the (.*) group
        self.write(f"{len(USERS)} profiles\n")


def make_app(**overrides):
    routes = [
        (r"/cpp", SubjectHandler, {"subject": "C++"}),
        (r"/python", SubjectHandler, {"subject": "Python"}),
        (r"/user/([^/]+)", ProfileHandler),
        (r"/broken/user/(.*)", BrokenProfileHandler),
        (r"/broken/no-subject", SubjectHandler),
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
