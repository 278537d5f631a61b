"""Lesson 11 - write(), buffering and flush() (write 与 flush)

write() sends nothing yet. It adds text to a buffer. When the handler returns,
finish() sends the whole buffer as one body with one Content-Length. flush() sends
the headers and the buffer now. The length is not known yet, so the body goes out
chunked, and curl shows each number as it comes. A header or a status set after
flush() is lost. A client may leave early (a tab closed, curl stopped with Ctrl+C).
Then flush() raises StreamClosedError. Catch it and stop: nobody is left to answer.

Run:
    make lesson-11
    python lessons/11_write_and_flush.py --port=8000 --delay=0.5

Try it:
    curl -i http://127.0.0.1:8000/countdown/buffer                  # -> 200
    curl -i http://127.0.0.1:8000/countdown/flush                   # -> 200
    curl -i http://127.0.0.1:8000/broken/after-flush                # -> 200
    curl -i http://127.0.0.1:8000/broken/flush-callback             # -> 500

Older tutorials stream with @tornado.web.asynchronous and flush(callback=...).
Tornado 6 removed both: flush(callback=...) raises TypeError (see
/broken/flush-callback). Today write `async def get()` and `await self.flush()`.
"""

import asyncio

import tornado.web
from tornado.iostream import StreamClosedError
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")
define("delay", default=0.5, type=float, help="seconds between two numbers")


class CountdownHandler(tornado.web.RequestHandler):
    async def get(self, how):
        try:
            for number in (3, 2, 1):
                self.write(f"{number}\n")
                if how == "flush":
                    await self.flush()  # the headers go now, before the length is known
                await asyncio.sleep(options.delay)
            self.write("liftoff!\n")
        except StreamClosedError:  # not an error: uncaught, it logs a traceback
            pass


class BrokenAfterFlushHandler(tornado.web.RequestHandler):
    async def get(self):
        self.write("The headers left with the first flush().\n")
        self.set_header("X-Before-Flush", "sent")
        await self.flush()
        self.set_header("X-After-Flush", "lost")  # too late, and nothing says so
        self.set_status(201)  # too late as well: only the access log shows 201


class BrokenFlushCallbackHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("Tornado 4 streamed like this.\n")
        self.flush(callback=lambda: None)  # TypeError: Tornado 6 removed callback


def make_app(**overrides):
    routes = [(r"/countdown/(buffer|flush)", CountdownHandler)]
    routes += [(r"/broken/after-flush", BrokenAfterFlushHandler)]
    routes += [(r"/broken/flush-callback", BrokenFlushCallbackHandler)]
    return tornado.web.Application(routes, **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
