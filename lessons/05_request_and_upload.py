"""Lesson 05 - The request object and file upload (请求信息与文件上传)

self.request describes the request as it arrived: method, uri (path + "?" +
query), version, headers, body (bytes), remote_ip (the socket's peer), host
(the client's Host header, port included; host_name is the name alone) and
files, the file parts of a multipart form: {field: [HTTPFile(filename, body,
content_type)]}. All of it is client input. So an upload is stored in binary
mode, under a name the server makes up, inside --upload_dir; its type comes
from its first bytes, not from the client's filename or Content-Type; and
prepare(), which runs before post(), refuses a body over 1 MB with a 413.
With xsrf_cookies=True every POST must carry the token that
{% module xsrf_form_html() %} hides in the form, or it is a 403.

Run:
    make lesson-05
    python lessons/05_request_and_upload.py --port=8000 --upload_dir=uploads

Try it:
    # Everything the request object knows, as JSON
    curl -i "http://127.0.0.1:8000/request?lang=py&page=2" -H "X-Demo: yes"   # -> 200
    # host is whatever the client sent as Host, port included
    curl -i http://127.0.0.1:8000/request -H "Host: Example.com:8080"   # -> 200
    # The form sets the _xsrf cookie and hides the same token in a field
    curl -i http://127.0.0.1:8000/upload   # -> 200
    # A POST without the token is refused before the handler runs
    curl -i -F "file=@README.md" http://127.0.0.1:8000/upload   # -> 403
    # Cookie and token agree, so it passes; files shows the client's type claim as is
    curl -i -b _xsrf=t -H "X-XSRFToken: t" -F "f=@README.md;type=image/png" http://127.0.0.1:8000/request   # -> 200

Older tutorials say: `open("./itcast", "w+")` then `file.write(body)`. That was
Python 2, where bytes were str. In Python 3 "w+" opens a text file, so write()
raises TypeError: a 500 (/broken/upload runs that code, in --upload_dir), and
"w+" has already created or emptied the file. Even in Python 2, every upload
overwrote the one before (one fixed name), any size was accepted, and nothing
checked that the "img" field held an image.

Older tutorials say: `host` is the host name. It is the Host header as the
client sent it, with the port; `host_name` is the name alone, lower-cased.

Older tutorials say nothing about size. Tornado reads a body into memory up to
the server's max_body_size (100 MB by default; 4 MB here, set in listen()); a
body over it gets a bare "400 Bad Request" and a closed connection, not a 413.
That is the backstop; the clear 413 comes from prepare(). A
@stream_request_body handler could refuse before the body arrives, but then the
form's _xsrf field is not parsed yet (403 unless the token comes as an
X-XSRFToken header) and you parse the form yourself.
"""

import asyncio
import os
import uuid

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: every network)")
define("upload_dir", default="uploads", help="folder for uploaded files (relative: to the current directory)")

MAX_UPLOAD_BYTES = 1024 * 1024  # the handler answers 413 above this
MAX_BODY_BYTES = 4 * MAX_UPLOAD_BYTES  # the server drops the connection above this
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


class RequestInfoHandler(tornado.web.RequestHandler):
    def get(self):
        request = self.request
        files = {
            field: [{"filename": f.filename, "content_type": f.content_type, "size": len(f.body)} for f in parts]
            for field, parts in request.files.items()
        }
        self.write(
            {
                "method": request.method,
                "uri": request.uri,
                "path": request.path,
                "query": request.query,
                "version": request.version,
                "host": request.host,
                "host_name": request.host_name,
                "remote_ip": request.remote_ip,
                "files": files,
                "body": request.body[:200].decode("utf-8", "replace"),  # the start: bodies can be megabytes
                "headers": dict(request.headers),
            }
        )

    post = get  # the same answer; a POST has a body and maybe files


class UploadHandler(tornado.web.RequestHandler):
    def prepare(self):
        # Runs after the XSRF check and before post(): nothing is stored yet.
        if len(self.request.body) > MAX_UPLOAD_BYTES:
            raise tornado.web.HTTPError(413)

    def get(self):
        self.render("05_upload.html", stored=None)

    def post(self):
        uploads = self.request.files.get("file")
        if not uploads:
            raise tornado.web.HTTPError(400, "no file in the form field 'file'")
        upload = uploads[0]
        content_type, extension = sniff(upload.body)
        name = uuid.uuid4().hex + extension  # the client's filename never becomes a path
        os.makedirs(options.upload_dir, exist_ok=True)
        with open(os.path.join(options.upload_dir, name), "xb") as out:  # x: never overwrite a file
            out.write(upload.body)
        stored = {"filename": upload.filename, "size": len(upload.body), "content_type": content_type, "name": name}
        self.render("05_upload.html", stored=stored)


class BrokenUploadHandler(tornado.web.RequestHandler):
    def post(self):
        # The older tutorial's code, except the file lands in the upload folder.
        os.makedirs(options.upload_dir, exist_ok=True)
        files = self.request.files
        img_files = files.get("img")
        if img_files:
            img_file = img_files[0]["body"]
            file = open(os.path.join(options.upload_dir, "itcast"), "w+")  # noqa: SIM115
            file.write(img_file)  # TypeError: write() argument must be str, not bytes
            file.close()
        self.write("OK")


def make_app(**overrides):
    settings = {
        "template_path": os.path.join(os.path.dirname(__file__), "templates"),
        "xsrf_cookies": True,
        **overrides,
    }
    return tornado.web.Application(
        [
            (r"/request", RequestInfoHandler),
            (r"/upload", UploadHandler),
            (r"/broken/upload", BrokenUploadHandler),
        ],
        **settings,
    )


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host, max_body_size=MAX_BODY_BYTES)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
