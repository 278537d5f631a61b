"""Exercise 09 - A name the server makes up

Task: POST /avatar with a PNG as the body stores it in --upload_dir and answers 201 with
JSON {"stored_as": name, "size": bytes}. Give every upload a new name: 32 hex digits
from uuid.uuid4().hex, then ".png", so that a second upload is stored too (201), not a
500. Already done: a body over 1 MB gets a 413 "The upload is over 1 MB", no PNG a 415.

Run it:   make exercise-09
Check it: make check-09    (stuck? make hint-09)
"""

import asyncio
import os
import uuid

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")
define("upload_dir", default="uploads", help="folder for uploaded files")


@tornado.web.stream_request_body  # Don't change these lines: lesson 09's 1 MB cap.
class AvatarHandler(tornado.web.RequestHandler):
    def prepare(self):
        self.body = b""

    def data_received(self, chunk):
        if len(self.body) <= 1024 * 1024:  # past 1 MB the rest is read and dropped
            self.body += chunk

    def post(self):
        if len(self.body) > 1024 * 1024:  # answered once the whole body is in
            raise tornado.web.HTTPError(413, reason="The upload is over 1 MB")
        if not self.body.startswith(b"\x89PNG\r\n\x1a\n"):
            raise tornado.web.HTTPError(415, "only PNG files")
        # A new random name every time: no upload can take or replace another one.
        name = uuid.uuid4().hex + ".png"
        os.makedirs(options.upload_dir, exist_ok=True)
        # Don't change these lines: "xb" refuses to overwrite a file.
        with open(os.path.join(options.upload_dir, name), "xb") as out:
            out.write(self.body)
        self.set_status(201)
        self.write({"stored_as": name, "size": len(self.body)})


def make_app(**overrides):
    return tornado.web.Application([(r"/avatar", AvatarHandler)], **overrides)


async def main():
    parse_command_line()
    make_app().listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
