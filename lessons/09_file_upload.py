"""Lesson 09 - File upload (文件上传)

request.files maps each file field of a multipart form to HTTPFile objects (filename,
body, content_type). The client chooses the filename and type. So the server makes up
the name: a uuid, plus an extension read from the first bytes. It writes with "xb"
(binary, never overwrite), inside --upload_dir. @stream_request_body passes the body
to data_received() in pieces: it keeps 1 MB and drops the rest. post() answers 413
when all of it is in. An earlier answer closes the connection while the client still
sends. The server's system then answers with a reset, and the client can lose the 413.

Run:
    make lesson-09
    python lessons/09_file_upload.py --port=8000 --upload_dir=uploads

Try it:
    curl -i http://127.0.0.1:8000/upload  # -> 200
    # Without the token: post() refuses the form once all of it has arrived
    curl -i -F file=@README.md http://127.0.0.1:8000/upload  # -> 403
    # Cookie and field agree: stored under a new name, the type read from the bytes
    curl -b _xsrf=t -F _xsrf=t -F file=@README.md http://127.0.0.1:8000/upload  # -> 200
    curl -i -b _xsrf=t -F _xsrf=t -F note=hi http://127.0.0.1:8000/upload  # -> 400

Older tutorials say: `open("./itcast", "w+")`, then `file.write(body)`. In Python 3
"w+" opens a text file, so write(bytes) raises TypeError: a 500 (/broken/upload),
after "w+" emptied the file. And with one name, each upload replaces the one before.

Older tutorials say nothing about size. Without streaming, Tornado keeps a whole body
in memory before the handler runs, up to max_body_size (100 MB by default). Over that,
it refuses on the Content-Length alone: a bare 400, then it closes. We keep that limit.
"""

import asyncio
import os
import uuid

import tornado.httputil
import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")
define("upload_dir", default="uploads", help="folder for uploaded files")

MAX_UPLOAD_BYTES = 1024 * 1024
MAGIC_BYTES = {
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
    b"GIF8": ("image/gif", ".gif"),
}


def sniff(data):
    for magic, kind in MAGIC_BYTES.items():
        if data.startswith(magic):
            return kind
    return ("application/octet-stream", ".bin")


@tornado.web.stream_request_body
class UploadHandler(tornado.web.RequestHandler):
    def prepare(self):
        self.body = b""

    def data_received(self, chunk):
        if len(self.body) <= MAX_UPLOAD_BYTES:  # past 1 MB the rest is dropped
            self.body += chunk

    def check_xsrf_cookie(self):
        pass  # too early here: the _xsrf field is still on its way. post() checks it

    def get(self):
        self.render("09_upload.html", name=None)

    def post(self):
        if len(self.body) > MAX_UPLOAD_BYTES:
            raise tornado.web.HTTPError(413, reason="The upload is over 1 MB")
        content_type = self.request.headers.get("Content-Type", "")
        try:  # Tornado parses no streamed body: parse the form, then check its token
            tornado.httputil.parse_body_arguments(
                content_type, self.body, self.request.arguments, self.request.files
            )
        except tornado.httputil.HTTPInputError:
            raise tornado.web.HTTPError(400, reason="The form is not valid") from None
        super().check_xsrf_cookie()
        uploads = self.request.files.get("file")
        if not uploads:
            raise tornado.web.HTTPError(400, "no file in the form field 'file'")
        upload = uploads[0]
        kind, extension = sniff(upload.body)
        name = uuid.uuid4().hex + extension  # the client's filename is never a path
        with open(os.path.join(options.upload_dir, name), "xb") as out:
            out.write(upload.body)
        self.render("09_upload.html", upload=upload, kind=kind, name=name)


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
        "xsrf_cookie_kwargs": {"samesite": "Lax"},  # not sent with other sites' POSTs
        **overrides,
    }
    routes = [(r"/upload", UploadHandler), (r"/broken/upload", BrokenUploadHandler)]
    return tornado.web.Application(routes, **settings)


async def main():
    parse_command_line()
    os.makedirs(options.upload_dir, exist_ok=True)
    app = make_app()
    app.listen(options.port, address=options.host)  # max_body_size: 100 MB
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
