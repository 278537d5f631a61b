"""Fixtures shared by every test: scripts run as real servers, and HTTP clients.

A test module named tests/lessons/test_05_topic.py is about lessons/05_topic.py;
tests/exercises/test_05_task.py is about solutions/05_task.py, or about
exercises/05_task.py when run with --judge=exercises (what `make check-05` does).
"""

import contextlib
import os
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from course.client import Client
from course.environment import ROOT
from course.serve import Server, ServerFailed

JUDGES = ("solutions", "exercises")


def pytest_addoption(parser):
    parser.addoption(
        "--judge",
        choices=JUDGES,
        default="solutions",
        help="which files the exercise tests judge: the reference solutions (default) or the student's exercises",
    )


def pytest_report_header(config):
    return f"exercise tests judge: {config.getoption('judge')}/"


def script_under_test(module_path, judge):
    """The file a test module is about, from the module's own name."""
    test_file = Path(module_path)
    name = test_file.name.removeprefix("test_")
    folder = {"lessons": ROOT / "lessons", "exercises": ROOT / judge}.get(test_file.parent.name)
    if folder is None:
        raise LookupError(f"{test_file.name} is not under tests/lessons/ or tests/exercises/")
    return folder / name


class Scripts:
    """Starts scripts as servers and stops every one of them at the end."""

    def __init__(self):
        self.running = []

    def start(self, script, *args, **kwargs):
        server = Server(script, args=args, **kwargs)
        self.running.append(server)
        try:
            return server.start()
        except ServerFailed as failure:
            problem = str(failure)
        # The script's own output is the useful part, not our traceback.
        pytest.fail(problem, pytrace=False)

    def stop_all(self):
        while self.running:
            self.running.pop().close()


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
def server(script, module_scripts):
    """The module's script, started once and shared by the module's tests."""
    return module_scripts.start(script)


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
        embedded.stop(grace=0)  # its data is a temporary folder: no need to wait for a clean close


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
    """The bad-input sweep's counts (tests/test_bad_input.py), added up over all workers."""
    totals, scripts = Counter(), 0
    for reports in terminalreporter.stats.values():
        for report in reports:
            for name, value in getattr(report, "user_properties", ()):
                if name == "bad_input" and getattr(report, "when", "call") == "call":
                    totals.update(value)
                    scripts += 1
    if scripts:
        sent, routes = totals.pop("requests"), totals.pop("routes")
        classes = ", ".join(f"{name}: {count}" for name, count in sorted(totals.items()))
        terminalreporter.write_line(
            f"bad-input sweep: {sent} requests to {routes} routes of {scripts} scripts ({classes})"
        )
