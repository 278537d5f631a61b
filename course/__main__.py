# This file must stay readable by old Pythons, so that they can print the one
# line below instead of a SyntaxError: no f-strings or newer syntax here.
import sys

if sys.version_info < (3, 11):
    sys.exit(
        "This course needs Python 3.11 or newer; this is Python %d.%d (%s). "
        "Install a newer Python, or name one: make PYTHON=python3.12"
        % (sys.version_info[0], sys.version_info[1], sys.executable)
    )

from course.cli import main

sys.exit(main())
