"""Several workstations on one clinic server: nothing one saves is silently lost to another.

Three mechanisms, used by the services on every path (GUI, CLI, import, scripts):

* **Optimistic locking.** Patients, episodes and session notes carry a version number
  (SQLAlchemy ``version_id_col``): every UPDATE says ``WHERE version = <the version read>``
  and bumps it. A form remembers the version it opened; saving it passes that back as
  ``expected_version``. If someone else saved in between, the save is refused with a
  :class:`ConflictError` that names what they changed and who did it, and the form keeps
  the user's typing (as a draft), so nothing is lost.
* **Row locks for numbering.** Counting rows and then inserting is a race between
  workstations; the services first lock the parent row (``SELECT … FOR UPDATE`` on the
  episode before a visit number is given), so two saves for one episode queue up. SQLite
  needs no lock: it admits one writer at a time.
* **Constraints as the last word.** The unique MRN index makes a duplicate impossible
  even when two workstations pass the rule's check at the same moment; the violation
  is turned into the same field message the rule gives (:func:`flush_unique`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..models import AuditEntry
from .errors import ValidationError


class ConflictError(ValidationError):
    """Someone else saved this record after the form was opened.

    ``changes`` maps each field they changed to ``[value when the form opened, value now]``
    (when the form's opening values are known); ``by`` and ``at`` say who and when, from
    the audit trail. The form keeps the user's typing as a draft and offers to reload.
    """

    def __init__(self, entity: str, entity_id: int | None, current_version: int | None,
                 changes: Mapping[str, list[Any]] | None = None, by: str = "",
                 at: str = "") -> None:
        self.entity, self.entity_id = entity, entity_id
        self.current_version = current_version
        self.changes = dict(changes or {})
        self.by, self.at = by, at
        super().__init__({"conflict": self.describe()})

    def describe(self) -> str:
        who = f" by {self.by}" if self.by else ""
        when = f" at {self.at}" if self.at else ""
        label = self.entity.replace("_", " ")
        head = (f"this {label} was changed on another workstation{who}{when} after you "
                "opened it; your changes were not saved and are kept as a draft")
        if not self.changes:
            return head + "."
        fields = "; ".join(f"{k.replace('_', ' ')}: {_show(a)} → {_show(b)}"
                           for k, (a, b) in sorted(self.changes.items()))
        return f"{head}. They changed {fields}."


def _show(value: Any) -> str:
    if value in (None, ""):
        return "(empty)"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def last_change(session: Session, entity: str, entity_id: int | None) -> tuple[str, str]:
    """Who last changed a record and when (from the audit trail), for conflict messages."""
    if entity_id is None:
        return "", ""
    row = session.execute(
        select(AuditEntry.username, AuditEntry.at)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id.desc()).limit(1)).first()
    if row is None:
        return "", ""
    return row[0] or "", f"{row[1]:%Y-%m-%d %H:%M}" if row[1] else ""


def conflict(session: Session, entity: str, entity_id: int | None, current_version: int | None,
             opened: Mapping[str, Any] | None, current: Mapping[str, Any]) -> ConflictError:
    """A ConflictError naming the fields that differ between ``opened`` and ``current``."""
    changes = {k: [opened.get(k), v] for k, v in current.items()
               if k in opened and opened.get(k) != v} if opened else {}
    by, at = last_change(session, entity, entity_id)
    return ConflictError(entity, entity_id, current_version, changes, by, at)


def check_version(session: Session, entity: str, obj: Any, expected: Any,
                  opened: Mapping[str, Any] | None, current: Mapping[str, Any]) -> None:
    """Refuse a save made from an older version of ``obj`` than the one stored now.

    ``expected`` is the version the form opened (None: the caller read it just now in
    this transaction, as the CLI and import do). ``opened`` are the form's values at
    opening and ``current`` the stored ones, so the message can say what changed.
    """
    if expected is None:
        return
    try:
        wanted = int(expected)
    except (TypeError, ValueError):
        raise ValidationError({"version": "must be a whole number"}) from None
    if wanted != obj.version:
        raise conflict(session, entity, obj.id, obj.version, opened, current)


@contextmanager
def stale_is_conflict(session: Session, entity: str, obj: Any) -> Iterator[None]:
    """Turn SQLAlchemy's StaleDataError (the row's version moved between our read and our
    UPDATE, inside this very transaction) into a ConflictError."""
    obj_id = obj.id  # read now: after a failed flush the session can load nothing
    try:
        yield
    except StaleDataError:
        raise ConflictError(entity, obj_id, None) from None


AUDIT_LOCK_KEY = 0x4D415348_41554454  # "MASHAUDT": the one advisory lock for audit appends


def serialise_audit_appends(session: Session) -> None:
    """Audit rows are appended one transaction at a time, in commit order.

    Each audit entry is chained to the one before it (tamper evidence), so two
    workstations must never both read the same "previous" entry. PostgreSQL: a
    transaction-level advisory lock, held until commit or rollback (re-taking it in the
    same transaction is free). SQLite: its single write lock, taken now.
    """
    if session.get_bind().dialect.name == "sqlite":
        _begin_immediate(session)
        return
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})


def _begin_immediate(session: Session) -> None:
    dbapi = session.connection().connection.dbapi_connection
    if dbapi is not None and not dbapi.in_transaction:
        dbapi.execute("BEGIN IMMEDIATE")


def lock_for_update(session: Session, model: type, row_id: int) -> None:
    """Hold the row's lock until this transaction ends, so counting-then-inserting below
    cannot interleave with another workstation doing the same.

    PostgreSQL: ``SELECT … FOR UPDATE``; later lockers wait for us, then see what we
    committed. SQLite has no row locks: its single write lock is taken now (``BEGIN
    IMMEDIATE``) instead of at the first INSERT, so two processes sharing a file queue
    up the same way.
    """
    if session.get_bind().dialect.name == "sqlite":
        _begin_immediate(session)
        return
    pk = getattr(model, "id")  # noqa: B009 - every locked model has an integer id
    session.execute(select(pk).where(pk == row_id).with_for_update())


@contextmanager
def flush_unique(session: Session, messages: Mapping[str, tuple[str, str]]) -> Iterator[None]:
    """Flush inside a savepoint; a unique-constraint violation named in ``messages``
    (constraint name -> (field, message)) becomes that field's ValidationError.

    The savepoint keeps the caller's transaction usable after the refusal.
    """
    if session.get_bind().dialect.name == "sqlite":
        # pysqlite begins its transaction only at the first INSERT: a SAVEPOINT before
        # that would be the outermost transaction, and releasing it would commit.
        _begin_immediate(session)
    try:
        with session.begin_nested():
            yield
            session.flush()
    except IntegrityError as exc:
        text = str(exc.orig)
        for name, (field, message) in messages.items():
            if name in text:
                raise ValidationError({field: message}) from None
        raise
