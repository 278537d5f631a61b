"""Exercise 05 - A safe avatar upload

Task: POST /avatar takes a multipart form with a picture in the field "avatar"
and stores it in the --upload_dir folder. As given, it believes everything the
client says. Make it
  1. answer 413 when the request body is over MAX_AVATAR_BYTES (64 KB), before
     anything is stored;
  2. accept only real PNG files: compare the file's first bytes with
     PNG_SIGNATURE, not the Content-Type the client sent; anything else is 415;
  3. store the file under a name the server makes up: 32 random hex digits
     and ".png" (os.urandom(16).hex() + ".png"), never the client's filename.
It answers 201 with JSON {"stored_as": name, "size": bytes}, and 400 when the
form has no "avatar" file.

No XSRF token here, unlike lesson 05's form: /avatar is an API for programs,
not a page for a logged-in browser. XSRF abuses the cookies a browser attaches
by itself; with no cookie involved, a forged cross-site POST gains nothing the
forger could not send directly.

Run it:   make exercise-05
Check it: make check-05    (stuck? make hint-05)
"""

import asyncio
import os

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")
define("upload_dir", default="uploads", help="folder for uploaded files")

MAX_AVATAR_BYTES = 64 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class AvatarHandler(tornado.web.RequestHandler):
    def prepare(self):
        if len(self.request.body) > MAX_AVATAR_BYTES:
            raise tornado.web.HTTPError(413)

    def post(self):
        avatars = self.request.files.get("avatar")
        if not avatars:
            raise tornado.web.HTTPError(400, "no file in the form field 'avatar'")
        avatar = avatars[0]
        if not avatar.body.startswith(PNG_SIGNATURE):
            raise tornado.web.HTTPError(415)
        name = os.urandom(16).hex() + ".png"
        os.makedirs(options.upload_dir, exist_ok=True)
        with open(os.path.join(options.upload_dir, name), "xb") as out:
            out.write(avatar.body)
        self.set_status(201)
        self.write({"stored_as": name, "size": len(avatar.body)})


def make_app(**overrides):
    return tornado.web.Application([(r"/avatar", AvatarHandler)], **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
