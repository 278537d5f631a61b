"""Exercise 23 - A timer line from on_finish()

Task: log one line per request from on_finish(), once the answer has gone:
"timer: <status> <method> <path> <milliseconds> ms", the milliseconds with two
decimals, e.g. "timer: 404 GET /items/9 0.42 ms". <status> is the status the
client got (404 and 405 too); <path> is without the query string.
GET /items/1 answers "tea", GET /items/2 "cake"; any other item is a 404.

Run it:   make exercise-23
Check it: make check-23    (stuck? make hint-23)
"""

import asyncio
import logging

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")

timer_log = logging.getLogger("timer")  # parse_command_line() sends it to stderr
ITEMS = {"1": "tea", "2": "cake"}


class ItemHandler(tornado.web.RequestHandler):
    def get(self, item_id):
        if item_id not in ITEMS:
            raise tornado.web.HTTPError(404)
        self.write(ITEMS[item_id] + "\n")

    def on_finish(self):
        # the answer is sent: get_status() is final, request_time() is in seconds
        request = self.request
        ms = 1000 * request.request_time()
        status, method, path = self.get_status(), request.method, request.path
        timer_log.info("timer: %d %s %s %.2f ms", status, method, path, ms)


def make_app(**overrides):
    routes = [(r"/items/([^/]+)", ItemHandler)]
    return tornado.web.Application(routes, **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
