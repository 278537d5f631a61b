"""lock: compile requirements.in and requirements-dev.in into the pinned
requirements.txt and requirements-dev.txt, with uv (pinned in the dev set).

--universal resolves for every platform and Python of the CI matrix at once
(e.g. colorama, which pytest needs on Windows only), and --generate-hashes
records the hash of every file PyPI has for each pin, so pip checks what it
downloads on Linux, macOS and Windows alike. Versions already pinned are kept
unless the .in file asks for another: `make lock` is not an upgrade.
"""

import subprocess
import sys

from course import ui
from course.environment import ROOT

PAIRS = [("requirements.in", "requirements.txt")]
PAIRS += [("requirements-dev.in", "requirements-dev.txt")]  # after: it reads the first
OLDEST_PYTHON = "3.11"


def run():
    for source, target in PAIRS:
        ui.step(f"uv pip compile {source} -> {target}")
        command = [sys.executable, "-m", "uv", "pip", "compile", "--quiet"]
        command += ["--universal", "--python-version", OLDEST_PYTHON]
        command += ["--generate-hashes", "--custom-compile-command", "make lock"]
        if subprocess.call([*command, source, "-o", target], cwd=ROOT) != 0:
            raise ui.CourseError(f"uv could not compile {source} (see above).")
    ui.done("requirements.txt and requirements-dev.txt are up to date.")
    return 0
