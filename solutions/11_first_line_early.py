r"""Exercise 11 - Send the first line early

Task: GET /report must send its first line "Working...\n" at once with flush(),
before the slow part. The answer then goes out chunked (Transfer-Encoding:
chunked): "Working...\n" is its first chunk and "Done.\n" its second.

Run it:   make exercise-11
Check it: make check-11    (stuck? make hint-11)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class ReportHandler(tornado.web.RequestHandler):
    async def get(self):
        self.write("Working...\n")
        # flush() sends the headers and the buffer now: the client sees this line
        await self.flush()
        await asyncio.sleep(0.02)  # the slow part (short, so the checks stay quick)
        self.write("Done.\n")


def make_app(**overrides):
    return tornado.web.Application([(r"/report", ReportHandler)], **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
