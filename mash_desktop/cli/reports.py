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
    p.add_argument("--addendum-to", type=int, metavar="DOC_ID",
                   help="with --sign and --text: sign a dated addendum to the signed document "
                        "DOC_ID (of this kind and episode) instead of a new report; the "
                        "original stays exactly as signed")
    p.add_argument("--text", default="", metavar="TEXT",
                   help="the addendum's text: what it corrects or adds, and why")
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
    if args.addendum_to is not None and not args.sign:
        raise CliError("--addendum-to signs an addendum: add --sign")
    if args.text and args.addendum_to is None:
        raise CliError("--text is an addendum's text: give --addendum-to DOC_ID")
    if args.addendum_to is not None and (args.assessment or args.plan):
        raise CliError("an addendum has its own --text; --assessment and --plan belong to a "
                       "new progress report")
    try:
        with db.session() as s:
            if args.addendum_to is not None:
                from ..services.documents import sign_addendum

                _matches(s, args.addendum_to, args.kind, args.episode)
                doc = sign_addendum(s, args.addendum_to, args.text, actor)
                pdf, note = doc.pdf, (f"signed and stored as document {doc.id}, addendum "
                                      f"{doc.version} to document {args.addendum_to} "
                                      f"(sha256 {doc.sha256})")
            elif args.sign:
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
    what = "addendum" if args.addendum_to is not None else \
        DOCUMENT_KINDS[args.kind].title.lower()
    out(f"wrote {what} to {target} ({note})")
    return 0


def _matches(session: Any, document_id: int, kind: str, episode_id: int) -> None:
    """The addendum's document is the one the command names (kind and episode), so a typo
    in DOC_ID cannot amend another patient's record."""
    from ..services.documents import get_info

    info = get_info(session, document_id)
    if (info.kind, info.episode_id) != (kind, episode_id):
        title = info.title.lower()
        raise CliError(f"no report written: document {document_id} is "
                       f"{'an' if title[:1] in 'aeiou' else 'a'} {title} of episode "
                       f"{info.episode_id}, not {'an' if kind[:1] in 'aeiou' else 'a'} "
                       f"{kind} of episode {episode_id}")
