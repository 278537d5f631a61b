"""python -m course VERB [NN]: the runner behind every make target."""

import argparse
import os
import signal
import sys

from course import environment, ui

# Extra arguments go to pytest (test) or to the script (lesson --debug).
PASS_EXTRA = ("test", "test-pythons", "lesson", "exercise", "solution", "bench")
# Verbs that need only the standard library run in whatever Python started them
# and install nothing. The maintainers' verbs need requirements-dev.txt; every
# other verb runs in .venv with a student's set (requirements.txt).
STDLIB_VERBS = {"list", "hint", "reset", "setup", "clean", "progress"}
DEV_VERBS = {"test", "test-pythons", "lint", "bench", "lock", "mutants"}


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
    parser.set_defaults(verb="list", func=_list)  # no verb: list the lessons

    def verb(name, help_text, func, number=False, serves=False):
        sub = verbs.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(func=func)
        if number:
            sub.add_argument("number", metavar="NN", help="lesson number, e.g. 05")
        if serves:
            sub.add_argument(
                "--port", type=int, default=int(os.environ.get("PORT") or 8000)
            )
            sub.add_argument("--host", default=os.environ.get("HOST") or "127.0.0.1")
        return sub

    verb("list", "list the lessons and the commands", _list)
    verb("lesson", "run lesson NN and show how to try it", _serve, True, True)
    verb("exercise", "run your exercise NN server", _serve, True, True)
    check = verb("check", "test your exercise NN: green when done", _check, True)
    check.add_argument(
        "--solution", action="store_true", help="judge the reference solution instead"
    )
    verb("hint", "print the hint for exercise NN", _exercise_loop, True)
    verb(
        "watch", "re-run check NN each time you save the exercise", _exercise_loop, True
    )
    verb("solution", "run the reference solution NN", _serve, True, True)
    progress = verb("progress", "which exercises are done", _progress)
    progress.add_argument(
        "numbers", metavar="NN", nargs="*", help="only these exercises (default: all)"
    )
    verb("next", "check the first exercise that is not done yet", _next)
    verb(
        "reset",
        "put exercise NN back as the course ships it (your version is kept)",
        _exercise_loop,
        number=True,
    )
    demo = verb(
        "demo",
        "instructor mode: replay lesson NN's Try-it requests",
        _demo,
        number=True,
        serves=True,
    )
    demo.add_argument(
        "--no-pause", action="store_true", help="do not wait for Enter between steps"
    )
    mongo = verb(
        "mongodb",
        "run the embedded MongoDB-compatible server in the foreground",
        _mongodb,
    )
    mongo.add_argument(
        "--port", type=int, default=int(os.environ.get("MONGODB_PORT") or 27017)
    )
    bench = verb(
        "bench",
        "measure the feedback loop (check, start-up, full test run), or with NN "
        "lesson NN's Bench",
        _bench,
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
        "test",
        "run the whole test suite (what CI runs); other arguments go to pytest",
        _suite,
    )
    verb("test-pythons", "run the test suite on every installed Python 3.11+", _suite)
    verb(
        "lint",
        "check the code with ruff, and the CI workflow with its schema and zizmor",
        _suite,
    )
    verb("clean", "remove generated files: caches, uploads, databases", _clean)
    setup = verb("setup", "create .venv and install requirements.txt into it", _setup)
    setup.add_argument(
        "--dev", action="store_true", help="requirements-dev.txt: the tools of CI"
    )
    verb("lock", "compile requirements*.in into the pinned requirements*.txt", _lock)
    mutants = verb(
        "mutants", "delete each early return in turn: a test must fail", _mutants
    )
    mutants.add_argument("numbers", metavar="NN", nargs="*", help="only these lessons")
    return parser


def _needs_dev(args):
    """bench NN (an instructor's) needs only a student's set; bench alone times
    the whole suite."""
    return args.verb in DEV_VERBS and not (args.verb == "bench" and args.number)


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
    try:
        if args.verb not in STDLIB_VERBS and not environment.running_in_venv():
            return environment.reexec_in_venv(argv, dev=_needs_dev(args))
        if _needs_dev(args) and not os.environ.get("COURSE_NO_VENV"):
            environment.ensure(dev=True)  # e.g. `python -m course test` inside .venv
        _stop_on_signals()
        return args.func(args) or 0
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


# Each verb imports its module only when used: `make check-05` should not pay
# for the demo's or the benchmark's imports, and `make hint-05` needs no .venv.


def _list(args):
    from course import listing

    return listing.show()


def _setup(args):
    return environment.ensure(dev=args.dev)


def _lock(args):
    from course.dev import lock

    return lock.run()


def _mutants(args):
    from course.dev import mutants

    return mutants.run(args.numbers)


def _serve(args):
    from course import runscript

    return runscript.run(
        args.verb, args.number, host=args.host, port=args.port, script_args=args.extra
    )


def _check(args):
    from course import check

    return check.check(args.number, solution=args.solution, verbose=args.verbose)


def _exercise_loop(args):
    from course import check

    return getattr(check, args.verb)(args.number)


def _progress(args):
    from course import check

    return check.progress(args.numbers)


def _next(args):
    from course import check

    return check.next_exercise()


def _demo(args):
    from course import demo

    off = ("0", "no", "false")
    pause = not args.no_pause and os.environ.get("PAUSE", "1") not in off
    return demo.run(args.number, host=args.host, port=args.port, pause=pause)


def _mongodb(args):
    from course import mongodb

    return mongodb.run_foreground(port=args.port)


def _bench(args):
    if args.number is None:
        from course.dev import timing

        return timing.feedback_loop(args.runs, args.only)
    from course import bench

    return bench.run(
        args.number, args.requests, args.host, args.port, script_args=args.extra
    )


def _suite(args):
    from course.dev import suite

    if args.verb == "test":
        return suite.run_tests(args.extra)
    if args.verb == "test-pythons":
        return suite.run_on_every_python(args.extra)
    return suite.lint()


def _clean(args):
    from course import clean

    return clean.clean()
