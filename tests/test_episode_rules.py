"""Episode-of-care rules: ICD-10 codes, certification windows, discharge."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from mash_desktop.models import EligibilityScreen, Episode
from mash_desktop.services import NotFoundError, ValidationError
from mash_desktop.services.episodes import (
    active_episode,
    clean_episode,
    create_episode,
    save_episode,
    update_episode,
)
from mash_desktop.services.patients import create_patient

PLAN = {"start_date": "2026-09-01", "icd10_code": "m5450", "diagnosis_text": "Low back pain",
        "arm": "hip_focused", "cert_start": "2026-09-01", "cert_end": "2026-11-29"}


def errors_of(**changes: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        clean_episode({**PLAN, **changes}, date(1950, 1, 1))
    return info.value.errors


@pytest.fixture
def patient_id(db) -> int:  # noqa: ANN001
    with db.session() as s:
        return create_patient(s, {"mrn": "1", "first_name": "A", "last_name": "B",
                                  "date_of_birth": "1950-01-01", "sex": "male"}).id


def test_defaults_follow_mash_dosing() -> None:
    clean = clean_episode(PLAN)
    assert clean["planned_visits"] == 16
    assert clean["frequency"] == "2x/week for 8 weeks"
    assert clean["icd10_code"] == "M54.50"  # normalised


@pytest.mark.parametrize("code", ["M54.50", "M16.11", "M47.816", "Z96.641", "M5459",
                                  "M51.360"])
def test_billable_icd10_cm_codes_accepted(code: str) -> None:
    assert clean_episode({**PLAN, "icd10_code": code})


@pytest.mark.parametrize("code", ["54.5", "MM5", "M5", "M54.12345", "hello", "M99.999"])
def test_icd10_codes_refused(code: str) -> None:
    assert "ICD-10" in errors_of(icd10_code=code)["icd10_code"]


@pytest.mark.parametrize(("code", "children"), [
    ("M51.36", "M51.360, M51.361, M51.362, M51.369"),   # split from FY2025
    ("M54.5", "M54.50, M54.51, M54.59")])               # split from FY2022
def test_non_billable_categories_are_refused_with_the_codes_to_use(code: str,
                                                                   children: str) -> None:
    message = errors_of(icd10_code=code)["icd10_code"]
    assert "is a category, not a billable code" in message and children in message


def test_description_fills_in_from_the_code_set() -> None:
    from mash_desktop.services.icd10 import CODE_SET

    clean = clean_episode({**PLAN, "icd10_code": "m51360", "diagnosis_text": ""})
    assert clean["icd10_code"] == "M51.360"
    assert clean["diagnosis_text"] == ("Other intervertebral disc degeneration, lumbar region "
                                       "with discogenic back pain only")
    assert "April 1, 2026" in CODE_SET  # the release shipped with simple-icd-10-cm 1.5
    assert clean_episode(PLAN)["diagnosis_text"] == "Low back pain"  # typed text is kept


def test_certification_must_end_after_it_starts() -> None:
    assert "after" in errors_of(cert_end="2026-08-30")["cert_end"]
    assert "after" in errors_of(cert_end="2026-09-01")["cert_end"]


def test_certification_is_at_most_90_days() -> None:
    """CMS 100-02 ch.15 §220.1.2: 90 calendar days, counted inclusively."""
    assert clean_episode({**PLAN, "cert_end": "2026-11-29"})  # day 90
    assert "90" in errors_of(cert_end="2026-11-30")["cert_end"]  # day 91


def test_certification_cannot_start_before_the_episode() -> None:
    assert "cert_start" in errors_of(cert_start="2026-08-01")


def test_discharge_needs_date_and_reason() -> None:
    errs = errors_of(status="discharged")
    assert set(errs) >= {"discharge_date", "discharge_reason"}
    assert "before" in errors_of(status="discharged", discharge_date="2026-08-01",
                                 discharge_reason="done")["discharge_date"]


def test_episode_cannot_start_before_birth() -> None:
    with pytest.raises(ValidationError) as info:
        clean_episode({**PLAN, "start_date": "1940-01-01", "cert_start": "",
                       "cert_end": ""}, date(1950, 1, 1))
    assert "birth" in info.value.errors["start_date"]


def test_planned_visits_range() -> None:
    assert "planned_visits" in errors_of(planned_visits=0)
    assert "planned_visits" in errors_of(planned_visits="lots")


def test_create_update_and_active_episode(db, patient_id: int) -> None:  # noqa: ANN001
    with db.session() as s:
        ep = create_episode(s, patient_id, PLAN)
    with db.session() as s:
        assert active_episode(s, patient_id).id == ep.id
        update_episode(s, ep.id, {"status": "discharged", "discharge_date": "2026-10-30",
                                  "discharge_reason": "Goals met"})
    with db.session() as s:
        assert active_episode(s, patient_id) is None


def test_unknown_patient_or_episode(db) -> None:  # noqa: ANN001
    with pytest.raises(NotFoundError), db.session() as s:
        create_episode(s, 999, PLAN)
    with pytest.raises(NotFoundError), db.session() as s:
        update_episode(s, 999, {})


def test_episode_and_screen_save_all_or_nothing(db, patient_id: int) -> None:  # noqa: ANN001
    """A bad screen value means neither the episode nor the screen is kept."""
    with pytest.raises(ValidationError) as info, db.session() as s:
        save_episode(s, patient_id, None, PLAN, {"screened_on": "2026-09-01",
                                                 "lbp_intensity": 11})
    assert "lbp_intensity" in info.value.errors
    with db.session() as s:
        assert s.scalar(select(func.count(Episode.id))) == 0
        assert s.scalar(select(func.count(EligibilityScreen.id))) == 0


def test_errors_from_plan_and_screen_are_reported_together(db, patient_id: int) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as info, db.session() as s:
        save_episode(s, patient_id, None, {**PLAN, "icd10_code": "bad"},
                     {"screened_on": "2026-09-01", "hoos_items": [1, 2, 3, 4, 9]})
    assert {"icd10_code", "hoos_p8"} <= set(info.value.errors)


def test_frequency_times_duration_must_be_the_planned_visits() -> None:
    """The plan of care states frequency and duration (BPM ch. 15 §220.1.2); a plan of
    2 a week for 8 weeks with 12 planned visits contradicts itself, and the episode form
    says so at the planned visits (it was refused only when the plan was signed)."""
    assert errors_of(planned_visits=12)["planned_visits"] == \
        "2 times a week for 8 weeks is 16 visits, not 12"
    assert errors_of(sessions_per_week=1, duration_weeks=1, planned_visits=2)[
        "planned_visits"] == "1 time a week for 1 week is 1 visit, not 2"
    clean = clean_episode({**PLAN, "planned_visits": 12, "sessions_per_week": 2,
                           "duration_weeks": 6})
    assert (clean["planned_visits"], clean["duration_weeks"]) == (12, 6)


def test_a_stored_plan_that_contradicts_itself_is_found_by_check(db, patient_id) -> None:  # noqa: ANN001
    from mash_desktop.services.checks import run_checks

    with db.session() as s:
        ep = create_episode(s, patient_id, PLAN)
        ep.planned_visits = 12   # stored before the rule, or written around it
        s.flush()
        found = next(r.problems for r in run_checks(s) if r.name == "episodes")
    assert found == [f"episode {ep.id} (MRN 1): planned visits 2 times a week for 8 weeks "
                     "is 16 visits, not 12."]
