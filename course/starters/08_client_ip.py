r"""Exercise 08 - The client's address

Task: GET /ip answers the address of the client, as text/plain with a newline
after it (from this machine: "127.0.0.1\n"). Take it from the socket, not from
a header: an X-Forwarded-For or X-Real-Ip header must not change the answer.

Run it:   make exercise-08
Check it: make check-08    (stuck? make hint-08)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class IpHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        # TODO: answer the socket's peer address: any client can write this header.
        address = self.request.headers.get("X-Forwarded-For", "unknown")
        self.write(address + "\n")


def make_app(**overrides):
    return tornado.web.Application([(r"/ip", IpHandler)], **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
