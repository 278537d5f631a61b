"""Exercise 14 - 204 No Content

Task: DELETE /notes/<id> must remove the note and answer "204 No Content" with
an empty body. An unknown id stays a 404; GET /notes/<id> shows a note.

Run it:   make exercise-14
Check it: make check-14    (stuck? make hint-14)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class NoteHandler(tornado.web.RequestHandler):
    def initialize(self, notes):
        self.notes = notes

    def find(self, note_id):
        if note_id not in self.notes:
            raise tornado.web.HTTPError(404, reason="No such note")
        return note_id

    def get(self, note_id):
        self.write({"id": note_id, "text": self.notes[self.find(note_id)]})

    def delete(self, note_id):
        del self.notes[self.find(note_id)]
        # TODO: answer an empty 204 No Content instead of this body.
        self.write("Deleted.\n")


def make_app(**overrides):
    notes = {str(number): f"note {number}" for number in range(1, 6)}
    return tornado.web.Application(
        [(r"/notes/([0-9]+)", NoteHandler, {"notes": notes})], **overrides
    )


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
