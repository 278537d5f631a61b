"""Find the course's lessons, exercises, solutions and hints from the files.

Nothing here is a hand-kept list: a lesson is any `lessons/NN_topic.py`, and
what the runner shows about it comes from its docstring, read without running
the file.
"""

import ast
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from course.environment import ROOT
from course.ui import CourseError

LESSONS = ROOT / "lessons"
EXERCISES = ROOT / "exercises"  # the learner's working copies
STARTERS = ROOT / "course" / "starters"  # the same files as the course ships them
SOLUTIONS = ROOT / "solutions"
TESTS = ROOT / "tests"

DOC_PORT = "http://127.0.0.1:8000"  # the address docstrings use in Try-it lines
TITLE = re.compile(
    r"^Lesson (?P<number>\d\d) - (?P<title>.+?) \((?P<chinese>[^()]+)\)$"
)
EXERCISE_TITLE = re.compile(r"^Exercise (?P<number>\d\d) - (?P<title>.+)$")
TRY_IT = re.compile(r"^(?P<command>curl\s.+?)\s+#\s*->\s*(?P<status>\d{3})\s*$")
SECTION = re.compile(r"^(Run|Try it|Bench):\s*$")
BENCH_LINE = re.compile(r"^(?P<label>\S.*?)\s{2,}(?P<path>/\S*)$")


@dataclass(frozen=True)
class TryIt:
    """One `curl ... # -> 200` line of a lesson's docstring."""

    command: str
    status: int
    caption: str = ""

    def for_base(self, base_url):
        return self.command.replace(DOC_PORT, base_url.rstrip("/"))


@dataclass(frozen=True)
class Lesson:
    number: str
    path: Path

    @cached_property
    def docstring(self):
        tree = ast.parse(self.path.read_text(encoding="utf-8"), filename=str(self.path))
        return ast.get_docstring(tree) or ""

    @cached_property
    def _title_match(self):
        first = self.docstring.splitlines()[0] if self.docstring else ""
        return TITLE.match(first)

    @property
    def title(self):
        match = self._title_match
        return match["title"] if match else self.path.stem

    @property
    def chinese(self):
        match = self._title_match
        return match["chinese"] if match else ""

    @property
    def full_title(self):
        return f"{self.title} ({self.chinese})" if self.chinese else self.title

    @cached_property
    def sections(self):
        """The docstring cut at its `Run:` and `Try it:` headings."""
        sections = {"concept": [], "Run": [], "Try it": [], "Bench": [], "notes": []}
        current = "concept"
        for line in self.docstring.splitlines()[1:]:
            heading = SECTION.match(line)
            if heading:
                current = heading[1]
            elif (
                current in ("Run", "Try it", "Bench") and line and not line[0].isspace()
            ):
                current = "notes"  # an unindented line ends an indented section
                sections[current].append(line)
            else:
                sections[current].append(line)
        return {name: "\n".join(lines).strip("\n") for name, lines in sections.items()}

    @property
    def concept(self):
        return self.sections["concept"].strip()

    @property
    def notes(self):
        return self.sections["notes"].strip()

    @cached_property
    def try_it(self):
        lines, caption = [], ""
        for raw in self.sections["Try it"].splitlines():
            line = raw.strip()
            if not line:
                continue
            if line.startswith("#"):
                caption = line.lstrip("# ")
                continue
            match = TRY_IT.match(line)
            if not match:
                raise CourseError(
                    f"{self.path.name}: this Try-it line has no `curl ... # -> "
                    f"STATUS` form: {line}"
                )
            lines.append(TryIt(match["command"], int(match["status"]), caption))
            caption = ""
        return lines

    @cached_property
    def bench(self):
        """(label, path) pairs of the docstring's Bench: section, for `bench NN`."""
        pairs = []
        for raw in self.sections["Bench"].splitlines():
            line = raw.strip()
            if not line:
                continue
            match = BENCH_LINE.match(line)
            if not match:
                raise CourseError(
                    f"{self.path.name}: this Bench line has no `label  /path` form: "
                    f"{line}"
                )
            pairs.append((match["label"], match["path"]))
        return pairs

    def _beside(self, folder, pattern):
        found = sorted(folder.glob(pattern.format(nn=self.number)))
        return found[0] if found else None

    @property
    def starter(self):
        """The exercise as the course ships it: `reset` restores it, CI judges it."""
        return self._beside(STARTERS, "{nn}_*.py")

    @property
    def exercise(self):
        """The learner's working copy (if it was deleted, `reset` restores it)."""
        starter = self.starter
        return EXERCISES / starter.name if starter else None

    @property
    def solution(self):
        starter = self.starter
        return SOLUTIONS / starter.name if starter else None

    @property
    def hint(self):
        starter = self.starter
        return EXERCISES / starter.name.replace(".py", ".hint.md") if starter else None

    @cached_property
    def exercise_title(self):
        """The title in the first line of the exercise's docstring."""
        if not self.starter:
            return ""
        tree = ast.parse(
            self.starter.read_text(encoding="utf-8"), filename=str(self.starter)
        )
        first = (ast.get_docstring(tree) or "").splitlines()[:1]
        match = EXERCISE_TITLE.match(first[0]) if first else None
        return match["title"] if match else self.starter.stem

    def exercise_is_untouched(self):
        """True when the working copy is byte for byte the starter: not done."""
        exercise = self.exercise
        return exercise.exists() and exercise.read_bytes() == self.starter.read_bytes()

    @property
    def lesson_tests(self):
        return self._beside(TESTS / "lessons", "test_{nn}_*.py")

    @property
    def exercise_tests(self):
        return self._beside(TESTS / "exercises", "test_{nn}_*.py")


def lessons():
    """Every lesson, in teaching (number) order."""
    found = []
    for path in sorted(LESSONS.glob("[0-9][0-9]_*.py")):
        found.append(Lesson(path.name[:2], path))
    return found


def lesson(number):
    """The lesson with this number ("5" or "05"), or one clear error."""
    text = str(number).strip()
    if not text.isdigit():
        raise CourseError(
            f"'{number}' is not a lesson number: give two digits, like 05.", exit_code=2
        )
    wanted = f"{int(text):02d}"
    everything = lessons()
    for candidate in everything:
        if candidate.number == wanted:
            return candidate
    known = (
        f"{everything[0].number}-{everything[-1].number}" if everything else "none yet"
    )
    raise CourseError(
        f"There is no lesson {wanted}: the lessons are {known} (make help lists them).",
        exit_code=2,
    )


def defines(script, option):
    """True when the script defines this tornado.options option (read, not run)."""
    return f'define("{option}"' in Path(script).read_text(encoding="utf-8")


def require(path, what):
    if path is None or not Path(path).exists():
        raise CourseError(
            f"{what} is missing{f' ({path})' if path else ''}.", exit_code=2
        )
    return Path(path)
