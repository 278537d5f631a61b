"""Lesson 14: the same slow operation blocking (/broken/), awaited, and in a
thread; a blocking self-call deadlocks, AsyncHTTPClient's does not; the delay
as an option and as a checked query argument; the older decorators' status.

Timings are judged with wide margins: overlapping requests finish in well under
half of count x delay, serialised ones in at least 0.8 x count x delay. Which
request waited for which is read from the log order, not from timings."""

import asyncio
import os
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import tornado.web
from tornado.httpclient import AsyncHTTPClient

from course import catalog
from course.client import Client
from course.serve import Server, ServerFailed

DELAY = 0.2  # the lesson's --delay here: short, so the file runs in seconds
COUNT = 5  # concurrent requests; the default thread pool has at least 5 threads
NON_BLOCKING = ["/sleep", "/thread", "/fetch"]
BLOCKING = ["/broken/sleep", "/broken/fetch"]
SLEPT = "Slept 0.2 s with await asyncio.sleep(): other requests went on.\n"


@pytest.fixture(scope="module")
def server(script, module_scripts):
    """The lesson with a 0.2 s delay."""
    return module_scripts.start(script, f"--delay={DELAY}")


def get(server, path):
    with Client(server.base_url) as client:
        return client.get(path)


def fire(server, path, count=COUNT):
    """count GETs of path at once, one thread each: (responses, seconds until the last answered)."""
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=count) as pool:
        responses = list(pool.map(lambda _: get(server, path), range(count)))
    return responses, time.monotonic() - started


def home_during(server, uri):
    """GET uri in a thread; once the log says it started, GET /. Returns the
    answer of /, the log as it was when / answered, and uri's answer."""
    seen = len(server.log())
    with ThreadPoolExecutor(max_workers=1) as pool:
        slow = pool.submit(get, server, uri)
        server.wait_for_log(f"] {uri} starts", after=seen)
        home = get(server, "/")
        log = server.log()[seen:]
        return home, log, slow.result()


# The quick page


def test_home_answers_at_once(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=UTF-8"
    assert response.text == "Quick answer: this page never waits.\n"


# The slow pages, one request each (/broken/fetch: see "Calling another page")


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/sleep", SLEPT),
        ("/thread", "slow_report() took 0.2 s in a thread: other requests went on.\n"),
        ("/fetch", f"AsyncHTTPClient().fetch() got: {SLEPT}"),
        ("/broken/sleep", "Slept 0.2 s with time.sleep(): every other request waited.\n"),
    ],
    ids=["sleep", "thread", "fetch", "broken-sleep"],
)
def test_each_slow_page_takes_the_delay_and_says_how_it_waited(client, path, body):
    started = time.monotonic()
    response = client.get(path)
    assert response.status_code == 200
    assert response.text == body
    assert time.monotonic() - started >= 0.9 * DELAY


def test_each_slow_request_logs_when_it_starts(client, server):
    seen = len(server.log())
    client.get("/sleep")
    log = server.wait_for_log("200 GET /sleep (", after=seen)
    assert log.index("] /sleep starts, 0.2 s") < log.index("200 GET /sleep (")


# Concurrent requests: the awaited ones overlap, the blocking ones queue


@pytest.mark.parametrize("path", NON_BLOCKING)
def test_concurrent_non_blocking_requests_overlap(server, path):
    responses, seconds = fire(server, path)
    assert [response.status_code for response in responses] == [200] * COUNT
    assert seconds < COUNT * DELAY / 2, f"{COUNT} requests of {DELAY} s took {seconds:.2f} s: they did not overlap"


def test_concurrent_blocking_sleeps_run_one_after_another(server):
    responses, seconds = fire(server, "/broken/sleep")
    assert [response.status_code for response in responses] == [200] * COUNT
    assert seconds > 0.8 * COUNT * DELAY, f"{COUNT} blocking sleeps of {DELAY} s took only {seconds:.2f} s"


def test_concurrent_blocking_self_calls_each_wait_their_whole_timeout(server):
    # delay=0: the call would need no time at all, yet each waits its 0.5 s and fails.
    responses, seconds = fire(server, "/broken/fetch?delay=0", count=2)
    assert [response.status_code for response in responses] == [504] * 2
    assert seconds > 0.8 * 2 * 0.5


@pytest.mark.parametrize("path", NON_BLOCKING)
def test_twenty_concurrent_requests_all_succeed(server, path):
    responses, _ = fire(server, f"{path}?delay=0.05", count=20)
    assert [response.status_code for response in responses] == [200] * 20


# A quick request during a slow one


@pytest.mark.parametrize("path", NON_BLOCKING)
def test_home_answers_while_a_non_blocking_request_waits(server, path):
    home, log, slow = home_during(server, f"{path}?delay=0.3")
    assert home.status_code == 200
    assert f"GET {path}?delay=0.3 (" not in log, f"/ had to wait until {path} ended"
    assert slow.status_code == 200


@pytest.mark.parametrize(("path", "status"), [("/broken/sleep", 200), ("/broken/fetch", 504)])
def test_home_waits_until_a_blocking_request_ends(server, path, status):
    home, log, slow = home_during(server, f"{path}?delay=0.2")
    assert home.status_code == 200
    assert f"{status} GET {path}?delay=0.2 (" in log, f"/ was answered before {path} ended: did it not block?"
    assert slow.status_code == status


# Calling another page of the same server


def test_a_blocking_self_call_deadlocks_the_called_page_starts_only_after_it_gave_up(client, server):
    seen = len(server.log())
    response = client.get("/broken/fetch?delay=0.1")
    assert response.status_code == 504
    assert response.text == "urllib.request.urlopen() got no answer in 0.6 s: /sleep could not run meanwhile.\n"
    log = server.wait_for_log("200 GET /sleep?delay=0.1 (", after=seen)
    assert log.index("504 GET /broken/fetch?delay=0.1 (") < log.index("] /sleep?delay=0.1 starts"), (
        "the /sleep that urllib called could not start while urllib waited for it"
    )


def test_asynchttpclient_self_call_is_served_while_fetch_waits(client, server):
    seen = len(server.log())
    response = client.get("/fetch?delay=0.15")
    assert response.status_code == 200
    log = server.wait_for_log("200 GET /fetch?delay=0.15 (", after=seen)
    steps = [
        "] /fetch?delay=0.15 starts",
        "] /sleep?delay=0.15 starts",
        "200 GET /sleep?delay=0.15 (",
        "200 GET /fetch?delay=0.15 (",
    ]
    order = [log.index(step) for step in steps]
    assert order == sorted(order), "/fetch starts, the /sleep it calls starts and ends, then /fetch ends"


def test_a_fetch_whose_answer_comes_too_late_is_a_clean_504(server):
    # /fetch waits 0.3 + 0.5 s for /sleep; a blocking request freezes the loop
    # for 1 s meanwhile, so the answer cannot be read in time.
    seen = len(server.log())
    with ThreadPoolExecutor(max_workers=1) as pool:
        fetch = pool.submit(get, server, "/fetch?delay=0.3")
        server.wait_for_log("] /fetch?delay=0.3 starts", after=seen)
        assert get(server, "/broken/sleep?delay=1").status_code == 200
        response = fetch.result()
    assert response.status_code == 504
    assert response.reason == "No answer from /sleep in 0.8 s"
    assert "Traceback" not in server.log()[seen:]


def test_more_than_ten_fetches_run_at_once(server):
    # AsyncHTTPClient's default max_clients=10 would run 12 fetches in two
    # rounds (1.2 s or more); main() raised it, so they take one.
    responses, seconds = fire(server, "/fetch?delay=0.6", count=12)
    assert [response.status_code for response in responses] == [200] * 12
    assert seconds < 1.1, f"12 fetches of 0.6 s took {seconds:.2f} s: were they queued?"


def test_the_default_thread_pool_runs_cpus_plus_4_calls_at_once(server):
    cpus = getattr(os, "process_cpu_count", os.cpu_count)() or 1
    threads = min(32, cpus + 4)
    responses, seconds = fire(server, "/thread", count=threads + 1)
    assert [response.status_code for response in responses] == [200] * (threads + 1)
    assert seconds >= 1.9 * DELAY, (
        f"{threads + 1} calls took {seconds:.2f} s: the last should have waited for one of {threads} threads"
    )


# The delay: an option, and a checked query argument


def test_the_delay_query_argument_sets_the_delay(client):
    response = client.get("/sleep?delay=0.1")
    assert response.status_code == 200
    assert response.text == "Slept 0.1 s with await asyncio.sleep(): other requests went on.\n"


def test_a_delay_of_zero_is_allowed(client):
    response = client.get("/broken/sleep?delay=0")
    assert response.status_code == 200
    assert response.text == "Slept 0 s with time.sleep(): every other request waited.\n"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("soon", "delay must be a number of seconds"),
        ("", "delay must be a number of seconds"),
        ("0x10", "delay must be a number of seconds"),
        ("-1", "delay must be from 0 to 5 seconds"),
        ("5.01", "delay must be from 0 to 5 seconds"),
        ("60", "delay must be from 0 to 5 seconds"),
        ("nan", "delay must be from 0 to 5 seconds"),
        ("inf", "delay must be from 0 to 5 seconds"),
        ("1e999", "delay must be from 0 to 5 seconds"),
    ],
)
def test_a_bad_delay_is_a_400_not_a_500(client, value, reason):
    response = client.get("/sleep", params={"delay": value})
    assert response.status_code == 400
    assert response.reason == reason
    assert f"400: {reason}" in response.text


@pytest.mark.parametrize("path", NON_BLOCKING + BLOCKING)
def test_every_slow_page_checks_the_delay_before_it_waits(client, server, path):
    seen = len(server.log())
    response = client.get(path, params={"delay": "-1"})
    assert response.status_code == 400
    server.wait_for_log(f"400 GET {path}?delay=-1 (", after=seen)
    assert f"{path}?delay=-1 starts" not in server.log()[seen:]


def test_the_default_delay_is_half_a_second(start_script, script, client_for):
    response = client_for(start_script(script)).get("/sleep")
    assert response.status_code == 200
    assert response.text == "Slept 0.5 s with await asyncio.sleep(): other requests went on.\n"


@pytest.mark.parametrize("value", ["-1", "9"])
def test_a_delay_option_out_of_range_stops_the_lesson_with_one_line(script, value):
    server = Server(script, args=[f"--delay={value}"])
    try:
        with pytest.raises(ServerFailed, match="--delay must be from 0 to 5 seconds"):
            server.start()
    finally:
        server.close()


# The Bench: section the runner reads


def test_the_bench_section_lists_every_slow_page_and_each_answers(client):
    bench = catalog.lesson("14").bench
    assert [path for _, path in bench] == ["/broken/sleep", "/sleep", "/thread", "/broken/fetch", "/fetch"]
    statuses = {path: client.get(path, params={"delay": "0"}).status_code for _, path in bench}
    assert statuses == {"/broken/sleep": 200, "/sleep": 200, "/thread": 200, "/broken/fetch": 504, "/fetch": 200}


# What older tutorials use


def test_tornado_web_asynchronous_was_removed():
    with pytest.raises(AttributeError, match="has no attribute 'asynchronous'"):
        tornado.web.asynchronous  # noqa: B018 - the attribute access is the test


def test_gen_coroutine_with_yield_still_serves_a_page_without_any_warning():
    # -W error: any warning at all, DeprecationWarning included, would fail the script.
    program = textwrap.dedent(
        """
        import asyncio
        import tornado.web
        from tornado import gen
        from tornado.httpclient import AsyncHTTPClient
        from tornado.httpserver import HTTPServer
        from tornado.testing import bind_unused_port

        class OldStyleHandler(tornado.web.RequestHandler):
            @gen.coroutine
            def get(self):
                yield gen.sleep(0.01)
                word = yield self.word()
                self.write(word)

            @gen.coroutine
            def word(self):
                yield asyncio.sleep(0.01)
                raise gen.Return("still works")

        async def main():
            sock, port = bind_unused_port()
            server = HTTPServer(tornado.web.Application([(r"/", OldStyleHandler)]))
            server.add_sockets([sock])
            response = await AsyncHTTPClient().fetch(f"http://127.0.0.1:{port}/")
            print(response.code, response.body.decode())
            server.stop()

        asyncio.run(main())
        """
    )
    result = subprocess.run([sys.executable, "-W", "error", "-c", program], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "200 still works\n"
    assert result.stderr == ""


def test_fetch_no_longer_takes_a_callback():
    async def old_call():
        AsyncHTTPClient().fetch("http://127.0.0.1:9/", callback=print)

    with pytest.raises(TypeError, match="unexpected keyword argument 'callback'"):
        asyncio.run(old_call())
