"""Lesson 09 - File upload (文件上传)

request.files maps each file field of a multipart form to a list of HTTPFile
objects (filename, body, content_type). The filename and type are only what the
client claims. So the server makes up the name: a uuid, plus an extension read
from the file's first bytes. It writes in binary mode with "xb" (never
overwrite), inside --upload_dir. prepare() runs before post(): a body over 1 MB
gets a 413 there, and nothing is stored. The form must carry an XSRF token,
because the app sets xsrf_cookies=True (lesson 16 explains it).

Run:
    make lesson-09
    python lessons/09_file_upload.py --port=8000 --upload_dir=uploads

Try it:
    # The form sets the _xsrf cookie and hides the same token in a field
    curl -i http://127.0.0.1:8000/upload  # -> 200
    # A POST without the token is refused before the handler runs
    curl -i -F file=@README.md http://127.0.0.1:8000/upload  # -> 403
    # Cookie and field agree: stored under a new name, the type read from the bytes
    curl -b _xsrf=t -F _xsrf=t -F file=@README.md http://127.0.0.1:8000/upload  # -> 200
    curl -i -b _xsrf=t -F _xsrf=t -F note=hi http://127.0.0.1:8000/upload  # -> 400

Older tutorials say: `open("./itcast", "w+")`, then `file.write(body)`. That was
Python 2, where bytes were str. In Python 3 "w+" opens a text file and write()
raises TypeError: a 500 (/broken/upload runs it, in --upload_dir). By then "w+"
has created or emptied the file. And with one fixed name, each upload replaces
the one before.

Older tutorials say nothing about size. Tornado keeps a body in memory up to
the server's max_body_size: 100 MB by default, 4 MB here (set in listen()).
Above that it answers a bare "400 Bad Request" and closes the connection,
before any handler runs. The clear 413 comes from prepare().
"""

import asyncio
import os
import uuid

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")
define("upload_dir", default="uploads", help="folder for uploaded files")

MAX_UPLOAD_BYTES = 1024 * 1024  # prepare() answers 413 above this
MAX_BODY_BYTES = 4 * MAX_UPLOAD_BYTES  # the server hangs up above this
MAGIC_BYTES = {
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
    b"GIF8": ("image/gif", ".gif"),
}


def sniff(data):
    """The file's type and extension, from its first bytes."""
    for magic, kind in MAGIC_BYTES.items():
        if data.startswith(magic):
            return kind
    return ("application/octet-stream", ".bin")


class UploadHandler(tornado.web.RequestHandler):
    def prepare(self):
        if len(self.request.body) > MAX_UPLOAD_BYTES:
            raise tornado.web.HTTPError(413)

    def get(self):
        self.render("09_upload.html", name=None)

    def post(self):
        uploads = self.request.files.get("file")
        if not uploads:
            raise tornado.web.HTTPError(400, "no file in the form field 'file'")
        upload = uploads[0]
        kind, extension = sniff(upload.body)
        name = uuid.uuid4().hex + extension  # the client's filename is never a path
        with open(os.path.join(options.upload_dir, name), "xb") as out:
            out.write(upload.body)
        size = len(upload.body)
        self.render(
            "09_upload.html", filename=upload.filename, size=size, kind=kind, name=name
        )


class BrokenUploadHandler(tornado.web.RequestHandler):
    def post(self):
        # The older tutorial's code, but in the upload folder, not in ./
        img_files = self.request.files.get("img")
        if img_files:
            img_file = img_files[0]["body"]
            path = os.path.join(options.upload_dir, "itcast")
            file = open(path, "w+")  # noqa: SIM115
            file.write(img_file)
            file.close()
        self.write("OK")


def make_app(**overrides):
    settings = {
        "template_path": os.path.join(os.path.dirname(__file__), "templates"),
        "xsrf_cookies": True,
        **overrides,
    }
    return tornado.web.Application(
        [(r"/upload", UploadHandler), (r"/broken/upload", BrokenUploadHandler)],
        **settings,
    )


async def main():
    parse_command_line()
    os.makedirs(options.upload_dir, exist_ok=True)
    app = make_app()
    app.listen(options.port, address=options.host, max_body_size=MAX_BODY_BYTES)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
