"""Lesson 17 - The redirect pitfall (redirect 陷阱)

self.redirect() and self.finish() end the response, not the method: the code
after them still runs. So write `return self.redirect(...)` after each failed
check. This sign-up form keeps its users in memory. The answer to its question
stays on the server and works once. /broken/register is an older tutorial's
handler without the returns: a wrong answer still creates the account, a taken
name gets a second one, and the log says "Cannot redirect after headers have
been written". /broken/register-finish shows that finish() goes on too.

Run:
    make lesson-17
    python lessons/17_redirect_pitfall.py --port=8000

Try it:
    curl -i http://127.0.0.1:8000/register                        # -> 200
    curl -i http://127.0.0.1:8000/broken/register                 # -> 200
    # without the XSRF token, then with one (the same in cookie and form)
    curl -i -d username=eve http://127.0.0.1:8000/register        # -> 403
    curl -b _xsrf=1 -d _xsrf=1 -d username=eve http://127.0.0.1:8000/register  # -> 302

Older tutorials say: call self.finish() after self.redirect() to stop the method.
But redirect() has called finish(), so this raises RuntimeError "finish() called
twice" (/broken/register-finish-twice). They also say redirect() sets Location in
request.headers: it sets the response's Location header, not the request's.

Older tutorials decorate post() with @tornado.web.aynchronous (a typo, so an
AttributeError) and @gen.coroutine. Tornado 6.0 removed tornado.web.asynchronous.
gen.coroutine still works, and its handlers finish the request by themselves, in
Tornado 4 too. Today write `async def post()`. Only `return` leaves the method.
"""

import asyncio
import os
import secrets

import tornado.web
from tornado.log import app_log
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")


class RegisterHandler(tornado.web.RequestHandler):
    def get(self):
        a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
        key, captchas = secrets.token_urlsafe(16), self.settings["captchas"]
        if len(captchas) >= 10_000:  # bounded memory: forget the oldest question
            del captchas[next(iter(captchas))]
        # Demo only: bots solve it, from any session. Real sites use a CAPTCHA service.
        captchas[key] = str(a + b)  # the form carries only the key
        flash = self.get_signed_cookie("flash", max_age_days=1)
        self.clear_cookie("flash", httponly=True, samesite="Lax")
        self.render("17_register.html", flash=flash, key=key, a=a, b=b)

    def answer_is_right(self):
        key = self.get_body_argument("captcha_key", "")
        answer = self.settings["captchas"].pop(key, None)  # pop: usable once
        return answer is not None and self.get_body_argument("captcha", "") == answer

    def refuse(self, text):
        self.set_signed_cookie("flash", text, httponly=True, samesite="Lax")
        self.redirect(self.request.path)

    def post(self):
        users, answer_is_right = self.settings["users"], self.answer_is_right()
        username = self.get_body_argument("username", "").lower()
        if not (username.isalnum() and len(username) <= 32):
            return self.refuse("A username is 1 to 32 letters and digits.")
        # This tells anyone the name exists. Real sites limit how often one can ask.
        if username in users:
            return self.refuse("That username is already registered.")
        if not answer_is_right:
            return self.refuse("Wrong answer to the question. Try again.")
        users.append(username)
        self.redirect(self.request.path)


class BrokenRegisterHandler(RegisterHandler):
    def post(self):
        username = self.get_body_argument("username", "").lower()
        if username in self.settings["users"]:
            self.refuse("That username is already registered.")
        if not self.answer_is_right():
            self.refuse("Wrong answer to the question. Try again.")
        seen = "Location" in self.request.headers  # the headers the client sent
        app_log.info("post() goes on. 'Location' in self.request.headers: %s", seen)
        self.settings["users"].append(username)
        # After a refusal this raises "Cannot redirect after headers have been written".
        self.redirect(self.request.path)


class BrokenFinishHandler(BrokenRegisterHandler):
    def refuse(self, text):
        self.set_status(400)
        self.finish(text)  # finish() does not leave the method either


class BrokenFinishTwiceHandler(BrokenRegisterHandler):
    def refuse(self, text):
        super().refuse(text)
        self.finish()  # redirect() called finish() already: RuntimeError


def make_app(**overrides):
    routes = [
        (r"/register", RegisterHandler),
        (r"/broken/register", BrokenRegisterHandler),
        (r"/broken/register-finish", BrokenFinishHandler),
        (r"/broken/register-finish-twice", BrokenFinishTwiceHandler),
    ]
    # users: in memory, and a list, so that a second "ada" can show up
    settings = {"users": [], "captchas": {}, "cookie_secret": secrets.token_hex(32)}
    # SameSite=Lax: browsers keep these cookies out of other sites' POST forms.
    settings.update(xsrf_cookies=True, xsrf_cookie_kwargs={"samesite": "Lax"})
    settings["template_path"] = os.path.join(os.path.dirname(__file__), "templates")
    return tornado.web.Application(routes, **{**settings, **overrides})


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
