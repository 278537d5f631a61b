"""Lesson 08 - The request object (请求信息)

self.request holds the request as it arrived: method, uri, path, query, version,
headers (it works like a dict) and body (the raw bytes). remote_ip is the address
at the other end of the socket. By default, X-Forwarded-For does not change it.
files holds the file parts of a multipart form. Each filename and content_type is
only what the client claims. Tornado checks neither.

Run:
    make lesson-08
    python lessons/08_request_object.py --port=8000

Try it:
    curl -i "http://127.0.0.1:8000/request?lang=py&page=2" -H "X-Demo: yes"  # -> 200
    curl -i http://127.0.0.1:8000/request -H "Host: Example.com:8080"  # -> 200
    curl -i http://127.0.0.1:8000/request -H "X-Forwarded-For: 203.0.113.9"  # -> 200
    curl -i -d "name=Ada" http://127.0.0.1:8000/request  # -> 200
    curl -i -F "f=@README.md;type=image/png" http://127.0.0.1:8000/request  # -> 200

Older tutorials say `host` is the host name. It is the Host header as the client
sent it, port included. `host_name` is the name alone, lower-cased.
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")


class RequestInfoHandler(tornado.web.RequestHandler):
    def get(self):
        request = self.request
        # A file is a dict of filename, body and content_type. JSON cannot hold bytes.
        files = {
            name: [{**f, "body": f"{len(f.body)} bytes"} for f in parts]
            for name, parts in request.files.items()
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
                # The start only: a body can be megabytes.
                "body": request.body[:200].decode("utf-8", "replace"),
                "headers": dict(request.headers),
            }
        )

    post = get  # the same answer; a POST has a body and maybe files


def make_app(**overrides):
    return tornado.web.Application([(r"/request", RequestInfoHandler)], **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
