"""Subcommands: PDF reports for an episode (drafts, or signed and stored with --sign)."""

from __future__ import annotations

import argparse
from typing import Any

from ..config import sqlite_file
from ..files import FileError, write_atomic
from ..reports import DOCUMENT_KINDS, generate
from ..services import NotFoundError, PermissionDenied, ValidationError
from .common import CliError, check_out, open_db, out


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report", help="write a PDF report for an episode (a draft, or signed with --sign)",
        description="Write a report as PDF. Without --sign it is a draft: every page says "
                    "'DRAFT — not signed'. With --sign the --user signs it, it is stored, "
                    "and the file written is the stored document (same SHA-256 as "
                    "`mash-desktop documents` lists). Find episode IDs with "
                    "`mash-desktop episodes --json`.")
    p.add_argument("kind", choices=list(DOCUMENT_KINDS))
    p.add_argument("--episode", type=int, required=True, metavar="ID")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--sign", action="store_true",
                   help="sign as --user and store the document (refused when that user "
                        "may not sign it)")
    p.add_argument("--assessment", default="", metavar="TEXT",
                   help="progress report: the clinician's assessment (required to sign)")
    p.add_argument("--plan", default="", metavar="TEXT",
                   help="progress report: goal and plan changes")
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    p.set_defaults(func=cmd_report)


def cmd_report(args: Any) -> int:
    # before opening anything: a refusal changes nothing
    target = check_out(args, args.out, args.force)
    db_file = sqlite_file(args.db_url)
    protect = [db_file] if db_file else []
    db = open_db(args)
    actor = getattr(args, "actor", None)
    texts = {"assessment": args.assessment, "plan": args.plan}
    try:
        with db.session() as s:
            if args.sign:
                from ..services.documents import sign_document

                doc = sign_document(s, args.episode, args.kind, actor, texts=texts)
                pdf, note = doc.pdf, (f"signed and stored as document {doc.id} "
                                      f"(version {doc.version}, sha256 {doc.sha256})")
            else:
                if args.assessment or args.plan:
                    raise CliError("--assessment and --plan are written at signing; add "
                                   "--sign (drafts print what is recorded)")
                pdf, note = generate(args.kind, s, args.episode, actor), "draft, not signed"
            # inside the transaction: a file that cannot be written stores no signature
            write_atomic(target, pdf, force=args.force, protect=protect)
    except FileError:
        raise
    except (NotFoundError, ValidationError, PermissionDenied) as exc:
        message = exc.message if isinstance(exc, ValidationError) else str(exc)
        raise CliError(f"no report written: {message}") from exc
    except OSError as exc:
        raise CliError(f"could not write {target}: {exc.strerror or exc}") from exc
    out(f"wrote {DOCUMENT_KINDS[args.kind].title.lower()} to {target} ({note})")
    return 0
