"""Subcommands to move a whole clinic between databases: export and import (JSON)."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from sqlalchemy.exc import IntegrityError

from ..services import NotFoundError, ValidationError
from ..services.transfer import export_file, import_file
from .common import CliError, changes_data, check_out, creates_database, open_db, out

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export records: JSON (all), FHIR R4B bundle or CSV",
                       description="--format json (the default): every record (patients, "
                                   "episodes, sessions with doses, assessments, catalog, "
                                   "settings, audit trail) in one JSON file that `import` "
                                   "reads back. --format fhir: a FHIR R4B Bundle for an EHR "
                                   "(the whole clinic, one patient or one episode). "
                                   "--format csv: tidy tables with a data dictionary in a "
                                   "folder, optionally de-identified.")
    p.add_argument("--format", default="json", metavar="json|fhir|csv",
                   help="json (default), fhir or csv")
    p.add_argument("--out", required=True, metavar="FILE|DIR",
                   help="the file to write (json, fhir) or the folder (csv; created if "
                        "missing, its parent must exist)")
    p.add_argument("--force", action="store_true",
                   help="replace FILE (or the files in DIR) if it exists; never the database")
    p.add_argument("--patient", metavar="MRN", help="fhir: only this patient")
    p.add_argument("--episode", type=int, metavar="ID", help="fhir: only this episode")
    p.add_argument("--deidentify", action="store_true",
                   help="csv: leave out names, MRNs, contacts and free text; dates as days "
                        "since the episode start; random study ids")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("import", help="read an export into an empty database",
                       description="Import an export file into an empty database. A bad or "
                                   "damaged file is refused and nothing is changed.")
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(func=cmd_import)


FORMATS = ("json", "fhir", "csv")


def cmd_export(args: Any) -> int:
    fmt = str(args.format).lower()
    if fmt not in FORMATS:
        raise CliError(f"unknown export format {args.format!r}; choose json, fhir or csv")
    if (args.patient is not None or args.episode is not None) and fmt != "fhir":
        raise CliError("--patient and --episode select what a FHIR bundle holds; use them "
                       "with --format fhir")
    if args.deidentify and fmt != "csv":
        raise CliError("--deidentify applies to --format csv")
    if fmt != "csv":  # before opening anything: a refusal changes nothing
        check_out(args, args.out, args.force)
    else:
        from ..interop.output import check_folder_target

        check_folder_target(args.out, args.force)
    db = open_db(args)
    actor = getattr(args, "actor", None)
    try:
        with db.session() as s:
            if fmt == "fhir":
                from ..interop.fhir import export_bundle

                counts = export_bundle(s, args.out, args.patient, args.episode, actor,
                                       force=args.force)
                summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
                out(f"wrote a FHIR R4B bundle ({summary}) to {args.out}")
            elif fmt == "csv":
                from ..interop.tables import export_csv

                rows = export_csv(s, args.out, args.deidentify, actor, args.force)
                summary = ", ".join(f"{t} {n}" for t, n in rows.items())
                kind = "de-identified " if args.deidentify else ""
                out(f"wrote {kind}CSV tables to {args.out} (rows: {summary})")
            else:
                n = export_file(s, args.out, actor, force=args.force)
                out(f"exported {n} patient(s) to {args.out}")
    except (ValidationError, NotFoundError) as exc:
        message = exc.message if isinstance(exc, ValidationError) else str(exc)
        raise CliError(f"nothing exported: {message}") from exc
    return 0


@creates_database
@changes_data
def cmd_import(args: Any) -> int:
    db = open_db(args)
    try:
        with db.session() as s:
            n = import_file(s, args.file, getattr(args, "actor", None))
    except ValidationError as exc:
        log.warning("import refused (%s)", ", ".join(sorted(exc.errors))[:200])
        raise CliError(f"import refused, nothing changed: {exc.message}") from exc
    except IntegrityError as exc:
        raise CliError("import refused, nothing changed: the file's records are inconsistent "
                       f"({exc.orig})") from exc
    except OverflowError as exc:  # an integer beyond SQLite's 64 bits, e.g. 10**30 minutes
        raise CliError("import refused, nothing changed: a number in the file is too large "
                       "to store") from exc
    log.info("imported %d patient(s)", n)
    out(f"imported {n} patient(s) from {args.file}")
    return 0
