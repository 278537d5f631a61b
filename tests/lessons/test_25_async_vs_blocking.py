"""Lesson 25: awaited sleeps overlap, time.sleep() queues: the log order tells."""

import asyncio
import subprocess
import sys
import time
import warnings

import pytest
import tornado.web
from tornado import gen

from course import catalog
from tests.introspect import load
from tests.support import (
    fetch_in_process,
    fire,
    most_at_once,
    quick_request_during,
    story,
)

pytestmark = pytest.mark.slow  # waits by design: scheduled first

DELAY = 0.1  # the lesson's --delay here: short, so the file runs quickly
COUNT = 5  # requests sent at once
SLEPT = "Slept {} s with await asyncio.sleep().\n"
BLOCKED = "Slept {} s with time.sleep().\n"
QUICK = "/sleep?delay=0"  # the other client: a request that does not wait


@pytest.fixture(scope="module")
def server(script, module_scripts):
    """The lesson with a 0.1 s delay."""
    return module_scripts.start(script, f"--delay={DELAY}")


# One request at a time


@pytest.mark.parametrize(
    ("path", "body"),
    [("/sleep", SLEPT.format("0.1")), ("/broken/sleep", BLOCKED.format("0.1"))],
    ids=["await", "time-sleep"],
)
def test_each_slow_page_waits_the_delay_it_is_given_and_says_how(client, path, body):
    started = time.monotonic()
    response = client.get(path, params={"delay": "0.1"})
    assert response.status_code == 200
    assert response.text == body
    assert time.monotonic() - started >= 0.09  # a sleep never ends early


def test_a_slow_request_logs_when_it_starts_and_when_it_ends(client, server):
    seen = len(server.log())
    client.get("/sleep")
    log = server.wait_for_log("200 GET /sleep (", after=seen)
    starts, ends = log.index("] /sleep starts, 0.1 s"), log.index("] /sleep ends")
    assert starts < ends < log.index("200 GET /sleep (")


# Requests at the same time: the order of the log lines tells


def test_awaited_sleeps_overlap_all_start_before_any_ends(server):
    seen = len(server.log())
    responses = fire(server, ["/sleep?delay=0.25"] * COUNT)
    assert [response.status_code for response in responses] == [200] * COUNT
    lines = story(server.log()[seen:], "/sleep?delay=0.25")
    assert len(lines) == 2 * COUNT
    assert most_at_once(lines) == COUNT, "\n".join(lines)


def test_blocking_sleeps_queue_each_ends_before_the_next_starts(server):
    seen = len(server.log())
    responses = fire(server, ["/broken/sleep?delay=0.05"] * 3)
    assert [response.status_code for response in responses] == [200] * 3
    lines = story(server.log()[seen:], "/broken/sleep?delay=0.05")
    assert len(lines) == 2 * 3
    assert most_at_once(lines) == 1, "\n".join(lines)


def test_twenty_awaited_sleeps_at_once_all_succeed(server):
    responses = fire(server, ["/sleep?delay=0.05"] * 20)
    assert [response.status_code for response in responses] == [200] * 20


def test_a_quick_request_answers_while_an_awaited_sleep_waits(server):
    quick, log, slow = quick_request_during(server, "/sleep?delay=0.25", QUICK)
    assert quick.status_code == 200
    assert quick.text == SLEPT.format("0")
    assert "] /sleep?delay=0.25 ends" not in log, f"{QUICK} had to wait:\n{log}"
    assert slow.status_code == 200


def test_a_quick_request_waits_until_a_blocking_sleep_ends(server):
    quick, log, slow = quick_request_during(server, "/broken/sleep?delay=0.2", QUICK)
    assert quick.status_code == 200
    assert "] /broken/sleep?delay=0.2 ends" in log, f"{QUICK} did not wait:\n{log}"
    assert slow.status_code == 200


# The delay: an option, and a checked query argument


def test_a_delay_of_zero_is_allowed(client):
    response = client.get("/broken/sleep?delay=0")
    assert response.status_code == 200
    assert response.text == BLOCKED.format("0")


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


@pytest.mark.parametrize("path", ["/sleep", "/broken/sleep"])
def test_every_slow_page_checks_the_delay_before_it_waits(client, server, path):
    seen = len(server.log())
    response = client.get(path, params={"delay": "-1"})
    assert response.status_code == 400
    log = server.wait_for_log(f"400 GET {path}?delay=-1 (", after=seen)
    assert f"] {path}?delay=-1 starts" not in log


def test_the_default_delay_is_half_a_second(script):
    assert load(script).options.delay == 0.5


def test_a_delay_option_out_of_range_stops_the_lesson_with_one_line(script):
    # As its own process: SystemExit inside asyncio.run() would unsettle this one.
    command = [sys.executable, str(script), "--delay=9", "--port=0"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert result.stderr == "--delay must be from 0 to 5 seconds\n"
    assert result.stdout == ""  # it never listened


def test_the_bench_section_lists_both_sleeps_and_each_answers(client):
    bench = catalog.lesson("25").bench
    assert bench == [
        ("blocking sleep", "/broken/sleep"),
        ("non-blocking sleep", "/sleep"),
    ]
    for _, path in bench:
        assert client.get(path, params={"delay": "0"}).status_code == 200


# What older tutorials use


def test_tornado_web_asynchronous_was_removed():
    with pytest.raises(AttributeError, match="has no attribute 'asynchronous'"):
        tornado.web.asynchronous  # noqa: B018 - the attribute access is the test


def old_style_app():
    """A page written the 2015 way: @gen.coroutine, yield, raise gen.Return."""

    class OldStyleHandler(tornado.web.RequestHandler):
        @gen.coroutine
        def get(self):
            yield gen.sleep(0.01)
            word = yield self.word()
            self.write(word)  # no self.finish(): the request ends when get() returns

        @gen.coroutine
        def word(self):
            yield asyncio.sleep(0.01)
            raise gen.Return("still works")

    return tornado.web.Application([(r"/", OldStyleHandler)])


def test_gen_coroutine_with_yield_still_works_finishes_by_itself_and_warns_nothing():
    # Everything from decorating to serving runs while warnings are recorded.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = fetch_in_process(old_style_app())
    assert response.code == 200
    assert response.body == b"still works"
    assert [str(warning.message) for warning in caught] == []
