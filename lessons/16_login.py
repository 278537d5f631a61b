"""Lesson 16 - Login with signed cookies, XSRF and a safe next (登录与安全 Cookie)

Every method but GET, HEAD and OPTIONS needs the _xsrf token (form field or header).
A thread checks the password against a salted scrypt hash. A right one sets a signed
"user" cookie and answers 303 to next, if next is a path on this site. A wrong one goes
back to the form. @authenticated sends an anonymous GET to login_url?next=<the URI>.
Other methods get 403. The cookie holds the user's logout count, so logout ends it.

Run:
    make lesson-16
    python lessons/16_login.py --port=8000

Try it:
    curl -i "http://127.0.0.1:8000/profile?tab=2"       # -> 302
    curl -i -X DELETE http://127.0.0.1:8000/login       # -> 403
    curl -i -b _xsrf=t -X POST "http://127.0.0.1:8000/logout?_xsrf=t"   # -> 403

Older tutorials show a login post() that only calls self.redirect("/"): no password.
Grown to redirect(get_argument("next")), it is /broken/login, an open redirect.
"""

import asyncio
import functools
import hashlib
import os
import secrets
from collections import Counter

import tornado.escape
import tornado.web
from tornado.httputil import url_concat
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")
define("cookie_secret", default=None, help="signs cookies (default: new at each start)")
define("scrypt_n", default=2**17, type=int, help="scrypt cost (a real site: 2**17)")


def scrypt(password, salt, n):  # OWASP's minimum: n=2**17, r=8, p=1 (0.45 s, 128 MiB)
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=8, p=1, maxmem=2**28)


@functools.cache  # ada's salt and hash (never her password), made at the first login
def demo_users(n):
    salt = secrets.token_bytes(16)
    return {"ada": (salt, scrypt("lovelace", salt, n))}


class BaseHandler(tornado.web.RequestHandler):
    def get_current_user(self):  # a signed "count:name": readable, but not changeable
        count, _, name = (self.get_signed_cookie("user") or b"").decode().partition(":")
        return name if name and count == str(self.settings["logouts"][name]) else None

    def sign_cookie(self, name, value, **kwargs):
        # HttpOnly: scripts in the page can't read it. SameSite: forms on other sites
        # don't send it. Secure: only HTTPS carries it (a real site: always HTTPS).
        https = self.request.protocol == "https"
        kwargs.update(httponly=True, samesite="Lax", secure=https)
        self.set_signed_cookie(name, value, **kwargs)


class ProfileHandler(BaseHandler):
    @tornado.web.authenticated
    def get(self):
        name = tornado.escape.xhtml_escape(self.current_user)  # a cookie is user input
        self.write(f"Hello, {name}! Only signed-in users see this page.\n")


class LoginHandler(BaseHandler):
    def get(self):
        flash = self.get_signed_cookie("flash", max_age_days=60 / 86400)
        self.clear_cookie("flash")  # shown once; it lives 60 s, for one redirect
        self.render("16_login.html", flash=flash, next_url=self.next_url())

    async def post(self):
        username = self.get_body_argument("username")
        password = self.get_body_argument("password", strip=False)
        if not await asyncio.to_thread(self.password_matches, username, password):
            message = f"Wrong password, or no user named {username[:40]}."
            self.sign_cookie("flash", message, max_age=60)
            back = url_concat("/login", {"next": self.next_url()})
            return self.redirect(back, status=303)  # return, or the login below runs
        self.sign_cookie("user", f"{self.settings['logouts'][username]}:{username}")
        self.clear_cookie("_xsrf")  # a new XSRF token: one seen before login fails
        self.redirect(self.next_url(), status=303)

    def password_matches(self, username, password):  # in a thread: others go on
        n = self.settings["scrypt_n"]
        salt, expected = demo_users(n).get(username, (b"", b""))  # unknown: same cost
        return secrets.compare_digest(scrypt(password, salt, n), expected)

    def next_url(self):
        url = self.get_argument("next", "/profile")
        local = url.startswith("/") and not url.startswith("//") and "\\" not in url
        return url if local and url.isprintable() else "/profile"


class LogoutHandler(BaseHandler):
    @tornado.web.authenticated
    def post(self):
        self.settings["logouts"][self.current_user] += 1  # older cookies stop working
        self.clear_cookie("user")
        self.redirect("/login", status=303)


class BrokenLoginHandler(tornado.web.RequestHandler):
    def post(self):
        self.redirect(self.get_argument("next", "/"))  # no password, next unchecked


def make_app(**overrides):
    settings = {"login_url": "/login", "scrypt_n": 2**17, "xsrf_cookies": True}
    settings.update(xsrf_cookie_kwargs={"samesite": "Lax"}, logouts=Counter())
    settings["cookie_secret"] = options.cookie_secret or secrets.token_hex(32)
    settings["template_path"] = os.path.join(os.path.dirname(__file__), "templates")
    routes = [("/login", LoginHandler), ("/logout", LogoutHandler)]
    routes += [("/profile", ProfileHandler), ("/broken/login", BrokenLoginHandler)]
    return tornado.web.Application(routes, **{**settings, **overrides})


async def main():
    parse_command_line()
    make_app(scrypt_n=options.scrypt_n).listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
