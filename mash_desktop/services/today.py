"""The Today screen's data: the signed-in clinician's visits for a day and what is due.

Who is expected today comes from two places:

- the day's **appointments** the PT keeps (time, patient, status; ``services.appointments``);
- the **plan of care** of every active episode of this clinician that has no appointment
  that day: an episode with visits left is expected when it has had fewer visits this
  week (Monday to the day) than its planned sessions per week and its last visit was at
  least ``7 // sessions_per_week`` days ago (2 a week: every third or fourth day). These
  rows are suggestions, marked as such, on weekdays only.

Each row says which note Enter opens: the visit's note when one exists that day (a draft
to finish, a signed note to read), otherwise a new note of the type the documentation
rules suggest (``sessions.suggested_note_type``: the evaluation first, a progress report
on the tenth treatment day, the discharge note at the last planned visit, otherwise a daily
note copied forward from the last visit).

What is due (``documentation.episode_timing``: progress reports, recertifications,
certifications, 8-week and 6-month reassessments) and notes left unsigned for more than
a day are listed below the visits, for the same clinician's episodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session, joinedload

from ..models import Episode, Patient, VisitNote
from .access import Acting, authorize
from .appointments import STATUSES, appointments_on
from .documentation import DueItem, episode_timings
from .sessions import NOTE_TYPES, next_note_type, suggested_note_type


@dataclass(frozen=True)
class TodayVisit:
    """One visit of the day. ``opens`` is what Enter does: ``note`` (``note_id``) or
    ``new`` (a new note of ``note_type`` for ``episode_id``)."""

    start_time: time | None
    patient_id: int
    patient: str
    date_of_birth: date
    mrn: str
    episode_id: int | None
    appointment_id: int | None
    status: str          # an appointment status, or "suggested"
    status_label: str
    note_id: int | None
    note_state: str      # "", "draft", "signed"
    note_type: str
    opens: str           # "note" | "new" | "chart"
    action: str          # words for the row: what Enter opens


@dataclass(frozen=True)
class TodayDue:
    """A due item with what Enter opens: ``note`` (an unsigned note), ``new`` (a report
    note), ``outcomes`` (a reassessment) or ``episode`` (the plan of care)."""

    item: DueItem
    opens: str
    note_id: int | None = None
    note_type: str = ""


@dataclass(frozen=True)
class TodayView:
    day: date
    visits: list[TodayVisit]
    due: list[TodayDue] = field(default_factory=list)
    clinician: str = ""

    @property
    def counts(self) -> str:
        seen = sum(1 for v in self.visits if v.note_state == "signed")
        return f"{len(self.visits)} visit(s), {seen} signed"


def _mine(actor: Acting | None, everyone: bool) -> ColumnElement[bool]:
    """The episodes this clinician treats: assigned to them, or to nobody yet."""
    if everyone or actor is None:
        return Episode.status == "active"
    return (Episode.status == "active") & (
        (Episode.therapist_id == actor.id) | Episode.therapist_id.is_(None))


def _expected(per_week: int, used: int, planned: int, this_week: int,
              last: date | None, day: date) -> bool:
    if used >= planned or day.weekday() >= 5:
        return False
    per_week = max(1, per_week)
    if this_week >= per_week:
        return False
    return last is None or (day - last).days >= max(1, 7 // per_week)



def _count_where(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """How many rows of the group meet ``condition`` (SQLite and PostgreSQL alike: a
    boolean is no number on PostgreSQL, so it is not summed directly)."""
    return func.sum(case((condition, 1), else_=0))

def today_view(session: Session, actor: Acting | None, day: date | None = None,
               everyone: bool = False) -> TodayView:
    """The day's visits and what is due for ``actor`` (every clinician with ``everyone``)."""
    actor = authorize(session, actor, "read_chart")
    day = day or date.today()
    monday = day - timedelta(days=day.weekday())
    episodes = list(session.execute(
        select(Episode.id, Episode.patient_id, Episode.sessions_per_week,
               Episode.planned_visits, Episode.start_date)
        .where(_mine(actor, everyone), Episode.start_date <= day)))
    ids = [e.id for e in episodes]
    known = set(ids)
    planned = {e.id: e.planned_visits for e in episodes}
    stats: dict[int, tuple[int, date | None, int]] = {}
    todays: dict[int, tuple[int, bool, str]] = {}
    if ids:
        q = (select(VisitNote.episode_id,
                    _count_where((VisitNote.status == "attended") & (VisitNote.visit_date < day)),
                    func.max(VisitNote.visit_date),
                    _count_where((VisitNote.visit_date >= monday) & (VisitNote.visit_date < day)))
             .where(VisitNote.episode_id.in_(ids), VisitNote.visit_date <= day)
             .group_by(VisitNote.episode_id))
        for eid, n_used, last_day, n_week in session.execute(q):
            stats[eid] = (int(n_used or 0), last_day, int(n_week or 0))
        for nid, eid, signed_at, note_type in session.execute(
                select(VisitNote.id, VisitNote.episode_id, VisitNote.signed_at,
                       VisitNote.note_type)
                .where(VisitNote.episode_id.in_(ids), VisitNote.visit_date == day)
                .order_by(VisitNote.start_time, VisitNote.id)):
            todays.setdefault(eid, (nid, signed_at is not None, note_type))
    history: dict[int, list[str]] = {}
    if ids:  # the note types so far, for the next note's type (one query, not one a row)
        for eid, kind in session.execute(
                select(VisitNote.episode_id, VisitNote.note_type)
                .where(VisitNote.episode_id.in_(ids), VisitNote.status == "attended",
                       VisitNote.visit_date <= day)
                .order_by(VisitNote.episode_id, VisitNote.visit_date, VisitNote.start_time,
                          VisitNote.id)):
            history.setdefault(eid, []).append(kind)
    appointments = appointments_on(session, day, actor.id if actor else None, everyone)
    booked = {a.patient_id for a in appointments}
    rows: list[tuple[time | None, int, int | None, int | None, str]] = [
        (a.start_time, a.patient_id, a.episode_id, a.id, a.status) for a in appointments]
    for e in episodes:
        used, last, week = stats.get(e.id, (0, None, 0))
        if e.patient_id in booked:
            continue
        if e.id in todays or _expected(e.sessions_per_week, used, e.planned_visits, week,
                                        last, day):
            rows.append((None, e.patient_id, e.id, None, "suggested"))
    people = {p.id: p for p in session.scalars(
        select(Patient).where(Patient.id.in_({r[1] for r in rows})))} if rows else {}
    visits = []
    for start, pid, ep_id, aid, status in rows:
        p = people[pid]
        note_id: int | None = None
        state, ntype, opens = "", "", "chart"
        if ep_id is not None and ep_id in todays:
            note_id, signed, ntype = todays[ep_id]
            state, opens = ("signed" if signed else "draft"), "note"
            action = ("Read the signed " if signed else "Finish the draft ") \
                + NOTE_TYPES.get(ntype, ntype).lower()
        elif ep_id is not None and status not in ("cancelled", "no_show"):
            ntype = next_note_type(history.get(ep_id, []), planned.get(ep_id)) \
                if ep_id in known \
                else suggested_note_type(session, ep_id, day)  # another clinician's episode
            opens = "new"
            action = {"evaluation": "New initial evaluation",
                      "progress": "New progress report (due)",
                      "discharge": "New discharge note (last planned visit)",
                      }.get(ntype, "New daily note (copy forward)")
        else:
            action = "Open the chart" if ep_id is None or status in ("cancelled", "no_show") \
                else ""
        visits.append(TodayVisit(
            start, pid, p.display_name, p.date_of_birth, p.mrn, ep_id, aid, status,
            "Suggested" if status == "suggested" else STATUSES[status],
            note_id, state, ntype, opens, action))
    visits.sort(key=lambda v: (v.start_time is None, v.start_time or time(), v.patient))
    return TodayView(day, visits, _due(session, actor, everyone, day),
                     actor.full_name if actor else "")


def _due(session: Session, actor: Acting | None, everyone: bool, day: date) -> list[TodayDue]:
    out: list[TodayDue] = []
    episodes = list(session.scalars(select(Episode).where(_mine(actor, everyone))
                                    .options(joinedload(Episode.patient))))
    for timing in episode_timings(session, episodes, day).values():
        for item in timing.items:
            what = item.what.lower()
            if "progress report" in what:
                out.append(TodayDue(item, "new", note_type="progress"))
            elif "reassessment" in what:
                out.append(TodayDue(item, "outcomes"))
            else:  # certification and recertification live on the plan of care
                out.append(TodayDue(item, "episode"))
    cutoff = day - timedelta(days=1)
    # Unsigned notes first (a partial index finds the few drafts among 100 000 signed
    # notes), then whose they are.
    drafts = list(session.execute(
        select(VisitNote.id, VisitNote.episode_id, VisitNote.visit_date)
        .where(VisitNote.signed_at.is_(None), VisitNote.visit_date < cutoff)
        .order_by(VisitNote.visit_date)))
    if drafts:
        q = (select(Episode.id, Episode.therapist_id, Patient.id, Patient.last_name,
                    Patient.first_name)
             .join(Patient, Patient.id == Episode.patient_id)
             .where(Episode.id.in_({d.episode_id for d in drafts})))
        owners = {row[0]: row[1:] for row in session.execute(q)}
        for nid, eid, when in drafts:
            therapist, pid, last, first = owners[eid]
            if not (everyone or actor is None or therapist in (None, actor.id)):
                continue
            item = DueItem(eid, pid, f"{last}, {first}",
                           f"Unsigned session note of {when.isoformat()}", when, "overdue")
            out.append(TodayDue(item, "note", note_id=nid))
    return sorted(out, key=lambda d: (*d.item.sort_key, d.item.patient))
