"""The ``mash-desktop`` command: the GUI by default, subcommands for scripted work."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys
from collections.abc import Sequence

from .. import __version__
from ..config import ENV_DB, default_db_path, resolve_db

log = logging.getLogger(__name__)


def command_modules() -> list[str]:
    """Every module in this package with a ``register(subparsers)``; chart commands first."""
    names = [m.name for m in pkgutil.iter_modules(__path__) if m.name != "common"]
    return sorted(names, key=lambda n: (n != "chart", n))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mash-desktop",
        description="MASH Desktop: patient charts, session notes, outcomes and reports for "
                    "the MASH hip-and-back program. Without a command, opens the app.",
        epilog=f"Database: --db PATH, else ${ENV_DB}, else {default_db_path()}",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH", help="database file (or SQLAlchemy URL)")
    parser.add_argument("--user", metavar="NAME",
                        help="act as this user (needed for commands that change data once "
                             "user accounts exist; password from MASH_DESKTOP_PASSWORD or a "
                             "prompt)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="open the app (the default)", description="Open the app.")
    gui.add_argument("--exit-after-show", action="store_true",
                     help="quit as soon as the main window is on screen and print how long "
                          "start-up took (for smoke tests and benchmarks)")
    gui.set_defaults(func=None)
    for name in command_modules():
        importlib.import_module(f"{__name__}.{name}").register(sub)
    _accept_global_options(sub)
    return parser


def _accept_global_options(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Let ``--db`` and ``--user`` follow the command too (``mash-desktop episodes --db X``).

    Added to every subcommand (and theirs, such as ``users list``) with
    ``default=SUPPRESS``, so a value given after the command wins and none given leaves
    the one before the command untouched.
    """
    for command in set(sub.choices.values()):
        options = {o for action in command._actions for o in action.option_strings}
        if "--db" not in options:
            command.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                                 help="database file (or SQLAlchemy URL)")
        if "--user" not in options:
            command.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS,
                                 help="act as this user")
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                _accept_global_options(action)


def gui_arguments(argv: Sequence[str]) -> tuple[str | None, bool] | None:
    """(db, exit_after_show) when the command line only opens the app, else None.

    Opening the app is by far the most common start, so it skips building the full
    parser, which imports every subcommand module (and what they import).
    """
    db: str | None = None
    command = None
    exit_after_show = False
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--db" and args and command is None:
            db = args.pop(0)
        elif arg.startswith("--db=") and command is None:
            db = arg[len("--db="):]
        elif arg == "gui" and command is None:
            command = arg
        elif arg == "--exit-after-show" and command == "gui":
            exit_after_show = True
        else:
            return None
    return db, exit_after_show


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the one place where any unexpected error becomes one line.

    Known problems (bad input, a refused file, a busy database) are reported by the
    commands themselves; anything else is logged with its traceback and shown as one
    sentence naming the log file, with exit status 70. A closed pipe
    (``mash-desktop patients | head -1``) ends the command quietly.
    """
    from ..files import private_umask
    from ..logs import setup_logging

    private_umask()  # every file and folder this run creates is private (0600/0700)
    log_path = setup_logging()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _main(argv)
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except KeyboardInterrupt:
        print("mash-desktop: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the top-level handler: log it, say it once
        from ..logs import describe_exception

        log.error("unexpected error in mash-desktop %s\n%s", _command_name(argv),
                  describe_exception(exc))
        where = f"; details are in {log_path}" if log_path else ""
        print(f"mash-desktop: unexpected error ({type(exc).__name__}){where}",
              file=sys.stderr)
        return 70


def _silence_stdout() -> None:
    """After the reader of our output went away, stop Python flushing into the dead pipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _command_name(argv: Sequence[str]) -> str:
    """The subcommand's name only: arguments may hold patient data and stay out of the log."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--db", "--user"):
            skip = True
        elif not arg.startswith("-"):
            return arg if arg.isidentifier() or arg.replace("-", "").isalnum() else "?"
    return "(app)"


def _bad_text(argv: Sequence[str]) -> str | None:
    """A sentence if an argument or a password variable is not valid text (broken UTF-8)."""
    import os

    for i, arg in enumerate(argv, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return f"argument {i} is not valid UTF-8 text"
    for name in ("MASH_DESKTOP_PASSWORD", "MASH_DESKTOP_NEW_PASSWORD", "MASH_DESKTOP_DB_KEY",
                 ENV_DB):
        try:
            os.environ.get(name, "").encode("utf-8")
        except UnicodeEncodeError:
            return f"{name} is not valid UTF-8 text"
    return None


def _database_argument(args: argparse.Namespace) -> str | None:
    """``--db``, else the command's own default database when $MASH_DESKTOP_DB is unset.

    ``demo`` defaults to the separate demo database, so it never turns the clinic's own
    mash.db into a demo clinic.
    """
    import os

    default = getattr(args, "default_database", None)
    if args.db or os.environ.get(ENV_DB) or default is None:
        return args.db
    return str(default())


def _main(argv: list[str]) -> int:
    bad = _bad_text(argv)
    if bad:
        print(f"mash-desktop: {bad}; nothing was done", file=sys.stderr)
        return 2
    gui = gui_arguments(argv)
    if gui is not None:
        from ..gui.app import run_gui  # Qt is imported only when the GUI is wanted

        return run_gui(resolve_db(gui[0]), exit_after_show=gui[1],
                       explicit=bool(gui[0] or os.environ.get(ENV_DB)))
    from sqlalchemy.exc import OperationalError

    from ..files import FileError
    from ..services import NotFoundError, PermissionDenied, ValidationError
    from .common import CliError, damaged_message, resolve_actor

    parser = build_parser()
    args = parser.parse_args(argv)
    args.db_url = resolve_db(_database_argument(args))
    func = getattr(args, "func", None)
    try:
        if func is None:
            from ..gui.app import run_gui  # Qt is imported only when the GUI is wanted

            actor = resolve_actor(args) if args.user else None
            return run_gui(args.db_url, exit_after_show=getattr(args, "exit_after_show", False),
                           user=actor, explicit=bool(args.db or os.environ.get(ENV_DB)))
        # Commands that touch no database (install-desktop) neither open nor create one.
        args.actor = None if getattr(func, "no_database", False) else resolve_actor(args)
        return int(func(args) or 0)
    except CliError as exc:
        print(f"mash-desktop: {exc}", file=sys.stderr)
        return exc.code
    except FileError as exc:
        print(f"mash-desktop: {exc.message}", file=sys.stderr)
        return 1
    except ValidationError as exc:
        print(f"mash-desktop: invalid input: {exc.message}", file=sys.stderr)
        return 1
    except (NotFoundError, PermissionDenied) as exc:
        print(f"mash-desktop: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        message = damaged_message(exc, args.db_url)
        if message is None and isinstance(exc, OperationalError):
            # the clinic server went away mid-command
            from .common import server_problem

            log.error("lost the database connection in %s: %s", _command_name(argv),
                      type(exc).__name__)
            print(f"mash-desktop: lost the database connection, nothing more was saved: "
                  f"{server_problem(exc)}", file=sys.stderr)
            return 5
        if message is None:
            raise
        log.error("database error in %s: %s", _command_name(argv), type(exc).__name__)
        print(f"mash-desktop: {message}", file=sys.stderr)
        return 1
    finally:
        db = getattr(args, "_db", None)
        if db is not None:
            db.dispose()


def gui_main() -> int:
    """The ``mash-desktop-gui`` command: the same as ``mash-desktop``, for desktop launchers.

    On Windows it is installed as a windowed program, so no console window opens; there
    Python gives it no stdout/stderr, and anything printed must not crash the app.
    """
    import os

    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    return main()


if __name__ == "__main__":
    sys.exit(main())
