"""Subcommands: backup and restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..config import is_server_url, sqlite_file
from ..services import ValidationError
from ..services.access import require
from ..services.backup import inspect_backup, make_backup, restore_backup
from .common import CliError, changes_data, check_out, creates_database, out


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="copy the database to a backup file",
                       description="Back up the database with SQLite's online backup API, "
                                   "or a clinic server with pg_dump (custom format); safe "
                                   "while the app is open.")
    p.add_argument("--out", metavar="FILE", help="backup file (default: a timestamped file in "
                                                 "the backups folder)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="replace the database with a backup",
                       description="Restore a backup. Shows what it holds and asks first; the "
                                   "current database is kept aside, never overwritten. Close "
                                   "the app first: a restore refuses while the database is "
                                   "open anywhere else.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_restore)


def _db_file(args: Any) -> Path:
    path = sqlite_file(args.db_url)
    if path is None:
        raise CliError("backup and restore work on SQLite database files")
    return path


def cmd_backup(args: Any) -> int:
    require(args.actor, "backup")
    if is_server_url(args.db_url):
        from ..services.server_backup import make_server_backup

        if args.out:
            check_out(args, args.out, args.force)
        try:
            dest = make_server_backup(args.db_url, Path(args.out) if args.out else None,
                                      force=args.force)
        except ValidationError as exc:
            raise CliError(exc.message) from exc
        out(f"backed up the clinic server to {dest}")
        return 0
    path = _db_file(args)
    if not path.exists():
        raise CliError(f"no database at {path} (nothing was created)")
    if args.out:
        check_out(args, args.out, args.force)
    dest = make_backup(path, Path(args.out) if args.out else None, force=args.force,
                       key=_key(args))
    out(f"backed up {path} to {dest}")
    return 0


def _key(args: Any) -> str | None:
    db = getattr(args, "_db", None)
    from ..db.encryption import key_from_env

    return (db.key if db is not None else None) or key_from_env()


@creates_database
@changes_data
def cmd_restore(args: Any) -> int:
    require(args.actor, "restore")  # before showing the backup; restore_backup checks again
    if is_server_url(args.db_url):
        return _restore_server(args)
    path = _db_file(args)
    try:
        info = inspect_backup(Path(args.file))
    except ValidationError as exc:
        raise CliError(f"not restored: {exc.message}") from exc
    out(f"{args.file}: {info.summary()}")
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError("not restored: add --yes to confirm when not running interactively")
        if input(f"Replace {path} with this backup? [y/N] ").strip().lower() not in ("y", "yes"):
            out("not restored")
            return 1
    key = _key(args)
    db = getattr(args, "_db", None)
    if db is not None:  # our own connection must be closed too before the file is replaced
        db.dispose()
        args._db = None
    try:
        aside = restore_backup(Path(args.file), path, args.actor, key=key)
    except ValidationError as exc:
        raise CliError(f"not restored: {exc.message}") from exc
    out(f"restored; the previous database was kept as {aside}" if path.exists() and
        aside.exists() else f"restored {path}")
    return 0


def _restore_server(args: Any) -> int:
    """The same preview and confirmation as for a file, with pg_restore doing the work."""
    from ..db.engine import Database
    from ..services.server_backup import inspect_server_backup, restore_server_backup

    try:
        info = inspect_server_backup(Path(args.file))
    except ValidationError as exc:
        raise CliError(f"not restored: {exc.message}") from exc
    out(f"{args.file}: {info.summary()}")
    where = Database(args.db_url).describe()
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError("not restored: add --yes to confirm when not running interactively")
        if input(f"Replace the clinic server's data ({where}) with this backup? [y/N] ")\
                .strip().lower() not in ("y", "yes"):
            out("not restored")
            return 1
    db = getattr(args, "_db", None)
    if db is not None:
        db.dispose()
    try:
        aside = restore_server_backup(Path(args.file), args.db_url, args.actor)
    except ValidationError as exc:
        raise CliError(f"not restored, nothing changed: {exc.message}") from exc
    out(f"restored; the server's previous data was kept as {aside}")
    return 0
