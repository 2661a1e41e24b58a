"""What other workstations changed: read from the audit trail, as typed ``Changes``.

Every write on every path leaves an audit row in its transaction, so the rows after the
last one a workstation has seen are exactly what others did since (and its own writes,
which only redraw a view once more). The GUI reads them when the server notifies it
(PostgreSQL LISTEN/NOTIFY, :mod:`mash_desktop.db.listen`) and, as a fallback, every
few seconds.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..changes import Changes, kinds_of
from ..models import AuditEntry

MAX_ROWS = 2000  # more than this since the last look: redraw everything


def latest_change(session: Session) -> int:
    """The newest audit row's id (0 for an empty trail): where watching starts."""
    return int(session.scalar(select(func.max(AuditEntry.id))) or 0)


def changes_since(session: Session, after_id: int) -> tuple[Changes, int]:
    """What the audit rows after ``after_id`` changed, and the id to continue from."""
    rows = session.execute(
        select(AuditEntry.id, AuditEntry.action, AuditEntry.entity, AuditEntry.patient_id)
        .where(AuditEntry.id > after_id).order_by(AuditEntry.id).limit(MAX_ROWS)).all()
    if not rows:
        return Changes(), after_id
    if len(rows) == MAX_ROWS:
        return Changes.everything(), latest_change(session)
    items: set = set()
    for _id, action, entity, patient_id in rows:
        items.update((k, patient_id) for k in kinds_of(action, entity))
    return Changes(frozenset(items)), rows[-1][0]
