"""Local user accounts: argon2 password hashes, rate-limited login, all recorded in the audit.

After 5 failed sign-ins for a name, each further attempt must wait a growing delay
(2 s, doubling, at most 30 s) after the last failure. There is no hard lock: anyone can
make the administrator wait 30 seconds, nobody can lock them out for longer, so no
admin action is needed to unlock. Unknown names get the same answer, the same delay
(counted from the audit trail) and the same argon2 cost as real ones, so neither the
message nor the time tells whether an account exists. Every success and failure is
written to the audit trail and failures to the log (without the typed password).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypedDict, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import AuditEntry, User, utcnow
from . import audit, checks
from . import validate as v
from .access import ROLES, Acting, acting, authorize, require
from .errors import LoginError as LoginError  # re-exported: callers catch it from here
from .errors import NotFoundError, ValidationError
from .passwords import MIN_PASSWORD as MIN_PASSWORD
from .passwords import hasher, name_problem, password_problem, verify

CREDENTIALS = ["PT", "DPT", "PT, DPT", "PTA", "MD", "Admin", "Other"]
FREE_ATTEMPTS = 5
BASE_DELAY = timedelta(seconds=2)
MAX_DELAY = timedelta(seconds=30)
FAILURE_WINDOW = timedelta(minutes=15)  # how long failures of an unknown name count
SIGN_IN_FAILED = "Unknown user or wrong password."
SELF_SERVICE = frozenset({"username", "full_name", "password"})  # username never changes
log = logging.getLogger(__name__)


class UserForm(TypedDict, total=False):
    """An account's fields as the user dialog, the CLI or an edit hands them in (text as
    typed; checked by :func:`clean_user`). Left out: unchanged on an edit; ``credentials``
    left out means the usual PT, an empty text means none."""

    username: str
    full_name: str
    credentials: str | None
    role: str | None
    licence_number: str | None
    npi: str | None
    password: str | None
    active: bool


class _CleanUserFields(TypedDict):
    username: str
    full_name: str
    credentials: str
    role: str
    licence_number: str
    npi: str


class CleanUser(_CleanUserFields, total=False):
    """An account's fields after :func:`clean_user`; ``password`` only when one was given."""

    password: str


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count(User.id))))


def clean_user(data: UserForm, *, new: bool) -> CleanUser:
    e: v.Errors = {}
    out: CleanUser = {
        "username": v.text(data.get("username"), "username", e, required=True, max_len=60),
        "full_name": v.text(data.get("full_name"), "full_name", e, required=True, max_len=200),
        # Missing means the usual PT; an empty string means none (e.g. an office admin).
        "credentials": v.text("PT" if data.get("credentials") is None
                              else data.get("credentials"), "credentials", e, max_len=40),
        "role": v.choice(data.get("role") or "clinician", "role", e, ROLES),
        "licence_number": v.text(data.get("licence_number"), "licence_number", e,
                                 max_len=40),
        "npi": v.text(data.get("npi"), "npi", e, max_len=10),
    }
    if out["npi"] and not valid_npi(out["npi"]):
        e["npi"] = "is not a valid 10-digit National Provider Identifier"
    if out["username"] and not out["username"].replace(".", "").replace("_", "").replace(
            "-", "").isalnum():
        e["username"] = "may hold only letters, digits and . _ -"
    for field in ("username", "full_name", "credentials", "licence_number"):
        problem = name_problem(out[field]) if field not in e else None
        if problem:
            e[field] = problem
    password = data.get("password")
    if new or password:
        problem = password_problem(password, out["username"] or "")
        if problem:
            e["password"] = problem
        out["password"] = password or ""
    if e:
        raise ValidationError(e)
    return out


def valid_npi(npi: str) -> bool:
    """10 digits whose Luhn check (with the 80840 prefix) holds (CMS NPI standard)."""
    if len(npi) != 10 or not npi.isdigit():
        return False
    total = 24  # the prefix 80840 contributes 24 to the Luhn sum
    for i, ch in enumerate(reversed(npi[:9])):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return (10 - total % 10) % 10 == int(npi[9])


def create_user(session: Session, data: UserForm, actor: Acting | None = None) -> User:
    """Create an account. The very first account is the admin and needs no actor."""
    first = not has_users(session)
    if not first:
        actor = authorize(session, actor, "manage_users")
    clean = clean_user(data, new=True)
    if first:
        clean["role"] = "admin"
        if not data.get("credentials"):
            clean["credentials"] = ""  # an administrator is not a PT unless they say so
    if session.scalar(select(User.id).where(func.lower(User.username) ==
                                            clean["username"].lower())):
        raise ValidationError({"username": "is already taken"})
    user = User(username=clean["username"], full_name=clean["full_name"],
                credentials=clean["credentials"], role=clean["role"],
                licence_number=clean["licence_number"], npi=clean["npi"],
                password_hash=hasher.hash(clean["password"]))
    session.add(user)
    session.flush()
    session.info["accounts_exist"] = True
    audit.record(session, actor or user, "create", "user", user.id,
                 changes={k: [None, clean[k]] for k in ("username", "full_name", "role",
                                                        "credentials")})
    return user


def update_user(session: Session, user_id: int, data: UserForm,
                actor: Acting | None = None) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError(f"No user with id {user_id}")
    who = acting(session, actor)
    # everyone may change their own name and password; credentials, licence and NPI
    # decide what a signature may sign, so they (like role and active) are the admin's
    if who.id != user.id or data.keys() - SELF_SERVICE:
        require(who, "manage_users")
    fields = ["full_name", "credentials", "role", "active", "licence_number", "npi"]
    before = audit.snapshot(user, fields)
    merged = cast(UserForm, {**before, "username": user.username, **data})
    clean = clean_user(merged, new=False)
    user.full_name, user.credentials, user.role = (clean["full_name"], clean["credentials"],
                                                   clean["role"])
    user.licence_number, user.npi = clean["licence_number"], clean["npi"]
    if "active" in data:
        user.active = bool(data["active"])
    if clean.get("password"):
        user.password_hash = hasher.hash(clean["password"])
        user.failed_attempts, user.locked_until = 0, None
    after = audit.snapshot(user, fields)
    changes = audit.diff(before, after)
    if clean.get("password"):
        changes["password"] = ["(hidden)", "(changed)"]
    audit.record(session, who, "update", "user", user.id, changes=changes)
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def delay_after(failures: int) -> timedelta:
    """How long to wait after the last of ``failures`` consecutive failed sign-ins."""
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    doublings = min(failures - FREE_ATTEMPTS, 20)  # 2**20 s is far past the cap already
    return min(MAX_DELAY, BASE_DELAY * 2 ** doublings)


def _unknown_name_wait(session: Session, name: str, now: datetime) -> tuple[int, datetime | None]:
    """Recent failures for a name with no (active) account, and until when it must wait."""
    rows = session.execute(select(AuditEntry.at, AuditEntry.changes).where(
        AuditEntry.action == "login_failed", AuditEntry.at > now - FAILURE_WINDOW,
        AuditEntry.user_id.is_(None)).order_by(AuditEntry.at))
    times = [at for at, changes in rows
             if str((changes or {}).get("username", [None, ""])[-1]).lower() == name]
    if not times:
        return 0, None
    return len(times), times[-1] + delay_after(len(times))


def _wait_message(until: datetime, now: datetime) -> str:
    wait = int((until - now).total_seconds()) + 1
    return f"Too many failed attempts; wait {wait} second{'s' if wait > 1 else ''} and try again."


def authenticate(session: Session, username: str, password: str) -> User:
    """Check a password; raises LoginError. Callers commit, so failures are kept."""
    name = (username or "").strip().lower()
    user = session.scalar(select(User).where(func.lower(User.username) == name))
    now = utcnow()
    known = user is not None and user.active
    if known:
        assert user is not None
        until = user.locked_until
    else:
        _count, until = _unknown_name_wait(session, name, now)
    if until is not None and until > now:
        verify(None, "")  # the same cost either way
        audit.record(session, user if known else None, "login_locked", "user",
                     user.id if user else None)
        log.warning("sign-in refused during the wait after repeated failures")
        raise LoginError(_wait_message(until, now))
    # always one argon2 verification (a dummy hash for unknown names): equal time
    correct = verify(user.password_hash if known and user else None, password or "")
    if not known or not correct:
        if known:
            assert user is not None
            user.failed_attempts += 1
            if user.failed_attempts >= FREE_ATTEMPTS:  # counted from now, after argon2's time
                user.locked_until = utcnow() + delay_after(user.failed_attempts)
            audit.record(session, user, "login_failed", "user", user.id,
                         changes={"failed_attempts": [None, user.failed_attempts]})
        else:
            audit.record(session, None, "login_failed", "user", user.id if user else None,
                         changes={"username": [None, (username or "")[:60]]})
        log.warning("sign-in failed (%s)", "wrong password" if known else
                    "unknown or inactive user")
        raise LoginError(SIGN_IN_FAILED)
    assert user is not None
    user.failed_attempts, user.locked_until = 0, None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    audit.record(session, user, "login", "user", user.id)
    return user


@dataclass(frozen=True)
class SignedInUser:
    """The signed-in account as a plain value, built inside the session that read it.

    The GUI and CLI keep this for the whole sitting and pass it to every service as the
    actor; it never goes stale or touches a closed session the way an ORM row would, and
    it carries no password hash. Services re-check ``active`` and ``role`` against it.
    """

    id: int
    username: str
    full_name: str
    credentials: str
    role: str
    active: bool

    @classmethod
    def of(cls, user: User) -> SignedInUser:
        return cls(user.id, user.username, user.full_name, user.credentials, user.role,
                   user.active)


def login(db: Any, username: str, password: str) -> SignedInUser:
    """Authenticate in its own transaction so failed attempts are kept, not rolled back."""
    error: LoginError | None = None
    with db.session() as s:
        try:
            return SignedInUser.of(authenticate(s, username, password))
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
    licence_number: str = ""
    npi: str = ""


def user_rows(session: Session) -> list[UserRow]:
    return [UserRow(u.id, u.username, u.full_name, u.credentials, u.role, u.active,
                    u.licence_number, u.npi)
            for u in list_users(session)]


@checks.register("accounts")
def _accounts_have_known_roles(session: Session) -> list[str]:
    """Every account's role is one the permission table knows (others may do nothing)."""
    return [f"account {name} has the unknown role {role!r}; it may do nothing until an "
            "admin gives it a real role"
            for name, role in session.execute(select(User.username, User.role)
                                              .order_by(User.id))
            if role not in ROLES]
