"""Exercise 17 - Return after redirect

Task: POST /signup (fields username, answer) stores the name if the answer is "5"
and the name is new, 1-32 letters or digits. GET /signup lists the names, one a
line. Every POST answers 302 to /signup. But after a refusal, post() goes on and
stores the name anyway: make it leave right after each refusal.

Run it:   make exercise-17
Check it: make check-17    (stuck? make hint-17)
"""

import asyncio

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class SignupHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.write("".join(f"{name}\n" for name in self.settings["names"]))

    def post(self):
        names = self.settings["names"]
        name = self.get_body_argument("username", "").lower()
        if self.get_body_argument("answer", "") != "5":
            # TODO: leave the method right here, with the redirect.
            self.redirect("/signup")
        if not (name.isalnum() and len(name) <= 32) or name in names:
            # TODO: leave the method right here, with the redirect.
            self.redirect("/signup")
        names.append(name)
        self.redirect("/signup")


def make_app(**overrides):
    return tornado.web.Application(
        [(r"/signup", SignupHandler)], **{"names": [], **overrides}
    )


# Don't change these lines: they start the server.
async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
