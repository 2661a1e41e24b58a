"""Shared plumbing for subcommands: opening the database and reporting errors."""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import sqlite_file
from ..db import Database, NewerDatabaseError
from ..errors import ValidationError
from ..services.startup import open_clinic

if TYPE_CHECKING:
    from ..services.users import SignedInUser


class CliError(Exception):
    """A message for the user; the command exits with status 1 (or ``code``)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def creates_database(func: Any) -> Any:
    """Mark a command that may create a new database file (every other one only reads)."""
    func.creates_database = True
    return func


def database_missing(args: Any) -> Path | None:
    """The database file when it does not exist yet (None if it does, or is not a file)."""
    path = sqlite_file(args.db_url)
    return path if path is not None and not path.exists() else None


def open_db(args: Any, create: bool | None = None) -> Database:
    """The command's database, opened (and migrated) once per command.

    A command that only reads never creates a database: on a missing file it says so
    and exits 1, leaving no file or folder behind.
    """
    db = getattr(args, "_db", None)
    if db is not None:
        return db
    from sqlalchemy.exc import OperationalError

    if create is None:
        create = getattr(getattr(args, "func", None), "creates_database", False)
    missing = database_missing(args)
    if missing is not None and not create:
        raise CliError(f"no database at {missing} (nothing was created); check --db, or "
                       "start the app once to create it")
    existing = sqlite_file(args.db_url) if missing is None else None
    if existing is not None:  # never write a schema into an empty or foreign file
        from ..db.probe import foreign_file

        refusal = foreign_file(existing, empty_ok=create)
        if refusal is not None:
            raise CliError(refusal)
    try:
        db = open_clinic(args.db_url)
    except NewerDatabaseError as exc:
        raise CliError(str(exc), 3) from exc
    except ValidationError as exc:  # encrypted, damaged, a folder, a busy file …
        raise CliError(exc.message) from exc
    except Exception as exc:
        if missing is not None:  # a half-made new database is removed, whatever went wrong
            discard_new_database(None, missing)
            full = write_failure(exc)
            if full:
                raise CliError(f"could not create the database {missing}: {full}; nothing "
                               "was created") from exc
        message = damaged_message(exc, args.db_url)
        if message is None and isinstance(exc, OperationalError):  # a clinic server
            raise CliError(f"cannot open the database: {server_problem(exc)}", 5) from None
        if message is None:
            raise
        raise CliError(message) from exc
    args._db = db
    return db


def write_failure(exc: BaseException) -> str | None:
    """Words for SQLite failing to write (a full disk, a file-size limit), else None."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "full" in text:
        return "the disk is full"
    if "disk i/o error" in text:
        return ("the disk refused the data (disk I/O error: full, a limit on file size, or "
                "a failing disk)")
    return None


def discard_new_database(db: Database | None, path: Path) -> None:
    """Remove a database file (and its journal, WAL and lock files) that this command
    created and that holds nothing worth keeping: a refused import, a failed creation.

    Taken exclusively first: if anything else opened the new file meanwhile, it is left
    alone (it holds at most the empty schema, and is safe to delete later).
    """
    import logging

    from ..db import lock

    if db is not None:
        db.dispose()
    try:
        with lock.exclusive(path, "remove the new empty database"):
            for suffix in ("-wal", "-shm", "-journal", ""):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            lock.lock_path(path).unlink(missing_ok=True)
    except (lock.DatabaseBusy, OSError) as exc:
        logging.getLogger(__name__).warning(
            "could not remove a new database this command created: %s", type(exc).__name__)


def server_problem(exc: BaseException) -> str:
    """The first line of the driver's message (it never contains the password)."""
    orig = getattr(exc, "orig", None) or exc
    if type(orig).__name__ in ("DeadlockDetected", "SerializationFailure"):
        return ("another workstation was saving the same records at the same moment; "
                "nothing was saved, try again")
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


def check_out(args: Any, path: str | None, force: bool = False) -> Path:
    """Refuse an ``--out`` target before any work: never the database, never a folder,
    never an existing file without ``--force`` (see mash_desktop.files)."""
    from ..files import check_target

    db_file = sqlite_file(args.db_url)
    return check_target(path or "", force=force, protect=[db_file] if db_file else [])


def damaged_message(exc: BaseException, url: str) -> str | None:
    """A sentence for a database file SQLite cannot read (damaged pages, not a database)."""
    from sqlalchemy.exc import DatabaseError as SADatabaseError

    orig = getattr(exc, "orig", exc)
    if not isinstance(exc, (SADatabaseError, sqlite3.DatabaseError)):
        return None
    name = sqlite_file(url) or url
    text = str(orig).lower()
    if "not a database" in text or "file is encrypted" in text:
        return (f"{name} is not a MASH Desktop database (or it is damaged); restore it from "
                "a backup (mash-desktop restore FILE)")
    if "malformed" in text or "corrupt" in text or "disk i/o" in text:
        return (f"{name} is damaged ({orig}); copy it somewhere safe, then restore the "
                "newest backup (mash-desktop restore FILE)")
    return None


def changes_data(func: Any) -> Any:
    """Mark a command that writes records (kept for readers; every command signs in)."""
    func.changes_data = True
    return func


def uses_no_database(func: Any) -> Any:
    """Mark a command that needs no database: it neither opens nor creates one."""
    func.no_database = True
    return func


def resolve_actor(args: Any) -> SignedInUser | None:
    """The --user the command acts as (password from MASH_DESKTOP_PASSWORD or a prompt).

    A database without user accounts (a new clinic, the demo) runs as the local single
    user, and the audit trail says so; once any account exists, **every** command needs
    a user and password, reads included. The signed-in user is bound to the database so
    every service the command calls checks that user's role and audits that name.
    """
    import getpass
    import os

    from ..services.users import LoginError, has_users, login

    if database_missing(args) is not None:
        if args.user:
            raise CliError(f"no database at {database_missing(args)}: there are no users "
                           "to sign in as")
        return None  # a new database has no accounts yet; the command decides if it may
    db = open_db(args)
    with db.session() as s:
        users_exist = has_users(s)
    if not args.user:
        if users_exist:
            raise CliError("this clinic has user accounts: sign in with --user NAME "
                           "(password from MASH_DESKTOP_PASSWORD or a prompt)")
        return None
    password = os.environ.get("MASH_DESKTOP_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise CliError("no password: set MASH_DESKTOP_PASSWORD or run interactively")
        password = getpass.getpass(f"Password for {args.user}: ")
    try:
        user = login(db, args.user, password)
    except LoginError as exc:
        raise CliError(str(exc), 4) from exc
    db.actor = user
    return user


def dump_json(data: Any) -> str:
    def default(o: Any) -> Any:
        if isinstance(o, (date, datetime)):
            return o.isoformat()
        raise TypeError(f"not JSON serialisable: {type(o).__name__}")
    return json.dumps(data, indent=2, ensure_ascii=False, default=default)


def out(text: str) -> None:
    sys.stdout.write(text + "\n")
