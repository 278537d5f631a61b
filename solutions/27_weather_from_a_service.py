"""Exercise 27 - Call a service without blocking

Task: GET /weather?city=<name> asks GET /forecast of this same server with urllib:
that blocks the loop, /forecast cannot start, and /weather gives up with a 504.
Await AsyncHTTPClient().fetch() instead: /forecast runs meanwhile, /weather gets 200.

Run it:   make exercise-27
Check it: make check-27    (stuck? make hint-27)
"""

import asyncio
import urllib.parse
import urllib.request

import tornado.httpclient
import tornado.web
from tornado.options import define, options, parse_command_line

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on")
define("delay", default=0.5, type=float, help="seconds /forecast takes")

FORECASTS = {"paris": "sunny, 24 °C", "oslo": "snow, -3 °C", "lima": "cloudy, 19 °C"}


class ForecastHandler(tornado.web.RequestHandler):
    async def get(self):  # the weather bureau's slow service: Don't change it
        await asyncio.sleep(options.delay)
        self.write(FORECASTS.get(self.get_query_argument("city"), "unknown"))


class WeatherHandler(tornado.web.RequestHandler):
    async def get(self):
        city = self.get_query_argument("city").strip().lower()  # missing: a 400
        query = urllib.parse.urlencode({"city": city})
        url = f"http://127.0.0.1:{options.port}/forecast?{query}"
        timeout = options.delay + 0.3  # /forecast's delay, and a little more
        try:
            # await gives the loop back, so it can serve /forecast meanwhile
            client = tornado.httpclient.AsyncHTTPClient()
            body = (await client.fetch(url, request_timeout=timeout)).body
        except (OSError, tornado.httpclient.HTTPClientError):  # no answer in time
            raise tornado.web.HTTPError(504, reason="No forecast in time") from None
        self.write({"city": city, "forecast": body.decode()})


def make_app(**overrides):
    routes = [(r"/forecast", ForecastHandler), (r"/weather", WeatherHandler)]
    return tornado.web.Application(routes, **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
