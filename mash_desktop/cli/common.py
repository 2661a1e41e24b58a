"""Shared plumbing for subcommands: opening the database and reporting errors."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Any

from ..db import Database, NewerDatabaseError
from ..services.startup import open_clinic


class CliError(Exception):
    """A message for the user; the command exits with status 1 (or ``code``)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def open_db(args: Any) -> Database:
    """The command's database, opened (and migrated) once per command."""
    db = getattr(args, "_db", None)
    if db is not None:
        return db
    from sqlalchemy.exc import OperationalError

    try:
        db = open_clinic(args.db_url)
    except NewerDatabaseError as exc:
        raise CliError(str(exc), 3) from exc
    except OperationalError as exc:
        raise CliError(f"cannot open the database: {server_problem(exc)}", 5) from None
    args._db = db
    return db


def server_problem(exc: BaseException) -> str:
    """The first line of the driver's message (it never contains the password)."""
    orig = getattr(exc, "orig", None) or exc
    if type(orig).__name__ in ("DeadlockDetected", "SerializationFailure"):
        return ("another workstation was saving the same records at the same moment; "
                "nothing was saved, try again")
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


def changes_data(func: Any) -> Any:
    """Mark a command that writes records: it runs as a named user once users exist."""
    func.changes_data = True
    return func


def uses_no_database(func: Any) -> Any:
    """Mark a command that needs no database: it neither opens nor creates one."""
    func.no_database = True
    return func


def resolve_actor(args: Any) -> Any:
    """The --user the command acts as (password from MASH_DESKTOP_PASSWORD or a prompt).

    A database without user accounts (a new clinic, or scripted set-up) runs as the
    system; once accounts exist, data-changing commands need a user and password.
    """
    import getpass
    import os

    from ..services.users import LoginError, has_users, login

    db = open_db(args)
    with db.session() as s:
        users_exist = has_users(s)
    if not args.user:
        if users_exist and getattr(args.func, "changes_data", False):
            raise CliError("this command changes data: give --user NAME (password from "
                           "MASH_DESKTOP_PASSWORD or a prompt)")
        return None
    password = os.environ.get("MASH_DESKTOP_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise CliError("no password: set MASH_DESKTOP_PASSWORD or run interactively")
        password = getpass.getpass(f"Password for {args.user}: ")
    try:
        return login(db, args.user, password)
    except LoginError as exc:
        raise CliError(str(exc), 4) from exc


def dump_json(data: Any) -> str:
    def default(o: Any) -> Any:
        if isinstance(o, (date, datetime)):
            return o.isoformat()
        raise TypeError(f"not JSON serialisable: {type(o).__name__}")
    return json.dumps(data, indent=2, ensure_ascii=False, default=default)


def out(text: str) -> None:
    sys.stdout.write(text + "\n")
