"""lesson / exercise / solution NN: run one script in the foreground until Ctrl+C."""

import contextlib
import ipaddress

from course import catalog, mongodb, ui
from course.process import Server, port_is_free


def run(kind, number, *, host, port, script_args=()):
    lesson = catalog.lesson(number)
    if kind == "lesson":
        script, heading = lesson.path, f"Lesson {lesson.number} - {lesson.full_title}"
    elif kind == "exercise":
        script = catalog.require(lesson.exercise, f"Exercise {lesson.number}")
        heading = (
            f"Exercise {lesson.number} (your file: {script.relative_to(catalog.ROOT)})"
        )
    else:
        script = catalog.require(lesson.solution, f"Solution {lesson.number}")
        heading = f"Solution {lesson.number} ({script.relative_to(catalog.ROOT)})"

    try:
        with started(
            script,
            kind,
            lesson.number,
            host=host,
            port=port,
            args=script_args,
            echo=True,
            heading=heading,
        ) as server:
            try:
                show_next_steps(kind, lesson, server)
                code = server.process.wait()
                raise ui.CourseError(
                    f"{script.name} stopped by itself (exit code {code})."
                )
            except KeyboardInterrupt:
                print()
                ui.step("Stopping ...")
    except KeyboardInterrupt:
        pass  # a second Ctrl+C while stopping: the `with` still stopped everything
    ui.done(f"Stopped; port {port} is free again.")


@contextlib.contextmanager
def started(script, verb, number, *, host, port, args=(), echo=False, heading=None):
    """The script serving on host:port, with its database if it needs one;
    everything stopped again when the block ends (Ctrl+C included)."""
    check_port(host, port, verb, number)
    if heading:
        ui.step(ui.bold(heading))
    warn_if_exposed(host)
    with mongodb.database_args(script, lesson_port=port) as database:
        server = Server(
            script, host=host, port=port, args=[*database, *args], echo=echo
        )
        try:
            yield server.start()
        finally:
            server.close()


def check_port(host, port, verb, number):
    if not port_is_free(host, port):
        raise ui.CourseError(
            f"Port {port} on {host} is already in use (another lesson still running?). "
            "Stop it, or choose another port: "
            + ui.command_for(verb, number, [("PORT", "--port", port + 1)]),
            exit_code=2,
        )


def warn_if_exposed(host):
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        ui.warn(
            f"HOST={host}: anyone on your network can reach this server, "
            "its /broken/ pages included. Use it in a classroom, not on a public "
            "network."
        )


def show_next_steps(kind, lesson, server):
    if kind == "lesson" and lesson.try_it:
        print(ui.bold("Try it:"))
        commands = [line.for_base(server.base_url) for line in lesson.try_it]
        columns = max(ui.width(command) for command in commands)
        for command, line in zip(commands, lesson.try_it, strict=True):
            print("  " + ui.pad(command, columns) + ui.dim(f"   # -> {line.status}"))
    elif kind == "exercise":
        print(
            f"Check it: {ui.command_for('check', lesson.number)}    Stuck? "
            f"{ui.command_for('hint', lesson.number)}"
        )
    print(ui.dim("Press Ctrl+C to stop."), flush=True)
