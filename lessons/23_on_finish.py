"""Lesson 23 - on_finish() and the error path (on_finish 与出错时的顺序)

On an error (raise HTTPError, or send_error()), Tornado calls clear(). It drops
the headers set so far (X-Get here) and calls set_default_headers() again. Then
write_error() builds the page, and on_finish() runs once it is sent. send_error()
does not end the method: its next line runs after on_finish(), so return right
after it. on_finish() runs on every path, even when prepare() did not (PROPFIND).
Use it for cleanup and logging: the client already has the answer.

Run:
    make lesson-23
    python lessons/23_on_finish.py --port=8000

Try it:
    # an error: set_default_headers runs twice, then write_error
    curl -i "http://127.0.0.1:8000/hooks?fail=raise"                      # -> 403
    # send_error() does not end get(): its last line runs after on_finish
    curl -i -H "X-Request-Id: send" "http://127.0.0.1:8000/hooks?fail=send"     # -> 403
    curl -i "http://127.0.0.1:8000/last-order?id=send"                    # -> 200
    # PUT: prepare(), then the 405; PROPFIND: the 405 before prepare()
    curl -i -X PUT http://127.0.0.1:8000/hooks                            # -> 405
    curl -i -X PROPFIND -H "X-Request-Id: propfind" http://127.0.0.1:8000/hooks # -> 405
    curl -i "http://127.0.0.1:8000/last-order?id=propfind"                # -> 200
    # the client has its answer; write() in on_finish() logs a RuntimeError
    curl -i http://127.0.0.1:8000/broken/on-finish                        # -> 200

Older tutorials say "try not to" write in on_finish(). That was always too soft:
Tornado 4 raised the same RuntimeError as Tornado 6 ("Cannot write() after
finish()"), because the answer is already sent. set_status() and set_header()
there change nothing the client sees (/broken/on-finish).

Older tutorials' error order (the method, set_default_headers, write_error,
on_finish) still holds in Tornado 6. But send_error() is no raise: the method
goes on after on_finish() (/last-order?id=send). Return right after it.
"""

import asyncio
import collections

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")


class HooksHandler(tornado.web.RequestHandler):
    def record(self, hook):
        self.hooks = getattr(self, "hooks", [])  # set_default_headers() comes first
        self.hooks.append(hook)
        self.set_header("X-Hook-Order", ", ".join(self.hooks))

    def set_default_headers(self):
        self.record("set_default_headers")

    def initialize(self, history):
        self.history = history
        self.record("initialize")

    def prepare(self):
        self.record("prepare")

    def get(self):
        self.record("get")
        self.set_header("X-Get", "ran")
        if self.get_argument("fail", None) == "raise":
            raise tornado.web.HTTPError(403)
        if self.get_argument("fail", None) == "send":
            self.send_error(403)
            self.record("get goes on")  # send_error() did not end get()
            return
        self.write("get() ran. See the X-Hook-Order header.\n")

    def write_error(self, status_code, **kwargs):
        self.record("write_error")
        super().write_error(status_code, **kwargs)

    def on_finish(self):
        self.hooks.append("on_finish")  # the headers are gone: only the history sees it
        request_id = self.request.headers.get("X-Request-Id", "anonymous")
        self.history.append((request_id, self.hooks))


class LastOrderHandler(tornado.web.RequestHandler):
    def initialize(self, history):
        self.history = history

    def get(self):
        wanted = self.get_argument("id", "anonymous")
        found = [hooks for request_id, hooks in self.history if request_id == wanted]
        if not found:
            raise tornado.web.HTTPError(404, reason="No request with this X-Request-Id")
        self.write({"id": wanted, "hooks": found[-1]})


class BrokenOnFinishHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("The answer the client gets.\n")

    def on_finish(self):
        self.set_status(201)  # too late: the status line and headers are sent
        self.set_header("X-Too-Late", "yes")
        self.write("Too late.\n")  # RuntimeError: Cannot write() after finish()


def make_app(**overrides):
    recorded = {"history": collections.deque(maxlen=100)}  # the last 100 requests
    return tornado.web.Application(
        [
            (r"/hooks", HooksHandler, recorded),
            (r"/last-order", LastOrderHandler, recorded),
            (r"/broken/on-finish", BrokenOnFinishHandler),
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
