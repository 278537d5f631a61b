"""The benchmark verbs: bench (the feedback loop) and bench NN (concurrency)."""

import re

from course import catalog
from course.serve import free_port, port_is_free
from tests.support import course


def test_bench_nn_fires_concurrent_requests_and_tells_overlap_from_queueing():
    port = free_port()
    result = course("bench", "14", "-n", "4", "--port", str(port), "--delay=0.3", timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {
        line.split("  ")[1].strip(): line
        for line in result.stdout.splitlines()
        if line.startswith("  ") and "  /" not in line
    }
    assert "queued: one at a time" in rows["blocking sleep"]
    assert "overlapped" in rows["non-blocking sleep"]
    assert port_is_free("127.0.0.1", port)


def test_bench_of_a_lesson_without_a_bench_section_is_one_line():
    result = course("bench", "01")
    assert result.returncode == 1
    assert "Lesson 01 has no Bench: section (lessons with one: 14)." in result.stderr


def test_bench_measures_lesson_start_up_for_every_lesson():
    result = course("bench", "--only", "start", "--runs", "1", timeout=120)
    assert result.returncode in (0, 1), result.stderr  # 1 = a target missed: a figure, not a failure of the tool
    for lesson in catalog.lessons():
        assert re.search(rf"^  {lesson.number}  .* s [✔✘]$", result.stdout, re.MULTILINE), result.stdout
