"""Lesson 21 - Hook call order (接口调用顺序)

Tornado calls a handler's hooks in a fixed order. The constructor calls
set_default_headers() and then initialize(). Then come prepare(), the method
(get, post ...) and finish(), which sends the answer. on_finish() runs after
the client has it. Here each hook adds its name to a list. The X-Hook-Order
header shows the hooks that ran before the headers left. /last-order shows the
whole list: send an X-Request-Id header to keep your requests apart.

Run:
    make lesson-21
    python lessons/21_hook_order.py --port=8000

Try it:
    curl -i -H "X-Request-Id: mine" http://127.0.0.1:8000/hooks           # -> 200
    # on_finish ran after the answer: only the history shows it
    curl -i "http://127.0.0.1:8000/last-order?id=mine"                    # -> 200
    curl -i "http://127.0.0.1:8000/last-order?id=nobody"                  # -> 404
    # the old example's send_error(200): 200 OK with an empty body
    curl -i -X POST http://127.0.0.1:8000/broken/send-error-200           # -> 200
    # a write_error() that calls the parent's writes Tornado's page
    curl -i -X POST http://127.0.0.1:8000/broken/error-page-200           # -> 200

Older tutorials say initialize() runs first. Their own list puts
set_default_headers() first, and the list is right. So set_default_headers()
cannot use what initialize() stores: it raises AttributeError inside the
constructor, and the client gets no answer at all, not even a 500. Try
curl http://127.0.0.1:8000/broken/default-headers: "Empty reply from server".

Older tutorials show the order with self.send_error(200) in post(). 200 is no
error: the client gets 200 OK. Their write_error() only prints, so the body
is empty (/broken/send-error-200). Only a write_error() that calls the parent's
writes Tornado's error page, here "200: OK" (/broken/error-page-200).
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
        self.write("get() ran. See the X-Hook-Order header.\n")

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


class BrokenErrorPage200Handler(HooksHandler):
    def post(self):
        self.record("post")
        self.send_error(200)  # the old example's "error"


class BrokenSendError200Handler(BrokenErrorPage200Handler):
    def write_error(self, status_code, **kwargs):
        self.record("write_error")  # the old one only prints: it writes no page


class BrokenDefaultHeadersHandler(tornado.web.RequestHandler):
    def initialize(self):
        self.version = "21"

    def set_default_headers(self):
        self.set_header("X-Version", self.version)  # AttributeError: too early


def make_app(**overrides):
    recorded = {"history": collections.deque(maxlen=100)}  # the last 100 requests
    return tornado.web.Application(
        [
            (r"/hooks", HooksHandler, recorded),
            (r"/last-order", LastOrderHandler, recorded),
            (r"/broken/send-error-200", BrokenSendError200Handler, recorded),
            (r"/broken/error-page-200", BrokenErrorPage200Handler, recorded),
            (r"/broken/default-headers", BrokenDefaultHeadersHandler),
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
