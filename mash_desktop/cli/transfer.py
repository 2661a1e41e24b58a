"""Subcommands to move a whole clinic between databases: export and import (JSON)."""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy.exc import IntegrityError

from ..services import ValidationError
from ..services.transfer import export_file, import_file
from .common import CliError, changes_data, check_out, creates_database, open_db, out


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write every record to a JSON file",
                       description="Export patients, episodes, sessions (with manual-therapy "
                                   "and exercise doses), assessments, catalog, settings and "
                                   "the audit trail to one JSON file.")
    p.add_argument("--out", required=True, metavar="FILE.json")
    p.add_argument("--force", action="store_true", help="replace FILE.json if it exists")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("import", help="read an export into an empty database",
                       description="Import an export file into an empty database. A bad or "
                                   "damaged file is refused and nothing is changed.")
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(func=cmd_import)


def cmd_export(args: Any) -> int:
    check_out(args, args.out, args.force)  # before opening anything: a refusal changes nothing
    db = open_db(args)
    with db.session() as s:
        n = export_file(s, args.out, getattr(args, "actor", None), force=args.force)
    out(f"exported {n} patient(s) to {args.out}")
    return 0


@creates_database
@changes_data
def cmd_import(args: Any) -> int:
    db = open_db(args)
    try:
        with db.session() as s:
            n = import_file(s, args.file, getattr(args, "actor", None))
    except ValidationError as exc:
        raise CliError(f"import refused, nothing changed: {exc.message}") from exc
    except IntegrityError as exc:
        raise CliError("import refused, nothing changed: the file's records are inconsistent "
                       f"({exc.orig})") from exc
    out(f"imported {n} patient(s) from {args.file}")
    return 0
