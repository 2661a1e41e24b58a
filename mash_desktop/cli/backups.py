"""Subcommands: backup and restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..config import sqlite_file
from ..services import ValidationError
from ..services.access import require
from ..services.backup import inspect_backup, make_backup, restore_backup
from .common import CliError, changes_data, out


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="copy the database to a backup file",
                       description="Back up the database with SQLite's online backup API "
                                   "(safe while the app is open).")
    p.add_argument("--out", metavar="FILE", help="backup file (default: a timestamped file in "
                                                 "the backups folder)")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="replace the database with a backup",
                       description="Restore a backup. Shows what it holds and asks first; the "
                                   "current database is kept aside, never overwritten.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_restore)


def _db_file(args: Any) -> Path:
    path = sqlite_file(args.db_url)
    if path is None:
        raise CliError("backup and restore work on SQLite database files")
    return path


def cmd_backup(args: Any) -> int:
    path = _db_file(args)
    if not path.exists():
        raise CliError(f"no database at {path}")
    try:
        dest = make_backup(path, Path(args.out) if args.out else None)
    except ValidationError as exc:
        raise CliError(exc.message) from exc
    out(f"backed up {path} to {dest}")
    return 0


@changes_data
def cmd_restore(args: Any) -> int:
    require(args.actor, "restore")  # before showing the backup; restore_backup checks again
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
    db = getattr(args, "_db", None)
    if db is not None:
        db.dispose()
    aside = restore_backup(Path(args.file), path, args.actor)
    out(f"restored; the previous database was kept as {aside}")
    return 0
