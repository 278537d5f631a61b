"""Fixtures shared by every test: scripts run as real servers, and HTTP clients.

A test module named tests/lessons/test_05_topic.py is about lessons/05_topic.py;
tests/exercises/test_05_task.py is about solutions/05_task.py, or about
exercises/05_task.py with --judge=exercises (what `make check-05` does), or
about course/starters/05_task.py with --judge=starters (the Rustlings rule).

Every lesson module also replays its lesson's Try-it lines first and sends the
bad-input sweep last, on the module's own server (tests/documented.py); so does
every exercise module for its solution.
"""

import contextlib
import itertools
import os
import re
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from course import catalog
from course.mongodb import needs_database
from course.process import ServerFailed
from tests import documented
from tests.client import Client, LoggedServer

JUDGES = {
    "solutions": catalog.SOLUTIONS,
    "exercises": catalog.EXERCISES,
    "starters": catalog.STARTERS,
}
RUNNING = []  # every server a test started and has not stopped yet
UNCAUGHT = re.compile(r"Uncaught exception (?P<method>[A-Z]+) (?P<path>/\S*)")
LOG_ENTRY = re.compile(r"^\[[DIWEC] \d{6} ", re.MULTILINE)  # tornado.log's line header
# The lessons hash passwords with scrypt's real cost (N=2**17: 0.45 s a hash here).
# Servers under test get a low one, so that a suite of logins stays fast.
TEST_SCRYPT_N = 2**10


def pytest_addoption(parser):
    parser.addoption(
        "--judge",
        choices=list(JUDGES),
        default="solutions",
        help="which files the exercise tests judge: the reference solutions (default), "
        "the student's exercises, or the starters as the course ships them",
    )
    parser.addoption(
        "--no-sweep",
        action="store_true",
        help="leave out the bad-input sweep of the exercise modules (make check)",
    )
    parser.addoption(
        "--first-failure-per-file",
        action="store_true",
        help="after a test fails, skip the rest of its file (enough to know it is red)",
    )


def pytest_report_header(config):
    return f"exercise tests judge: {config.getoption('judge')}/"


def pytest_pycollect_makemodule(module_path, parent):
    """Lesson and exercise test modules get the Try-it replay and the sweep."""
    if module_path.name.startswith("test_") and module_path.parent.name in (
        "lessons",
        "exercises",
    ):
        return documented.Module.from_parent(parent, path=module_path)
    return None


_failed_files = set()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and item.config.getoption("first_failure_per_file"):
        _failed_files.add(item.path)
    return report


def pytest_runtest_setup(item):
    if item.path in _failed_files:
        pytest.skip("an earlier test of this file failed")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A test fails if a server logged an uncaught exception outside /broken/.

    When a test fails anyway, the errors its servers logged meanwhile are shown
    beside the failure, whole: often they say why (a learner's traceback)."""
    marks = {id(server): len(server.log()) for server in RUNNING}
    try:
        result = yield
    except BaseException:
        logged = "\n".join(
            entry
            for server in list(RUNNING)
            for entry in log_entries(
                settled_log(server)[marks.get(id(server), 0) :], "E"
            )
        )
        if logged:
            item.add_report_section("call", "server log (errors)", logged)
        raise
    for server in list(RUNNING):
        entries = uncaught_entries(server.log()[marks.get(id(server), 0) :])
        if entries:
            raise AssertionError(
                f"{server.script.name} logged an uncaught exception (a 500, or an "
                "error after the answer was sent):\n" + "\n".join(entries)
            )
    return result


def settled_log(server, quiet=0.05, longest=0.5):
    """The log once it has stopped growing: Tornado logs a request just after
    answering it (only failing tests wait for this)."""
    deadline = time.monotonic() + longest
    log = server.log()
    while time.monotonic() < deadline:
        time.sleep(quiet)
        newer = server.log()
        if newer == log:
            break
        log = newer
    return log


def log_entries(log, levels="DIWEC"):
    """The whole entries (header line and what follows) of tornado.log's output."""
    starts = [match.start() for match in LOG_ENTRY.finditer(log)] + [len(log)]
    entries = (log[start:end].rstrip("\n") for start, end in itertools.pairwise(starts))
    return [entry for entry in entries if entry[1] in levels]


def uncaught_entries(log):
    """Whole log entries of uncaught exceptions, except under /broken/."""
    found = []
    for entry in log_entries(log, "E"):
        match = UNCAUGHT.search(entry.split("\n", 1)[0])
        if match and not match["path"].startswith("/broken/"):
            found.append(entry)
    return found


def script_under_test(module_path, judge):
    """The file a test module is about, from the module's own name."""
    test_file = Path(module_path)
    name = test_file.name.removeprefix("test_")
    folder = {"lessons": catalog.LESSONS, "exercises": JUDGES[judge]}.get(
        test_file.parent.name
    )
    if folder is None:
        raise LookupError(
            f"{test_file.name} is not under tests/lessons/ or tests/exercises/"
        )
    return folder / name


class Scripts:
    """Starts scripts as servers and stops every one of them at the end."""

    def __init__(self):
        self.running = []

    def start(self, script, *args, **kwargs):
        if catalog.defines(script, "scrypt_n") and not any(
            arg.startswith("--scrypt_n") for arg in args
        ):
            args = (*args, f"--scrypt_n={TEST_SCRYPT_N}")
        server = LoggedServer(script, args=args, **kwargs)
        self.running.append(server)
        RUNNING.append(server)
        try:
            return server.start()
        except ServerFailed as failure:
            problem = str(failure)
        # The script's own output is the useful part, not our traceback.
        pytest.fail(problem, pytrace=False)

    def stop_all(self):
        while self.running:
            server = self.running.pop()
            RUNNING.remove(server)
            server.close()


@pytest.fixture(scope="module")
def script(request):
    """The lesson, solution or exercise file this test module is about."""
    return script_under_test(request.module.__file__, request.config.getoption("judge"))


@pytest.fixture(scope="module")
def module_scripts():
    """Start extra servers shared by the tests of one module."""
    scripts = Scripts()
    yield scripts
    scripts.stop_all()


@pytest.fixture
def start_script():
    """Start a server for one test: start_script(path, "--flag") -> Server."""
    scripts = Scripts()
    yield scripts.start
    scripts.stop_all()


@pytest.fixture(scope="module")
def server(script, module_scripts, script_args):
    """The module's script, started once and shared by the module's tests
    (its Try-it lines ran on it first)."""
    return module_scripts.start(script, *script_args)


@pytest.fixture(scope="module")
def upload_dir(tmp_path_factory):
    """The module's upload folder, for scripts that define --upload_dir."""
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(scope="module")
def script_args(script, request):
    """What the module's script needs so that no test writes into the repository:
    a temporary --upload_dir, and a database of its own if it defines --mongodb_uri."""
    args = []
    if catalog.defines(script, "upload_dir"):
        args.append(f"--upload_dir={request.getfixturevalue('upload_dir')}")
    if needs_database(script):
        args.append(f"--mongodb_uri={request.getfixturevalue('module_database').uri}")
    return args


@pytest.fixture(scope="module")
def sweep_server(script, server, module_scripts, script_args):
    """The server the bad-input sweep talks to: the module's own, or, for a
    script with a --delay (unless the module's runs with --delay=0), one started
    with --delay=0 so the sweep stays quick."""
    if not catalog.defines(script, "delay") or "--delay=0" in server.args:
        return server
    return module_scripts.start(script, *script_args, "--delay=0")


@pytest.fixture
def client(server):
    """A fresh requests session (no cookies yet) aimed at the module's server."""
    with Client(server.base_url) as session:
        yield session


@pytest.fixture
def client_for():
    """client_for(server): a requests session aimed at another server."""
    sessions = []

    def make(server):
        sessions.append(Client(server.base_url))
        return sessions[-1]

    yield make
    for session in sessions:
        session.close()


@pytest.fixture(scope="session")
def mongodb_uri(tmp_path_factory):
    """A MongoDB for the whole session: MONGODB_URI if set, else an embedded
    SecantusDB with its data in a temporary folder, stopped at the end."""
    uri = os.environ.get("MONGODB_URI")
    if uri:
        yield uri
        return
    from course.mongodb import EmbeddedMongo

    embedded = EmbeddedMongo(tmp_path_factory.mktemp("mongodb")).start()
    try:
        yield embedded.uri
    finally:
        # Its data is a temporary folder: no need to wait for a clean close.
        embedded.stop(grace=0)


@dataclass
class Database:
    uri: str  # the server's URI with this database's name as its path
    db: object  # a pymongo Database, to read what the app stored


def uri_with_database(uri, name):
    parts = urlsplit(uri)
    return urlunsplit(parts._replace(path="/" + name))


@contextlib.contextmanager
def fresh_database(mongodb_uri):
    import pymongo

    name = f"test_{uuid.uuid4().hex[:12]}"
    with pymongo.MongoClient(mongodb_uri, serverSelectionTimeoutMS=5000) as mongo:
        try:
            yield Database(uri_with_database(mongodb_uri, name), mongo[name])
        finally:
            mongo.drop_database(name)


@pytest.fixture
def database(mongodb_uri):
    """A fresh database for one test, dropped afterwards."""
    with fresh_database(mongodb_uri) as fresh:
        yield fresh


@pytest.fixture(scope="module")
def module_database(mongodb_uri):
    """A fresh database for a test module, dropped afterwards."""
    with fresh_database(mongodb_uri) as fresh:
        yield fresh


@pytest.fixture
def emptied_database(module_database):
    """The module's database with every document removed (indexes stay): for
    modules that share one server, so each test starts with no data."""
    for name in module_database.db.list_collection_names():
        module_database.db[name].delete_many({})
    return module_database


def pytest_terminal_summary(terminalreporter):
    """The bad-input sweep's counts (tests/sweep.py), added up over all workers."""
    totals, scripts = Counter(), 0
    for reports in terminalreporter.stats.values():
        for report in reports:
            for name, value in getattr(report, "user_properties", ()):
                if name == "bad_input" and getattr(report, "when", "call") == "call":
                    totals.update(value)
                    scripts += 1
    if scripts:
        sent, routes = totals.pop("requests"), totals.pop("routes")
        classes = ", ".join(
            f"{name}: {count}" for name, count in sorted(totals.items())
        )
        terminalreporter.write_line(
            f"bad-input sweep: {sent} requests to {routes} routes of {scripts} "
            f"scripts ({classes})"
        )


# Whole-course modules whose tests share nothing costly: in parallel runs
# their tests may go to different workers, one by one.
SPREAD = {"test_runner.py", "test_learner_loop.py", "test_bench.py", "test_stopping.py"}


def pytest_collection_modifyitems(items):
    """Slow modules first (the whole-course ones in tests/, then those marked
    slow), so that parallel workers do not all wait for one of them at the end."""

    def weight(item):
        whole_course = item.path.parent.name == "tests"
        return (not whole_course, item.get_closest_marker("slow") is None)

    items.sort(key=weight)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Parallel runs (`make test`) send each module to one worker, so that its
    module server starts once, and keep the order above; the tests of SPREAD
    modules go one by one."""
    from xdist.scheduler import LoadScopeScheduling

    class ModuleScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            path = nodeid.split("::", 1)[0]
            return nodeid if Path(path).name in SPREAD else path

    config.option.loadscopereorder = False  # the order of collection, slow first
    return ModuleScheduling(config, log)
