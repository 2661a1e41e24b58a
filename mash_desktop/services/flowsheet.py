"""The dosing flowsheet: each intervention's dose at every visit of an episode."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from .sessions import episode_notes


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


def build_flowsheet(session: Session, episode_id: int) -> Flowsheet:
    notes = [n for n in episode_notes(session, episode_id) if n.status == "attended"]
    visits = [f"#{n.visit_number or '—'} {n.visit_date:%m-%d}" for n in notes]
    order: list[str] = []
    table: dict[str, dict[int, str]] = {}
    for col, note in enumerate(notes):
        for mt in note.manual_therapy:
            name = f"MT · {mt.technique.name}" + (f" ({mt.side})" if mt.side else "")
            table.setdefault(name, {})[col] = manual_dose_text(mt)
            if name not in order:
                order.append(name)
        for ex in note.exercises:
            side = ex.side if ex.side not in ("", "bilateral") else ""
            name = ex.exercise.name + (f" ({side})" if side else "")
            table.setdefault(name, {})[col] = exercise_dose_text(ex)
            if name not in order:
                order.append(name)
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
