"""clean: remove what the course generates while it runs (standard library only)."""

import os
import shutil

from course import ui
from course.environment import ROOT, VENV

# Folders the course writes while it runs.
GENERATED = [".data", "uploads", ".pytest_cache", ".ruff_cache"]


def clean():
    removed = 0
    for name in GENERATED:
        path = ROOT / name
        if path.exists():
            shutil.rmtree(path)
            print(f"removed {name}/")
            removed += 1
    for folder, subfolders, _ in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in (VENV.name, ".git")]
        if "__pycache__" in subfolders:
            shutil.rmtree(os.path.join(folder, "__pycache__"), ignore_errors=True)
            subfolders.remove("__pycache__")
            removed += 1
    ui.done(
        f"Clean ({removed} generated folders removed). .venv stays: delete it to "
        "reinstall from scratch."
    )
    return 0
