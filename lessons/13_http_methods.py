"""Lesson 13 - HTTP methods (HTTP 方法)

Tornado calls the handler method named after the request's method: get(),
post(), put(), patch(), delete(), head(), options(). Each one you do not write
answers 405, HEAD and OPTIONS too, and without the Allow header RFC 9110
requires on a 405: write_error() adds it here. /notes is a JSON resource: POST
creates (201 + Location), PUT replaces a whole note, PATCH changes the fields
it sends, DELETE removes (204, then 404). Ids come from POST, so a PUT to an
unknown id is a 404. GET, HEAD and OPTIONS are safe: they change nothing. PUT
and DELETE are idempotent: twice leaves the same state as once. POST is
neither: twice makes two notes. A body must be a JSON object of at most 4 KiB
(else 413) sent as application/json (else 415); anything else is a 400.

Run:
    make lesson-13
    python lessons/13_http_methods.py --port=8000

Try it:
    # no notes yet; POST creates note 1: 201 and Location: /notes/1
    curl -i http://127.0.0.1:8000/notes                                           # -> 200
    curl -i http://127.0.0.1:8000/notes --json '{"title": "Buy milk"}'            # -> 201
    curl -i http://127.0.0.1:8000/notes/1                                         # -> 200
    # HEAD: the headers of the GET, the same Content-Length, no body
    curl -I http://127.0.0.1:8000/notes/1                                         # -> 200
    # OPTIONS: an empty 204 whose Allow header lists the methods
    curl -i -X OPTIONS http://127.0.0.1:8000/notes/1                              # -> 204
    # PATCH changes done only; PUT replaces the note, so done is false again
    curl -i -X PATCH http://127.0.0.1:8000/notes/1 --json '{"done": true}'        # -> 200
    curl -i -X PUT http://127.0.0.1:8000/notes/1 --json '{"title": "Buy oat milk"}'   # -> 200
    # PUT never creates: note 2 does not exist
    curl -i -X PUT http://127.0.0.1:8000/notes/2 --json '{"title": "Buy tea"}'    # -> 404
    # a method the handler lacks, a method Tornado does not know: 405 with Allow
    curl -i -X POST http://127.0.0.1:8000/notes/1 --json '{"title": "Buy tea"}'   # -> 405
    curl -i -X BREW http://127.0.0.1:8000/notes                                   # -> 405
    # bad bodies: a wrong type, not an object, not JSON, not sent as JSON
    curl -i http://127.0.0.1:8000/notes --json '{"title": 42}'                    # -> 400
    curl -i http://127.0.0.1:8000/notes --json '["Buy milk"]'                     # -> 400
    curl -i http://127.0.0.1:8000/notes --json '{"title": '                       # -> 400
    curl -i http://127.0.0.1:8000/notes -d "title=Buy milk"                       # -> 415
    # this very file as the body: over 4 KiB
    curl -i http://127.0.0.1:8000/notes --json @lessons/13_http_methods.py        # -> 413
    # DELETE: 204, and the note stays gone
    curl -i -X DELETE http://127.0.0.1:8000/notes/1                               # -> 204
    curl -i -X DELETE http://127.0.0.1:8000/notes/1                               # -> 404
    # Tornado's defaults: only get() written, so HEAD and OPTIONS are 405s, no Allow
    curl -I http://127.0.0.1:8000/broken/get-only                                 # -> 405
    curl -i -X OPTIONS http://127.0.0.1:8000/broken/get-only                      # -> 405

Older tutorials' table says head is "like get, without the body" and options
"returns every method the URL supports". That is what the methods mean in
HTTP, but Tornado does neither for you: without head() and options() both are
405s (/broken/get-only). Today write head() by calling get(): Tornado drops the
body of a HEAD answer and keeps the Content-Length the GET would have. Write
options() to send Allow yourself. The table's other rows (get, post, put
replaces, patch changes a part, delete) still hold.

Older tutorials' table lists seven methods, and Tornado's SUPPORTED_METHODS
holds exactly those seven. Any other method (TRACE, CONNECT, PROPFIND, BREW)
is a 405, even on a path no route matches; RFC 9110 suggests 501 for a method
the server does not know, Tornado does not. To serve one, add it to
SUPPORTED_METHODS and write the method in lower case.

Tornado reads the whole body before it calls post() or put(), up to the
server's max_body_size (100 MB unless listen() says less). Over that cap it
answers a bare 400 and closes the connection, never a 413. So main() sets the
cap to 1 MiB, and read_note() answers a clear 413 above its own 4 KiB.
"""

import asyncio
import itertools
import json

import tornado.web
from tornado.options import define, options, parse_command_line
from tornado.web import HTTPError

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: every network)")

MAX_NOTE_BYTES = 4 * 1024  # a note is a title and a flag: 4 KiB is plenty
MAX_BODY_SIZE = 1024 * 1024  # Tornado's own cap, checked before any handler runs


class ApiHandler(tornado.web.RequestHandler):
    ALLOWED = ("OPTIONS",)  # each handler lists the methods it writes

    def initialize(self, notes, ids):
        self.notes = notes
        self.ids = ids

    def options(self, *args):
        self.set_header("Allow", ", ".join(self.ALLOWED))
        self.set_status(204)

    def write_error(self, status_code, **kwargs):
        if status_code == 405:  # RFC 9110: a 405 MUST say which methods are allowed
            self.set_header("Allow", ", ".join(self.ALLOWED))
        self.write({"error": self._reason})  # the reason phrase send_error() has just set

    def read_note(self, partial):
        """The body as a dict of valid fields; partial=True (PATCH): title may be absent."""
        if len(self.request.body) > MAX_NOTE_BYTES:
            raise HTTPError(413, reason=f"The body is over {MAX_NOTE_BYTES} bytes")
        media_type = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            raise HTTPError(415, reason="Send Content-Type: application/json")
        try:
            data = json.loads(self.request.body.decode("utf-8"))
        except UnicodeDecodeError:
            raise HTTPError(400, reason="The body is not UTF-8") from None
        except (ValueError, RecursionError):  # bad JSON; [[[[... nested too deep
            raise HTTPError(400, reason="The body is not valid JSON") from None
        if not isinstance(data, dict):
            raise HTTPError(400, reason="The body must be a JSON object")
        if data.keys() - {"title", "done"}:
            raise HTTPError(400, reason="A note has only the fields title and done")
        title = data.get("title")
        if ("title" in data or not partial) and not (isinstance(title, str) and title.strip()):
            raise HTTPError(400, reason="The title must be a non-empty string")
        if not isinstance(data.get("done", False), bool):
            raise HTTPError(400, reason="The done field must be true or false")
        return data

    def find(self, note_id):
        if int(note_id) not in self.notes:
            raise HTTPError(404, reason="No such note")
        return self.notes[int(note_id)]


class NotesHandler(ApiHandler):
    ALLOWED = ("GET", "HEAD", "POST", "OPTIONS")

    def get(self):
        self.write({"notes": list(self.notes.values())})

    def head(self):
        self.get()  # the body is dropped, its length stays in Content-Length

    def post(self):
        data = self.read_note(partial=False)
        note = {"id": next(self.ids), "title": data["title"], "done": data.get("done", False)}
        self.notes[note["id"]] = note
        self.set_status(201)
        self.set_header("Location", f"/notes/{note['id']}")
        self.write(note)


class NoteHandler(ApiHandler):
    ALLOWED = ("GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS")

    def get(self, note_id):
        self.write(self.find(note_id))

    def head(self, note_id):
        self.get(note_id)

    def put(self, note_id):
        note = self.find(note_id)
        data = self.read_note(partial=False)
        note.update(title=data["title"], done=data.get("done", False))  # every field: a replacement
        self.write(note)

    def patch(self, note_id):
        note = self.find(note_id)
        note.update(self.read_note(partial=True))  # only the fields sent
        self.write(note)

    def delete(self, note_id):
        del self.notes[self.find(note_id)["id"]]
        self.set_status(204)


class BrokenGetOnlyHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("Only get() is written here.\n")


def make_app(**overrides):
    store = {"notes": {}, "ids": itertools.count(1)}  # in memory: a restart starts empty
    return tornado.web.Application(
        [
            (r"/notes", NotesHandler, store),
            (r"/notes/([0-9]{1,9})", NoteHandler, store),  # int() of 5000 digits would raise
            (r"/broken/get-only", BrokenGetOnlyHandler),
        ],
        **overrides,
    )


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host, max_body_size=MAX_BODY_SIZE)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
