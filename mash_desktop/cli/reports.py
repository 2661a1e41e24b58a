"""Subcommand: print-ready PDF reports for an episode."""

from __future__ import annotations

import argparse
from typing import Any

from ..files import FileError
from ..reports import KINDS, write
from ..services import NotFoundError, ValidationError
from .common import CliError, check_out, open_db, out


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write a PDF report for an episode",
                       description="Write a discharge summary, progress report or home "
                                   "exercise program handout as PDF. Find episode IDs with "
                                   "`mash-desktop episodes --json`.")
    p.add_argument("kind", choices=list(KINDS))
    p.add_argument("--episode", type=int, required=True, metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    p.set_defaults(func=cmd_report)


def cmd_report(args: Any) -> int:
    check_out(args, args.out, args.force)  # before opening anything: a refusal changes nothing
    db = open_db(args)
    try:
        with db.session() as s:
            path = write(args.kind, s, args.episode, args.out, getattr(args, "actor", None),
                         force=args.force)
    except FileError:
        raise
    except (NotFoundError, ValidationError) as exc:
        message = exc.message if isinstance(exc, ValidationError) else str(exc)
        raise CliError(f"no report written: {message}") from exc
    out(f"wrote {KINDS[args.kind].lower()} to {path}")
    return 0
