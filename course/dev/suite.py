"""test / test-pythons / lint: the maintainers' commands for the whole repository."""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from course import ui
from course.environment import ROOT, allow_bytecode_cache


def run_tests(pytest_args=()):
    import pytest

    # Most tests wait on servers rather than compute, so more workers than
    # cores keep the cores busy. Medians on 2 cores with 27 lessons (6 runs
    # each): 3 workers 23.7 s, 4 workers 25.4 s; 5 and 6 were slower still.
    cores = os.cpu_count() or 1
    workers = os.environ.get("WORKERS") or str(min(8, max(2, cores + 1)))
    # tests/conftest.py groups each module on one worker, slow ones first.
    parallel = [] if workers == "0" else ["-n", workers, "--dist", "loadscope"]
    allow_bytecode_cache()
    # Temp folders of our own: at its end a pytest session removes the shared
    # temp folders, also those of another session still running.
    with shared_mongodb(), tempfile.TemporaryDirectory(prefix="course-test-") as temp:
        ui.step(
            "Running the test suite "
            f"({f'{workers} workers' if parallel else 'in one process'}) ..."
        )
        base = ["--rootdir", str(ROOT), f"--basetemp={temp}", *parallel]
        return int(pytest.main([*base, *pytest_args]))


@contextlib.contextmanager
def shared_mongodb():
    """One embedded MongoDB for every test worker, through MONGODB_URI (each
    test still gets a database of its own), instead of one per worker."""
    if os.environ.get("MONGODB_URI"):
        yield
        return
    from course.mongodb import EmbeddedMongo

    with tempfile.TemporaryDirectory(prefix="course-mongodb-") as folder:
        server = EmbeddedMongo(folder).start()
        os.environ["MONGODB_URI"] = server.uri
        try:
            yield
        finally:
            del os.environ["MONGODB_URI"]
            server.stop(grace=0)  # throwaway data: no need to wait for a clean close


def pythons():
    """{"3.12": path} for every Python 3.11+ on this machine (PATH and pyenv)."""
    candidates = [shutil.which(f"python3.{minor}") for minor in range(11, 20)]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates += sorted(str(path) for path in pyenv.glob("*/bin/python3"))
    found = {}
    for candidate in filter(None, candidates):
        probe = [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"]
        result = subprocess.run(probe, capture_output=True, text=True)
        version = result.stdout.strip()
        if result.returncode == 0 and tuple(map(int, version.split("."))) >= (3, 11):
            found.setdefault(version, candidate)
    return dict(
        sorted(found.items(), key=lambda item: tuple(map(int, item[0].split("."))))
    )


def run_on_every_python(pytest_args=()):
    """The whole suite once per installed Python 3.11+, each in its own .venv-3.X."""
    found = pythons()
    if not found:
        raise ui.CourseError(
            "No Python 3.11 or newer found (looked for python3.11 ... and in pyenv)."
        )
    ui.step(
        f"Running the suite on Python {', '.join(found)} (each in .venv-3.X; the "
        "first run installs it) ..."
    )
    results = {}
    for version, python in found.items():
        ui.step(f"Python {version} ({python})")
        env = dict(os.environ, COURSE_VENV=str(ROOT / f".venv-{version}"))
        started = time.monotonic()
        code = subprocess.call(
            [python, "-m", "course", "test", "-q", *pytest_args], cwd=ROOT, env=env
        )
        results[version] = (code, time.monotonic() - started)
    print()
    for version, (code, seconds) in results.items():
        verdict = (
            ui.green("✔ passed")
            if code == 0
            else ui.red(f"✘ failed (exit code {code})")
        )
        print(f"  Python {version:<6} {verdict}   {seconds:5.1f} s")
    return 0 if all(code == 0 for code, _ in results.values()) else 1


def lint():
    ruff = [sys.executable, "-m", "ruff"]
    workflows = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / ".github" / "workflows").glob("*.yml")
    )
    schema = [sys.executable, "-m", "check_jsonschema", "--builtin-schema"]
    checks = [
        ("ruff check", [*ruff, "check", "."]),
        ("ruff format --check", [*ruff, "format", "--check", "."]),
        # GitHub's workflow schema (bundled: no network), then a security audit.
        ("workflow schema", [*schema, "vendor.github-workflows", *workflows]),
        (
            "workflow audit (zizmor)",
            [_tool("zizmor"), "--offline", "--no-progress", *workflows],
        ),
    ]
    checks.append(("exercises/ are the starters as shipped", starters_shipped))
    failures = 0
    for what, command in checks:
        ui.step(what)
        failures += (
            command() if callable(command) else subprocess.call(command, cwd=ROOT)
        ) != 0
    if failures:
        ui.failed(
            f"lint found problems in {failures} check(s) (see above); `ruff format .` "
            "fixes the formatting ones."
        )
        return 1
    ui.done("lint is clean.")
    return 0


def starters_shipped():
    """0 when every exercises/NN_task.py is byte for byte course/starters/NN_task.py.

    Learners edit exercises/; `reset` and CI's starter check use the copies in
    course/starters/. A maintainer who changes a starter changes both."""
    from course import catalog

    differ = [
        lesson
        for lesson in catalog.lessons()
        if lesson.starter and not lesson.exercise_is_untouched()
    ]
    for lesson in differ:
        ui.failed(
            f"{lesson.exercise.relative_to(ROOT)} differs from "
            f"{lesson.starter.relative_to(ROOT)} "
            "(on purpose? copy it over the other one)"
        )
    return 1 if differ else 0


def _tool(name):
    """A command installed beside this Python (.venv/bin or .venv/Scripts)."""
    found = shutil.which(name, path=os.path.dirname(sys.executable))
    if not found:
        raise ui.CourseError(
            f"{name} is missing beside {sys.executable}: run `make` once to install it."
        )
    return found
