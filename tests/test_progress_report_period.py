"""A progress report's period, as a payer's auditor reads it (review of issues 12 and 13;
BPM ch. 15 §220.3 D: the start and end dates of the reporting period, at least every 10
treatment days; documentation.md: a discharge note counts as a report)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, func, select, update

from mash_desktop import outcomes
from mash_desktop.models import Assessment, Episode, ProgressReport, VisitNote
from mash_desktop.reports import generate
from mash_desktop.reports.data import episode_report
from mash_desktop.reports.sections import worsening_lines
from mash_desktop.services.access import SYSTEM
from mash_desktop.services.documentation import episode_timing, header_line
from mash_desktop.services.documents import sign_document
from tests.test_signed_documents import _users, pages


def _active_with_a_progress_note(s) -> Episode:  # noqa: ANN001
    """A demo episode in treatment whose chart has a signed progress-report note."""
    q = (select(Episode).join(VisitNote).where(Episode.status == "active",
                                               VisitNote.note_type == "progress",
                                               VisitNote.signed_at.is_not(None))
         .order_by(Episode.id))
    return s.scalars(q).first()


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(pages(pdf)).split())


def test_a_signed_progress_note_starts_the_next_period_for_the_report_and_the_clock(
        demo_db) -> None:  # noqa: ANN001
    """The due clock counted a signed progress note as a report while the printed report
    ignored it (only recorded reports and signed PDFs): one definition serves both, so
    the period start, the header's "n/10 treatment days" and the report agree."""
    with demo_db.session() as s:
        episode = _active_with_a_progress_note(s)
        assert episode is not None
        note_day = s.scalar(select(func.max(VisitNote.visit_date)).where(
            VisitNote.episode_id == episode.id, VisitNote.note_type == "progress"))
        # the PT signed the progress note but never recorded the report separately
        s.execute(delete(ProgressReport).where(ProgressReport.episode_id == episode.id))
        s.flush()
        r = episode_report(s, episode.id, kind="progress")
        timing = episode_timing(s, episode)
        assert r.previous_report == note_day
        assert r.period_start == note_day + timedelta(days=1)
        treatment_days = {v["date"] for v in r.visits if v["status"] == "attended"
                          and r.period_start <= v["date"] <= r.period_end}
        assert timing.since_progress_report == len(treatment_days)
        assert f"{len(treatment_days)}/10 treatment days since progress report" in \
            header_line(s, episode.id)
        text = _text(generate("progress", s, episode.id, SYSTEM))
    assert f"the day after the previous report of {note_day.isoformat()}" in text


def test_the_period_ends_on_the_last_treatment_day_not_the_print_date(demo_db) -> None:  # noqa: ANN001
    """Printed (or signed) days after the last visit, the report covers the treatment
    days up to that visit; the stored document and the recorded report say the same."""
    with demo_db.session() as s:
        u = _users(s)
        s.info["actor"] = u["dana"]  # the signed-in PT reads the chart
        episode = _active_with_a_progress_note(s)
        last = s.scalar(select(func.max(VisitNote.visit_date)).where(
            VisitNote.episode_id == episode.id, VisitNote.status == "attended"))
        assert last < date.today()  # the demo's visits are all before today
        r = episode_report(s, episode.id, kind="progress")
        assert r.period_end == last and r.written_on == date.today()
        doc = sign_document(s, episode.id, "progress", u["dana"],
                            texts={"assessment": "Progressing toward every goal."})
        assert doc.period_end == last
        recorded = s.scalar(select(ProgressReport).where(
            ProgressReport.episode_id == episode.id).order_by(ProgressReport.id.desc()))
        assert recorded.report_date == last and recorded.visits_covered > 0
        text = _text(doc.pdf)
        # printed again later, it is the same period, not a next one of no days
        again = episode_report(s, episode.id, kind="progress",
                               today=date.today() + timedelta(days=3))
        assert (again.period_start, again.period_end) == (doc.period_start, doc.period_end)
    assert f"to {last.isoformat()}. Written {date.today().isoformat()}." in text


def test_a_progress_report_quotes_nothing_measured_after_its_period(demo_db) -> None:  # noqa: ANN001
    """A discharged episode's 6-month follow-up (hip pain 9 months after the course) was
    printed as "Hip pain 4.0 → 7.0 (baseline → follow-up)" in a report of the course:
    only measurements up to the period end appear (measures, goals, worsening lines)."""
    with demo_db.session() as s:
        done = s.scalars(select(Episode).join(Assessment).where(
            Episode.status == "discharged", Assessment.timepoint == "6_months")
            .order_by(Episode.id)).first()
        base = s.scalar(select(Assessment.total).where(
            Assessment.episode_id == done.id, Assessment.instrument == "nprs_hip",
            Assessment.timepoint == "baseline"))
        s.execute(update(Assessment).where(
            Assessment.episode_id == done.id, Assessment.instrument == "nprs_hip",
            Assessment.timepoint == "6_months").values(total=min(10, base + 4)))
        s.flush()
        r = episode_report(s, done.id, kind="progress")
        assert r.period_end <= done.discharge_date
        for row in r.outcomes:
            assert row.follow_up is None, row.instrument
            for point in r.series[row.instrument]:
                assert point.assessed_on <= r.period_end
        assert all(g.current_on is None or g.current_on <= r.period_end
                   for g in r.goal_status)
        assert not any("follow-up" in line for line in worsening_lines(r))
        text = _text(generate("progress", s, done.id, SYSTEM))
        follow = s.scalar(select(Assessment.assessed_on).where(
            Assessment.episode_id == done.id, Assessment.timepoint == "6_months"))
    assert follow.isoformat() not in text and "follow-up" not in text


def test_pain_prints_as_whole_points() -> None:
    """NPRS is an 11-point whole-number scale: 4, never 4.0."""
    assert outcomes.format_score("nprs_hip", 4.0) == "4"
    assert outcomes.format_score("nprs_back", 7) == "7"
