"""The MongoDB a lesson talks to: MONGODB_URI if set, else an embedded server.

The embedded server is SecantusDB (`secantusd-py`, from the pinned SecantusDB
package), a MongoDB wire-protocol server on WiredTiger. The runner starts it on
a free local port, hands its URI to the lesson as --mongodb_uri, and stops it
with the lesson. Lessons never import it: they only see a URI.

    python -m course mongodb     runs it alone, in the foreground
"""

import contextlib
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from course import catalog, ui
from course.environment import ROOT
from course.process import free_port, popen_group, port_is_free, stop_group

# COURSE_DATA: tests only.
DATA_DIR = Path(os.environ.get("COURSE_DATA") or ROOT / ".data") / "mongodb"
READY = re.compile(r"listening on (\S+):(\d+)")
START_TIMEOUT = 30.0
STOP_GRACE = 10.0  # SecantusDB takes about 2 s to close its files after SIGTERM


def needs_database(script):
    """A script that defines --mongodb_uri gets a database from the runner."""
    return catalog.defines(script, "mongodb_uri")


def database_lesson():
    """The number of the first lesson that talks to MongoDB, for advice."""
    numbers = [
        lesson.number for lesson in catalog.lessons() if needs_database(lesson.path)
    ]
    return numbers[0] if numbers else "NN"


def server_command():
    name = "secantusd-py.exe" if os.name == "nt" else "secantusd-py"
    found = Path(sys.executable).with_name(name)
    if not found.exists():
        found = shutil.which("secantusd-py")
    if not found:
        raise ui.CourseError(
            "secantusd-py is missing: it comes with the SecantusDB package of "
            "requirements.txt."
        )
    return str(found)


class EmbeddedMongo:
    """One SecantusDB process with its data in `data_dir`, on 127.0.0.1:port."""

    def __init__(self, data_dir, port=None, echo=False):
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.echo = echo
        self.process = None
        self.output = []
        self._ready = threading.Event()

    @property
    def uri(self):
        return f"mongodb://127.0.0.1:{self.port}/"

    def start(self, timeout=START_TIMEOUT):
        self.data_dir.mkdir(parents=True, exist_ok=True)
        command = [server_command(), "--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--storage-path", str(self.data_dir), "--log-level", "INFO"]
        self.process = popen_group(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=dict(os.environ, PYTHONUNBUFFERED="1"),
        )
        threading.Thread(target=self._read_log, daemon=True).start()
        self._ready.wait(timeout)
        if self.process.poll() is not None or not self._ready.is_set():
            self.stop()
            raise ui.CourseError(self._why_not_started(timeout))
        return self

    def _read_log(self):
        # At INFO level SecantusDB logs "listening on HOST:PORT" once it
        # accepts connections: readiness is read off its output.
        for raw in self.process.stderr:
            line = raw.decode("utf-8", "replace")
            self.output.append(line)
            if self.echo:
                sys.stderr.write(line)
            if READY.search(line):
                self._ready.set()
        self._ready.set()

    def _why_not_started(self, timeout):
        text = "".join(self.output)
        if "resource busy" in text or "Resource temporarily unavailable" in text:
            return (
                f"Another MongoDB server is using {_shown(self.data_dir)} (is "
                f"`{ui.command_for('lesson', database_lesson())}` or "
                f"`{ui.command_for('mongodb')}` running in another terminal?). Stop "
                "it first."
            )
        tail = "\n".join(text.strip().splitlines()[-5:])
        return (
            f"The embedded MongoDB server did not start within {timeout:g} s.\n{tail}"
        )

    def stop(self, grace=STOP_GRACE):
        """Stop the server; grace=0 kills it at once (for throwaway test data)."""
        if self.process is not None:
            stop_group(self.process, grace=grace)
            if self.process.stderr:
                self.process.stderr.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def _shown(path):
    try:
        return str(Path(path).relative_to(ROOT))
    except ValueError:
        return str(path)


@contextlib.contextmanager
def database_args(script, lesson_port=None):
    """The extra arguments a script needs for its database: [] or [--mongodb_uri=...].

    MONGODB_URI wins; without it an embedded server runs for as long as the
    `with` block, its data in .data/mongodb/.
    """
    if not needs_database(script):
        yield []
        return
    uri = os.environ.get("MONGODB_URI")
    if uri:
        ui.step(f"Using the MongoDB at MONGODB_URI ({mask(uri)}).")
        yield [f"--mongodb_uri={uri}"]
        return
    ui.step(
        "Starting the embedded MongoDB server (SecantusDB), data in "
        f"{_shown(DATA_DIR)}/ ..."
    )
    port = free_port()
    while port == lesson_port:  # the lesson's port is free until it listens
        port = free_port()
    with EmbeddedMongo(DATA_DIR, port=port) as server:
        ui.done(f"MongoDB is ready at {server.uri}")
        try:
            yield [f"--mongodb_uri={server.uri}"]
        finally:
            ui.step("Stopping the embedded MongoDB server (about 2 s) ...")


def mask(uri):
    """The URI with its password hidden, for printing."""
    return re.sub(r"(//[^:/@]+:)[^@]+@", r"\1***@", uri)


def run_foreground(port=27017):
    if not port_is_free("127.0.0.1", port):
        raise ui.CourseError(
            f"Port {port} is already in use (a mongod, or "
            f"`{ui.command_for('mongodb')}` in another terminal?). Choose another: "
            + ui.command_for("mongodb", options=[("MONGODB_PORT", "--port", port + 1)]),
            exit_code=2,
        )
    ui.step(
        "Starting SecantusDB (a MongoDB-compatible server) with its data in "
        f"{_shown(DATA_DIR)}/ ..."
    )
    server = EmbeddedMongo(DATA_DIR, port=port, echo=True)
    try:
        server.start()
        ui.done(f"MongoDB is listening: {ui.bold(server.uri)}")
        print(
            "Use it from another terminal: "
            f"MONGODB_URI={server.uri} {ui.command_for('lesson', database_lesson())}"
        )
        print(ui.dim("Press Ctrl+C to stop."), flush=True)
        server.process.wait()
        raise ui.CourseError(
            "The MongoDB server stopped by itself (exit code "
            f"{server.process.returncode})."
        )
    except KeyboardInterrupt:
        print()
        ui.step("Stopping (about 2 s) ...")
    finally:
        server.stop()
    ui.done("Stopped.")
    return 0
