"""list (make help): the lessons in teaching order, then the commands.

The commands come from the Makefile's `target: ## Sentence` lines, in file
order, so the help cannot drift from what the Makefile does.
"""

import os
import re

from course import catalog, ui
from course.environment import ROOT

RULE = re.compile(r"^(?P<target>[A-Za-z0-9_%-]+):[^#=]*## (?P<help>.+)$")


def make_targets():
    makefile = ROOT / "Makefile"
    if not makefile.exists():
        return []
    found = []
    for line in makefile.read_text(encoding="utf-8").splitlines():
        match = RULE.match(line)
        if match:
            found.append((match["target"], match["help"]))
    return found


def _as_command(target):
    if os.environ.get("MAKELEVEL"):
        return "make " + target.replace("%", "NN")
    verb, _, rest = target.partition("-")
    verb = {"help": "list"}.get(verb, verb)
    return f"python -m course {verb}" + (" NN" if rest == "%" else "")


def show():
    print(ui.bold("Tornado, hands on: one concept per lesson, each proven by tests."))
    print()
    print(ui.bold("Lessons"))
    lessons = catalog.lessons()
    columns = max((ui.width(lesson.title) for lesson in lessons), default=0)
    for lesson in lessons:
        done = "" if lesson.exercise else ui.dim("  (no exercise)")
        print(
            f"  {ui.cyan(lesson.number)}  {ui.pad(lesson.title, columns)}  "
            f"{lesson.chinese}{done}"
        )
    print()
    print(ui.bold("Commands") + ui.dim("  (NN is a lesson number, e.g. 05)"))
    targets = make_targets()
    width = max((len(_as_command(target)) for target, _ in targets), default=0)
    for target, text in targets:
        print(f"  {_as_command(target).ljust(width)}  {text}")
    print()
    print(
        ui.dim(
            "Variables: PORT=8000  HOST=127.0.0.1  PAUSE=1 (demo: 0 = no waiting)  "
            "ARGS (to the script)"
        )
    )
    print(f"Start here: {ui.bold(_as_command('lesson-%').replace('NN', '01'))}")
    return 0
