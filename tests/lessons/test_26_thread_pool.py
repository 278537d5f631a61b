"""Lesson 26: blocking calls in the default thread pool, counted from the log."""

import asyncio
import logging
import os
import re
import time

import pytest
from tornado.ioloop import IOLoop

from course import catalog
from course.introspect import load
from tests.support import fire, most_at_once, quick_request_during

pytestmark = pytest.mark.slow  # waits by design: scheduled first

DELAY = 0.1  # the lesson's --delay here: short, so the file runs quickly
QUICK = "/thread?delay=0"  # the other client: a request that does not wait
STARTS = ") starts in "  # in slow_report()'s start line, never in its end line
IN_THE_POOL = (
    r"slow_report\(\) took {} s in thread asyncio_\d+: other requests went on.\n"
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


def pool_size():
    """The default pool's size: min(32, CPUs + 4)."""
    return min(32, (getattr(os, "process_cpu_count", os.cpu_count)() or 1) + 4)


def test_the_thread_page_runs_slow_report_in_a_thread_of_the_pool(client):
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
    thread = re.search(r"thread (asyncio_\d+)", response.text)[1]
    lines = calls(server.log()[seen:])
    assert [line.split("] ")[1] for line in lines] == [
        f"slow_report(0.05) starts in {thread}",
        f"slow_report(0.05) ends in {thread}",
    ]


# Many calls at once: counted from the order of the log lines


def test_the_pool_runs_cpus_plus_4_calls_at_once_and_the_rest_wait(server):
    threads = pool_size()
    paths = ["/thread?delay=0.25"] * (threads + 2)
    seen = len(server.log())
    responses = fire(server, paths)
    assert [response.status_code for response in responses] == [200] * len(paths)
    lines = calls(server.log()[seen:])
    assert len(lines) == 2 * len(paths)
    shown = "\n".join(lines)
    assert most_at_once(lines, STARTS) == threads, (
        f"{threads} threads should run:\n{shown}"
    )
    assert len(threads_of(lines)) == threads, shown
    assert all(name.startswith("asyncio_") for name in threads_of(lines)), shown


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


def test_asyncio_to_thread_uses_the_same_pool_as_run_in_executor(script, caplog):
    # In this process: both ways at once never run more calls than one pool holds.
    slow_report, threads = load(script).slow_report, pool_size()

    async def both_ways():
        half = threads // 2 + 1
        loop = IOLoop.current()
        waits = [loop.run_in_executor(None, slow_report, 0.15) for _ in range(half)]
        waits += [asyncio.to_thread(slow_report, 0.15) for _ in range(half)]
        return await asyncio.gather(*waits)

    with caplog.at_level(logging.INFO, logger="tornado.application"):
        reports = asyncio.run(both_ways())
    assert len(reports) == 2 * (threads // 2 + 1)
    lines = [r.getMessage() for r in caplog.records if "slow_report(" in r.getMessage()]
    shown = "\n".join(lines)
    assert len(lines) == 2 * len(reports), shown
    assert most_at_once(lines, STARTS) == threads, (
        f"{threads} threads should run:\n{shown}"
    )
    assert len(threads_of(lines)) == threads, shown


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
