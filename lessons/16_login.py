"""Lesson 16 - Login with signed cookies, XSRF and a safe next (登录与安全 Cookie)

With xsrf_cookies on, every method but GET, HEAD and OPTIONS needs the _xsrf token
(a form field, ?_xsrf=, or an X-XSRFToken or X-CSRFToken header). A thread checks
the password against a salted scrypt hash. A right password sets a signed "user"
cookie (HttpOnly, SameSite=Lax) and answers 303 to next, if next is a path on this
site. A wrong one goes back to the form with a message. @authenticated redirects an
anonymous GET or HEAD to login_url?next=<the whole URI>. Other methods get 403.

Run:
    make lesson-16
    python lessons/16_login.py --port=8000

Try it:
    curl -i http://127.0.0.1:8000/                      # -> 200
    curl -i "http://127.0.0.1:8000/profile?tab=2"       # -> 302
    curl -i "http://127.0.0.1:8000/login?next=https://evil.example/"   # -> 200
    # DELETE lacks the token. The POST has it, but @authenticated refuses it.
    curl -i -X DELETE http://127.0.0.1:8000/login       # -> 403
    curl -i -b _xsrf=t -X POST "http://127.0.0.1:8000/profile?_xsrf=t"   # -> 403

Older tutorials show a LoginHandler whose post() only calls self.redirect("/").
It checks no password, sets no cookie, and its form has no XSRF token. Grown the
usual way, self.redirect(self.get_argument("next", "/")), it is /broken/login:
it checks nothing, and it sends users to any site (an open redirect).

Older tutorials call set_secure_cookie() and get_secure_cookie(). Since Tornado 6.3
they are set_signed_cookie() and get_signed_cookie(); the old names are aliases.
Signed is not encrypted: anyone can read the value, but a changed cookie is ignored.
"""

import asyncio
import hashlib
import os
import secrets

import tornado.escape
import tornado.web
from tornado.httputil import url_concat
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")
define("cookie_secret", default=None, help="signs cookies (default: new at each start)")


def scrypt(password, salt):
    return hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)


SALT = secrets.token_bytes(16)
USERS = {"ada": (SALT, scrypt("lovelace", SALT))}  # a salt and a hash, no password


def password_matches(username, password):
    salt, expected = USERS.get(username, (SALT, b""))  # unknown: same cost, no match
    return secrets.compare_digest(scrypt(password, salt), expected)


class HomeHandler(tornado.web.RequestHandler):
    def get_current_user(self):
        user = self.get_signed_cookie("user")
        return user.decode() if user else None

    def get(self):
        name = tornado.escape.xhtml_escape(self.current_user or "nobody")
        self.write(f"Home page (首页). Signed in as: {name}.\n")


class ProfileHandler(HomeHandler):
    @tornado.web.authenticated
    def get(self):
        name = tornado.escape.xhtml_escape(self.current_user)  # a cookie is user input
        self.write(f"Hello, {name}! Only signed-in users see this page.\n")

    head = post = get  # to show what @authenticated does with each method


class LoginHandler(tornado.web.RequestHandler):
    def get(self):
        flash = self.get_signed_cookie("flash", max_age_days=60 / 86400)
        self.clear_cookie("flash")  # shown once; it lives 60 s, for one redirect
        self.render("16_login.html", flash=flash, next_url=self.next_url())

    async def post(self):
        username = self.get_body_argument("username")
        password = self.get_body_argument("password", strip=False)
        # scrypt takes tens of milliseconds: in a thread, other requests go on.
        if not await asyncio.to_thread(password_matches, username, password):
            message = f"Wrong password, or no user named {username[:40]}."
            self.set_signed_cookie("flash", message, max_age=60, httponly=True)
            back = url_concat("/login", {"next": self.next_url()})
            return self.redirect(back, status=303)  # return, or the login below runs
        self.set_signed_cookie("user", username, httponly=True, samesite="Lax")
        self.redirect(self.next_url(), status=303)

    def next_url(self):
        url = self.get_argument("next", "/profile")
        local = url.startswith("/") and not url.startswith("//") and "\\" not in url
        return url if local and url.isprintable() else "/profile"


class BrokenLoginHandler(tornado.web.RequestHandler):
    def post(self):
        self.redirect(self.get_argument("next", "/"))  # no password, next unchecked


def make_app(**overrides):
    settings = {
        "template_path": os.path.join(os.path.dirname(__file__), "templates"),
        "xsrf_cookies": True,
        "login_url": "/login",
        "cookie_secret": options.cookie_secret or secrets.token_hex(32),
        **overrides,
    }
    routes = [("/", HomeHandler), ("/login", LoginHandler)]
    routes += [("/profile", ProfileHandler), ("/broken/login", BrokenLoginHandler)]
    return tornado.web.Application(routes, **settings)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
