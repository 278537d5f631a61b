"""Exercise 18 - A unique index on username

Task: POST /users with username (1-32 letters or digits, else 400) stores it in the
users collection and answers 201 with the text/plain line "Registered ada.". A name
stored already must get a 409 and no second document, even from 50 POSTs at once, and
after MongoDB restarts empty: create a unique index on "username" in create_indexes().

Run it:   make exercise-18   (the runner starts a MongoDB for it)
Check it: make check-18      (stuck? make hint-18)
"""

import asyncio

import tornado.web
from motor.motor_tornado import MotorClient
from pymongo.errors import DuplicateKeyError
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")
define("mongodb_uri", default="mongodb://127.0.0.1:27017/", help="a /name picks the db")


class UsersHandler(tornado.web.RequestHandler):
    async def post(self):
        username = self.get_body_argument("username", "").lower()
        if not (username.isalnum() and len(username) <= 32):
            raise tornado.web.HTTPError(400, reason="1-32 letters or digits, please")
        try:  # before each insert: a MongoDB that restarted empty has no index
            await create_indexes(self.settings["db"])
            await self.settings["db"].users.insert_one({"username": username})
        except DuplicateKeyError:
            raise tornado.web.HTTPError(409, reason="username taken") from None
        self.set_status(201)
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.write(f"Registered {username}.\n")


async def create_indexes(db):
    # TODO: make MongoDB refuse a second document with the same "username".
    pass


def make_app(**overrides):
    settings = {"db": None, **overrides}  # main() passes the motor database
    return tornado.web.Application([(r"/users", UsersHandler)], **settings)


# Don't change these lines: they connect to MongoDB and start the server.
async def main():
    parse_command_line()
    mongo = MotorClient(options.mongodb_uri, serverSelectionTimeoutMS=2000)
    db = mongo.get_default_database("exercise_18")
    make_app(db=db).listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
