"""Lesson 18 - Registration with motor and a unique index (用 motor 注册用户)

A find_one() before the insert is a race: two requests can both find nothing, then
both insert. A unique index is not: the second insert_one() raises DuplicateKeyError.
create_index() runs before each insert, so the index is back if MongoDB restarts empty.
scrypt hashes passwords in a thread. An unknown name costs a hash too: timing hides it.

Run:
    make lesson-18

Try it:
    curl -i http://127.0.0.1:8000/register                                  # -> 200

Older tutorials say: call motor's insert() (gone in motor 3: use insert_one()), store
md5(password + site) (fast to guess: use scrypt), and keep the captcha answer in a
signed cookie (readable by all). Motor is deprecated: use pymongo's AsyncMongoClient.
"""

import asyncio
import hashlib
import os
import re
import secrets

import tornado.web
from motor.motor_tornado import MotorClient
from pymongo.errors import ConfigurationError, ConnectionFailure, DuplicateKeyError
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")
define("mongodb_uri", default="mongodb://127.0.0.1:27017/", help="a /name picks the db")
define("scrypt_n", default=2**17, type=int, help="scrypt cost; real sites: 2**17")

USERNAME, EMAIL = re.compile(r"[a-z0-9_]{3,32}"), re.compile(r"[^@\s]+@[^@\s]+\.\w+")
COOKIE = {"httponly": True, "samesite": "Lax"}  # no scripts, no other sites' forms
CAPTCHAS = {}  # bots solve these, from any session: real sites use a CAPTCHA service


class BaseHandler(tornado.web.RequestHandler):
    def scrypt(self, password, salt):  # OWASP: N=2**17, r=8, p=1 (128 MiB, about 0.5 s)
        n = self.settings["scrypt_n"]
        return hashlib.scrypt(password.encode(), salt=salt, n=n, r=8, p=1, maxmem=2**28)

    async def post(self):
        username = self.get_body_argument("username").lower()
        password = self.get_body_argument("password", strip=False)
        try:
            ok, text = await self.check(username, password)
        except ConnectionFailure as error:  # MongoDB is down: a 503, not a 500
            raise tornado.web.HTTPError(503, "MongoDB unreachable: %s", error) from None
        self.set_signed_cookie("flash", text, **COOKIE)
        if ok:
            self.set_signed_cookie("user", username, **COOKIE)
        self.redirect("/" if ok else self.request.path)


class RegisterHandler(BaseHandler):
    def get(self):
        key, a, b = secrets.token_hex(), secrets.randbelow(10), secrets.randbelow(10)
        if len(CAPTCHAS) >= 10_000:  # bounded memory: forget the oldest question
            del CAPTCHAS[next(iter(CAPTCHAS))]
        CAPTCHAS[key] = str(a + b)
        self.clear_cookie("flash", **COOKIE)  # 18_base.html shows it, once
        self.render("18_register.html", key=key, a=a, b=b)

    async def check(self, username, password):
        email = self.get_body_argument("email", "").lower()
        answer = CAPTCHAS.pop(self.get_body_argument("captcha_key", ""), None)  # once
        valid = USERNAME.fullmatch(username) and EMAIL.fullmatch(email)
        if not (valid and 8 <= len(password) <= 128):
            return False, "Username 3-32 of a-z 0-9 _, a valid email, password 8-128."
        if answer is None or self.get_body_argument("captcha", "") != answer:
            return False, "Wrong answer to the question. Try again."
        user = {"username": username, "email": email, "salt": os.urandom(16)}
        user["hash"] = await asyncio.to_thread(self.scrypt, password, user["salt"])
        try:  # every time: a MongoDB that restarted empty has lost its indexes
            await self.settings["db"].users.create_index("username", unique=True)
            await self.settings["db"].users.create_index("email", unique=True)
            await self.settings["db"].users.insert_one(user)
        except DuplicateKeyError as error:  # the index decides, even for 50 at once
            taken = next(iter(error.details.get("keyPattern", {"username": 1})))
            # Anyone learns who has an account. Real sites limit tries, reply by email.
            return False, f"That {taken} is already registered."
        return True, f"Welcome, {username}!"


class LoginHandler(BaseHandler):
    def get(self):
        self.clear_cookie("flash", **COOKIE)
        self.render("18_home.html")

    async def check(self, username, password):
        user = await self.settings["db"].users.find_one({"username": username})
        salt, stored = (user["salt"], user["hash"]) if user else (os.urandom(16), b"")
        given = await asyncio.to_thread(self.scrypt, password, salt)  # even if no user
        ok = secrets.compare_digest(given, stored)  # in constant time
        return ok, f"Welcome back, {username}!" if ok else "Wrong username or password."


class LogoutHandler(BaseHandler):
    def post(self):
        self.clear_cookie("user", **COOKIE)  # Secure, and a logout for good: lesson 16
        self.set_signed_cookie("flash", "You are logged out.", **COOKIE)
        self.redirect("/")


def make_app(**overrides):
    routes = [("/", LoginHandler), ("/login", LoginHandler)]
    routes += [("/register", RegisterHandler), ("/logout", LogoutHandler)]
    settings = {"db": None, "scrypt_n": 2**17, "cookie_secret": secrets.token_hex()}
    settings.update(xsrf_cookies=True, xsrf_cookie_kwargs={"samesite": "Lax"})
    settings["template_path"] = os.path.join(os.path.dirname(__file__), "templates")
    return tornado.web.Application(routes, **{**settings, **overrides})


async def main():
    parse_command_line()
    try:  # a short server selection timeout: a 503 in seconds, not after 30 s
        mongo = MotorClient(options.mongodb_uri, serverSelectionTimeoutMS=2000)
    except (ConfigurationError, ValueError) as error:
        raise SystemExit(f"--mongodb_uri is not a MongoDB URI: {error}") from None
    db = mongo.get_default_database("tornado_course")
    make_app(db=db, scrypt_n=options.scrypt_n).listen(options.port, options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
