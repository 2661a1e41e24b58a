"""Subcommands for user accounts (the first account created becomes the admin)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from ..services.access import ROLES, require
from ..services.users import create_user, list_users
from .common import CliError, changes_data, dump_json, open_db, out


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("users", help="list or add user accounts",
                       description="List user accounts, or add one (admins only, except the "
                                   "very first account, which becomes the admin).")
    p.add_argument("action", choices=["list", "add"])
    p.add_argument("--username")
    p.add_argument("--full-name")
    p.add_argument("--credentials", default=None,
                   help="PT, DPT, PTA… (default PT; the first account, the administrator, "
                        "has none unless given)")
    p.add_argument("--licence-number", default="", help="printed when this user signs")
    p.add_argument("--npi", default="", help="10-digit NPI, printed when this user signs")
    p.add_argument("--role", choices=list(ROLES), default="clinician")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_users)


@changes_data
def cmd_users(args: Any) -> int:
    db = open_db(args, create=args.action == "add")
    if args.action == "list":
        require(args.actor, "manage_users")  # the sign-in screen lists names, not roles
        with db.session() as s:
            rows = [{"username": u.username, "full_name": u.full_name,
                     "credentials": u.credentials, "role": u.role, "active": u.active}
                    for u in list_users(s)]
        if args.json:
            out(dump_json(rows))
        else:
            for r in rows:
                out(f"{r['username']:<16} {r['full_name']:<28} {r['credentials']:<8} "
                    f"{r['role']}{'' if r['active'] else ' (inactive)'}")
        return 0
    if not args.username or not args.full_name:
        raise CliError("users add needs --username and --full-name")
    password = os.environ.get("MASH_DESKTOP_NEW_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise CliError("set MASH_DESKTOP_NEW_PASSWORD for the new account's password")
        password = getpass.getpass(f"New password for {args.username}: ")
    with db.session() as s:
        user = create_user(s, {"username": args.username, "full_name": args.full_name,
                               "credentials": args.credentials, "role": args.role,
                               "licence_number": args.licence_number, "npi": args.npi,
                               "password": password}, args.actor)
        out(f"created user {user.username} ({user.role})")
    return 0
