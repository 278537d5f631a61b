"""mutants: delete each early `return` of a script's handlers, one at a time, and
run the script's tests. Every such return must be caught by a failing test: a
lesson that says "the code after redirect() still runs" must notice when the
return that decides it goes.

An early return sits in a method of a class whose name does not start with
Broken (those show mistakes on purpose) and is not the method's last statement.
"Deleting" keeps the expression: `return self.redirect(x)` becomes
`self.redirect(x)`, a bare `return` becomes `pass`. Each mutant runs on a copy
of the course, so the files in the repository never change.
"""

import ast
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from course import catalog, ui
from course.environment import ROOT

COPIED_NOT = (
    ".git",
    ".venv*",
    ".data",
    "uploads",
    "backups",
    "__pycache__",
    ".*_cache",
)


def early_returns(source):
    """The ast.Return nodes of source that a mutant may delete, in line order."""
    found = []
    for cls in ast.walk(ast.parse(source)):
        if not isinstance(cls, ast.ClassDef) or cls.name.startswith("Broken"):
            continue
        for method in cls.body:
            if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found += [
                    node
                    for node in ast.walk(method)
                    if isinstance(node, ast.Return) and node is not method.body[-1]
                ]
    return sorted(found, key=lambda node: node.lineno)


def without(source, node):
    """source with the return at node deleted, its expression kept."""
    lines = source.splitlines(keepends=True)
    first, last = node.lineno - 1, node.end_lineno
    if node.value is None:
        indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
        middle = [indent + "pass\n"]
    else:
        middle = ["".join(lines[first:last]).replace("return ", "", 1)]
    return "".join(lines[:first] + middle + lines[last:])


def pairs(numbers=()):
    """(script, its test module) for every lesson and solution, or those of NN."""
    lessons = [catalog.lesson(n) for n in numbers] if numbers else catalog.lessons()
    for lesson in lessons:
        yield lesson.path, lesson.lesson_tests
        if lesson.solution and lesson.exercise_tests:
            yield lesson.solution, lesson.exercise_tests


def run(numbers=()):
    survived, tried = [], 0
    with tempfile.TemporaryDirectory(prefix="course-mutants-") as folder:
        copy = Path(folder) / "course"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*COPIED_NOT))
        for script, tests in pairs(numbers):
            source = script.read_text(encoding="utf-8")
            target = copy / script.relative_to(ROOT)
            for node in early_returns(source):
                tried += 1
                target.write_text(without(source, node), encoding="utf-8")
                caught = _fails(copy, tests.relative_to(ROOT))
                where = f"{script.relative_to(ROOT)}:{node.lineno}"
                line = source.splitlines()[node.lineno - 1].strip()
                print(
                    f"  {ui.green('caught  ') if caught else ui.red('SURVIVED')}"
                    f"  {where}  {line[:60]}",
                    flush=True,
                )
                if not caught:
                    survived.append(where)
            target.write_text(source, encoding="utf-8")
    if survived:
        ui.failed(
            f"{len(survived)} of {tried} deleted returns went unnoticed by the tests."
        )
        return 1
    ui.done(f"All {tried} deleted returns were caught by a failing test.")
    return 0


def _fails(copy, tests):
    command = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider"]
    command += ["-p", "no:xdist", str(tests)]
    return subprocess.run(command, cwd=copy, capture_output=True).returncode != 0
