"""The dosing flowsheet: each intervention's dose at every visit of an episode."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import CatalogEntry, ExerciseDose, ManualTherapyDose, VisitNote


@dataclass(frozen=True)
class Flowsheet:
    visits: list[str]          # column headers ("#3 05-12")
    rows: list[str]            # intervention names
    cells: list[list[str]]     # rows x visits, "" when not done that visit
    progressed: list[list[bool]]  # dose changed from the previous time it was done


def exercise_dose_text(d: object) -> str:
    """Compact dose: '3×12 yellow', '3×30 s', '10 min', '2×10 2 kg'."""
    sets, reps, hold, minutes = (getattr(d, k) for k in ("sets", "reps", "hold_s", "minutes"))
    parts = []
    if sets and reps:
        parts.append(f"{sets}×{reps}")
    elif sets and hold:
        parts.append(f"{sets}×{hold} s")
    elif reps:
        parts.append(f"{reps} reps")
    if hold and reps:
        parts.append(f"hold {hold} s")
    if minutes:
        parts.append(f"{minutes} min")
    load_type = getattr(d, "load_type", "")
    if load_type == "band" and getattr(d, "band", ""):
        parts.append(d.band)  # type: ignore[attr-defined]
    elif load_type == "kg" and getattr(d, "load_kg", None) is not None:
        parts.append(f"{d.load_kg:g} kg")  # type: ignore[attr-defined]
    return " ".join(parts)


def manual_dose_text(d: object) -> str:
    parts = [getattr(d, "grade", "") or ""]
    sets, secs, osc = (getattr(d, k) for k in ("sets", "seconds", "oscillations"))
    if sets and osc:
        parts.append(f"{sets}×{osc} osc")
    elif sets and secs:
        parts.append(f"{sets}×{secs} s")
    return " ".join(p for p in parts if p)


def _dose_rows(session: Session, episode_id: int) -> dict[int, list[tuple[str, str]]]:
    """(row name, dose text) per attended visit, manual therapy first, in note order.

    Reads only the dose columns and the catalog name (two joins), not whole notes with
    their doses and catalog entries, so a 200-visit episode stays quick to open.
    """
    attended = (VisitNote.episode_id == episode_id) & (VisitNote.status == "attended")
    per_visit: dict[int, list[tuple[str, str]]] = {}
    mt = (select(ManualTherapyDose.visit_id, ManualTherapyDose.side, ManualTherapyDose.grade,
                 ManualTherapyDose.sets, ManualTherapyDose.seconds,
                 ManualTherapyDose.oscillations, CatalogEntry.name)
          .join(VisitNote, VisitNote.id == ManualTherapyDose.visit_id)
          .join(CatalogEntry, CatalogEntry.id == ManualTherapyDose.technique_id)
          .where(attended).order_by(ManualTherapyDose.visit_id, ManualTherapyDose.position,
                                    ManualTherapyDose.id))
    for r in session.execute(mt):
        name = f"MT · {r.name}" + (f" ({r.side})" if r.side else "")
        per_visit.setdefault(r.visit_id, []).append((name, manual_dose_text(r)))
    ex = (select(ExerciseDose.visit_id, ExerciseDose.side, ExerciseDose.sets, ExerciseDose.reps,
                 ExerciseDose.hold_s, ExerciseDose.minutes, ExerciseDose.load_type,
                 ExerciseDose.band, ExerciseDose.load_kg, CatalogEntry.name)
          .join(VisitNote, VisitNote.id == ExerciseDose.visit_id)
          .join(CatalogEntry, CatalogEntry.id == ExerciseDose.exercise_id)
          .where(attended).order_by(ExerciseDose.visit_id, ExerciseDose.position,
                                    ExerciseDose.id))
    for x in session.execute(ex):
        side = x.side if x.side not in ("", "bilateral") else ""
        name = x.name + (f" ({side})" if side else "")
        per_visit.setdefault(x.visit_id, []).append((name, exercise_dose_text(x)))
    return per_visit


def build_flowsheet(session: Session, episode_id: int) -> Flowsheet:
    from .access import authorize

    authorize(session, None, "read_chart")
    q = (select(VisitNote.id, VisitNote.visit_number, VisitNote.visit_date)
         .where(VisitNote.episode_id == episode_id, VisitNote.status == "attended")
         .order_by(VisitNote.visit_date, VisitNote.start_time, VisitNote.id))
    notes = session.execute(q).all()
    doses = _dose_rows(session, episode_id)
    visits = [f"#{n.visit_number or '—'} {n.visit_date:%m-%d}" for n in notes]
    order: list[str] = []
    table: dict[str, dict[int, str]] = {}
    for col, note in enumerate(notes):
        for name, text in doses.get(note.id, []):
            if name not in table:
                order.append(name)
            table.setdefault(name, {})[col] = text
    cells, progressed = [], []
    for name in order:
        row, flags, last = [], [], None
        for col in range(len(notes)):
            text = table[name].get(col, "")
            row.append(text)
            flags.append(bool(text) and last is not None and text != last)
            if text:
                last = text
        cells.append(row)
        progressed.append(flags)
    return Flowsheet(visits, order, cells, progressed)
