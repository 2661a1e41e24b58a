"""Shared plumbing for subcommands: opening the database and reporting errors."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import Any

from ..db import Database, NewerDatabaseError, open_database


class CliError(Exception):
    """A message for the user; the command exits with status 1 (or ``code``)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def open_db(args: Any) -> Database:
    try:
        return open_database(args.db_url)
    except NewerDatabaseError as exc:
        raise CliError(str(exc), 3) from exc


def dump_json(data: Any) -> str:
    def default(o: Any) -> Any:
        if isinstance(o, (date, datetime)):
            return o.isoformat()
        raise TypeError(f"not JSON serialisable: {type(o).__name__}")
    return json.dumps(data, indent=2, ensure_ascii=False, default=default)


def out(text: str) -> None:
    sys.stdout.write(text + "\n")
