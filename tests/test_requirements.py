"""The two requirement sets: exact, hashed, and what their .in lists ask for."""

import re

import pytest

from course.environment import ROOT


def pins(path):
    """{name: version} of a requirements file's `name==version` lines, with the
    hash lines each pin has."""
    text = (ROOT / path).read_text(encoding="utf-8")
    found = {}
    for block in re.split(r"\n(?=\S)", text):
        match = re.match(r"([A-Za-z0-9_.-]+)==([^ ;\\\n]+)", block)
        if match:
            name = re.sub(r"[-_.]+", "-", match[1]).lower()
            found[name] = (match[2], block.count("--hash=sha256:"))
    return found


@pytest.mark.parametrize("compiled", ["requirements.txt", "requirements-dev.txt"])
def test_every_pin_is_exact_and_hashed(compiled):
    found = pins(compiled)
    assert found, f"{compiled} pins nothing"
    unhashed = [name for name, (_, hashes) in found.items() if not hashes]
    assert not unhashed, f"{compiled}: no --hash for {unhashed} (run make lock)"


def test_the_compiled_files_follow_the_lists_they_come_from():
    student, dev = pins("requirements.txt"), pins("requirements-dev.txt")
    for listed, compiled in [
        ("requirements.in", student),
        ("requirements-dev.in", dev),
    ]:
        for name, (version, _) in pins(listed).items():
            assert compiled.get(name, ("missing",))[0] == version, (
                f"{listed} asks for {name}=={version}: run make lock"
            )
    differ = {
        n: (v, dev.get(n)) for n, (v, _) in student.items() if dev.get(n, ("",))[0] != v
    }
    assert not differ, (
        f"requirements-dev.txt must hold requirements.txt's pins: {differ}"
    )
    dev_only = {"pytest-xdist", "playwright", "ruff", "zizmor", "check-jsonschema"}
    assert not dev_only & student.keys(), "CI's tools stay out of a student's set"
