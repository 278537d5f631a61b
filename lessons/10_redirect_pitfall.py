"""Lesson 10 - The redirect pitfall in async handlers (异步下的 redirect 陷阱)

self.redirect() and self.finish() end the response, not the method: the code
after them still runs. In an async registration handler that is how a wrong
captcha still creates the account. Write `return self.redirect(...)` after
every failed check. This app registers and logs in users stored in MongoDB
through motor; /broken/register is the older tutorial's handler, returns missing.
A unique index, not a find_one() first, keeps usernames unique: two requests
can both pass a find_one() before either inserts.

Run:
    make lesson-10
    python lessons/10_redirect_pitfall.py --port=8000 --mongodb_uri=mongodb://127.0.0.1:27017/

Try it:
    curl -i http://127.0.0.1:8000/                                  # -> 200
    # the form: a question whose answer stays on the server, and an XSRF token
    curl -i http://127.0.0.1:8000/register                          # -> 200
    # a POST without the XSRF token is refused before the handler runs
    curl -i -d "username=ada&password=secret" http://127.0.0.1:8000/register   # -> 403
    curl -i http://127.0.0.1:8000/login                             # -> 200
    curl -i http://127.0.0.1:8000/broken/register                   # -> 200

Older tutorials say `self.redirect(...)` after a failed check and, when that
"does not stop", `self.redirect(...); self.finish()`. The second finish() raises
RuntimeError("finish() called twice"), which stops the method by crashing it.
`return self.redirect(...)` is the fix, in Tornado 4 and today.

Older tutorials also: decorate with @tornado.web.asynchronous and @gen.coroutine
(removed in Tornado 6: write `async def post`), call motor's insert() (removed
in motor 3: insert_one()), hash with md5(password + site) (fast to brute-force:
use a slow salted KDF such as hashlib.scrypt), keep the captcha answer in a
signed cookie (signed is not secret: the client can read it), and check
find_one() before inserting (a race; a unique index settles it). Motor itself
is deprecated since May 2026: new code uses pymongo's AsyncMongoClient, with
the same calls.
"""

import asyncio
import hashlib
import hmac
import json
import os
import re
import secrets
import time

import motor.motor_tornado
import tornado.web
from pymongo.errors import ConfigurationError, ConnectionFailure, DuplicateKeyError, PyMongoError
from tornado.httputil import responses
from tornado.log import app_log
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: every network)")
define("mongodb_uri", default="mongodb://127.0.0.1:27017/", help="MongoDB to use; a /name at the end picks the db")
define("cookie_secret", default=None, help="key for signed cookies (default: a new random one at each start)")

USERNAME = re.compile(r"[a-z0-9_]{3,32}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
CAPTCHA_SECONDS = 600


def hash_password(password, salt=None):
    """scrypt with a random salt per user: slow to brute-force, unlike md5."""
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def password_matches(password, stored):
    _, salt, _ = stored.split("$")
    return hmac.compare_digest(hash_password(password, bytes.fromhex(salt)), stored)


async def ensure_indexes(db):
    await db.users.create_index("username", unique=True)
    await db.users.create_index("email", unique=True)


class BaseHandler(tornado.web.RequestHandler):
    @property
    def db(self):
        return self.settings["db"]

    def get_current_user(self):
        user = self.get_signed_cookie("user", max_age_days=1)
        return user.decode() if user else None

    def flash(self, text, kind="error"):
        message = json.dumps({"text": text, "kind": kind})
        self.set_signed_cookie("flash", message, expires_days=None, httponly=True, samesite="Lax")

    def pop_flash(self):
        message = self.get_signed_cookie("flash", max_age_days=1)
        if not message:
            return None
        self.clear_cookie("flash")
        return json.loads(message)

    def render_page(self, template, **values):
        self.render(template, flash=self.pop_flash(), **values)

    def new_captcha(self):
        # The answer stays on the server; the form only carries a random key.
        captchas, now = self.settings["captchas"], time.monotonic()
        if len(captchas) > 10_000:  # bounded memory: forget the expired ones
            for key in [key for key, (_, expires) in captchas.items() if expires < now]:
                del captchas[key]
        a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
        key = secrets.token_urlsafe(16)
        captchas[key] = (a + b, now + CAPTCHA_SECONDS)
        return key, f"What is {a} + {b}?"

    def captcha_passed(self):
        key = self.get_body_argument("captcha_key", "")
        answer, expires = self.settings["captchas"].pop(key, (None, 0))  # pop: usable once
        given = self.get_body_argument("captcha", "")
        return answer is not None and time.monotonic() < expires and given == str(answer)

    def form_fields(self):
        username = self.get_body_argument("username", "").lower()
        email = self.get_body_argument("email", "").lower()
        password = self.get_body_argument("password", "", strip=False)
        return username, email, password

    async def hash_in_thread(self, password):
        # scrypt takes tens of milliseconds: off the event loop, other requests go on.
        return await asyncio.get_running_loop().run_in_executor(None, hash_password, password)

    def write_error(self, status_code, **kwargs):
        error = kwargs.get("exc_info", (None, None))[1]
        if isinstance(error, ConnectionFailure):  # the database is down: not our bug, a 503
            self.set_status(503)
        status = self.get_status()
        self.render("10_error.html", status=status, reason=responses.get(status, "Error"), flash=None)

    def log_exception(self, typ, value, tb):
        if isinstance(value, ConnectionFailure):  # one line, not a traceback
            app_log.warning("MongoDB unreachable for %s %s: %s", self.request.method, self.request.uri, value)
        else:
            super().log_exception(typ, value, tb)


class HomeHandler(BaseHandler):
    def get(self):
        self.render_page("10_home.html")


class RegisterHandler(BaseHandler):
    def get(self):
        key, question = self.new_captcha()
        self.render_page("10_register.html", captcha_key=key, question=question)

    async def post(self):
        username, email, password = self.form_fields()
        if not USERNAME.fullmatch(username) or not EMAIL.fullmatch(email) or not 8 <= len(password) <= 128:
            self.flash("Username: 3-32 of a-z 0-9 _; a valid email; a password of 8-128 characters.")
            return self.redirect(self.request.path)
        if not self.captcha_passed():
            self.flash("Wrong answer to the question. Try again.")
            return self.redirect(self.request.path)
        if not self.settings["indexes_ready"]:  # MongoDB was down at start-up
            await ensure_indexes(self.db)
            self.settings["indexes_ready"] = True
        user = {"username": username, "email": email, "password": await self.hash_in_thread(password)}
        try:
            await self.db.users.insert_one(user)
        except DuplicateKeyError as error:  # the unique index answers, even for two requests at once
            taken = "username" if "username" in error.details.get("keyPattern", {}) else "email"
            self.flash(f"That {taken} is already registered.")
            return self.redirect(self.request.path)
        self.set_signed_cookie("user", username, expires_days=1, httponly=True, samesite="Lax")
        self.flash(f"Welcome, {username}!", "info")
        return self.redirect("/")


class BrokenRegisterHandler(RegisterHandler):
    def refuse(self, text):
        self.flash(text)
        self.redirect(self.request.path)  # ends the response, not the method

    async def post(self):
        # The older tutorial's handler on today's Tornado and motor, with its
        # returns still missing: after each refusal the method goes on.
        # (No unique index on broken_users, as in the tutorial.)
        username, email, password = self.form_fields()
        if await self.db.broken_users.find_one({"username": username}):
            self.refuse("That username is already registered.")
        if await self.db.broken_users.find_one({"email": email}):
            self.refuse("That email is already registered.")
        if not self.captcha_passed():
            self.refuse("Wrong answer to the question. Try again.")
        user = {"username": username, "email": email, "password": await self.hash_in_thread(password)}
        await self.db.broken_users.insert_one(user)
        self.set_signed_cookie("user", username)
        self.redirect("/")  # after an earlier refusal: "Cannot redirect after headers have been written"


class BrokenFinishHandler(BrokenRegisterHandler):
    def refuse(self, text):
        self.set_status(400)
        self.finish(text)  # finish() does not leave the method either


class LoginHandler(BaseHandler):
    def get(self):
        self.render_page("10_login.html")

    async def post(self):
        username, _, password = self.form_fields()
        user = await self.db.users.find_one({"username": username})
        # Check a password even for an unknown name, so timing does not tell which names exist.
        stored = user["password"] if user else self.settings["dummy_hash"]
        matches = await asyncio.get_running_loop().run_in_executor(None, password_matches, password, stored)
        if not (user and matches):
            self.flash("Wrong username or password.")
            return self.redirect("/login")
        self.set_signed_cookie("user", username, expires_days=1, httponly=True, samesite="Lax")
        self.flash(f"Welcome back, {username}!", "info")
        return self.redirect("/")


class LogoutHandler(BaseHandler):
    def post(self):
        self.clear_cookie("user")
        self.flash("You are logged out.", "info")
        return self.redirect("/")


def make_app(**overrides):
    settings = {
        "db": None,  # main() passes the motor database
        "captchas": {},  # captcha key -> (answer, expiry); one process, so memory will do
        "indexes_ready": False,
        "dummy_hash": hash_password(secrets.token_hex(8)),
        "cookie_secret": secrets.token_hex(32),
        "xsrf_cookies": True,
        "template_path": os.path.join(os.path.dirname(__file__), "templates"),
        **overrides,
    }
    return tornado.web.Application(
        [
            (r"/", HomeHandler),
            (r"/register", RegisterHandler),
            (r"/login", LoginHandler),
            (r"/logout", LogoutHandler),
            (r"/broken/register", BrokenRegisterHandler),
            (r"/broken/register-finish", BrokenFinishHandler),
        ],
        **settings,
    )


async def prepare_database(app, db):
    uri = re.sub(r"//[^@/]*@", "//***@", options.mongodb_uri)  # never print a password
    try:
        await ensure_indexes(db)
    except PyMongoError as error:
        print(f"Could not reach MongoDB at {uri} ({type(error).__name__}): pages that need it answer 503.", flush=True)
        return
    app.settings["indexes_ready"] = True
    print(f"MongoDB ready at {uri} (database {db.name!r}, unique indexes in place)", flush=True)


async def main():
    parse_command_line()
    # A short server selection timeout: a request gets a 503 in seconds, not after 30 s.
    try:
        client = motor.motor_tornado.MotorClient(options.mongodb_uri, serverSelectionTimeoutMS=2000)
    except (ConfigurationError, ValueError) as error:
        raise SystemExit(f"--mongodb_uri is not a usable MongoDB URI: {error}") from None
    db = client.get_default_database("tornado_course")
    app = make_app(db=db, cookie_secret=options.cookie_secret or secrets.token_hex(32))
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    # Listen first, then set up the database: the lesson starts even when MongoDB is down.
    await asyncio.gather(prepare_database(app, db), asyncio.Event().wait())


if __name__ == "__main__":
    asyncio.run(main())
