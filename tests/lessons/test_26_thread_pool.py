"""Lesson 26: blocking calls in a thread pool of their own, counted from the log."""

import asyncio
import logging
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import tornado.httpserver
import tornado.testing
import tornado.web
from tornado.httpclient import AsyncHTTPClient
from tornado.ioloop import IOLoop

from course import catalog
from tests.introspect import load
from tests.support import fire, most_at_once, quick_request_during

pytestmark = pytest.mark.slow  # waits by design: scheduled first

DELAY = 0.1  # the lesson's --delay here: short, so the file runs quickly
THREADS = 4  # the lesson's own pool
SLOW = 0.2  # seconds of each slow call in the tests run in this process
QUICK = "/thread?delay=0"  # the other client: a request that does not wait
STARTS = ") starts in "  # in slow_report()'s start line, never in its end line
IN_THE_POOL = (
    r"slow_report\(\) took {} s in thread report_\d+: other requests went on.\n"
)
IN_THE_LOOP = (
    "slow_report() took {} s in thread MainThread: every other request waited.\n"
)


@pytest.fixture(scope="module")
def server(script, module_scripts):
    """The lesson with a 0.1 s delay."""
    return module_scripts.start(script, f"--delay={DELAY}")


def calls(log):
    """The log lines where slow_report() starts or ends, in the order logged."""
    return [line for line in log.splitlines() if "] slow_report(" in line]


def threads_of(lines):
    return {line.rsplit(" in ", 1)[1] for line in lines}


def default_pool_size():
    """The default pool's size: min(32, CPUs + 4)."""
    return min(32, (getattr(os, "process_cpu_count", os.cpu_count)() or 1) + 4)


def test_the_thread_page_runs_slow_report_in_a_thread_of_the_lessons_pool(client):
    started = time.monotonic()
    response = client.get("/thread")
    assert response.status_code == 200
    assert re.fullmatch(IN_THE_POOL.format(DELAY), response.text), response.text
    assert time.monotonic() - started >= 0.9 * DELAY  # a sleep never ends early


def test_the_broken_page_runs_slow_report_in_the_loops_own_thread(client):
    response = client.get("/broken/report")
    assert response.status_code == 200
    assert response.text == IN_THE_LOOP.format(DELAY)


def test_slow_report_logs_its_start_and_its_end_with_its_thread(client, server):
    seen = len(server.log())
    response = client.get("/thread?delay=0.05")
    assert response.status_code == 200
    thread = re.search(r"thread (report_\d+)", response.text)[1]
    lines = calls(server.log()[seen:])
    assert [line.split("] ")[1] for line in lines] == [
        f"slow_report(0.05) starts in {thread}",
        f"slow_report(0.05) ends in {thread}",
    ]


# Many calls at once: counted from the order of the log lines


def test_the_pool_runs_4_calls_at_once_and_the_rest_wait(server):
    paths = ["/thread?delay=0.15"] * (THREADS + 2)
    seen = len(server.log())
    responses = fire(server, paths)
    assert [response.status_code for response in responses] == [200] * len(paths)
    lines = calls(server.log()[seen:])
    assert len(lines) == 2 * len(paths)
    shown = "\n".join(lines)
    assert most_at_once(lines, STARTS) == THREADS, (
        f"{THREADS} threads should run:\n{shown}"
    )
    assert len(threads_of(lines)) == THREADS, shown
    assert all(name.startswith("report_") for name in threads_of(lines)), shown


def test_blocking_calls_run_one_after_another_in_the_loops_thread(server):
    seen = len(server.log())
    responses = fire(server, ["/broken/report?delay=0.05"] * 3)
    assert [response.status_code for response in responses] == [200] * 3
    lines = calls(server.log()[seen:])
    assert len(lines) == 2 * 3
    assert most_at_once(lines, STARTS) == 1, "\n".join(lines)
    assert threads_of(lines) == {"MainThread"}


def test_a_quick_request_answers_while_a_thread_works(server):
    quick, log, slow = quick_request_during(
        server, "/thread?delay=0.25", QUICK, started="] slow_report(0.25) starts"
    )
    assert quick.status_code == 200
    assert "] slow_report(0.25) ends" not in log, f"{QUICK} had to wait:\n{log}"
    assert slow.status_code == 200


def test_a_quick_request_waits_until_a_blocking_call_ends(server):
    quick, log, slow = quick_request_during(
        server, "/broken/report?delay=0.2", QUICK, started="] slow_report(0.2) starts"
    )
    assert quick.status_code == 200
    assert "] slow_report(0.2) ends" in log, f"{QUICK} did not wait:\n{log}"
    assert slow.status_code == 200


# A fetch while slow calls run, in this process: its host lookup needs the default pool


class Events(logging.Handler):
    """slow_report()'s log lines (from any thread) and the test's own, in order."""

    def __init__(self):
        super().__init__()
        self.loop, self.lines = asyncio.get_running_loop(), []
        self.logged = asyncio.Event()

    def emit(self, record):
        self.lines.append(record.getMessage())
        self.loop.call_soon_threadsafe(self.logged.set)

    async def started(self, count):
        """Wait until count slow_report() calls have started."""
        while sum(STARTS in line for line in self.lines) < count:
            self.logged.clear()
            await self.logged.wait()

    def first_end(self):
        return next(i for i, line in enumerate(self.lines) if ") ends in " in line)


class ServiceHandler(tornado.web.RequestHandler):
    def get(self):  # another web service, one that answers at once
        self.write("pong\n")


def serve(app):
    """Serve app on an unused port of this process: (server, base URL)."""
    sock, port = tornado.testing.bind_unused_port()
    server = tornado.httpserver.HTTPServer(app)
    server.add_sockets([sock])
    return server, f"http://127.0.0.1:{port}"


def events_of(scenario):
    """Run scenario(events, url of the service) in a new loop; its Events."""

    async def main():
        events, logger = Events(), logging.getLogger("tornado.application")
        service, url = serve(tornado.web.Application([("/", ServiceHandler)]))
        logger.addHandler(events)
        try:
            await scenario(events, url)
        finally:
            logger.removeHandler(events)
            service.stop()
            AsyncHTTPClient().close()
        return events

    return asyncio.run(main())


def test_slow_calls_that_fill_the_default_pool_stall_every_fetch(script, caplog):
    # run_in_executor(None, ...) and asyncio.to_thread share one pool: both fill it.
    slow_report, threads = load(script).slow_report, default_pool_size()

    async def scenario(events, service):
        loop = IOLoop.current()
        waits = [loop.run_in_executor(None, slow_report, SLOW) for _ in range(2)]
        to_thread = [asyncio.to_thread(slow_report, SLOW) for _ in range(threads - 2)]
        waits += [asyncio.ensure_future(call) for call in to_thread]
        await events.started(threads)  # every thread of the default pool is busy
        await AsyncHTTPClient().fetch(service)  # its host lookup waits for a thread
        events.lines.append("the fetch answered")
        await asyncio.gather(*waits)

    with caplog.at_level(logging.INFO, logger="tornado.application"):
        events = events_of(scenario)
    shown = "\n".join(events.lines)
    assert events.first_end() < events.lines.index("the fetch answered"), (
        f"the fetch should wait for a free thread of the default pool:\n{shown}"
    )


def test_a_fetch_goes_on_while_the_lessons_pool_is_full(script, caplog):
    lesson = load(script)

    async def scenario(events, service):
        # A default pool of one thread: if /thread used it, the 2nd call would wait.
        asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(1))
        server, base = serve(lesson.make_app())
        url, waits = f"{base}/thread?delay={SLOW}", []
        for count in range(1, THREADS + 1):  # one by one, until every thread works
            waits.append(asyncio.ensure_future(AsyncHTTPClient().fetch(url)))
            await events.started(count)
        await AsyncHTTPClient().fetch(service)
        events.lines.append("the fetch answered")
        await asyncio.gather(*waits)
        server.stop()

    with caplog.at_level(logging.INFO, logger="tornado.application"):
        events = events_of(scenario)
    shown = "\n".join(events.lines)
    assert events.lines.index("the fetch answered") < events.first_end(), (
        f"the fetch waited for a slow call: does /thread use the default pool?\n{shown}"
    )
    assert len(threads_of(line for line in events.lines if STARTS in line)) == THREADS


# The delay


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("soon", "delay must be a number of seconds"),
        ("-1", "delay must be from 0 to 5 seconds"),
        ("nan", "delay must be from 0 to 5 seconds"),
    ],
)
def test_a_bad_delay_is_a_400_not_a_500(client, value, reason):
    response = client.get("/thread", params={"delay": value})
    assert response.status_code == 400
    assert response.reason == reason


@pytest.mark.parametrize("path", ["/thread", "/broken/report"])
def test_every_slow_page_checks_the_delay_before_it_calls(client, server, path):
    seen = len(server.log())
    response = client.get(path, params={"delay": "9"})
    assert response.status_code == 400
    log = server.wait_for_log(f"400 GET {path}?delay=9 (", after=seen)
    assert "slow_report(" not in log


def test_the_default_delay_is_half_a_second(script):
    assert load(script).options.delay == 0.5


def test_the_bench_section_lists_the_thread_and_the_blocking_call(client):
    bench = catalog.lesson("26").bench
    assert bench == [
        ("sleep in a thread", "/thread"),
        ("blocking call", "/broken/report"),
    ]
    for _, path in bench:
        assert client.get(path, params={"delay": "0"}).status_code == 200
