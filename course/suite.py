"""test / lint / clean: the commands for the whole repository."""

import os
import shutil
import subprocess
import sys

from course import ui
from course.environment import ROOT, VENV

# Folders the course writes while it runs; `clean` removes them.
GENERATED = [".data", "uploads", ".pytest_cache", ".ruff_cache"]


def run_tests(pytest_args=()):
    import pytest

    # Most tests wait on servers rather than compute, so two workers per core
    # keep the cores busy (measured: 33 s with 2 workers, 24 s with 4, on 2 cores).
    workers = os.environ.get("WORKERS") or str(min(8, 2 * (os.cpu_count() or 1)))
    # One worker per test file keeps each file's shared server in one process.
    parallel = [] if workers == "0" else ["-n", workers, "--dist", "loadfile"]
    ui.step(f"Running the test suite ({'in parallel' if parallel else 'in one process'}) ...")
    return int(pytest.main(["--rootdir", str(ROOT), *parallel, *pytest_args]))


def lint():
    ruff = [sys.executable, "-m", "ruff"]
    failures = 0
    for what, command in (
        ("ruff check", [*ruff, "check", "."]),
        ("ruff format --check", [*ruff, "format", "--check", "."]),
    ):
        ui.step(what)
        failures += subprocess.call(command, cwd=ROOT) != 0
    if failures:
        ui.failed("lint found problems (see above); `ruff format .` fixes the formatting ones.")
        return 1
    ui.done("lint is clean.")
    return 0


def clean():
    removed = 0
    for name in GENERATED:
        path = ROOT / name
        if path.exists():
            shutil.rmtree(path)
            print(f"removed {name}/")
            removed += 1
    for folder, subfolders, _ in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in (VENV.name, ".git")]
        if "__pycache__" in subfolders:
            shutil.rmtree(os.path.join(folder, "__pycache__"), ignore_errors=True)
            subfolders.remove("__pycache__")
            removed += 1
    ui.done(f"Clean ({removed} generated folders removed). .venv stays: delete it to reinstall from scratch.")
    return 0
