"""Lesson 24 - HTTP methods, 405 and Allow (HTTP 方法)

Tornado calls the handler method named after the request's method. A method you do
not write answers 405, HEAD and OPTIONS too, without the Allow header RFC 9110
requires. So write_error() adds it. PUT replaces a whole note, PATCH changes the
fields it sends. GET, HEAD and OPTIONS are safe: they change nothing. PUT and DELETE
are idempotent: twice does what once does. POST is not: two make two notes.

Run:
    make lesson-24
    python lessons/24_http_methods.py --port=8000

Try it:
    curl -i http://127.0.0.1:8000/notes --json '{"title": "Buy milk"}'          # -> 201
    curl -i -X PATCH http://127.0.0.1:8000/notes/1 --json '{"done": true}'      # -> 200
    curl -I http://127.0.0.1:8000/notes/1                                       # -> 200
    curl -i -X OPTIONS http://127.0.0.1:8000/notes/1                            # -> 204
    curl -i -X BREW http://127.0.0.1:8000/notes                                 # -> 405
    curl -I http://127.0.0.1:8000/broken/get-only                               # -> 405

Older tutorials' table lists seven methods: Tornado's SUPPORTED_METHODS (any
other is a 405). Its head is "like get without the body", its options "returns
every method the URL supports". True in HTTP; Tornado does neither (/broken/get-only).
"""

import asyncio
import json

import tornado.web
from tornado.options import define, options, parse_command_line
from tornado.web import HTTPError

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")


class ApiHandler(tornado.web.RequestHandler):
    def options(self, *args):
        self.set_header("Allow", self.ALLOW)
        self.set_status(204)

    def write_error(self, status_code, **kwargs):
        if status_code == 405:  # RFC 9110: a 405 MUST list the allowed methods
            self.set_header("Allow", self.ALLOW)
        self.write({"error": self._reason})

    def save(self, note, replace=False):
        media_type = self.request.headers.get("Content-Type", "").split(";")[0]
        if media_type.strip().lower() != "application/json":
            raise HTTPError(415, reason="Send Content-Type: application/json")
        try:
            body = json.loads(self.request.body.decode("utf-8"))
        except (ValueError, RecursionError):
            raise HTTPError(400, reason="The body is not valid JSON") from None
        if not isinstance(body, dict) or body.keys() - {"title", "done"}:
            raise HTTPError(400, reason="Send an object with only title and done")
        new = {"title": None, "done": False, **({} if replace else note), **body}
        title, done = new["title"], new["done"]
        if not (isinstance(title, str) and title.strip() and isinstance(done, bool)):
            raise HTTPError(400, reason="Send a title text and done true or false")
        self.settings["notes"][note["id"]] = {**note, **new}  # stored once it is valid
        return self.settings["notes"][note["id"]]

    def find(self, note_id):
        if int(note_id) not in self.settings["notes"]:
            raise HTTPError(404, reason="No such note")
        return self.settings["notes"][int(note_id)]


class NotesHandler(ApiHandler):
    ALLOW = "GET, HEAD, POST, OPTIONS"

    def get(self):
        self.write({"notes": list(self.settings["notes"].values())})

    head = get

    def post(self):
        note = self.save({"id": next(self.settings["ids"])})
        self.set_status(201)
        self.set_header("Location", f"/notes/{note['id']}")
        self.write(note)


class NoteHandler(ApiHandler):
    ALLOW = "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"

    def get(self, note_id):
        self.write(self.find(note_id))

    head = get  # Tornado drops the body and keeps its Content-Length

    def put(self, note_id):
        self.write(self.save(self.find(note_id), replace=True))  # a whole new note

    def patch(self, note_id):
        self.write(self.save(self.find(note_id)))

    def delete(self, note_id):
        del self.settings["notes"][self.find(note_id)["id"]]
        self.set_status(204)


class BrokenGetOnlyHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("Only get() is written here.\n")


def make_app(**overrides):
    routes = [
        (r"/notes", NotesHandler),
        (r"/notes/([0-9]{1,9})", NoteHandler),  # int() of 5000 digits raises
        (r"/broken/get-only", BrokenGetOnlyHandler),
    ]
    ids = iter(range(1, 10**9))  # ids fit the route's 9 digits
    return tornado.web.Application(routes, notes={}, ids=ids, **overrides)


async def main():
    parse_command_line()
    app = make_app()
    # Bodies up to Tornado's max_body_size (100 MB); lesson 09 shows a tighter cap.
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
