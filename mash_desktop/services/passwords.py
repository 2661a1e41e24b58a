"""Password and account-name rules, and a sign-in that does not tell who exists.

* A password has at least 10 characters, is not one of the ~20 000 most common
  passwords (a shipped list with its source, ``resources/security``), and is not the
  user name.
* User names and display names refuse invisible characters that make one name look
  like another: bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069)
  and zero-width characters (U+200B–U+200D, U+FEFF).
* Checking a password for an unknown user costs the same argon2 verification as for a
  real one (against a dummy hash), so the answer time does not reveal user names.
"""

from __future__ import annotations

import gzip
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..config import resource_path
from .validate import INVISIBLE, INVISIBLE_MESSAGE

MIN_PASSWORD = 10
MAX_PASSWORD = 1000

hasher = PasswordHasher()


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    with gzip.open(resource_path("security", "common-passwords.txt.gz"), "rt",
                   encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip())


def password_problem(password: object, username: str = "") -> str | None:
    """Why this password may not be used, or None."""
    if not isinstance(password, str):
        return "must be text"
    if not is_text(password):
        return "is not valid text"
    if len(password) < MIN_PASSWORD:
        return f"must be at least {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return "is too long"
    lowered = password.strip().lower()
    if lowered in common_passwords():
        return "is one of the most common passwords; choose one that is harder to guess"
    if username and lowered == username.strip().lower():
        return "must not be the user name"
    return None


def name_problem(value: str) -> str | None:
    """Why a user name or display name is refused, or None."""
    if INVISIBLE.search(value):
        return INVISIBLE_MESSAGE
    return None


def is_text(value: str) -> bool:
    """False for strings holding broken UTF-8 (lone surrogates from undecodable bytes)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hasher.hash("no such account: this hash only takes the same time to check")


def verify(password_hash: str | None, password: str) -> bool:
    """Check ``password``; with no hash (unknown user) spend the same time and say no."""
    candidate = password if isinstance(password, str) and is_text(password) else ""
    try:
        return hasher.verify(password_hash or _dummy_hash(), candidate) and \
            password_hash is not None and candidate == password
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
