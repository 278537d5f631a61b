"""Exercise 10 - Fix the registration handler

Task: RegisterHandler.post() has the redirect pitfall of lesson 10, and a race.
  1. After a wrong captcha answer, and after finding the username taken, it
     calls self.refuse() (a redirect) but goes on: make it leave the method.
  2. Two requests at once can both pass the find_one() check. Create a unique
     index on "username" in create_indexes(), and answer the DuplicateKeyError
     that insert_one() then raises with the same "already registered" refusal.
Done when: a wrong captcha creates no user, a taken username creates no second
account (not even with 20 requests at once), and a correct registration creates
exactly one user whose stored password is a hash, never the password itself.

Run it:   make exercise-10   (the runner starts a MongoDB for it)
Check it: make check-10      (stuck? make hint-10)
"""

import asyncio
import hashlib
import os
import secrets

import motor.motor_tornado
import tornado.web
from pymongo.errors import DuplicateKeyError
from tornado.escape import xhtml_escape
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")
define("mongodb_uri", default="mongodb://127.0.0.1:27017/", help="MongoDB to use; a /name at the end picks the db")

FORM = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Register</title></head><body>
<p id="flash">{flash}</p>
<form action="/register" method="post">{xsrf}
<input type="hidden" name="captcha_key" value="{key}">
<label>Username <input name="username"></label>
<label>Email <input name="email" type="email"></label>
<label>Password <input name="password" type="password"></label>
<label><span id="question">{question}</span> <input name="captcha"></label>
<button type="submit">Register</button>
</form></body></html>
"""


def hash_password(password):
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


class RegisterHandler(tornado.web.RequestHandler):
    def get(self):
        a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
        key = secrets.token_urlsafe(16)
        self.settings["captchas"][key] = a + b  # the answer stays on the server
        flash = (self.get_signed_cookie("flash") or b"").decode()
        self.clear_cookie("flash")
        question = f"What is {a} + {b}?"
        self.write(FORM.format(flash=xhtml_escape(flash), xsrf=self.xsrf_form_html(), key=key, question=question))

    def refuse(self, message):
        self.set_signed_cookie("flash", message)
        self.redirect("/register")

    async def post(self):
        users = self.settings["db"].users
        username = self.get_body_argument("username", "").lower()
        email = self.get_body_argument("email", "").lower()
        password = self.get_body_argument("password", "", strip=False)
        answer = self.settings["captchas"].pop(self.get_body_argument("captcha_key", ""), None)
        if answer is None or self.get_body_argument("captcha", "") != str(answer):
            # TODO: leave the method after refusing.
            self.refuse("Wrong answer to the question. Try again.")
        if await users.find_one({"username": username}):
            # TODO: leave the method after refusing.
            self.refuse("That username is already registered.")
        user = {"username": username, "email": email, "password": hash_password(password)}
        # TODO: catch DuplicateKeyError from insert_one() and refuse as above ("already registered").
        await users.insert_one(user)
        self.set_signed_cookie("flash", f"Welcome, {username}!")
        self.redirect("/register")


async def create_indexes(db):
    # TODO: create a unique index on "username" (await db.users.create_index(...)).
    pass


def make_app(**overrides):
    settings = {
        "db": None,  # main() passes the motor database
        "captchas": {},
        "cookie_secret": secrets.token_hex(32),
        "xsrf_cookies": True,
        **overrides,
    }
    return tornado.web.Application([(r"/register", RegisterHandler)], **settings)


async def main():
    parse_command_line()
    client = motor.motor_tornado.MotorClient(options.mongodb_uri, serverSelectionTimeoutMS=2000)
    db = client.get_default_database("tornado_course")
    await create_indexes(db)
    app = make_app(db=db)
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
