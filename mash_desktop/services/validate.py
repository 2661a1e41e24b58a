"""Small field parsers shared by every service.

Each takes a raw value from a form, the CLI or an import file, and either returns a
clean Python value or records a message for that field in ``errors``. Collecting all
messages at once lets a form mark every bad field in one pass.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time
from typing import Any

Errors = dict[str, str]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Invisible characters that make one name look like another: bidirectional overrides and
# isolates (U+202A-U+202E, U+2066-U+2069) and zero-width characters (U+200B-U+200D, U+FEFF).
INVISIBLE = re.compile("[\u200b-\u200d\u202a-\u202e\u2066-\u2069\ufeff]")
INVISIBLE_MESSAGE = "contains invisible direction or zero-width characters"


def text(raw: Any, field: str, errors: Errors, *, required: bool = False,
         max_len: int = 200, multiline: bool = False) -> str:
    """Trimmed text without control characters (tabs and newlines allowed when multiline)."""
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        errors[field] = "must be text"
        return ""
    value = unicodedata.normalize("NFC", raw).strip()
    if _CONTROL.search(value) or (not multiline and ("\n" in value or "\r" in value)):
        errors[field] = "contains control characters"
        return ""
    if required and not value:
        errors[field] = "is required"
    elif len(value) > max_len:
        errors[field] = f"is too long ({len(value)} characters; at most {max_len})"
    return value


def name(raw: Any, field: str, errors: Errors, *, required: bool = False,
         max_len: int = 200) -> str:
    """A person's name: one line of text without invisible characters (accounts, patients
    and physicians alike, so no name can pass for another on a screen or a printout)."""
    value = text(raw, field, errors, required=required, max_len=max_len)
    if field not in errors and INVISIBLE.search(value):
        errors[field] = INVISIBLE_MESSAGE
    return value


def parse_date(raw: Any, field: str, errors: Errors, *, required: bool = True) -> date | None:
    """ISO date (YYYY-MM-DD) or a date object."""
    if raw is None or raw == "":
        if required:
            errors[field] = "is required"
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            pass
    errors[field] = "must be a date as YYYY-MM-DD"
    return None


def parse_time(raw: Any, field: str, errors: Errors) -> time | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, time):
        return raw
    if isinstance(raw, str):
        try:
            return time.fromisoformat(raw.strip())
        except ValueError:
            pass
    errors[field] = "must be a time as HH:MM"
    return None


def number(raw: Any, field: str, errors: Errors, *, lo: float, hi: float,
           required: bool = False, integer: bool = False, unit: str = "") -> Any:
    """A finite number within [lo, hi]; ints only when ``integer``."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            errors[field] = "is required"
        return None
    if isinstance(raw, bool):
        errors[field] = "must be a number"
        return None
    value: float | int
    if isinstance(raw, str):
        try:
            value = float(raw.strip().replace(",", "."))
        except ValueError:
            errors[field] = "must be a number"
            return None
    elif isinstance(raw, (int, float)):
        value = raw
    else:
        errors[field] = "must be a number"
        return None
    if not math.isfinite(value):
        errors[field] = "must be a finite number"
        return None
    if integer:
        if value != int(value):
            errors[field] = "must be a whole number"
            return None
        value = int(value)
    if not lo <= value <= hi:
        suffix = f" {unit}" if unit else ""
        errors[field] = f"must be between {_fmt(lo)} and {_fmt(hi)}{suffix}"
        return None
    return value


def choice(raw: Any, field: str, errors: Errors, options: dict[str, str] | list[str],
           *, required: bool = True) -> str:
    """One of the allowed option keys."""
    keys = list(options)
    if raw is None or raw == "":
        if required:
            errors[field] = "is required"
        return ""
    if not isinstance(raw, str) or raw not in keys:
        errors[field] = "must be one of " + ", ".join(keys)
        return ""
    return raw


def boolean(raw: Any, field: str, errors: Errors) -> bool | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.lower() in {"yes", "true", "1", "y"}:
        return True
    if isinstance(raw, str) and raw.lower() in {"no", "false", "0", "n"}:
        return False
    errors[field] = "must be yes or no"
    return None


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


MAX_ID = 2**63 - 1


def is_id(value: Any) -> bool:
    """A value that can be a database row id (SQLite integers are 64-bit)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID
