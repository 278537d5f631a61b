"""The benchmark verbs: bench (the feedback loop) and bench NN (concurrency)."""

import re

import pytest

from course import bench, catalog
from course.bench import queued
from course.serve import free_port, port_is_free
from tests.support import course

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
    monkeypatch.setattr(bench.catalog, "lessons", lambda: measured)
    monkeypatch.setattr(bench, "machine_speed", lambda: "  machine: (not measured)")
    code = bench.feedback_loop(1, only="start")
    shown = capsys.readouterr().out
    # 1 = a target missed: a figure, not a failure of the tool.
    assert code in (0, 1), shown
    for lesson in measured:
        assert re.search(rf"^  {lesson.number}  .* s [✔✘]$", shown, re.MULTILINE), shown
