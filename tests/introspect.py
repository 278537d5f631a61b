"""Import a lesson, exercise or solution file without running its server.

Each script defines its own --port and --host with tornado.options, whose
registry is global: importing two scripts in one process would define "port"
twice. load() gives every script a fresh registry first.
"""

import importlib.util
import sys
from pathlib import Path

import tornado.options


def load(path):
    """The script at path as a module, with main() not run."""
    path = Path(path)
    tornado.options.options = tornado.options.OptionParser()
    name = "course_script_" + path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def routes(app):
    """(URL pattern, handler class) for every rule of an Application, in order."""
    found = []
    for rule in app.wildcard_router.rules:
        pattern = getattr(rule.matcher, "regex", None)
        found.append((pattern.pattern if pattern else repr(rule.matcher), rule.target))
    return found
