"""What a clinic database holds, in counts: for the first-start welcome and similar notes.

A database without user accounts is not necessarily new: a clinic may have kept charts
without accounts, or imported them. Screens that greet such a database say what is in
it instead of calling it empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Episode, Patient, VisitNote


@dataclass(frozen=True)
class ClinicContents:
    patients: int
    episodes: int
    notes: int

    @property
    def empty(self) -> bool:
        return not (self.patients or self.episodes or self.notes)

    def sentence(self) -> str:
        """"is new and empty" or "holds 12 patients, 20 episodes of care and 160 session
        notes" — the rest of "This clinic database …"."""
        if self.empty:
            return "is new and empty"

        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        return (f"holds {n(self.patients, 'patient', 'patients')}, "
                f"{n(self.episodes, 'episode of care', 'episodes of care')} and "
                f"{n(self.notes, 'session note', 'session notes')}")


def clinic_contents(session: Session) -> ClinicContents:
    def count(column: object) -> int:
        return int(session.scalar(select(func.count(column))) or 0)  # type: ignore[arg-type]

    return ClinicContents(count(Patient.id), count(Episode.id), count(VisitNote.id))
