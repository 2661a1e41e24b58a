"""Local user accounts: argon2 password hashes, rate-limited login, all recorded in the audit.

Failed logins lock the account for a growing time (5 failures: 1 minute, doubling up to
an hour); every success and failure is written to the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import User, utcnow
from . import audit
from . import validate as v
from .access import ROLES, require
from .errors import LoginError as LoginError  # re-exported: callers catch it from here
from .errors import NotFoundError, ValidationError

CREDENTIALS = ["PT", "DPT", "PT, DPT", "PTA", "MD", "Admin", "Other"]
MIN_PASSWORD = 8
FREE_ATTEMPTS = 5
BASE_LOCK = timedelta(minutes=1)
MAX_LOCK = timedelta(hours=1)
_hasher = PasswordHasher()


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count(User.id))))


def clean_user(data: dict[str, Any], *, new: bool) -> dict[str, Any]:
    e: v.Errors = {}
    out: dict[str, Any] = {
        "username": v.text(data.get("username"), "username", e, required=True, max_len=60),
        "full_name": v.text(data.get("full_name"), "full_name", e, required=True, max_len=200),
        "credentials": v.text(data.get("credentials") or "PT", "credentials", e, max_len=40),
        "role": v.choice(data.get("role") or "clinician", "role", e, ROLES),
    }
    if out["username"] and not out["username"].replace(".", "").replace("_", "").replace(
            "-", "").isalnum():
        e["username"] = "may hold only letters, digits and . _ -"
    password = data.get("password")
    if new or password:
        if not isinstance(password, str) or len(password) < MIN_PASSWORD:
            e["password"] = f"must be at least {MIN_PASSWORD} characters"
        elif len(password) > 1000:
            e["password"] = "is too long"
        out["password"] = password
    if e:
        raise ValidationError(e)
    return out


def create_user(session: Session, data: dict[str, Any], actor: User | None = None) -> User:
    """Create an account. The very first account is the admin and needs no actor."""
    first = not has_users(session)
    if not first:
        require(actor, "manage_users")
    clean = clean_user(data, new=True)
    if first:
        clean["role"] = "admin"
    if session.scalar(select(User.id).where(func.lower(User.username) ==
                                            clean["username"].lower())):
        raise ValidationError({"username": "is already taken"})
    user = User(username=clean["username"], full_name=clean["full_name"],
                credentials=clean["credentials"], role=clean["role"],
                password_hash=_hasher.hash(clean["password"]))
    session.add(user)
    session.flush()
    audit.record(session, actor or user, "create", "user", user.id,
                 changes={k: [None, clean[k]] for k in ("username", "full_name", "role",
                                                        "credentials")})
    return user


def update_user(session: Session, user_id: int, data: dict[str, Any],
                actor: User | None = None) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError(f"No user with id {user_id}")
    if actor is None or actor.id != user.id or "role" in data:
        require(actor, "manage_users")
    before = audit.snapshot(user, ["full_name", "credentials", "role", "active"])
    clean = clean_user({**before, "username": user.username, **data}, new=False)
    user.full_name, user.credentials, user.role = (clean["full_name"], clean["credentials"],
                                                   clean["role"])
    if "active" in data:
        user.active = bool(data["active"])
    if clean.get("password"):
        user.password_hash = _hasher.hash(clean["password"])
        user.failed_attempts, user.locked_until = 0, None
    after = audit.snapshot(user, ["full_name", "credentials", "role", "active"])
    changes = audit.diff(before, after)
    if clean.get("password"):
        changes["password"] = ["(hidden)", "(changed)"]
    audit.record(session, actor, "update", "user", user.id, changes=changes)
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def authenticate(session: Session, username: str, password: str) -> User:
    """Check a password; raises LoginError. Callers commit, so failures are kept."""
    user = session.scalar(select(User).where(func.lower(User.username) ==
                                             (username or "").strip().lower()))
    now = utcnow()
    if user is None or not user.active:
        audit.record(session, None, "login_failed", "user", user.id if user else None,
                     changes={"username": [None, (username or "")[:60]]})
        raise LoginError("Unknown user or wrong password.")
    if user.locked_until and user.locked_until > now:
        wait = int((user.locked_until - now).total_seconds()) + 1
        audit.record(session, user, "login_locked", "user", user.id)
        raise LoginError(f"Too many failed attempts; try again in {wait} seconds.")
    try:
        _hasher.verify(user.password_hash, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        user.failed_attempts += 1
        if user.failed_attempts >= FREE_ATTEMPTS:
            lock = min(MAX_LOCK, BASE_LOCK * 2 ** (user.failed_attempts - FREE_ATTEMPTS))
            user.locked_until = now + lock
        audit.record(session, user, "login_failed", "user", user.id,
                     changes={"failed_attempts": [None, user.failed_attempts]})
        raise LoginError("Unknown user or wrong password.") from None
    user.failed_attempts, user.locked_until = 0, None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    audit.record(session, user, "login", "user", user.id)
    return user


def login(db: Any, username: str, password: str) -> User:
    """Authenticate in its own transaction so failed attempts are kept, not rolled back."""
    error: LoginError | None = None
    with db.session() as s:
        try:
            return authenticate(s, username, password)
        except LoginError as exc:
            error = exc
    raise error


@dataclass(frozen=True)
class UserRow:
    """An account as the users dialog lists it (never the password hash)."""

    id: int
    username: str
    full_name: str
    credentials: str
    role: str
    active: bool


def user_rows(session: Session) -> list[UserRow]:
    return [UserRow(u.id, u.username, u.full_name, u.credentials, u.role, u.active)
            for u in list_users(session)]
