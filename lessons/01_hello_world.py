"""Lesson 01 - Hello, world (你好, Tornado)

An Application maps URL patterns to RequestHandler classes. For every request
Tornado creates a new handler and calls the method named after the HTTP verb:
get() for GET, post() for POST. A path no pattern matches answers 404.
tornado.options turns each define() into a command-line flag (--port, --host).

Run:
    make lesson-01
    python lessons/01_hello_world.py --port=8000

Try it:
    curl -i http://127.0.0.1:8000/                  # -> 200
    curl -i http://127.0.0.1:8000/nowhere           # -> 404

Older tutorials say: start a server with `HTTPServer(app).listen(port)` and
`IOLoop.current().start()`. That still works, but today's entry point is
`asyncio.run(main())`; app.listen() creates the HTTPServer for you.
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")


class HelloHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("Hello, world! 你好, Tornado!\n")


def make_app(**overrides):
    return tornado.web.Application([(r"/", HelloHandler)], **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
