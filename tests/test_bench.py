"""The benchmark verbs: bench (the feedback loop) and bench NN (concurrency)."""

import itertools
import json
import re
from pathlib import Path

import pytest

from course import catalog, timeline
from course.bench import queued
from course.dev import timing
from course.process import free_port, port_is_free
from tests.support import course

DATA = Path(__file__).parent / "data"
BENCHED = [lesson for lesson in catalog.lessons() if lesson.bench]


@pytest.mark.parametrize(
    ("ratio", "count", "verdict"),
    [
        (1.0, 20, False),
        (4.0, 20, False),
        (10.4, 20, False),
        (10.6, 20, True),
        (19.8, 20, True),
    ],
)
def test_a_variant_is_queued_when_nearer_one_at_a_time_than_all_at_once(
    ratio, count, verdict
):
    assert queued(ratio, count) is verdict


def test_bench_nn_fires_concurrent_requests_at_every_bench_path():
    # The verdicts are timings (what the tool is for); this checks the table.
    lesson = BENCHED[0]
    port = free_port()
    options = ["-n", "3", "--port", str(port), "--delay=0.1"]
    result = course("bench", lesson.number, *options, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    for label, _ in lesson.bench:
        row = re.search(
            rf"^  {re.escape(label)} +[\d.]+ s +[\d.]+ s .*(overlapped|queued)",
            result.stdout,
            re.M,
        )
        assert row, f"no row for {label}:\n{result.stdout}"
    # Then the timeline: one bar per request under each variant's label.
    for label, path in lesson.bench:
        bars = result.stdout.split(f"  {label} ({path})\n", 1)[1].split("\n")[:3]
        assert all(re.fullmatch(r"  +[1-3] [ ░]*█+", bar) for bar in bars), bars
    assert port_is_free("127.0.0.1", port)


def test_bench_of_a_lesson_without_a_bench_section_is_one_line():
    result = course("bench", "01")
    assert result.returncode == 1
    with_one = ", ".join(lesson.number for lesson in BENCHED)
    assert (
        f"Lesson 01 has no Bench: section (lessons with one: {with_one})."
        in result.stderr
    )


def test_bench_measures_the_start_up_of_each_lesson(monkeypatch, capsys):
    # Two lessons stand for all of them: the table has one row per lesson.
    measured = catalog.lessons()[:2]
    monkeypatch.setattr(timing.catalog, "lessons", lambda: measured)
    monkeypatch.setattr(timing, "machine_speed", lambda: "  machine: (not measured)")
    code = timing.feedback_loop(1, only="start")
    shown = capsys.readouterr().out
    # 1 = a target missed: a figure, not a failure of the tool.
    assert code in (0, 1), shown
    for lesson in measured:
        assert re.search(rf"^  {lesson.number}  .* s [✔✘]$", shown, re.MULTILINE), shown


def recorded(number, label, width=60):
    """The drawn rows of one variant of a real `bench NN` run (20 requests per
    variant, tests/data/bench_NN.json), on the run's shared scale."""
    data = json.loads((DATA / f"bench_{number}.json").read_text(encoding="utf-8"))
    scale = max(end for v in data["variants"] for _, end in v["spans"])
    (variant,) = [v for v in data["variants"] if v["label"] == label]
    return timeline.rows(variant["spans"], variant["single"], scale, width)


def served(row):
    """The columns of a drawn row's █ part: (first, after the last)."""
    first = row.index(timeline.WORK)
    return first, len(row.rstrip())


def test_a_blocking_variant_draws_a_staircase():
    drawn = [served(row) for row in recorded("25", "blocking sleep (/broken/sleep)")]
    assert drawn[0][0] == 0
    for (_, end), (start, _) in itertools.pairwise(drawn):
        assert end - 1 <= start <= end, (
            f"each step starts where the last ended: {drawn}"
        )
    assert drawn[-1][1] == 60


def test_an_awaited_variant_draws_one_block():
    drawn = {served(row) for row in recorded("25", "non-blocking sleep (/sleep)")}
    assert len(drawn) == 1, f"all 20 were served at the same time: {drawn}"


def test_a_pool_of_four_threads_draws_steps_of_four():
    drawn = [served(row) for row in recorded("26", "sleep in a thread (/thread)")]
    steps = [drawn[i : i + 4] for i in range(0, len(drawn), 4)]
    assert all(len(set(step)) == 1 for step in steps), f"4 at a time: {drawn}"
    assert len({step[0] for step in steps}) == len(steps) == 5, drawn
    for (_, end), (start, _) in itertools.pairwise(step[0] for step in steps):
        assert end - 1 <= start <= end, f"a step starts where the last ended: {drawn}"
