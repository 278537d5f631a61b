"""The project's virtual environment: create it, keep it in step with
requirements.txt, and run the runner inside it.

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
REQUIREMENTS = ROOT / "requirements.txt"
VENV = Path(os.environ.get("COURSE_VENV", ROOT / ".venv")).resolve()
STAMP = VENV / "requirements.stamp"


def venv_python():
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def running_in_venv():
    return Path(sys.prefix).resolve() == VENV


def _fingerprint():
    return hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()


def is_current():
    return (
        venv_python().exists()
        and STAMP.exists()
        and STAMP.read_text(encoding="utf-8").strip() == _fingerprint()
    )


def ensure():
    """Create .venv and install requirements.txt into it, unless done already."""
    if is_current():
        STAMP.touch()  # make compares times: tell it the stamp is fresh
        return
    if not venv_python().exists():
        _create()
    ui.step(
        f"Installing the pinned packages of requirements.txt into {_shown(VENV)} "
        "(first run: about a minute) ..."
    )
    pip = [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check"]
    command = [*pip, "-r", str(REQUIREMENTS)]
    if subprocess.call(command) != 0:
        STAMP.unlink(missing_ok=True)
        raise ui.CourseError(
            "pip could not install requirements.txt (its messages are above); fix "
            "that and run the command again."
        )
    STAMP.write_text(_fingerprint() + "\n", encoding="utf-8")
    ui.done(f"{_shown(VENV)} is ready.")


def _create():
    ui.step(
        f"Creating {_shown(VENV)} with Python {sys.version.split()[0]} "
        f"({sys.executable}) ..."
    )
    try:
        venv.create(VENV, with_pip=True, clear=True)
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


def reexec_in_venv(argv):
    """Run `python -m course ARGV` again with .venv's Python, creating it first."""
    ensure()
    command = [str(venv_python()), "-m", "course", *argv]
    env = dict(os.environ, COURSE_REEXEC="1")
    if os.name != "nt":
        os.execve(command[0], command, env)
    # Windows has no real exec: wait for the child, which gets Ctrl+C itself.
    process = subprocess.Popen(command, env=env)
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:
            continue
