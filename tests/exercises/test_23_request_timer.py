"""Exercise 23: on_finish() logs one timer line per request, with the final status."""

import re
import uuid

LINE = r"timer: {status} {method} {path} \d+\.\d\d ms$"


def log_of(client, server, method, path):
    """What the server logged for one request, its on_finish() included."""
    mark = len(server.log())
    client.request(method, path)
    # One request at a time: once the next one is logged, this one is over.
    marker = uuid.uuid4().hex
    client.get(f"/items/1?after={marker}")
    return server.wait_for_log(f"/items/1?after={marker} ", after=mark)


def timer_line(log, status, method, path):
    found = re.search(LINE.format(status=status, method=method, path=path), log, re.M)
    assert found, (
        f"on_finish() should log 'timer: {status} {method} {path} 0.42 ms' "
        f"(two decimals); the server logged:\n{log}"
    )
    return found


def test_items_still_answer(client):
    assert client.get("/items/1").text == "tea\n", "GET /items/1 should answer tea"
    assert client.get("/items/2").text == "cake\n", "GET /items/2 should answer cake"
    assert client.get("/items/9").status_code == 404, "GET /items/9 should be a 404"


def test_a_success_logs_its_timer_line(client, server):
    log = log_of(client, server, "GET", "/items/2")
    timer_line(log, 200, "GET", "/items/2")


def test_a_404_logs_the_final_status(client, server):
    log = log_of(client, server, "GET", "/items/9")
    timer_line(log, 404, "GET", "/items/9")


def test_a_405_is_timed_too(client, server):
    log = log_of(client, server, "PUT", "/items/1")
    timer_line(log, 405, "PUT", "/items/1")


def test_the_path_has_no_query_string(client, server):
    log = log_of(client, server, "GET", "/items/1?size=big")
    timer_line(log, 200, "GET", "/items/1")


def test_the_line_comes_after_the_answer_is_sent(client, server):
    log = log_of(client, server, "GET", "/items/9")
    found = timer_line(log, 404, "GET", "/items/9")
    # Tornado logs "404 GET /items/9 (...)" in finish(), just before on_finish()
    sent = log.find("404 GET /items/9 (")
    assert 0 <= sent < found.start(), (
        f"the timer line should come from on_finish(), after the answer:\n{log}"
    )


def test_one_request_logs_one_timer_line(client, server):
    log = log_of(client, server, "GET", "/items/2")
    line = LINE.format(status=200, method="GET", path="/items/2")
    lines = re.findall(line, log, re.M)
    assert len(lines) == 1, f"log exactly one timer line per request:\n{log}"
