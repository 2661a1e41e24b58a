"""Every service that takes user input, driven with random and extreme values.

Each call must either save valid data or raise the app's ValidationError (a ValueError)
with a message — never another exception, never a partial write.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from mash_desktop import billing, outcomes
from mash_desktop.db import Database
from mash_desktop.models import Episode, ExerciseDose, Patient, VisitNote
from mash_desktop.services import NotFoundError, ValidationError
from mash_desktop.services.episodes import create_episode
from mash_desktop.services.patients import create_patient
from mash_desktop.services.sessions import save_note
from mash_desktop.services.startup import open_clinic
from mash_desktop.services.transfer import import_data

pytestmark = pytest.mark.both_engines


NASTY_TEXT = st.one_of(
    st.text(max_size=50), st.just("x" * 10_000), st.just("'; DROP TABLE patients; --"),
    st.just("\x00\x07\x1b[31m"), st.just("Robert'); --"), st.just("  "), st.just("李 Łucja é"))
WEIRD = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.just(10**30), st.just(-(10**30)), NASTY_TEXT, st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2), st.dates())
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    path = tmp_path_factory.mktemp("fuzz") / "f.db"
    db = open_clinic(f"sqlite:///{path}")
    with db.session() as s:
        pid = create_patient(s, {"mrn": "F1", "first_name": "Fuzz", "last_name": "Target",
                                 "date_of_birth": "1950-01-01", "sex": "female"}).id
        create_episode(s, pid, {"start_date": date.today() - timedelta(days=30),
                                "icd10_code": "M54.50", "diagnosis_text": "LBP",
                                "arm": "hip_focused"})
    return db


def counts(db: Database) -> tuple[int, ...]:
    with db.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (Patient, Episode, VisitNote, ExerciseDose))


def saves_or_refuses(db: Database, op) -> None:  # noqa: ANN001
    before = counts(db)
    try:
        with db.session() as s:
            op(s)
    except (ValidationError, NotFoundError) as exc:
        assert str(exc)
        assert counts(db) == before  # nothing half-saved


PATIENT_FIELDS = ["mrn", "first_name", "last_name", "date_of_birth", "sex", "phone", "email",
                  "address", "referring_physician", "payer", "member_id", "notes"]


@FUZZ
@given(st.fixed_dictionaries({}, optional={k: WEIRD for k in PATIENT_FIELDS}))
def test_patient_input(fuzz_db: Database, data: dict) -> None:
    saves_or_refuses(fuzz_db, lambda s: create_patient(s, data))


EPISODE_FIELDS = ["start_date", "icd10_code", "diagnosis_text", "arm", "planned_visits",
                  "cert_start", "cert_end", "status", "discharge_date", "discharge_reason"]


@FUZZ
@given(st.fixed_dictionaries({}, optional={k: WEIRD for k in EPISODE_FIELDS}))
def test_episode_input(fuzz_db: Database, data: dict) -> None:
    saves_or_refuses(fuzz_db, lambda s: create_episode(s, 1, data))


DOSE = st.fixed_dictionaries({"exercise": st.one_of(st.just("bridge"), WEIRD)},
                             optional={k: WEIRD for k in ("sets", "reps", "hold_s", "minutes",
                                                          "load_type", "load_kg", "band",
                                                          "rpe", "side", "completed")})
NOTE = st.fixed_dictionaries(
    {"visit_date": st.one_of(st.just(date.today().isoformat()), WEIRD)},
    optional={"total_minutes": WEIRD, "pain_back_pre": WEIRD, "pain_hip_post": WEIRD,
              "status": WEIRD, "subjective": NASTY_TEXT, "exercises": st.lists(DOSE, max_size=3),
              "manual_therapy": st.one_of(WEIRD, st.lists(WEIRD, max_size=2)),
              "billing": st.one_of(WEIRD, st.dictionaries(st.sampled_from(
                  ["97110", "97140", "99999", ""]), WEIRD, max_size=3)),
              "adverse_event": WEIRD, "education": st.one_of(WEIRD, st.lists(WEIRD, max_size=2))})


@FUZZ
@given(NOTE)
def test_session_note_and_dose_input(fuzz_db: Database, data: dict) -> None:
    saves_or_refuses(fuzz_db, lambda s: save_note(s, 1, data))


INSTRUMENTS = [i.key for i in outcomes.list_instruments()]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(INSTRUMENTS), st.one_of(WEIRD, st.lists(WEIRD, max_size=25),
                                               st.dictionaries(st.text(max_size=10), WEIRD)))
def test_outcome_answers(instrument: str, answers: object) -> None:
    try:
        result = outcomes.score(instrument, answers)
    except ValueError as exc:
        assert str(exc)
        return
    assert isinstance(result.total, float)


@settings(max_examples=300, deadline=None)
@given(st.one_of(WEIRD, st.dictionaries(st.one_of(st.sampled_from(
    ["97110", "97140", "97161", "x"]), st.text(max_size=6)), WEIRD, max_size=4)))
def test_billing_minutes(minutes: object) -> None:
    for fn in (billing.medicare_units, billing.per_code_units, billing.total_units):
        try:
            fn(minutes)  # type: ignore[arg-type]
        except ValueError as exc:
            assert str(exc)


@FUZZ
@given(st.one_of(WEIRD, st.dictionaries(st.sampled_from(
    ["format", "format_version", "patients", "users", "catalog", "settings", "payers",
     "audit"]), st.one_of(WEIRD, st.lists(WEIRD, max_size=2)))))
def test_import_documents(tmp_path_factory: pytest.TempPathFactory, doc: object) -> None:
    db = open_clinic(f"sqlite:///{tmp_path_factory.mktemp('imp') / 'i.db'}")
    if isinstance(doc, dict) and "format" in doc:
        doc["format"] = "mash-desktop-export"
        doc["format_version"] = 1
    try:
        with db.session() as s:
            import_data(s, doc)  # type: ignore[arg-type]
    except ValidationError as exc:
        assert str(exc)
        with db.session() as s:
            assert s.scalar(select(func.count(Patient.id))) == 0
    db.dispose()


def test_truncated_and_malicious_files(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from mash_desktop.cli import main

    good = tmp_path / "good.json"
    src = tmp_path / "src.db"
    main(["--db", str(src), "demo"])
    main(["--db", str(src), "export", "--out", str(good)])
    raw = good.read_bytes()
    cases = {"half.json": raw[: len(raw) // 2],
             "schema.json": json.dumps({"format": "mash-desktop-export", "format_version": 1,
                                        "settings": [], "users": [], "payers": [],
                                        "catalog": [{"id": "x"}], "patients": [],
                                        "audit": []}).encode()}
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
        target = tmp_path / f"{name}.db"
        assert main(["--db", str(target), "import", str(tmp_path / name)]) == 1
        assert "nothing changed" in capsys.readouterr().err
