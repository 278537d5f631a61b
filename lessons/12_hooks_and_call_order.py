"""Lesson 12 - Hooks and their call order (接口与调用顺序)

For every request Tornado calls a handler's hooks in a fixed order: the
constructor calls set_default_headers() and then initialize(**route_kwargs);
then prepare(), the method (get, post ...), and finish() sends the answer;
on_finish() runs after it. On an error (raise HTTPError or send_error()),
clear() calls set_default_headers() a second time and write_error() builds
the page. prepare() holds the checks every method shares: finish() or raise
HTTPError there, and the method never runs. on_finish() is for cleanup and
logging: the client already has the answer. Here each hook appends its name
to a list: X-Hook-Order shows the hooks that ran before the headers left,
/last-order the whole list (send X-Request-Id to keep your requests apart).

Run:
    make lesson-12
    python lessons/12_hooks_and_call_order.py --port=8000

Try it:
    # the normal order; /last-order adds on_finish, which ran after the answer
    curl -i http://127.0.0.1:8000/hooks                                   # -> 200
    curl -i http://127.0.0.1:8000/last-order                              # -> 200
    # an error: set_default_headers runs twice, then write_error
    curl -i -H "X-Request-Id: raise" "http://127.0.0.1:8000/hooks?fail=raise"   # -> 403
    # send_error() does not end get(): its last line runs after on_finish
    curl -i -H "X-Request-Id: send" "http://127.0.0.1:8000/hooks?fail=send"     # -> 403
    curl -i "http://127.0.0.1:8000/last-order?id=send"                    # -> 200
    curl -i "http://127.0.0.1:8000/last-order?id=nobody"                  # -> 404
    # PUT is a method HooksHandler lacks: prepare() runs, then the 405
    curl -i -X PUT http://127.0.0.1:8000/hooks                            # -> 405
    # PROPFIND is not in SUPPORTED_METHODS: the 405 comes before prepare()
    curl -i -X PROPFIND http://127.0.0.1:8000/hooks                       # -> 405
    # finish() in prepare(): get() never runs, on_finish() still does
    curl -i http://127.0.0.1:8000/finish-in-prepare                       # -> 200
    # the old example's send_error(200): Tornado's error page, with 200 OK
    curl -i -X POST http://127.0.0.1:8000/broken/send-error-200           # -> 200
    # write() in on_finish(): the client has its answer, the log a RuntimeError
    curl -i http://127.0.0.1:8000/broken/on-finish                        # -> 200
    # JSON read once in prepare() for post() and put(), written out escaped
    curl -i http://127.0.0.1:8000/json --json '{"name": "<b>小明</b>"}'   # -> 200
    curl -i -X PUT http://127.0.0.1:8000/json --json '{"a": 1}'           # -> 200
    curl -i http://127.0.0.1:8000/json -H "Content-Type: Application/JSON; charset=utf-8" -d '{"a": 1}'   # -> 200
    curl -i http://127.0.0.1:8000/json --json '{"name": 小明}'            # -> 400
    curl -i http://127.0.0.1:8000/json --json '["小明"]'                  # -> 400
    curl -i -X POST http://127.0.0.1:8000/json                            # -> 415
    curl -i http://127.0.0.1:8000/json                                    # -> 405
    # the old prepare(): no Content-Type (even on a GET) or an array is a 500 ...
    curl -i http://127.0.0.1:8000/broken/json                             # -> 500
    curl -i http://127.0.0.1:8000/broken/json --json '["小明"]'           # -> 500
    # ... Application/JSON is silently ignored, and a <script> comes back as is
    curl -i http://127.0.0.1:8000/broken/json -H "Content-Type: Application/JSON" -d '{"a": 1}'   # -> 200
    curl -i http://127.0.0.1:8000/broken/json --json '{"<script>alert(1)</script>": "x"}'   # -> 200

Older tutorials say initialize() is the first thing to run; their own list puts
set_default_headers() first, and the list is right: the constructor calls
clear(), which calls set_default_headers(), and only then initialize(). So
set_default_headers() cannot use what initialize() stores: it raises
AttributeError inside the constructor, and the client gets no answer at all,
not even a 500: curl http://127.0.0.1:8000/broken/default-headers says "Empty
reply from server".

Older tutorials say prepare() runs whatever the HTTP method. Today that holds
for the seven SUPPORTED_METHODS, also those the handler lacks (PUT /hooks:
prepare, then 405), so a prepare() that fails on a GET turns the 405 into a
500 (/broken/json). Any other method (PROPFIND) gets its 405 before prepare(),
yet on_finish() runs: cleanup there must not assume prepare() ran.

Older tutorials' call-order lists (normal and error) still match Tornado 6.6,
but their example "raises an error" with self.send_error(200): that is no
error, the client gets 200 OK with Tornado's error page. And (lesson 11)
send_error() is not raise: the rest of the method runs even after
on_finish() (/last-order?id=send), so return right after it.

Older tutorials say "try not to" write in on_finish(). Today you cannot: the
answer is sent, write() raises RuntimeError("Cannot write() after finish()"),
logged as an uncaught exception; set_status() and set_header() there change
nothing the client sees.

Older tutorials' JSON prepare() calls .startswith() on a missing Content-Type
(None: a 500), crashes on invalid JSON and on an array (a list has no
.items()), ignores "Application/JSON" (media types are case-insensitive), and
writes keys and values into HTML unescaped. /json answers 415, 400, 400,
accepts it, and escapes them.
"""

import asyncio
import collections
import json

import tornado.web
from tornado.escape import xhtml_escape
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: every network)")


class RecordingHandler(tornado.web.RequestHandler):
    """Each hook appends its name to self.hooks and to the X-Hook-Order header."""

    def record(self, hook):
        if not hasattr(self, "hooks"):  # set_default_headers() runs before initialize()
            self.hooks = []
        self.hooks.append(hook)
        self.set_header("X-Hook-Order", ", ".join(self.hooks))

    def set_default_headers(self):
        self.record("set_default_headers")

    def initialize(self, history):
        self.history = history
        self.record("initialize")

    def prepare(self):
        self.record("prepare")

    def write_error(self, status_code, **kwargs):
        self.record("write_error")
        super().write_error(status_code, **kwargs)

    def on_finish(self):
        self.hooks.append("on_finish")  # the headers are gone: only the history sees it
        request_id = self.request.headers.get("X-Request-Id", "anonymous")
        self.history.append((request_id, self.hooks))


class HooksHandler(RecordingHandler):
    def get(self):
        self.record("get")
        fail = self.get_argument("fail", None)
        if fail == "raise":
            raise tornado.web.HTTPError(403)
        if fail == "send":
            self.send_error(403)
            self.record("get goes on")  # a return belongs right after send_error()
            return
        self.write("get() ran. See the X-Hook-Order header.\n")


class FinishInPrepareHandler(RecordingHandler):
    def prepare(self):
        super().prepare()
        self.finish("prepare() answered, so get() never runs.\n")

    def get(self):
        self.record("get")
        self.write("Never sent.\n")


class LastOrderHandler(tornado.web.RequestHandler):
    def initialize(self, history):
        self.history = history

    def get(self):
        wanted = self.get_argument("id", "anonymous")
        for request_id, hooks in reversed(self.history):
            if request_id == wanted:
                self.write({"id": request_id, "hooks": hooks})
                return
        raise tornado.web.HTTPError(404, reason="No request with this X-Request-Id yet")


class BrokenSendError200Handler(RecordingHandler):
    def post(self):
        self.record("post")
        self.send_error(200)  # the old example's "error"


class BrokenOnFinishHandler(tornado.web.RequestHandler):
    def get(self):
        self.write("The answer the client gets.\n")

    def on_finish(self):
        self.set_status(201)  # changes nothing: the status line and headers are sent
        self.set_header("X-Too-Late", "yes")
        self.write("Too late.\n")  # RuntimeError: Cannot write() after finish()


class BrokenDefaultHeadersHandler(tornado.web.RequestHandler):
    def initialize(self, version):
        self.version = version

    def set_default_headers(self):
        self.set_header("X-Version", self.version)  # AttributeError: initialize() comes later

    def get(self):
        self.write("Never sent.\n")


class JsonBodyHandler(tornado.web.RequestHandler):
    def prepare(self):
        if self.request.method not in ("POST", "PUT"):
            return  # prepare() runs for a GET too: let it reach its 405
        media_type = self.request.headers.get("Content-Type", "").split(";")[0].strip()
        if media_type.lower() != "application/json":  # media types ignore case
            raise tornado.web.HTTPError(415, reason="Send Content-Type: application/json")
        try:
            self.json_body = json.loads(self.request.body)
            # "\ud800" is valid JSON but no text UTF-8 can carry: refuse it here, not in write().
            json.dumps(self.json_body, ensure_ascii=False).encode("utf-8")
        except (ValueError, RecursionError):  # bad JSON or UTF-8; [[[[... nested too deep
            raise tornado.web.HTTPError(400, reason="The body is not valid JSON") from None
        if not isinstance(self.json_body, dict):
            raise tornado.web.HTTPError(400, reason="The body must be a JSON object")

    def post(self):
        for key, value in self.json_body.items():
            self.write(f"<p>{xhtml_escape(key)}</p><p>{xhtml_escape(str(value))}</p>\n")

    put = post


class BrokenJsonBodyHandler(tornado.web.RequestHandler):
    def prepare(self):
        if self.request.headers.get("Content-Type").startswith("application/json"):
            self.json_dict = json.loads(self.request.body)
        else:
            self.json_dict = None

    def post(self):
        if self.json_dict:
            for key, value in self.json_dict.items():
                self.write("<p>%s</p><p>%s</p>\n" % (key, value))  # noqa: UP031 - the old code, unescaped

    put = post


def make_app(**overrides):
    history = collections.deque(maxlen=100)  # (request id, hooks) of the last 100 requests
    recorded = {"history": history}
    return tornado.web.Application(
        [
            (r"/hooks", HooksHandler, recorded),
            (r"/finish-in-prepare", FinishInPrepareHandler, recorded),
            (r"/last-order", LastOrderHandler, recorded),
            (r"/broken/send-error-200", BrokenSendError200Handler, recorded),
            (r"/broken/on-finish", BrokenOnFinishHandler),
            (r"/broken/default-headers", BrokenDefaultHeadersHandler, {"version": "12"}),
            (r"/json", JsonBodyHandler),
            (r"/broken/json", BrokenJsonBodyHandler),
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
