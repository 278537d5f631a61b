r"""Lesson 07 - write() and JSON (write 与 JSON 输出)

write() appends to an output buffer; when the handler returns, finish() sends
it as one response: one body, one Content-Length. write(dict) sends JSON (with
Chinese as \uXXXX) and sets Content-Type application/json; a JSON string you
made yourself is text/html unless you set the header. write(list) is refused:
wrap the list in an object. flush() sends the headers and the buffer at once:
the body goes out in chunks, and headers set later are lost.

Run:
    make lesson-07
    python lessons/07_write_and_json.py --port=8000

Try it:
    # three write() calls, one body, one Content-Length
    curl -i http://127.0.0.1:8000/buffer                            # -> 200
    # write(dict): application/json, Chinese escaped as \uXXXX
    curl -i http://127.0.0.1:8000/student                           # -> 200
    # the same JSON made with json.dumps() is just text/html
    curl -i http://127.0.0.1:8000/student/text                      # -> 200
    # ensure_ascii=False plus your own Content-Type: readable UTF-8 JSON
    curl -i http://127.0.0.1:8000/student/readable                  # -> 200
    # json_encode also writes "</" as "<\/"; a missing argument is a 400
    curl -i -G http://127.0.0.1:8000/echo --data-urlencode "text=你好</script>"  # -> 200
    curl -i http://127.0.0.1:8000/echo                              # -> 400
    # write(list) raises TypeError: a 500 on purpose; the fix wraps the list
    curl -i http://127.0.0.1:8000/broken/scores                     # -> 500
    curl -i http://127.0.0.1:8000/scores                            # -> 200
    # two dicts in a row: two JSON documents glued together, invalid JSON
    curl -i http://127.0.0.1:8000/broken/two-objects                # -> 200
    # flush(): no Content-Length, Transfer-Encoding: chunked
    curl -i http://127.0.0.1:8000/countdown                         # -> 200
    # a header set after flush() never leaves the server
    curl -i http://127.0.0.1:8000/broken/header-after-flush         # -> 200
    # write() after finish(): the client got its answer, the log gets a RuntimeError
    curl -i http://127.0.0.1:8000/broken/write-after-finish         # -> 200

Older tutorials say: write(dict) "converts the dict to a JSON string", and for
readable Chinese `self.write(json.dumps(data, ensure_ascii=False))`. Today
write(dict) calls tornado.escape.json_encode (json.dumps, then "</" -> "<\/"),
which escapes every non-ASCII character; and a str you write is sent as
text/html, so set_header("Content-Type", "application/json; charset=UTF-8")
yourself, after write() and before any flush().

Older tutorials say: stream with @tornado.web.asynchronous and
self.flush(callback=...), or `yield self.flush()` in a @gen.coroutine. Tornado 6
removed the decorator and the callback; today write `async def get()` and
`await self.flush()`.
"""

import asyncio
import json

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: every network)")

STUDENT = {"name": "张三", "age": 24}
SCORES = [90, 85, 77]
JSON_UTF8 = "application/json; charset=UTF-8"


class BufferHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("Hello, ")
        self.write("Tornado")
        self.write("!\n")


class StudentHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(STUDENT)


class StudentTextHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(json.dumps(STUDENT))  # a str: Tornado cannot know it is JSON


class ReadableStudentHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(json.dumps(STUDENT, ensure_ascii=False))
        self.set_header("Content-Type", JSON_UTF8)  # after write() is fine: nothing is sent yet


class EchoHandler(tornado.web.RequestHandler):
    def get(self):
        self.write({"text": self.get_argument("text")})


class BrokenScoresHandler(tornado.web.RequestHandler):
    def get(self):
        # TypeError: old browsers let another site read a top-level JSON array
        # through <script src=...> with your cookies (JSON hijacking).
        self.write(SCORES)


class ScoresHandler(tornado.web.RequestHandler):
    def get(self):
        self.write({"scores": SCORES})


class BrokenTwoObjectsHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(STUDENT)
        self.write({"scores": SCORES})  # one response holds one document: use one dict


class CountdownHandler(tornado.web.RequestHandler):
    async def get(self):
        for number in (3, 2, 1):
            self.write(f"{number}\n")
            await self.flush()  # the headers go now, before the length is known: chunked
            await asyncio.sleep(0.05)
        self.write("liftoff!\n")


class BrokenHeaderAfterFlushHandler(tornado.web.RequestHandler):
    async def get(self):
        self.write("The headers left with the first flush().\n")
        self.set_header("X-Before-Flush", "sent")
        await self.flush()
        self.set_header("X-After-Flush", "lost")  # too late, and nothing says so


class BrokenWriteAfterFinishHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("This answer is complete.\n")
        self.finish()
        self.write("One line too many.\n")  # RuntimeError: the answer is already sent


def make_app(**overrides):
    return tornado.web.Application(
        [
            (r"/buffer", BufferHandler),
            (r"/student", StudentHandler),
            (r"/student/text", StudentTextHandler),
            (r"/student/readable", ReadableStudentHandler),
            (r"/echo", EchoHandler),
            (r"/scores", ScoresHandler),
            (r"/countdown", CountdownHandler),
            (r"/broken/scores", BrokenScoresHandler),
            (r"/broken/two-objects", BrokenTwoObjectsHandler),
            (r"/broken/header-after-flush", BrokenHeaderAfterFlushHandler),
            (r"/broken/write-after-finish", BrokenWriteAfterFinishHandler),
        ],
        **overrides,
    )


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
