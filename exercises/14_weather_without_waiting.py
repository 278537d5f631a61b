"""Exercise 14 - A weather service that does not freeze the server

Task: /weather and /air each wait for a slow service, and while one waits the
whole server waits: five requests at once take five delays, and even
GET /health hangs. Both handlers are `async def` already, which is not enough.
Make them wait without blocking the event loop:
  1. /air?city=<name> waits with time.sleep(): await asyncio.sleep() instead;
  2. /weather?city=<name> calls forecast_for(), a blocking library function
     you must not change: run it in a thread with
     `await IOLoop.current().run_in_executor(None, forecast_for, ...)`.
Then five requests at once take about one delay, and GET /health answers
while they wait (it counts the lookups running). A missing city is a 400 and
an unknown one a 404 already: keep it so.

Run it:   make exercise-14
Check it: make check-14    (stuck? make hint-14)
"""

import asyncio
import time

import tornado.web
from tornado.ioloop import IOLoop
from tornado.options import define, options, parse_command_line
from tornado.web import HTTPError

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")
define("delay", default=0.5, type=float, help="seconds the slow services take")

CITIES = {
    "paris": {"forecast": "sunny, 24 °C", "air": "good"},
    "oslo": {"forecast": "snow, -3 °C", "air": "very good"},
    "lima": {"forecast": "cloudy, 19 °C", "air": "moderate"},
}


def forecast_for(city, delay):
    """The weather bureau's client library: no async version, it blocks. Don't change it."""
    time.sleep(delay)
    return CITIES[city]["forecast"]


class CityHandler(tornado.web.RequestHandler):
    def initialize(self, running):
        self.running = running

    def prepare(self):
        self.city = self.get_query_argument("city").strip().lower()  # missing: Tornado answers 400
        if self.city not in CITIES:
            raise HTTPError(404, reason="No such city")
        self.running.add(self)

    def on_finish(self):
        self.running.discard(self)


class WeatherHandler(CityHandler):
    async def get(self):
        # TODO: run forecast_for in a thread, so the event loop goes on meanwhile.
        forecast = forecast_for(self.city, options.delay)
        self.write({"city": self.city, "forecast": forecast})


class AirHandler(CityHandler):
    async def get(self):
        # TODO: wait the delay without blocking the event loop.
        time.sleep(options.delay)  # stands for the air-quality service's answer time
        self.write({"city": self.city, "air": CITIES[self.city]["air"]})


class HealthHandler(tornado.web.RequestHandler):
    def initialize(self, running):
        self.running = running

    def get(self):
        self.write({"status": "ok", "lookups_running": len(self.running)})


def make_app(**overrides):
    running = set()  # the lookups under way, for /health
    return tornado.web.Application(
        [
            (r"/weather", WeatherHandler, {"running": running}),
            (r"/air", AirHandler, {"running": running}),
            (r"/health", HealthHandler, {"running": running}),
        ],
        **overrides,
    )


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
