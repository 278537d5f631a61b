"""Run a lesson, exercise or solution script as its own process, and stop it.

The runner and the tests share this: a script is started exactly as a student
starts it (`python lessons/NN_topic.py --port=N --host=H`), it is ready when it
prints its URL, and it is stopped with everything it started, whatever happens.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from course.environment import ROOT
from course.ui import CourseError

URL_LINE = re.compile(r"https?://\S+")
READY_TIMEOUT = float(os.environ.get("COURSE_READY_TIMEOUT", "15"))


def free_port(host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def port_is_free(host, port):
    """True when a server could listen on host:port right now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        if os.name != "nt":
            # Tornado sets SO_REUSEADDR too, so a port in TIME_WAIT counts as free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _die_with_parent():
    # Linux: the kernel stops the child if the process that started it dies,
    # even by SIGKILL, so no server outlives a killed runner or test worker.
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def popen_group(command, **kwargs):
    """Popen in a process group of its own, so it can be stopped as a whole."""
    if os.name == "nt":
        kwargs.setdefault("creationflags", subprocess.CREATE_NEW_PROCESS_GROUP)
    else:
        kwargs.setdefault("start_new_session", True)
        if sys.platform.startswith("linux"):
            kwargs.setdefault("preexec_fn", _die_with_parent)
    return subprocess.Popen(command, **kwargs)


def stop_group(process, grace=5.0):
    """Stop a process started by popen_group and everything it started."""
    if process.poll() is not None:
        return process.returncode
    if os.name == "nt":
        subprocess.call(
            ["taskkill", "/F", "/T", "/PID", str(process.pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    try:
        return process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        if os.name != "nt":
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        process.kill()
        return process.wait()
    finally:
        if os.name != "nt":
            # Anything the script started and left behind in its group.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)


class Server:
    """A script listening on host:port, started in its own process group."""

    def __init__(
        self,
        script,
        *,
        port=None,
        host="127.0.0.1",
        args=(),
        env=None,
        cwd=None,
        echo=False,
        launcher=(),
    ):
        self.script = Path(script)
        # e.g. ["-m", "tornado.autoreload"]: goes before the script
        self.launcher = list(launcher)
        self.host = host  # None: let the script use its own default
        self._chosen_port = port is None
        self.port = port or free_port(self.connect_host)
        self.args = list(args)
        self.env = env
        self.cwd = cwd or ROOT
        self.echo = echo  # runner: pass the script's output on; tests: keep it
        self.process = None
        self.url_printed = None
        self._ready = threading.Event()
        self._new_output = threading.Condition()
        self._stdout = []
        self._stdout_closed = False
        self._log_path = None  # the script's stderr, kept in a file (tests only)

    @property
    def connect_host(self):
        if self.host in (None, "0.0.0.0", "::"):
            return "127.0.0.1"
        return self.host

    @property
    def base_url(self):
        host = self.connect_host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"

    def url(self, path="/"):
        return self.base_url + path

    @property
    def command(self):
        host = [f"--host={self.host}"] if self.host else []
        script = [*self.launcher, str(self.script), f"--port={self.port}"]
        return [sys.executable, *script, *host, *self.args]

    def start(self, timeout=READY_TIMEOUT, attempts=3):
        """Start the script and wait until it prints its URL."""
        for attempt in range(attempts):
            try:
                return self._start_once(timeout)
            except ServerFailed as failure:
                # A port picked for us can be taken between the pick and the
                # script's listen(): pick another one and try again.
                clash = "Address already in use" in failure.server.output()
                if not (self._chosen_port and clash) or attempt == attempts - 1:
                    raise
                self.close()
                self.port = free_port(self.connect_host)
                self._ready.clear()
                self._stdout.clear()
                self._stdout_closed = False
                self.url_printed = None

    def _start_once(self, timeout):
        env = dict(
            os.environ if self.env is None else self.env,
            PYTHONUNBUFFERED="1",
            PYTHONIOENCODING="utf-8",
        )
        log = None
        if not self.echo:
            # The script appends to the file through its own descriptor (O_APPEND);
            # log() reads it through another, so reading never moves its writes.
            handle, self._log_path = tempfile.mkstemp(
                prefix="course-log-", suffix=".txt"
            )
            os.close(handle)
            log = open(self._log_path, "ab")  # noqa: SIM115 - closed right after Popen
        try:
            self.process = popen_group(
                self.command,
                cwd=self.cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=log,
            )
        finally:
            if log is not None:
                log.close()  # the child has its own copy
        threading.Thread(target=self._read_stdout, daemon=True).start()
        self._wait_until_ready(timeout)
        return self

    def _read_stdout(self):
        for raw in self.process.stdout:
            line = raw.decode("utf-8", "replace")
            with self._new_output:
                self._stdout.append(line)
                self._new_output.notify_all()
            if self.echo:
                sys.stdout.write(line)
                sys.stdout.flush()
            if not self._ready.is_set() and URL_LINE.search(line):
                self.url_printed = URL_LINE.search(line)[0]
                self._ready.set()
        self._ready.set()  # the output ended: the process is gone
        with self._new_output:
            self._stdout_closed = True  # wakes wait_for_line(): nothing more will come
            self._new_output.notify_all()

    def _wait_until_ready(self, timeout):
        deadline = time.monotonic() + timeout
        self._ready.wait(timeout)
        if self.url_printed:
            return
        code = self.process.poll()
        if code is None and time.monotonic() >= deadline:
            self.stop()
            raise ServerFailed(self, f"did not print its URL within {timeout:g} s")
        self.process.wait()
        raise ServerFailed(
            self, f"exited with code {self.process.returncode} before it listened"
        )

    def wait_for_line(self, pattern, after=0, timeout=READY_TIMEOUT):
        """Wait until the script prints a stdout line matching pattern (a regex),
        looking at lines from index `after` on; returns (line, index) or raises
        TimeoutError. len(server.stdout_lines()) is a good `after`."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._new_output:
            while True:
                for index in range(after, len(self._stdout)):
                    if regex.search(self._stdout[index]):
                        return self._stdout[index], index
                after = len(self._stdout)
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._stdout_closed:
                    raise TimeoutError(
                        f"no line matching {pattern!r} within {timeout:g} s"
                    )
                self._new_output.wait(remaining)

    def stdout_lines(self):
        with self._new_output:
            return list(self._stdout)

    def output(self):
        """What the script printed: stdout, then stderr (tests only)."""
        text = "".join(self._stdout)
        text += self.log()
        return text

    def log(self):
        """The script's stderr so far, where Tornado's log lines go."""
        if self._log_path is None:
            return ""
        return Path(self._log_path).read_bytes().decode("utf-8", "replace")

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.process is not None:
            stop_group(self.process)
            if self.process.stdout:
                self.process.stdout.close()

    def close(self):
        self.stop()
        if self._log_path is not None:
            Path(self._log_path).unlink(missing_ok=True)
            self._log_path = None


class ServerFailed(CourseError):
    def __init__(self, server, what):
        self.server = server
        details = _tail(server.output().strip(), 15)
        name = (
            server.script.relative_to(ROOT)
            if server.script.is_relative_to(ROOT)
            else server.script
        )
        message = f"{name} {what}."
        if details:
            message += "\n--- its output ---\n" + details
        super().__init__(message)


def _tail(text, count):
    lines = text.splitlines()
    if len(lines) <= count:
        return text
    return f"[... {len(lines) - count} earlier lines]\n" + "\n".join(lines[-count:])
