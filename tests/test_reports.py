"""Printed reports: right patient, right numbers, page X of Y, long content, bad input."""

from __future__ import annotations

import io
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from mash_desktop import outcomes
from mash_desktop.cli import main
from mash_desktop.models import User
from mash_desktop.reports import ReportError, generate
from mash_desktop.services import NotFoundError
from mash_desktop.services.assessments import outcome_table
from mash_desktop.services.episodes import create_episode
from mash_desktop.services.patients import create_patient
from mash_desktop.services.sessions import save_note, sign_note
from tests.note_kit import daily, evaluation, ready_for_evaluation

DANA = User(username="dana", full_name="Dana Whitaker", credentials="DPT", role="clinician",
            active=True)


def text_of(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


@pytest.mark.parametrize("kind", ["discharge", "progress", "hep"])
def test_every_report_for_every_demo_patient(demo_db, kind: str) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        for episode_id in range(1, 13):
            pdf = generate(kind, s, episode_id)
            text, pages = text_of(pdf)
            assert pdf.startswith(b"%PDF")
            assert f"page 1 of {pages}" in text and f"page {pages} of {pages}" in text
            assert "MRN DEMO-" in text


def test_discharge_numbers_match_the_scoring_code(demo_db) -> None:  # noqa: ANN001
    dana = User(username="dana", full_name="Dana Whitaker", credentials="PT, DPT",
                role="clinician", active=True)
    with demo_db.session() as s:
        pdf = generate("discharge", s, 1, dana)  # the signed-in PT who writes it signs it
        rows = outcome_table(s, 1)
    text, _ = text_of(pdf)
    assert "Margaret Ellison" in text and "Riverside Physical Therapy" in text
    assert "Discharge summary" in text
    qbpds = next(r for r in rows if r.instrument == "qbpds")
    assert qbpds.baseline is not None and qbpds.discharge_change is not None
    assert outcomes.format_value(qbpds.baseline.value) in text
    assert outcomes.format_change("qbpds", qbpds.discharge_change, "points") in text
    assert "minimal important change (QBPDS, chronic low back pain (n = 201)): 6 points — " \
        "Monticone 2022" in text.replace("\n", " ")  # the threshold's kind and source
    flat = " ".join(text.split())
    assert "Completed the 8-week MASH program" in flat
    assert "Outcome: Goals met." in flat or "Outcome: Course completed." in flat


def test_missing_timepoint_prints_not_assessed(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        text, _ = text_of(generate("discharge", s, 12))  # started recently: baseline only
    assert "not assessed" in text


def test_non_latin_names_are_embedded_and_extractable(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        text, _ = text_of(generate("discharge", s, 6))   # Wei 李
        text4, _ = text_of(generate("hep", s, 4))        # Łucja Kowalska
    assert "李" in text and "Łucja" in text4


def test_long_episode_with_long_text_flows_onto_more_pages(db) -> None:  # noqa: ANN001
    start = date.today() - timedelta(days=150)
    long_name = "Maximiliana-Wilhelmina Łukasiewicz-Ó'Sullivan-Müller " * 2
    with db.session() as s:
        pid = create_patient(s, {"mrn": "L1", "first_name": long_name.strip()[:100],
                                 "last_name": "Zażółć-Gęślą-Jaźń", "date_of_birth": "1950-01-01",
                                 "sex": "female"}).id
        eid = create_episode(s, pid, {"start_date": start, "icd10_code": "M54.50",
                                      "diagnosis_text": "Chronic low back pain " * 10,
                                      "arm": "hip_focused", "planned_visits": 40,
                                      "duration_weeks": 20,
                                      "recommendations": "Keep walking daily. " * 200}).id
        exercises = ["sidelying_hip_abduction", "bridge", "clamshell", "sit_to_stand",
                     "step_up", "prone_hip_extension", "hip_flexor_stretch", "cat_camel",
                     "bird_dog", "dead_bug", "abdominal_bracing", "knee_to_chest"]
        ready_for_evaluation(s, eid, start)
        for i in range(40):
            note = save_note(s, eid, {
                **(evaluation() if i == 0 else daily(note_type="daily")),
                "visit_date": start + timedelta(days=i * 3), "total_minutes": 60,
                "pain_back_pre": 5, "pain_back_post": 3,
                "subjective": "A long subjective note. " * 100,
                "plan": "Continue and progress. " * 50,
                "manual_therapy": [{"technique": "hip_long_axis_distraction", "sets": 3,
                                    "oscillations": 30}],
                "exercises": [{"exercise": k, "sets": 2, "reps": 10 + i % 5,
                               "home_program": True} for k in exercises],
                "billing": {"97110": 40, "97140": 15}, "not_billed": ["97530"]})
            sign_note(s, note.id, DANA)
        for kind in ("discharge", "progress", "hep"):
            started = time.perf_counter()
            text, pages = text_of(generate(kind, s, eid))
            assert pages >= 2 and f"page {pages} of {pages}" in text
            assert time.perf_counter() - started < 10  # sanity, not a benchmark


def test_unknown_episode_and_empty_episode_give_a_message_and_no_file(db, tmp_path: Path,
                                                                       capsys) -> None:  # noqa: ANN001
    with db.session() as s:
        pid = create_patient(s, {"mrn": "E1", "first_name": "A", "last_name": "B",
                                 "date_of_birth": "1950-01-01", "sex": "male"}).id
        eid = create_episode(s, pid, {"start_date": date.today(), "icd10_code": "M54.50",
                                      "diagnosis_text": "LBP", "arm": "hip_focused"}).id
        with pytest.raises(NotFoundError):
            generate("discharge", s, 999)
        with pytest.raises(ReportError, match="nothing to report"):
            generate("discharge", s, eid)
    out = tmp_path / "x.pdf"
    url = str(db.path)
    assert main(["--db", url, "report", "discharge", "--episode", "999", "--out",
                 str(out)]) == 1
    assert main(["--db", url, "report", "hep", "--episode", str(eid), "--out", str(out)]) == 1
    assert not out.exists()
    assert "no report written" in capsys.readouterr().err


def test_cli_writes_each_report(demo_db, tmp_path: Path) -> None:  # noqa: ANN001
    for kind in ("discharge", "progress", "hep"):
        out = tmp_path / f"{kind}.pdf"
        assert main(["--db", str(demo_db.path), "report", kind, "--episode", "2", "--out",
                     str(out)]) == 0
        assert out.read_bytes().startswith(b"%PDF")


def test_assistant_cannot_produce_a_discharge_summary(demo_db) -> None:  # noqa: ANN001
    from mash_desktop.services import PermissionDenied

    pta = User(username="pta", full_name="Pat Assistant", credentials="PTA", role="assistant")
    with demo_db.session() as s:
        s.add(pta)
        s.flush()
        with pytest.raises(PermissionDenied):
            generate("discharge", s, 1, pta)
        assert generate("hep", s, 1, pta).startswith(b"%PDF")
