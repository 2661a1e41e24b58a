"""Documentation timing: what is due for each episode, and across all patients.

- Progress report at least every 10 treatment days (CMS Benefit Policy Manual 100-02
  ch. 15 §220.3 D); the app reminds from the 8th.
- Plan-of-care recertification before the certification (at most 90 calendar days,
  §220.1.2) ends; reminders start 14 days before.
- MASH reassessments at 8 weeks and 6 months from the episode start (mash_program.md §4).
- Session notes unsigned for more than a day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from ..models import Assessment, Episode, ProgressReport, VisitNote
from . import audit, checks
from . import validate as v
from .access import Acting, authorize, user_id
from .errors import NotFoundError, ValidationError
from .plan_of_care import certification

PROGRESS_EVERY = 10       # treatment days, CMS 100-02 ch. 15 §220.3 D
PROGRESS_REMIND_FROM = 8
CERT_MAX_DAYS = 90        # CMS 100-02 ch. 15 §220.1.2
CERT_REMIND_DAYS = 14
PROGRESS_RECORD_FIELDS = ("report_date", "visits_covered", "summary", "plan")
REASSESS = {"8_weeks": 56, "6_months": 182}  # days from the start (8 weeks, ~6 months)
REASSESS_REMIND_DAYS = 7
CERT_SIGN_REMIND_DAYS = 7  # remind a week before the physician's signature is due


@dataclass(frozen=True)
class DueItem:
    episode_id: int
    patient_id: int
    patient: str
    what: str
    due: date | None
    urgency: str  # overdue | due | soon

    @property
    def sort_key(self) -> tuple[int, date]:
        return ({"overdue": 0, "due": 1, "soon": 2}[self.urgency], self.due or date.max)


@dataclass(frozen=True)
class EpisodeTiming:
    visits_used: int
    visits_planned: int
    since_progress_report: int
    cert_end: date
    reassessments: dict[str, date]
    items: list[DueItem]
    certification: str = ""

    @property
    def visits_remaining(self) -> int:
        return max(0, self.visits_planned - self.visits_used)


@dataclass
class _Facts:
    """What the timing rules read about one episode, fetched for many episodes at once."""

    dates: list[date] = field(default_factory=list)   # attended visits
    last_report: date | None = None                    # end of the last report period
    timepoints: set[str] = field(default_factory=set)  # assessments done
    discharge_note: date | None = None                 # a signed discharge note


REPORTING_NOTES = ("progress", "re-evaluation", "discharge")


def last_reports(session: Session, episode_ids: list[int], before: date | None = None
                 ) -> dict[int, date | None]:
    """Where each episode's last progress-report period ended (strictly before ``before``
    when given): a recorded progress report (a signed progress report records one on the
    last day it covers) or a signed progress, re-evaluation or discharge note (BPM ch. 15
    §220.3: each is a report; a discharge note counts as one), on its visit date.

    The one definition of "the previous report": the due clock, the chart header's
    "n/10 treatment days since progress report" and a printed progress report's period
    all read it, so they cannot disagree. An assistant's interim report is not one
    (documentation.md: a PTA's report is never a complete progress report).
    """
    out: dict[int, date | None] = dict.fromkeys(episode_ids)
    if not episode_ids:
        return out
    recorded = (select(ProgressReport.episode_id, func.max(ProgressReport.report_date))
                .where(ProgressReport.episode_id.in_(episode_ids))
                .group_by(ProgressReport.episode_id))
    noted = (select(VisitNote.episode_id, func.max(VisitNote.visit_date))
             .where(VisitNote.episode_id.in_(episode_ids), VisitNote.status == "attended",
                    VisitNote.signed_at.is_not(None),
                    VisitNote.note_type.in_(REPORTING_NOTES))
             .group_by(VisitNote.episode_id))
    if before is not None:
        recorded = recorded.where(ProgressReport.report_date < before)
        noted = noted.where(VisitNote.visit_date < before)
    for q in (recorded, noted):
        for eid, when in session.execute(q):
            known = out[eid]
            if when is not None and (known is None or when > known):
                out[eid] = when
    return out


def _facts(session: Session, episode_ids: list[int]) -> dict[int, _Facts]:
    """Five queries for any number of episodes (the Today screen and the due list read
    every active episode; one query each would be hundreds on a large clinic)."""
    out = {eid: _Facts() for eid in episode_ids}
    if not episode_ids:
        return out
    for eid, when in session.execute(select(VisitNote.episode_id, VisitNote.visit_date).where(
            VisitNote.episode_id.in_(episode_ids), VisitNote.status == "attended")):
        out[eid].dates.append(when)
    for eid, ended in last_reports(session, episode_ids).items():
        out[eid].last_report = ended
    for eid, when in session.execute(
            select(VisitNote.episode_id, func.max(VisitNote.visit_date))
            .where(VisitNote.episode_id.in_(episode_ids), VisitNote.status == "attended",
                   VisitNote.signed_at.is_not(None), VisitNote.note_type == "discharge")
            .group_by(VisitNote.episode_id)):
        out[eid].discharge_note = when
    for eid, tp in session.execute(select(Assessment.episode_id, Assessment.timepoint).where(
            Assessment.episode_id.in_(episode_ids))):
        out[eid].timepoints.add(tp)
    return out


def _visits_since(facts: _Facts) -> tuple[int, int]:
    last = facts.last_report
    since = sum(1 for d in facts.dates if last is None or d > last)
    return len(facts.dates), since


def episode_timing(session: Session, episode: Episode, today: date | None = None) -> EpisodeTiming:
    return episode_timings(session, [episode], today)[episode.id]


def episode_timings(session: Session, episodes: list[Episode], today: date | None = None,
                    ) -> dict[int, EpisodeTiming]:
    """The timing of each episode, read with a fixed number of queries."""
    today = today or date.today()
    facts = _facts(session, [e.id for e in episodes])
    return {e.id: _timing(session, e, facts[e.id], today) for e in episodes}


def _timing(session: Session, episode: Episode, facts: _Facts, today: date) -> EpisodeTiming:
    p = episode.patient
    name = f"{p.last_name}, {p.first_name}"
    used, since = _visits_since(facts)
    items: list[DueItem] = []

    def add(what: str, due: date | None, urgency: str) -> None:
        items.append(DueItem(episode.id, p.id, name, what, due, urgency))

    cert_end = episode.cert_end or (episode.cert_start or episode.start_date) + timedelta(
        days=CERT_MAX_DAYS - 1)
    cert = certification(session, episode, today,
                         first_day=min(facts.dates, default=episode.start_date))
    ended = facts.discharge_note
    if ended is not None and episode.status == "active":
        # the course is over on paper: what is due is the discharge itself, not another
        # progress report or a recertification of a plan that has ended
        add(f"Discharge note signed ({ended.isoformat()}): record the discharge", ended,
            "due")
    else:
        if since >= PROGRESS_EVERY:
            add(f"Progress report overdue ({since} treatment days since the last)", None,
                "overdue")
        elif since >= PROGRESS_REMIND_FROM:
            add(f"Progress report due by treatment day {PROGRESS_EVERY} (now {since})", None,
                "due")
        if today > cert_end:
            add("Plan of care recertification overdue", cert_end, "overdue")
        elif (cert_end - today).days <= CERT_REMIND_DAYS:
            add("Plan of care recertification due", cert_end, "due")
        if cert.state == "overdue":
            add(f"Plan of care certification overdue ({cert.label})", cert.due, "overdue")
        elif cert.due is not None and (cert.due - today).days <= CERT_SIGN_REMIND_DAYS:
            add(f"Plan of care certification due ({cert.label})", cert.due, "due")
    done = facts.timepoints
    reassess = {tp: episode.start_date + timedelta(days=d) for tp, d in REASSESS.items()}
    for tp, when in reassess.items():
        if tp in done:
            continue
        label = tp.replace("_", " ")
        if today > when + timedelta(days=REASSESS_REMIND_DAYS):
            add(f"{label} reassessment overdue", when, "overdue")
        elif today >= when - timedelta(days=REASSESS_REMIND_DAYS):
            add(f"{label} reassessment due", when, "due")
        elif tp == "8_weeks" and (when - today).days <= 21:
            add(f"{label} reassessment coming up", when, "soon")
    return EpisodeTiming(used, episode.planned_visits, since, cert_end, reassess, items,
                         cert.label)


def due_list(session: Session, today: date | None = None) -> list[DueItem]:
    """Everything due across active episodes, most urgent first, plus unsigned notes."""
    from .sessions import overdue_notes

    today = today or date.today()
    items: list[DueItem] = []
    active = list(session.scalars(select(Episode).where(Episode.status == "active")
                                  .options(joinedload(Episode.patient))))
    for timing in episode_timings(session, active, today).values():
        items.extend(timing.items)
    for note in overdue_notes(session, today):
        p = note.episode.patient
        items.append(DueItem(note.episode_id, p.id, f"{p.last_name}, {p.first_name}",
                             f"Unsigned session note of {note.visit_date.isoformat()}",
                             note.visit_date, "overdue"))
    return sorted(items, key=lambda i: (*i.sort_key, i.patient))


def header_line(session: Session, episode_id: int) -> str:
    """One line for the chart header: visits, progress report count, what is due."""
    episode = session.get(Episode, episode_id)
    if episode is None or episode.status == "discharged":
        return ""
    t = episode_timing(session, episode)
    due = "; ".join(i.what + (f" ({i.due.isoformat()})" if i.due else "") for i in t.items)
    return (f"{t.visits_remaining} visits remaining · {t.since_progress_report}/10 treatment "
            f"days since progress report · plan of care {t.certification} · recertify by "
            f"{t.cert_end.isoformat()}"
            + (f" · <span style='color:#b3261e'>{due}</span>" if due else ""))


def clean_progress_record(row: dict[str, Any], episode_start: date | None) -> dict[str, Any]:
    """A recorded progress report's fields, bounded as the services that write it bound them.

    Signing and :func:`record_progress_report` count ``visits_covered`` themselves; an
    import file or a stored row brings its own count, which must still be a whole number
    of an episode's visits (at most :data:`~.episodes.MAX_PLANNED_VISITS`).
    """
    from .episodes import MAX_PLANNED_VISITS

    e: v.Errors = {}
    out = {
        "report_date": v.parse_date(row.get("report_date"), "report_date", e),
        "visits_covered": v.number(row.get("visits_covered"), "visits_covered", e, lo=0,
                                   hi=MAX_PLANNED_VISITS, required=True, integer=True),
        "summary": v.text(row.get("summary"), "summary", e, max_len=10000, multiline=True),
        "plan": v.text(row.get("plan"), "plan", e, max_len=10000, multiline=True),
    }
    when = out["report_date"]
    if when is not None and episode_start is not None and when < episode_start:
        e["report_date"] = "is before the episode start"
    if e:
        raise ValidationError(e)
    return out


@checks.register("progress reports")
def _progress_records_hold(session: Session) -> Iterable[str]:
    """Every recorded progress report through :func:`clean_progress_record`."""
    from .sessions import sentence

    q = (select(ProgressReport, Episode.start_date)
         .join(Episode, Episode.id == ProgressReport.episode_id).order_by(ProgressReport.id))
    for report, start in session.execute(q):
        try:
            clean_progress_record({k: getattr(report, k) for k in PROGRESS_RECORD_FIELDS},
                                  start)
        except ValidationError as exc:
            yield (f"progress report {report.id} (episode {report.episode_id}): "
                   f"{sentence(exc)}")


def record_progress_report(session: Session, episode_id: int, report_date: object,
                           summary: str = "", plan: str = "",
                           actor: Acting | None = None) -> ProgressReport:
    """Record that a progress report was written; resets the 10-treatment-day clock."""
    actor = authorize(session, actor, "progress_report")
    episode = session.get(Episode, episode_id) if v.is_id(episode_id) else None
    if episode is None:
        raise NotFoundError(f"No episode with id {episode_id}")
    e: v.Errors = {}
    when = v.parse_date(report_date, "report_date", e)
    s = v.text(summary, "summary", e, max_len=10000, multiline=True)
    p = v.text(plan, "plan", e, max_len=10000, multiline=True)
    if when and when < episode.start_date:
        e["report_date"] = "is before the episode start"
    if e or when is None:
        raise ValidationError(e or {"report_date": "is required"})
    used, since = _visits_since(_facts(session, [episode.id])[episode.id])
    row = ProgressReport(episode_id=episode_id, report_date=when, visits_covered=since,
                         summary=s, plan=p, author_id=user_id(actor))
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "progress_report", row.id,
                 patient_id=episode.patient_id, changes={"report_date": [None, when.isoformat()]})
    return row
