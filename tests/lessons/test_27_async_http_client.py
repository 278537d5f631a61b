"""Lesson 27: AsyncHTTPClient self-calls, the urllib deadlock, and the queue."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPClientError

from course import catalog
from tests.introspect import load
from tests.support import fire, get, most_at_once, quick_request_during, story

pytestmark = pytest.mark.slow  # waits by design: scheduled first

DELAY = 0.1  # the lesson's --delay here: short, so the file runs quickly
SLEPT = "Slept {} s.\n"


@pytest.fixture(scope="module")
def server(script, module_scripts):
    """The lesson with a 0.1 s delay."""
    return module_scripts.start(script, f"--delay={DELAY}")


def first(log, *marks):
    """Where each mark first shows in the log (-1: not there)."""
    return [log.find(mark) for mark in marks]


def fetch_two_in_turn(server, first_uri, second_uri, **second):
    """Two fetches of this server's /sleep through one client with max_clients=1:
    the second waits in the queue. Their answers, or the error each raised."""

    async def both():
        client = AsyncHTTPClient(force_instance=True, max_clients=1)
        try:
            return await asyncio.gather(
                client.fetch(server.url(first_uri), request_timeout=5),
                client.fetch(server.url(second_uri), **second),
                return_exceptions=True,
            )
        finally:
            client.close()

    return asyncio.run(both())


# One call at a time


def test_sleep_is_the_slow_service_the_other_pages_call(client):
    response = client.get("/sleep")
    assert response.status_code == 200
    assert response.text == SLEPT.format(DELAY)


def test_fetch_passes_on_what_sleep_answered(client):
    response = client.get("/fetch?delay=0.05")
    assert response.status_code == 200
    assert response.text == "fetch() got: " + SLEPT.format("0.05")


def test_the_self_call_is_served_while_fetch_waits(client, server):
    seen = len(server.log())
    assert client.get("/fetch?delay=0.15").status_code == 200
    log = server.wait_for_log("200 GET /fetch?delay=0.15 (", after=seen)
    order = first(
        log,
        "] /fetch?delay=0.15 starts",
        "] /sleep?delay=0.15 starts",
        "] /sleep?delay=0.15 ends, 200",
        "] /fetch?delay=0.15 ends, 200",
    )
    assert -1 not in order, log
    assert order == sorted(order), f"/sleep should run inside /fetch:\n{log}"


def test_a_blocking_self_call_deadlocks_sleep_starts_only_after_it_gave_up(
    client, server
):
    seen = len(server.log())
    response = client.get("/broken/fetch?delay=0.05")
    assert response.status_code == 504
    assert response.text == "urlopen() got no answer in 0.25 s.\n"
    log = server.wait_for_log("] /sleep?delay=0.05 ends", after=seen)
    gave_up, started = first(
        log, "] /broken/fetch?delay=0.05 ends, 504", "] /sleep?delay=0.05 starts"
    )
    assert -1 < gave_up < started, f"/sleep could not start while urllib waited:\n{log}"


# Calls at the same time


def test_blocking_self_calls_queue_and_each_fails_even_with_no_delay(server):
    seen = len(server.log())
    responses = fire(server, ["/broken/fetch?delay=0"] * 2)
    assert [response.status_code for response in responses] == [504] * 2
    lines = story(server.log()[seen:], "/broken/fetch?delay=0")
    assert len(lines) == 2 * 2
    assert most_at_once(lines) == 1, "\n".join(lines)


def test_another_client_is_served_while_fetch_waits(server):
    quick, log, fetch = quick_request_during(
        server, "/fetch?delay=0.25", "/sleep?delay=0"
    )
    assert fetch.status_code == 200
    assert quick.status_code == 200
    assert "] /fetch?delay=0.25 ends" not in log, f"/sleep had to wait:\n{log}"


def test_a_fetch_whose_answer_comes_too_late_is_a_clean_504(server):
    # /fetch waits 0.3 + 0.2 s for /sleep. /broken/fetch freezes the loop for
    # 0.5 s meanwhile, so the answer cannot be read in time.
    seen = len(server.log())
    with ThreadPoolExecutor(max_workers=1) as pool:
        fetch = pool.submit(get, server, "/fetch?delay=0.3")
        server.wait_for_log("] /fetch?delay=0.3 starts", after=seen)
        assert get(server, "/broken/fetch?delay=0.3").status_code == 504
        response = fetch.result()
    assert response.status_code == 504
    assert response.text == "fetch() got no answer in 0.5 s.\n"
    assert "Traceback" not in server.log()[seen:]


def test_ten_fetches_run_at_once_the_rest_wait_in_the_queue_and_succeed(server):
    seen = len(server.log())
    responses = fire(server, ["/fetch?delay=0.25"] * 12)
    assert [response.status_code for response in responses] == [200] * 12
    lines = story(server.log()[seen:], "/sleep?delay=0.25")
    assert len(lines) == 2 * 12
    assert most_at_once(lines) == 10, "max_clients=10:\n" + "\n".join(lines)


# The queue's deadline (simple_httpclient in Tornado 6.6.1)


def test_a_queued_fetch_gets_its_whole_request_timeout_after_the_queue(server):
    # Each sleep takes 0.25 s, the two in turn 0.5 s: more than 0.45 s, yet
    # the queued fetch succeeds. Its request_timeout started after the queue.
    seen = len(server.log())
    answers = fetch_two_in_turn(
        server, "/sleep?delay=0.25&n=1", "/sleep?delay=0.25&n=2", request_timeout=0.45
    )
    assert [getattr(answer, "code", answer) for answer in answers] == [200, 200]
    log = server.log()[seen:]
    first_ends, second_starts = first(
        log, "] /sleep?delay=0.25&n=1 ends", "] /sleep?delay=0.25&n=2 starts"
    )
    assert -1 < first_ends < second_starts, f"the second fetch should wait:\n{log}"


@pytest.mark.parametrize("limit", ["connect_timeout", "request_timeout"])
def test_a_fetch_queued_past_the_smaller_timeout_fails_in_the_queue(server, limit):
    seen = len(server.log())
    # The first fetch takes 0.2 s: the second waits in the queue for longer
    # than 0.1 s, while its other timeout is the default 20 s.
    queued = fetch_two_in_turn(
        server, "/sleep?delay=0.2&n=3", "/sleep?n=4", **{limit: 0.1}
    )
    assert queued[0].code == 200
    assert isinstance(queued[1], HTTPClientError), queued[1]
    assert (queued[1].code, str(queued[1])) == (599, "Timeout in request queue")
    log = server.wait_for_log("] /sleep?delay=0.2&n=3 ends", after=seen)
    assert "/sleep?n=4" not in log, f"the queued fetch never reached /sleep:\n{log}"


# The delay


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("soon", "delay must be a number of seconds"),
        ("-1", "delay must be from 0 to 5 seconds"),
        ("inf", "delay must be from 0 to 5 seconds"),
    ],
)
def test_a_bad_delay_is_a_400_not_a_500(client, value, reason):
    response = client.get("/fetch", params={"delay": value})
    assert response.status_code == 400
    assert response.reason == reason


@pytest.mark.parametrize("path", ["/sleep", "/fetch", "/broken/fetch"])
def test_every_slow_page_checks_the_delay_before_it_waits(client, server, path):
    seen = len(server.log())
    response = client.get(path, params={"delay": "9"})
    assert response.status_code == 400
    log = server.wait_for_log(f"400 GET {path}?delay=9 (", after=seen)
    assert "starts" not in log, log


def test_the_default_delay_is_half_a_second(script):
    assert load(script).options.delay == 0.5


def test_the_bench_section_lists_both_self_calls_and_each_answers(client):
    bench = catalog.lesson("27").bench
    assert bench == [
        ("blocking self-call", "/broken/fetch"),
        ("non-blocking self-call", "/fetch"),
    ]
    statuses = [
        client.get(path, params={"delay": "0"}).status_code for _, path in bench
    ]
    assert statuses == [504, 200]


# What older tutorials use


def test_fetch_no_longer_takes_a_callback():
    async def old_call():
        AsyncHTTPClient().fetch("http://127.0.0.1:9/", callback=print)

    with pytest.raises(TypeError, match="unexpected keyword argument 'callback'"):
        asyncio.run(old_call())
