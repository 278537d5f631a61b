"""Exercise 26 - Run a blocking call in a thread

Task: GET /weather?city=<name> calls forecast_for(), which blocks the server. Await
it in a thread of POOL: GET /health then answers and counts 2+ lookups at once.

Run it:   make exercise-26
Check it: make check-26    (stuck? make hint-26)
"""

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")
define("delay", default=0.5, type=float, help="seconds forecast_for() takes")

FORECASTS = {"paris": "sunny, 24 °C", "oslo": "snow, -3 °C", "lima": "cloudy, 19 °C"}
RUNNING = []  # the forecast_for() calls under way, for /health
POOL = ThreadPoolExecutor(4, thread_name_prefix="forecast")  # default pool stays free


def forecast_for(city):  # the bureau's library, with no async version: Don't change
    RUNNING.append(city)
    time.sleep(options.delay)  # it blocks the thread that calls it
    RUNNING.remove(city)
    return FORECASTS[city]


class WeatherHandler(tornado.web.RequestHandler):
    async def get(self):
        city = self.get_query_argument("city").strip().lower()  # missing: a 400
        if city not in FORECASTS:
            raise tornado.web.HTTPError(404, reason="No such city")
        # in POOL's thread it blocks that thread only: the loop and default pool go on
        loop = asyncio.get_running_loop()
        forecast = await loop.run_in_executor(POOL, forecast_for, city)
        self.write({"city": city, "forecast": forecast})


class HealthHandler(tornado.web.RequestHandler):
    def get(self):
        self.write({"status": "ok", "lookups_running": len(RUNNING)})


def make_app(**overrides):
    routes = [(r"/weather", WeatherHandler), (r"/health", HealthHandler)]
    return tornado.web.Application(routes, **overrides)


async def main():
    parse_command_line()
    make_app().listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
