"""What a write changed: a typed ``Changes`` value that views use to decide what to redraw.

Every service write leaves an audit row in its transaction (``audit.record``); the same
call notes here which kind of data changed and for which patient, so a write cannot
forget to announce itself and the GUI never guesses from free strings. The operation
runner reads :func:`changes_of` after the transaction and tells every open view.
An entity this table does not know counts as a change of everything for its patient:
redrawing too much is slow, redrawing too little shows the wrong chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class Kind(str, Enum):
    """The kinds of data a view can show."""

    PATIENT = "patient"
    EPISODE = "episode"
    NOTE = "note"
    ASSESSMENT = "assessment"
    DOCUMENT = "document"
    SETTINGS = "settings"
    CATALOG = "catalog"
    USERS = "users"
    AUDIT = "audit"
    APPOINTMENT = "appointment"


ALL_KINDS: frozenset[Kind] = frozenset(Kind)

# audit entity -> kinds of data it belongs to
ENTITY_KINDS: dict[str, frozenset[Kind]] = {
    "patient": frozenset({Kind.PATIENT}),
    "episode": frozenset({Kind.EPISODE}),
    "eligibility_screen": frozenset({Kind.EPISODE}),
    "goals": frozenset({Kind.EPISODE}),
    "visit_note": frozenset({Kind.NOTE}),
    "assessment": frozenset({Kind.ASSESSMENT}),
    "progress_report": frozenset({Kind.DOCUMENT}),
    "document": frozenset({Kind.DOCUMENT}),
    "setting": frozenset({Kind.SETTINGS}),
    "catalog_entry": frozenset({Kind.CATALOG}),
    "payer": frozenset({Kind.CATALOG}),
    "user": frozenset({Kind.USERS}),
    "appointment": frozenset({Kind.APPOINTMENT}),
}
# audit actions that read or sign in: the trail grows, no shown record changes
READ_ACTIONS = frozenset({"report", "export", "view", "login", "login_failed", "login_locked",
                          "logout"})
_KEY = "mash_changes"


@dataclass(frozen=True)
class Changes:
    """Pairs of (kind of data, patient) that changed; patient None means "any patient".

    A clinic-wide write (an import, the demo clinic) changes a kind for every patient, so
    every view showing that kind redraws; a chart write names its patient, so only views
    of that patient's chart do.
    """

    items: frozenset[tuple[Kind, int | None]] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *kinds: Kind, patient_id: int | None = None) -> Changes:
        return cls(frozenset((k, patient_id) for k in kinds))

    @classmethod
    def everything(cls) -> Changes:
        return cls.of(*ALL_KINDS)

    @property
    def kinds(self) -> frozenset[Kind]:
        return frozenset(k for k, _ in self.items)

    @property
    def patients(self) -> frozenset[int | None]:
        return frozenset(p for _, p in self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.items | other.items)

    def touches(self, kinds: frozenset[Kind] | set[Kind], patient_id: int | None = None) -> bool:
        """Does this change anything a view showing ``kinds`` for ``patient_id`` shows?

        ``patient_id`` None: the view is not about one patient (a clinic-wide list).
        """
        return any(k in kinds and (patient_id is None or p is None or p == patient_id)
                   for k, p in self.items)


def _pending(session: Session) -> list[Changes]:
    return session.info.setdefault(_KEY, [])


def touch(session: Session, *kinds: Kind, patient_id: int | None = None) -> None:
    """Note that this transaction changed ``kinds`` (for ``patient_id``, None = any)."""
    _pending(session).append(Changes.of(*kinds, patient_id=patient_id))


def kinds_of(action: str, entity: str) -> frozenset[Kind]:
    """The kinds of data an audited action changed (also for other workstations' rows)."""
    kinds = {Kind.AUDIT}
    if action not in READ_ACTIONS:
        kinds |= ENTITY_KINDS.get(entity, ALL_KINDS)
    return frozenset(kinds)


def note_audited(session: Session, action: str, entity: str, patient_id: int | None) -> None:
    """Called by ``audit.record``: every audited write announces what it changed."""
    touch(session, *kinds_of(action, entity), patient_id=patient_id)


def changes_of(session: Session) -> Changes:
    """Everything this session's transaction changed so far."""
    out = Changes()
    for c in session.info.get(_KEY, ()):
        out = out | c
    return out
