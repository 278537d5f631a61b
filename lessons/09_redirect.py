"""Lesson 09 - Redirect (重定向)

redirect(url) answers 302 Found with a Location header, sent exactly as given
(a relative URL stays relative); permanent=True makes it 301, status= picks
another 3xx. Clients (browsers, curl -L, requests) follow 301, 302 and 303
with a GET, and repeat a POST, body and all, after 307 and 308. redirect()
calls finish(): text written before it becomes the 30x's body; after flush()
it is too late. @tornado.web.authenticated sends anonymous users to
login_url?next=<path>. The login answers 303 to next, which comes from the
request, so only a path on this site passes ("/...", not "//", no backslash,
no control character); anything else becomes "/". Demo user: ada / lovelace.

Run:
    make lesson-09
    python lessons/09_redirect.py --port=8000

Try it:
    # redirect(url): 302 and a Location header
    curl -i http://127.0.0.1:8000/redirect/default     # -> 302
    curl -i http://127.0.0.1:8000/redirect/permanent   # -> 301
    # -L follows: after 303 the POST became a GET; after 307 it is still a POST, body and all
    curl -i -L -b _xsrf=t -H "X-XSRFToken: t" -d "note=hi" http://127.0.0.1:8000/redirect/303   # -> 200
    curl -i -L -b _xsrf=t -H "X-XSRFToken: t" -d "note=hi" http://127.0.0.1:8000/redirect/307   # -> 200
    # Location: ../landed, as given; the client resolves it to /landed
    curl -i http://127.0.0.1:8000/redirect/relative    # -> 302
    # written before redirect(): sent as the 302's body
    curl -i http://127.0.0.1:8000/redirect/with-body   # -> 302
    # status must be a 3xx: status=200 is an AssertionError
    curl -i http://127.0.0.1:8000/broken/redirect-status        # -> 500
    # the 200 and the first line are already sent: redirect() raises, the log says why
    curl -i http://127.0.0.1:8000/broken/redirect-after-flush   # -> 200
    # the profile needs a login: Location: /login?next=%2Fprofile
    curl -i http://127.0.0.1:8000/profile              # -> 302
    curl -i "http://127.0.0.1:8000/login?next=/profile"   # -> 200
    # a POST without the XSRF token is refused before the handler runs
    curl -i -d "username=ada&password=lovelace" http://127.0.0.1:8000/login   # -> 403
    # wrong password: 303 back to the form, the message waits in a signed cookie
    curl -i -b _xsrf=t -d "_xsrf=t&username=ada&password=guess&next=/profile" http://127.0.0.1:8000/login   # -> 303
    # right password: a signed "user" cookie and 303 to next
    curl -i -b _xsrf=t -d "_xsrf=t&username=ada&password=lovelace&next=/profile" http://127.0.0.1:8000/login   # -> 303
    # a next on another site never reaches the form: its hidden next is "/"
    curl -i "http://127.0.0.1:8000/login?next=https://evil.example/"   # -> 200
    # the old handler plus an unchecked next: Location: https://evil.example/
    curl -i -b _xsrf=t -d "_xsrf=t&next=https://evil.example/" http://127.0.0.1:8000/broken/login   # -> 302

Older tutorials show a LoginHandler whose post() only calls
self.redirect("/"). It checks no password, sets no cookie, forgets the page
the user asked for, and its form has no XSRF token. Today's login (/login)
checks a slow, salted hash (scrypt; never md5, never the password itself),
sets a signed cookie and answers 303 to a checked next. /broken/login is the
old post() grown the usual way, self.redirect(self.get_argument("next", "/")):
it still checks nothing, and now it sends users to any site (an open redirect).

Older tutorials call set_secure_cookie() and get_secure_cookie(). Since
Tornado 6.3 they are set_signed_cookie() and get_signed_cookie() (the old
names still work): the value is signed, not encrypted, so anyone can read it
but nobody can change it without the cookie_secret.
"""

import asyncio
import hashlib
import hmac
import os
import re
import secrets

import tornado.web
from tornado.httputil import url_concat
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: every network)")
define("cookie_secret", default=None, help="key that signs cookies (default: a new random one at each start)")

FLASH_SECONDS = 60  # a flash message lives one minute, long enough for one redirect
NOT_LOCAL = re.compile(r"[\x00-\x1f\x7f\\]")  # browsers drop tabs and line breaks; some read "\" as "/"
REDIRECTS = {
    "default": {},  # 302 Found
    "permanent": {"permanent": True},  # 301 Moved Permanently
    "303": {"status": 303},  # See Other: the next request is a GET
    "307": {"status": 307},  # Temporary Redirect: same method, same body
    "308": {"status": 308},  # Permanent Redirect: same method, same body
}


def scrypt(password, salt):
    return hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)


def new_user(password):
    """What a user store keeps: a random salt and the scrypt hash, never the password."""
    salt = secrets.token_bytes(16)
    return salt, scrypt(password, salt)


USERS = {"ada": new_user("lovelace")}
NOBODY = (secrets.token_bytes(16), b"")  # an unknown name costs one scrypt too, and never matches


def password_matches(username, password):
    salt, expected = USERS.get(username, NOBODY)
    return hmac.compare_digest(scrypt(password, salt), expected)


def local_path(url):
    """url if it is a path on this site, else "/": `next` must never lead elsewhere."""
    if not url.startswith("/") or url.startswith("//") or NOT_LOCAL.search(url):
        return "/"
    return url


class SiteHandler(tornado.web.RequestHandler):
    def get_current_user(self):
        user = self.get_signed_cookie("user")
        return user.decode() if user else None

    def flash(self, message):
        """Leave a message for the page the redirect leads to, in a short-lived signed cookie."""
        self.set_signed_cookie("flash", message, expires_days=None, max_age=FLASH_SECONDS, httponly=True)

    def pop_flash(self):
        """The message a redirect left for this page; shown once."""
        message = self.get_signed_cookie("flash", max_age_days=FLASH_SECONDS / 86400)
        if self.get_cookie("flash"):
            self.clear_cookie("flash")
        return message.decode() if message else None


class RedirectHandler(SiteHandler):
    def get(self, kind):
        self.redirect("/landed", **REDIRECTS[kind])

    post = get


class RelativeRedirectHandler(SiteHandler):
    def get(self):
        self.redirect("../landed")


class WrittenThenRedirectHandler(SiteHandler):
    def get(self):
        self.write("This text travels with the 302.\n")
        self.redirect("/landed")


class LandedHandler(SiteHandler):
    def get(self):
        self.write({"method": self.request.method, "body": self.request.body.decode("utf-8", "replace")})

    post = get


class BrokenStatusHandler(SiteHandler):
    def get(self):
        self.redirect("/landed", status=200)  # AssertionError: redirect() wants a 3xx


class BrokenAfterFlushHandler(SiteHandler):
    async def get(self):
        self.write("The status line is already sent.\n")
        await self.flush()
        self.redirect("/landed")  # Exception: Cannot redirect after headers have been written


class HomeHandler(SiteHandler):
    def get(self):
        self.write(f"Home page (首页). Signed in as: {self.current_user or 'nobody'}.\n")


class ProfileHandler(SiteHandler):
    @tornado.web.authenticated
    def get(self):
        self.write(f"Hello, {self.current_user}! Only signed-in users see this page.\n")


class LoginHandler(SiteHandler):
    def get(self):
        self.render("09_login.html", flash=self.pop_flash(), next_url=self.next_url())

    async def post(self):
        username = self.get_body_argument("username")
        password = self.get_body_argument("password", strip=False)
        # scrypt takes tens of milliseconds: in a thread, other requests go on.
        if not await asyncio.to_thread(password_matches, username, password):
            self.flash(f"Wrong password, or no user named {username[:40]}.")
            # redirect() ends the answer, not the method: return (lesson 10).
            return self.redirect(url_concat("/login", {"next": self.next_url()}), status=303)
        self.set_signed_cookie("user", username, httponly=True, samesite="Lax")
        self.redirect(self.next_url(), status=303)

    def next_url(self):
        return local_path(self.get_argument("next", "/"))


class BrokenLoginHandler(SiteHandler):
    def post(self):
        # The older tutorial's post() with next added: no password, no cookie, next trusted.
        self.redirect(self.get_argument("next", "/"))


def make_app(**overrides):
    settings = {
        "template_path": os.path.join(os.path.dirname(__file__), "templates"),
        "xsrf_cookies": True,
        "login_url": "/login",
        # A new random key at each start: no secret sits in the code, and a
        # restart signs everybody out. Pass --cookie_secret to keep logins.
        "cookie_secret": options.cookie_secret or secrets.token_hex(32),
        **overrides,
    }
    return tornado.web.Application(
        [
            (r"/", HomeHandler),
            (r"/redirect/(default|permanent|303|307|308)", RedirectHandler),
            (r"/redirect/relative", RelativeRedirectHandler),
            (r"/redirect/with-body", WrittenThenRedirectHandler),
            (r"/landed", LandedHandler),
            (r"/broken/redirect-status", BrokenStatusHandler),
            (r"/broken/redirect-after-flush", BrokenAfterFlushHandler),
            (r"/login", LoginHandler),
            (r"/profile", ProfileHandler),
            (r"/broken/login", BrokenLoginHandler),
        ],
        **settings,
    )


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
