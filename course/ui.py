"""What the runner prints: one line per step, green for done, red for not yet."""

import os
import sys
import unicodedata


class CourseError(Exception):
    """A problem the user can fix; shown as one line, without a traceback."""

    def __init__(self, message, exit_code=1):
        super().__init__(message)
        self.exit_code = exit_code


def _colour_enabled(stream):
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


if os.name == "nt":
    os.system("")  # switches the Windows console to ANSI colour handling

COLOUR = _colour_enabled(sys.stdout)


def paint(text, code):
    return f"\033[{code}m{text}\033[0m" if COLOUR else text


def bold(text):
    return paint(text, "1")


def dim(text):
    return paint(text, "2")


def green(text):
    return paint(text, "32")


def red(text):
    return paint(text, "31")


def yellow(text):
    return paint(text, "33")


def cyan(text):
    return paint(text, "36")


def width(text):
    """Columns the text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text, columns):
    return text + " " * max(columns - width(text), 0)


def step(message):
    print(paint("==> ", "34;1") + message, flush=True)


def done(message):
    print(green("✔ ") + message, flush=True)


def failed(message):
    print(red("✘ ") + message, flush=True)


def warn(message):
    print(yellow("! ") + message, flush=True)


def error(message):
    print(red("error: ") + message, file=sys.stderr, flush=True)


def command_for(verb, number=None, options=()):
    """How to run a verb, said the way the user called us: make or python -m course.

    options: (MAKE_VARIABLE, --option, value) triples, e.g. ("PORT", "--port", 8001)
    gives `make lesson-01 PORT=8001` or `python -m course lesson 01 --port 8001`.
    """
    if os.environ.get("MAKELEVEL"):
        words = [f"make {verb}{'-' + number if number else ''}"]
        words += [f"{variable}={value}" for variable, _, value in options]
    else:
        words = [f"python -m course {verb}{' ' + number if number else ''}"]
        words += [f"{option} {value}" for _, option, value in options]
    return " ".join(words)
