"""Lesson 26 - Blocking code in a thread pool (线程池中的阻塞代码)

A library call with no async version blocks the thread that runs it. Run it in a
pool of its own: `await IOLoop.current().run_in_executor(POOL, func, arg)`. POOL
has 4 threads, as many calls as the slow service can take. The rest wait. Never
fill the default pool (None, or asyncio.to_thread) with slow calls. It also looks
up the host of every AsyncHTTPClient fetch, even 127.0.0.1: every fetch would wait.

Run:
    make lesson-26
    python lessons/26_thread_pool.py --port=8000 --delay=0.5

Try it:
    curl -i "http://127.0.0.1:8000/thread?delay=0.1"       # -> 200
    curl -i http://127.0.0.1:8000/broken/report            # -> 200

Bench:
    sleep in a thread         /thread
    blocking call             /broken/report
"""

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import tornado.web
from tornado.ioloop import IOLoop
from tornado.log import app_log
from tornado.options import define, options, parse_command_line
from tornado.web import HTTPError

define("port", default=8000, type=int, help="port to listen on")
define("host", default="127.0.0.1", help="address to listen on (0.0.0.0: all networks)")
define("delay", default=0.5, type=float, help="seconds slow_report() takes (0 to 5)")
POOL = ThreadPoolExecutor(4, thread_name_prefix="report")  # 4 on any machine


def slow_report(delay):  # a stand-in for a library call that blocks its thread
    thread = threading.current_thread().name
    app_log.info("slow_report(%g) starts in %s", delay, thread)
    time.sleep(delay)
    app_log.info("slow_report(%g) ends in %s", delay, thread)
    return f"slow_report() took {delay:g} s in thread {thread}"


class ReportHandler(tornado.web.RequestHandler):
    def prepare(self):  # checks the delay before any call
        try:
            self.delay = float(self.get_query_argument("delay", str(options.delay)))
        except ValueError:
            raise HTTPError(400, reason="delay must be a number of seconds") from None
        if not 0 <= self.delay <= 5:  # also refuses nan and inf
            raise HTTPError(400, reason="delay must be from 0 to 5 seconds")

    async def get(self):
        report = await IOLoop.current().run_in_executor(POOL, slow_report, self.delay)
        self.write(f"{report}: other requests went on.\n")


class BrokenReportHandler(ReportHandler):
    async def get(self):  # slow_report() in the loop's own thread: all else waits
        self.write(f"{slow_report(self.delay)}: every other request waited.\n")


def make_app(**overrides):
    routes = [(r"/thread", ReportHandler), (r"/broken/report", BrokenReportHandler)]
    return tornado.web.Application(routes, **overrides)


async def main():
    parse_command_line()
    app = make_app()
    app.listen(options.port, address=options.host)
    print(f"Listening on http://{options.host}:{options.port}/", flush=True)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
