"""python -m course VERB [NN]: the runner behind every make target."""

import argparse
import os
import signal
import sys

from course import environment, ui

# Verbs that need the pinned packages run inside .venv; the others need only
# the standard library and run in whatever Python started them.
PASS_EXTRA = ("test", "test-pythons", "lesson", "exercise", "solution", "bench")
STDLIB_VERBS = {"list", "help", "hint", "reset", "setup", "clean", "test-pythons"}


def build_parser():
    parser = argparse.ArgumentParser(
        prog="python -m course",
        description="Run the Tornado course: lessons, exercises, checks, demos, tests.",
        epilog="With make: make lesson-05, make check-05 ... (`make` lists them).",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="show full tracebacks and test output",
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")

    def verb(name, help_text, number=False, serves=False):
        sub = verbs.add_parser(name, help=help_text, description=help_text)
        if number:
            sub.add_argument("number", metavar="NN", help="lesson number, e.g. 05")
        if serves:
            sub.add_argument(
                "--port", type=int, default=int(os.environ.get("PORT") or 8000)
            )
            sub.add_argument("--host", default=os.environ.get("HOST") or "127.0.0.1")
        return sub

    verb("list", "list the lessons and the commands")
    verb("lesson", "run lesson NN and show how to try it", number=True, serves=True)
    verb("exercise", "run your exercise NN server", number=True, serves=True)
    check = verb("check", "test your exercise NN: green when done", number=True)
    check.add_argument(
        "--solution", action="store_true", help="judge the reference solution instead"
    )
    verb("hint", "print the hint for exercise NN", number=True)
    verb("watch", "re-run check NN each time you save the exercise", number=True)
    verb("solution", "run the reference solution NN", number=True, serves=True)
    progress = verb("progress", "which exercises are done")
    progress.add_argument(
        "numbers", metavar="NN", nargs="*", help="only these exercises (default: all)"
    )
    verb("next", "check the first exercise that is not done yet")
    verb(
        "reset",
        "put exercise NN back as the course ships it (your version is kept)",
        number=True,
    )
    demo = verb(
        "demo",
        "instructor mode: replay lesson NN's Try-it requests",
        number=True,
        serves=True,
    )
    demo.add_argument(
        "--no-pause", action="store_true", help="do not wait for Enter between steps"
    )
    mongo = verb(
        "mongodb", "run the embedded MongoDB-compatible server in the foreground"
    )
    mongo.add_argument(
        "--port", type=int, default=int(os.environ.get("MONGODB_PORT") or 27017)
    )
    bench = verb(
        "bench",
        "measure the feedback loop (check, start-up, full test run), or with NN "
        "lesson NN's Bench",
    )
    bench.add_argument(
        "number",
        metavar="NN",
        nargs="?",
        help="a lesson with a Bench: section, e.g. 14",
    )
    bench.add_argument(
        "--runs",
        type=int,
        default=int(os.environ.get("RUNS") or 5),
        help="runs per figure",
    )
    bench.add_argument(
        "--only", choices=["check", "start", "test"], help="measure one figure only"
    )
    bench.add_argument(
        "-n",
        "--requests",
        type=int,
        default=int(os.environ.get("N") or 20),
        help="concurrent requests",
    )
    bench.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
    bench.add_argument("--host", default=os.environ.get("HOST") or "127.0.0.1")
    verb(
        "test", "run the whole test suite (what CI runs); other arguments go to pytest"
    )
    verb("test-pythons", "run the test suite on every installed Python 3.11+")
    verb(
        "lint",
        "check the code with ruff, and the CI workflow with its schema and zizmor",
    )
    verb("clean", "remove generated files: caches, uploads, databases")
    verb("setup", "create .venv and install requirements.txt into it")
    return parser


def _stop_on_signals():
    # SIGTERM or a closed terminal stop the runner like Ctrl+C does, so the
    # `finally` blocks that stop servers always run.
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    # Also when started with SIGINT ignored (as shells do for `cmd &`).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), interrupt)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(errors="replace")
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    # Extra arguments go to pytest (test) or to the script (lesson --debug).
    if extra and args.verb not in PASS_EXTRA:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    verb = args.verb or "list"
    try:
        if (
            verb not in STDLIB_VERBS
            and not environment.running_in_venv()
            and not os.environ.get("COURSE_NO_VENV")
        ):
            return environment.reexec_in_venv(argv)
        _stop_on_signals()
        return run(verb, args) or 0
    except ui.CourseError as problem:
        if args.verbose:
            raise
        ui.error(str(problem))
        return problem.exit_code
    except KeyboardInterrupt:
        print()
        return 130
    except BrokenPipeError:  # output piped into `head` or a closed pager
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def run(verb, args):
    # Each verb imports its module only when used: `make check-05` should not
    # pay for the demo's or the benchmark's imports.
    if verb in ("list", "help"):
        from course import listing

        return listing.show()
    if verb == "setup":
        return environment.ensure()
    if verb in ("lesson", "exercise", "solution"):
        from course import runscript

        return runscript.run(
            verb, args.number, host=args.host, port=args.port, script_args=args.extra
        )
    if verb == "hint":
        from course import check

        return check.hint(args.number)
    if verb == "check":
        from course import check

        return check.check(args.number, solution=args.solution, verbose=args.verbose)
    if verb == "watch":
        from course import check

        return check.watch(args.number)
    if verb == "progress":
        from course import check

        return check.progress(args.numbers)
    if verb == "next":
        from course import check

        return check.next_exercise()
    if verb == "reset":
        from course import check

        return check.reset(args.number)
    if verb == "demo":
        from course import demo

        pause = not args.no_pause and os.environ.get("PAUSE", "1") not in (
            "0",
            "no",
            "false",
        )
        return demo.run(args.number, host=args.host, port=args.port, pause=pause)
    if verb == "mongodb":
        from course import mongodb

        return mongodb.run_foreground(port=args.port)
    if verb == "bench":
        from course import bench

        return bench.run(
            args.number,
            runs=args.runs,
            count=args.requests,
            only=args.only,
            host=args.host,
            port=args.port,
            script_args=args.extra,
        )
    if verb == "test":
        from course import suite

        return suite.run_tests(args.extra)
    if verb == "test-pythons":
        from course import suite

        return suite.run_on_every_python(args.extra)
    if verb == "lint":
        from course import suite

        return suite.lint()
    if verb == "clean":
        from course import suite

        return suite.clean()
    raise ui.CourseError(f"unknown verb {verb}", exit_code=2)
