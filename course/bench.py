"""bench NN: N concurrent requests at each path of lesson NN's Bench: section.
Do they overlap or queue? A table says it in figures, a timeline draws it.
"""

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import requests

from course import catalog, runscript, timeline, ui


def fire(url, count):
    """count GETs at once: (wall seconds, statuses, spans). A span is the
    (start, end) of one request in seconds after the pool started; an
    exception is status 0."""

    def one(_):
        sent = time.perf_counter() - started
        try:
            status = requests.get(url, timeout=120).status_code
        except requests.RequestException:
            status = 0
        return status, (sent, time.perf_counter() - started)

    with ThreadPoolExecutor(max_workers=count) as pool:
        started = time.perf_counter()
        answers = list(pool.map(one, range(count)))
    statuses = [status for status, _ in answers]
    return time.perf_counter() - started, statuses, [span for _, span in answers]


def queued(ratio, count):
    """True when `count` requests took nearer `count` single-request times (one
    at a time) than one (all at once)."""
    return ratio > (1 + count) / 2


def run(number, count=20, host="127.0.0.1", port=8000, script_args=()):
    lesson = catalog.lesson(number)
    if not lesson.bench:
        with_bench = [other.number for other in catalog.lessons() if other.bench]
        others = ", ".join(with_bench) or "none yet"
        raise ui.CourseError(
            f"Lesson {lesson.number} has no Bench: section (lessons with one: "
            f"{others})."
        )
    with runscript.started(
        lesson.path, "bench", lesson.number, host=host, port=port, args=script_args
    ) as server:
        ui.step(
            f"Lesson {lesson.number}: {count} concurrent GETs at each Bench path of "
            f"{server.base_url}"
        )
        header = f"  {'variant':<24}{'one alone':>11}{f'{count} at once':>13}"
        header += f"{'req/s':>9}{'× one':>8}   "
        print(ui.bold(header + "verdict"))
        drawn = []
        for label, path in lesson.bench:
            single = min(fire(server.url(path), 1)[0] for _ in range(2))  # 1st: cold
            total, statuses, spans = fire(server.url(path), count)
            drawn.append((f"{label} ({path})", single, spans))
            ratio = total / single if single else float("inf")
            shown = (
                ui.red("queued: one at a time")
                if queued(ratio, count)
                else ui.green("overlapped")
            )
            others = Counter(status for status in statuses if not 200 <= status < 400)
            if others:  # e.g. the blocking self-call's 504s; 0 = no answer at all
                shown += ui.yellow(
                    ", answers: "
                    + ", ".join(f"{n} × {status}" for status, n in others.items())
                )
            print(
                f"  {label:<24}{single:>9.2f} s{total:>11.2f} "
                f"s{count / total:>9.1f}{ratio:>8.1f}   {shown}"
            )
        explained = f"1 = all overlapped, {count} = queued"
        print(
            ui.dim(
                f"× one: how many single-request times the {count} took ({explained})."
            )
        )
        print()
        print("\n".join(timeline.draw(drawn)))
    return 0
