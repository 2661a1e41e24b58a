"""A document is signed only when what it states is true (review of issue 12): a
discharge summary after the discharge, a plan of care with its long-term goals, its
signed evaluation and a frequency x duration that gives the planned visits."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from mash_desktop.cli import main
from mash_desktop.models import Document, Episode, Goal, ProgressReport, VisitNote
from mash_desktop.reports import generate
from mash_desktop.services import ValidationError
from mash_desktop.services.access import SYSTEM
from mash_desktop.services.documents import sign_document
from tests.test_signed_documents import PASSWORD, _users, pages


def _stored(s) -> int:  # noqa: ANN001
    return s.scalar(select(func.count()).select_from(Document)) or 0


def _active_episode(s) -> int:  # noqa: ANN001
    return s.scalars(select(Episode.id).where(Episode.status == "active")
                     .order_by(Episode.id)).first()


def test_a_discharge_summary_is_signed_only_after_the_discharge(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        active = _active_episode(s)
        with pytest.raises(ValidationError) as err:
            sign_document(s, active, "discharge", u["dana"])
        assert "not discharged yet" in err.value.errors["status"]
        assert _stored(s) == 0
        assert "DRAFT — not signed" in pages(generate("discharge", s, active, u["dana"]))[0]
        done = s.scalars(select(Episode.id).where(Episode.status == "discharged")).first()
        assert sign_document(s, done, "discharge", u["dana"]).kind == "discharge"


def test_cli_refuses_signing_the_discharge_summary_of_an_active_episode(
        demo_db, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        _users(s)
        active = _active_episode(s)
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)
    out = tmp_path / "x.pdf"
    assert main(["--db", str(demo_db.path), "--user", "dana", "report", "discharge",
                 "--episode", str(active), "--out", str(out), "--sign"]) != 0
    err = capsys.readouterr().err
    assert "not discharged yet" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and not out.exists()
    with demo_db.session() as s:
        assert _stored(s) == 0


def test_a_plan_of_care_without_goals_or_signed_evaluation_is_not_signed(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        episode = s.get(Episode, 1)
        for goal in list(episode.goals):
            if goal.term == "long":
                s.delete(goal)
        for evaluation in s.scalars(select(VisitNote).where(
                VisitNote.episode_id == 1, VisitNote.note_type == "evaluation")):
            evaluation.signed_at = None
        s.flush()
        s.expire_all()
        with pytest.raises(ValidationError) as err:
            sign_document(s, 1, "plan-of-care", u["dana"])
        message = err.value.errors["plan_of_care"]
        assert "no long-term goals" in message and "evaluation" in message
        assert _stored(s) == 0


def test_a_plan_of_care_whose_frequency_and_duration_miss_the_planned_visits_is_not_signed(
        demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        episode = s.get(Episode, 1)
        assert s.scalar(select(func.count()).select_from(Goal)
                        .where(Goal.episode_id == 1, Goal.term == "long"))
        episode.sessions_per_week, episode.duration_weeks, episode.planned_visits = 2, 8, 12
        s.flush()
        with pytest.raises(ValidationError) as err:
            sign_document(s, 1, "plan-of-care", u["dana"])
        assert "2 times a week for 8 weeks is 16 visits, but 12 are planned" in \
            err.value.errors["plan_of_care"]
        assert _stored(s) == 0
        episode.planned_visits = 16
        s.flush()
        assert sign_document(s, 1, "plan-of-care", u["dana"]).kind == "plan-of-care"


def test_a_second_progress_report_signed_the_same_day_supersedes_the_first(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        u = _users(s)
        active = _active_episode(s)
        rows = s.scalar(select(func.count()).select_from(ProgressReport)
                        .where(ProgressReport.episode_id == active))
        first = sign_document(s, active, "progress", u["dana"],
                              texts={"assessment": "Progressing toward every goal."})
        second = sign_document(s, active, "progress", u["dana"],
                               texts={"assessment": "Corrected: gait speed goal met."})
        assert (first.version, second.version, second.supersedes_id) == (1, 2, first.id)
        assert (second.period_start, second.period_end) == \
            (first.period_start, first.period_end)
        recorded = s.scalars(select(ProgressReport).where(
            ProgressReport.episode_id == active)).all()
        assert len(recorded) == rows + 1                      # counted once
        assert recorded[-1].summary == "Corrected: gait speed goal met."


def test_a_progress_report_after_discharge_stops_at_the_discharge(demo_db) -> None:  # noqa: ANN001
    from mash_desktop.reports.data import _interventions, episode_notes, episode_report

    with demo_db.session() as s:
        done = s.scalars(select(Episode).where(Episode.status == "discharged")
                         .order_by(Episode.id)).first()
        whole = episode_report(s, done.id, kind="discharge")
        r = episode_report(s, done.id, kind="progress")
        assert r.period_end == done.discharge_date
        assert r.period_start <= r.period_end
        for g in r.goal_status:                 # not the 6-month follow-up
            assert g.current_on is None or g.current_on <= done.discharge_date
        in_period = [v for v in r.visits if v["status"] == "attended"
                     and r.period_start <= v["date"] <= r.period_end]
        assert in_period and len(in_period) < whole.attended
        # the interventions of the period only (the whole episode is the discharge summary's)
        notes = [n for n in episode_notes(s, done.id) if n.status == "attended"
                 and r.period_start <= n.visit_date <= r.period_end]
        assert r.interventions == _interventions(notes)[0]
        text = "\n".join(pages(generate("progress", s, done.id, SYSTEM)))
    assert "as in the discharge summary" not in text
    assert "Change thresholds" in text
    assert f"{r.period_start.isoformat()}" in text and f"{done.discharge_date.isoformat()}" in text
    assert (f"Interventions this period ({r.period_start.isoformat()} to "
            f"{done.discharge_date.isoformat()})") in " ".join(text.split())


def test_the_demos_recorded_progress_reports_cover_the_visits_before_them(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        recorded = s.scalars(select(ProgressReport)).all()
        assert recorded
        for r in recorded:
            attended = s.scalars(select(VisitNote.visit_date).where(
                VisitNote.episode_id == r.episode_id, VisitNote.status == "attended",
                VisitNote.visit_date <= r.report_date)).all()
            earlier = [x.report_date for x in recorded
                       if x.episode_id == r.episode_id and x.report_date < r.report_date]
            since = max(earlier, default=None)
            assert r.visits_covered == sum(1 for d in attended if since is None or d > since)
            assert r.visits_covered >= 1


def test_a_document_stored_as_text_is_reported_damaged_not_an_unexpected_error(
        demo_db, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    from sqlalchemy import text

    from mash_desktop.services.checks import run_checks
    from mash_desktop.services.documents import get_document

    with demo_db.session() as s:
        u = _users(s)
        doc_id = sign_document(s, 1, "discharge", u["dana"]).id
    with demo_db.session() as s:   # the PDF's bytes in a text cell: not valid UTF-8
        s.execute(text("UPDATE documents SET pdf = CAST(pdf || x'ff' AS TEXT) WHERE id = :i"),
                  {"i": doc_id})
    with demo_db.session() as s:
        with pytest.raises(ValidationError, match=f"stored document {doc_id} is damaged"):
            get_document(s, doc_id, u["dana"])
        problems = [p for r in run_checks(s) for p in r.problems]
    assert any(p.startswith(f"signed document {doc_id} (") and "stored bytes do not match"
               in p for p in problems), problems
    out = tmp_path / "x.pdf"
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)
    assert main(["--db", str(demo_db.path), "--user", "dana", "documents", "--get",
                 str(doc_id), "--out",
                 str(out)]) == 1
    err = capsys.readouterr().err
    assert f"stored document {doc_id} is damaged" in err and "unexpected" not in err
    assert not out.exists()


def test_refusals_read_as_sentences(demo_db) -> None:  # noqa: ANN001
    from mash_desktop.services import PermissionDenied

    with demo_db.session() as s:
        u = _users(s)
        with pytest.raises(PermissionDenied) as err:
            sign_document(s, 1, "interim", u["admin"])
    assert "an interim progress report" in str(err.value)
    assert "a interim" not in str(err.value)


def test_the_fhir_practitioner_who_signed_carries_npi_and_licence(demo_db) -> None:  # noqa: ANN001
    from mash_desktop.interop.fhir import build_bundle, validate
    from tests.test_export_fhir import of_type

    with demo_db.session() as s:
        u = _users(s)
        sign_document(s, 1, "discharge", u["dana"])
        bundle = build_bundle(s, episode_id=1)
    validate(bundle)
    (dana,) = [p for p in of_type(bundle, "Practitioner")
               if p["name"][0]["text"] == "Dana Whitaker"]
    ids = {i.get("system") or i["type"]["coding"][0]["code"]: i["value"]
           for i in dana["identifier"]}
    assert ids == {"http://hl7.org/fhir/sid/us-npi": "1234567893", "LN": "PT-012345"}


def test_no_draft_ends_with_a_page_holding_only_the_draft_notice() -> None:
    """The closing draft notice goes where the last page has room, or is left out (every
    page already says DRAFT): a page that would hold nothing else is never printed."""
    from types import SimpleNamespace

    from reportlab.lib.pagesizes import LETTER
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from mash_desktop.reports.layout import styles
    from mash_desktop.reports.sections import signature

    draft = SimpleNamespace(signature=None)
    st = styles()
    for room, expected in ((20, 1), (200, 1)):   # a nearly full last page, then a roomy one
        out = io.BytesIO()
        doc = SimpleDocTemplate(out, pagesize=LETTER)
        story = [Spacer(1, doc.height - room)] + signature(draft, st, doc.width)
        doc.build(story)
        assert len(PdfReader(io.BytesIO(out.getvalue())).pages) == expected
        text = "\n".join(pages(out.getvalue()))
        assert ("not a record" in text) == (room == 200)
