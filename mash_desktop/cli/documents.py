"""Subcommand: list an episode's signed documents, or write one out byte-identical."""

from __future__ import annotations

import argparse
from typing import Any

from ..files import write_atomic
from ..services import NotFoundError, ValidationError
from .common import CliError, check_out, dump_json, open_db, out


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("documents", help="list an episode's signed documents, or get one",
                       description="List the signed, stored documents of an episode "
                                   "(--episode ID [--json]) or write one document's stored "
                                   "bytes to a file (--get DOC_ID --out FILE).")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--episode", type=int, metavar="ID")
    what.add_argument("--get", type=int, metavar="DOC_ID")
    p.add_argument("--json", action="store_true", help="machine-readable list")
    p.add_argument("--out", metavar="FILE.pdf", help="where --get writes the document")
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    p.set_defaults(func=cmd_documents)


def cmd_documents(args: Any) -> int:
    from ..services.documents import get_document, list_documents

    if args.get is not None and not args.out:
        raise CliError("--get needs --out FILE")
    # before opening anything: a refused target changes nothing
    target = check_out(args, args.out, args.force) if args.get is not None else None
    db = open_db(args)
    actor = getattr(args, "actor", None)
    try:
        with db.session() as s:
            if args.get is not None:
                info, data = get_document(s, args.get, actor)
            else:
                docs = list_documents(s, args.episode, actor)
    except (NotFoundError, ValidationError) as exc:
        message = exc.message if isinstance(exc, ValidationError) else str(exc)
        raise CliError(message) from exc
    if target is not None:
        try:
            write_atomic(target, data, force=args.force)
        except OSError as exc:
            raise CliError(f"could not write {args.out}: {exc.strerror or exc}") from exc
        out(f"wrote document {info.id} ({info.title}, signed by {info.signed_by}) to "
            f"{args.out}; sha256 {info.sha256}")
        return 0
    if args.json:
        out(dump_json([d.as_json() for d in docs]))
        return 0
    if not docs:
        out(f"episode {args.episode} has no signed documents")
    for d in docs:
        out(f"{d.id:>5}  {d.kind:<12} {d.label:<14} {d.signed_at:%Y-%m-%d %H:%M} UTC  "
            f"{d.signed_by}  sha256 {d.sha256}")
    return 0
