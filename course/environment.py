"""The project's virtual environment: create it, keep it in step with
requirements.txt (or requirements-dev.txt), and run the runner inside it.

Standard library only: this module runs before anything is installed.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

from course import ui

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements.txt"  # a student's set
DEV_REQUIREMENTS = ROOT / "requirements-dev.txt"  # the student's set + CI's tools
VENV = Path(os.environ.get("COURSE_VENV", ROOT / ".venv")).resolve()


def stamp(requirements):
    """The file in .venv that says which version of `requirements` is installed."""
    return VENV / requirements.with_suffix(".stamp").name


def venv_python():
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def running_in_venv():
    """True inside .venv, and when COURSE_NO_VENV asks to use this Python as is."""
    return Path(sys.prefix).resolve() == VENV or bool(os.environ.get("COURSE_NO_VENV"))


def _fingerprint(requirements):
    return hashlib.sha256(requirements.read_bytes()).hexdigest()


def is_current(requirements=REQUIREMENTS):
    marker = stamp(requirements)
    return (
        venv_python().exists()
        and marker.exists()
        and marker.read_text(encoding="utf-8").strip() == _fingerprint(requirements)
    )


def ensure(dev=False):
    """Create .venv and install a student's set (requirements.txt) into it, or
    with dev=True the developers' set (requirements-dev.txt), unless done."""
    requirements = DEV_REQUIREMENTS if dev else REQUIREMENTS
    if is_current(requirements):
        stamp(requirements).touch()  # make compares times: tell it the stamp is fresh
        return
    if not venv_python().exists():
        _create()
    if dev:
        ui.step(
            "make test and make lint need the developers' tools too (pytest-xdist, "
            "Playwright, ruff, ...): installing requirements-dev.txt ..."
        )
    else:
        ui.step(
            f"Installing the pinned packages of requirements.txt into {_shown(VENV)} "
            "(first run only) ..."
        )
    # --no-compile: Python compiles each module when it is first imported.
    install = ["install", "--disable-pip-version-check", "--no-compile"]
    if subprocess.call([*_pip(), *install, "-r", str(requirements)]) != 0:
        stamp(requirements).unlink(missing_ok=True)
        raise ui.CourseError(
            f"pip could not install {requirements.name} (its messages are above); "
            "fix that and run the command again."
        )
    installed = [requirements, *([REQUIREMENTS] if dev else [])]
    for done in installed:  # the developers' set holds the student's, same versions
        stamp(done).write_text(_fingerprint(done) + "\n", encoding="utf-8")
    ui.done(f"{_shown(VENV)} is ready.")


def _pip():
    """The pip that installs into .venv: the one of .venv if it has one, else
    this Python's own, aimed at .venv (`pip --python`), which spares .venv a copy
    of pip (17 MB) and its creation seconds."""
    if _has_pip(venv_python()):
        return [str(venv_python()), "-m", "pip"]
    return [_base_python(), "-m", "pip", "--python", str(venv_python())]


def _base_python():
    return getattr(sys, "_base_executable", sys.executable)


def _has_pip(python, at_least=(0,)):
    """True when `python -m pip` works and is at least that version."""
    version = "tuple(map(int, pip.__version__.split('.')[:2]))"
    probe = f"import pip, sys; sys.exit({version} < {at_least})"
    return subprocess.call([str(python), "-c", probe], stderr=subprocess.DEVNULL) == 0


def _create():
    ui.step(
        f"Creating {_shown(VENV)} with Python {sys.version.split()[0]} "
        f"({sys.executable}) ..."
    )
    try:
        # No pip in .venv when this Python's pip can install into it (22.3+).
        venv.create(VENV, with_pip=not _has_pip(_base_python(), (22, 3)), clear=True)
    except (subprocess.CalledProcessError, OSError) as error:
        shutil.rmtree(VENV, ignore_errors=True)
        hint = (
            "On Debian or Ubuntu: sudo apt install python3-venv. "
            if os.name != "nt"
            else ""
        )
        raise ui.CourseError(
            f"Could not create {_shown(VENV)} ({error}). {hint}Then run the command "
            "again."
        ) from None


def _shown(path):
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def allow_bytecode_cache():
    """Let pytest keep its assertion-rewritten test modules in __pycache__.

    Some machines (this course's CI among them) set PYTHONDONTWRITEBYTECODE,
    which makes every pytest process rewrite and compile every test module
    again: about a second per process, measured. The caches are git-ignored
    and `make clean` removes them.
    """
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def reexec_in_venv(argv, dev=False):
    """Run `python -m course ARGV` again with .venv's Python, creating it first."""
    ensure(dev=dev)
    command = [str(venv_python()), "-m", "course", *argv]
    if os.name != "nt":
        os.execv(command[0], command)
    # Windows has no real exec: wait for the child, which gets Ctrl+C itself.
    process = subprocess.Popen(command)
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            continue
