"""Subcommands: encrypt or decrypt the database file (SQLCipher, optional extra)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from ..config import sqlite_file
from ..db import encryption
from ..services import ValidationError
from ..services.access import require
from .common import CliError, changes_data, out


def register(sub: argparse._SubParsersAction) -> None:
    for name, text in (("encrypt", "encrypt the database file with a passphrase"),
                       ("decrypt", "turn an encrypted database back into a plain one")):
        p = sub.add_parser(name, help=text,
                           description=f"{text[0].upper()}{text[1:]} (SQLCipher; needs the "
                                       "optional extra mash-desktop[encryption]). Close the "
                                       "app first. The passphrase comes from "
                                       f"{encryption.ENV_KEY} or a prompt; the original file "
                                       "is kept aside.")
        p.set_defaults(func=cmd_encrypt if name == "encrypt" else cmd_decrypt)


def _passphrase() -> str:
    key = encryption.key_from_env()
    if key:
        return key
    if not sys.stdin.isatty():
        raise CliError(f"set {encryption.ENV_KEY} to the passphrase")
    first = getpass.getpass("Passphrase: ")
    if getpass.getpass("Repeat passphrase: ") != first:
        raise CliError("the passphrases differ")
    return first


def _path(args: Any):  # noqa: ANN202
    path = sqlite_file(args.db_url)
    if path is None or not path.exists():
        raise CliError("no database file to convert")
    if not encryption.available():
        raise CliError(encryption.INSTALL_HINT)
    return path


def _convert(args: Any, encrypt: bool) -> int:
    require(args.actor, "encrypt")
    path = _path(args)
    db = getattr(args, "_db", None)
    if db is not None:  # opened to sign in; closed so the conversion can hold the file alone
        db.dispose()
        args._db = None
    try:
        fn = encryption.encrypt_file if encrypt else encryption.decrypt_file
        aside = fn(path, _passphrase())
    except ValidationError as exc:
        raise CliError(exc.message) from exc
    if encrypt:
        out(f"encrypted {path}; the plain original is at {aside} — delete it securely once "
            "you have checked the encrypted file opens")
    else:
        out(f"decrypted {path}; the encrypted original is at {aside}")
    return 0


@changes_data
def cmd_encrypt(args: Any) -> int:
    return _convert(args, encrypt=True)


@changes_data
def cmd_decrypt(args: Any) -> int:
    return _convert(args, encrypt=False)
