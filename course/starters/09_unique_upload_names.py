"""Exercise 09 - A name the server makes up

Task: POST /avatar stores the PNG of the form field "avatar" in --upload_dir and
answers 201 with JSON {"stored_as": name, "size": bytes}. Give every upload a new
name: 32 hex digits from uuid.uuid4().hex, then ".png" (never the client's
filename), so that a second upload is stored too (201) instead of a 500.
Already done: bytes that are no PNG get a 415, a form without "avatar" a 400.

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

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class AvatarHandler(tornado.web.RequestHandler):
    def post(self):
        avatars = self.request.files.get("avatar")
        if not avatars:
            raise tornado.web.HTTPError(400, "no file in the form field 'avatar'")
        avatar = avatars[0]
        if not avatar.body.startswith(PNG_SIGNATURE):
            raise tornado.web.HTTPError(415, "only PNG files")
        # TODO: make up a new name for every upload, as the task says.
        name = "avatar.png"
        os.makedirs(options.upload_dir, exist_ok=True)
        # Don't change these lines: "xb" refuses to overwrite a file.
        with open(os.path.join(options.upload_dir, name), "xb") as out:
            out.write(avatar.body)
        self.set_status(201)
        self.write({"stored_as": name, "size": len(avatar.body)})


def make_app(**overrides):
    return tornado.web.Application([(r"/avatar", AvatarHandler)], **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host, max_body_size=1024 * 1024)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
