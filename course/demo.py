"""demo NN: start a lesson and replay its Try-it requests, one step at a time.

Made for a projector: a title, the concept, then for each request the command,
the status line, the headers that matter, the body (long ones cut), and what
the server logged meanwhile.
"""

import json
import shutil
import textwrap
import time

from course import catalog, curl, runscript, ui

HIDDEN_HEADERS = {"date", "server", "etag"}
MAX_BODY_LINES = 15
MAX_BODY_CHARS = 1200


def run(number, *, host, port, pause=True):
    lesson = catalog.lesson(number)
    width = min(shutil.get_terminal_size((88, 24)).columns, 100)
    try:
        with runscript.started(
            lesson.path, "demo", lesson.number, host=host, port=port
        ) as server:
            _demo(lesson, server, pause, width)
    except KeyboardInterrupt:
        print()
    return 0


def _demo(lesson, server, pause, width):
    show_intro(lesson, server, width)
    steps = lesson.try_it
    log_seen = len(server.log())
    for index, line in enumerate(steps, start=1):
        if pause and not wait_for_enter():
            pause = False
        print(ui.dim(f"── step {index} of {len(steps)} " + "─" * (width - 20)))
        log_seen = show_step(line, server, log_seen, width)
    print(ui.dim("─" * width))
    ui.done(f"Lesson {lesson.number}: all {len(steps)} requests shown.")


def wait_for_enter():
    """Wait for Enter; False when there is nobody to press it (no terminal)."""
    try:
        input(ui.dim("Press Enter for the next request (Ctrl+C ends the demo) "))
    except EOFError:
        print()
        return False
    return True


def show_intro(lesson, server, width):
    print()
    print(ui.bold(f"Lesson {lesson.number} - {lesson.full_title}"))
    print(
        ui.dim(
            f"{lesson.path.relative_to(catalog.ROOT)} is listening on "
            f"{server.base_url}/"
        )
    )
    print()
    for paragraph in (lesson.concept, lesson.notes):
        if paragraph:
            # The texts name the docs' address; show the one this demo uses.
            print(_wrap(paragraph.replace(catalog.DOC_PORT, server.base_url), width))
            print()


def _wrap(text, width):
    paragraphs = [" ".join(block.split()) for block in text.split("\n\n")]
    fill = textwrap.TextWrapper(
        width, break_long_words=False, break_on_hyphens=False
    ).fill
    return "\n\n".join(fill(block) for block in paragraphs if block)  # URLs stay whole


def show_step(line, server, log_seen, width):
    if line.caption:
        print(ui.cyan("# " + line.caption))
    command = line.for_base(server.base_url)
    print(ui.bold("$ " + command))
    started = time.perf_counter()
    try:
        response = curl.replay(command)
    except Exception as problem:  # the demo goes on: show what went wrong
        ui.failed(f"the request failed: {problem}")
        return log_seen
    elapsed = (time.perf_counter() - started) * 1000
    show_response(response, line.status, elapsed)
    log = settled_log(server, log_seen)
    new_lines = log[log_seen:].strip()
    if new_lines:
        print(ui.dim("server log:"))
        for entry in new_lines.splitlines()[-6:]:
            print(ui.dim("  " + cut(entry, width - 2)))
    return len(log)


def cut(text, columns):
    """text in at most `columns` columns; a cut line ends with "…", so it shows."""
    if ui.width(text) <= columns:
        return text
    kept = ""
    for char in text:
        if ui.width(kept + char) > columns - 1:
            break
        kept += char
    return kept + "…"


def settled_log(server, seen, quiet=0.1, longest=1.0):
    """The log once the request's lines are in: Tornado logs just after it
    answers, and an error after the method goes on can follow a moment later."""
    deadline = time.monotonic() + longest
    log, changed = server.log(), time.monotonic()
    while time.monotonic() < deadline:
        if len(log) > seen and time.monotonic() - changed >= quiet:
            break
        time.sleep(0.01)
        newer = server.log()
        if newer != log:
            log, changed = newer, time.monotonic()
    return log


def status_colour(status):
    return {2: ui.green, 3: ui.cyan, 4: ui.yellow}.get(status // 100, ui.red)


def show_response(response, expected, elapsed_ms):
    version = {10: "HTTP/1.0", 11: "HTTP/1.1"}.get(response.raw.version, "HTTP/1.1")
    status_line = f"{version} {response.status_code} {response.reason}"
    print(
        status_colour(response.status_code)(ui.bold(status_line))
        + ui.dim(f"   ({elapsed_ms:.0f} ms)")
    )
    if response.status_code != expected:
        ui.warn(f"the lesson says this answers {expected}, not {response.status_code}")
    for name, value in response.headers.items():
        if name.lower() not in HIDDEN_HEADERS:
            print(f"{ui.cyan(name)}: {value}")
    print()
    body = body_text(response)
    if body:
        print(body)


def _indented_json(text):
    """Long JSON, one key per line; \\u escapes stay escapes (lessons show them)."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return json.dumps(value, indent=2, ensure_ascii="\\u" in text)


def body_text(response):
    content = response.content
    if not content:
        return ""
    kind = response.headers.get("Content-Type", "")
    if not kind.startswith(("text/", "application/json", "application/javascript")):
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return ui.dim(f"({len(content):,} bytes of {kind or 'binary data'})")
    text = content.decode("utf-8", "replace").rstrip("\n")
    if kind.startswith("application/json") and len(text) > 160:
        text = _indented_json(text)
    lines = text.splitlines()
    cut = "\n".join(lines[:MAX_BODY_LINES])[:MAX_BODY_CHARS]
    if len(cut) < len(text):
        rest = len(text) - len(cut)
        cut += "\n" + ui.dim(f"… and {rest:,} more characters")
    return cut
