"""What other workstations changed: read from the audit trail, as typed ``Changes``.

Every write on every path leaves an audit row in its transaction, so the rows after the
last one a workstation has seen are exactly what others did since (and its own writes,
which only redraw a view once more). The GUI reads them when the server notifies it
(PostgreSQL LISTEN/NOTIFY, :mod:`mash_desktop.db.listen`) and, as a fallback, every
few seconds.

Reads are audited too (a chart opened, a report printed, a sign-in), but they change
nothing another workstation shows: they are skipped, or every chart opened anywhere in
the clinic would redraw every workstation. Audit appends are serialised until commit
(``tamper.append``), so audit ids are handed out in commit order and "after the last id
seen" misses nothing.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..changes import READ_ACTIONS, Changes, kinds_of
from ..models import AuditEntry

MAX_ROWS = 2000  # more than this since the last look: redraw everything


def latest_change(session: Session) -> int:
    """The newest audit row's id (0 for an empty trail): where watching starts."""
    return int(session.scalar(select(func.max(AuditEntry.id))) or 0)


def changes_since(session: Session, after_id: int) -> tuple[Changes, int]:
    """What the audit rows after ``after_id`` changed (reads left out), and the id to
    continue from."""
    upto = latest_change(session)
    if upto <= after_id:
        return Changes(), after_id
    rows = session.execute(
        select(AuditEntry.action, AuditEntry.entity, AuditEntry.patient_id)
        .where(AuditEntry.id > after_id, AuditEntry.id <= upto,
               AuditEntry.action.not_in(READ_ACTIONS))
        .order_by(AuditEntry.id).limit(MAX_ROWS)).all()
    if len(rows) == MAX_ROWS:
        return Changes.everything(), upto
    items: set = set()
    for action, entity, patient_id in rows:
        items.update((k, patient_id) for k in kinds_of(action, entity))
    return Changes(frozenset(items)), upto
