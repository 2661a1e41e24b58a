"""MASH eligibility screen (mash_program.md §2.1, NCT04009837 inclusion criteria I1-I5)."""

from __future__ import annotations

from datetime import date

import pytest

from mash_desktop.services import ValidationError
from mash_desktop.services.eligibility import clean_screen, criteria, evaluate, ir_ratio

pytestmark = pytest.mark.both_engines


ELIGIBLE = {"lbp_duration_months": 12, "lbp_half_days_6mo": True, "lbp_intensity": 5,
            "body_weight_kg": 80, "hip_ir_left": 16.0, "hip_ir_right": 25.0,
            "hip_ir_unit": "kgf", "hoos_items": [2, 1, 2, 1, 0]}
DOB = date(1955, 6, 1)
ON = date(2026, 6, 1)  # age 71


def result(**changes: object):  # noqa: ANN201
    return evaluate({**ELIGIBLE, **changes}, DOB, ON)


def status(res, key: str) -> str:  # noqa: ANN001
    return next(c.status for c in res.criteria if c.key == key)


def test_every_threshold_has_a_source() -> None:
    assert all(c["source"] for c in criteria().values())


def test_eligible_patient_meets_all_six_criteria() -> None:
    res = result()
    assert res.overall == "eligible"
    assert [c.status for c in res.criteria] == ["met"] * 6


@pytest.mark.parametrize(("dob", "expected"), [
    (date(1966, 6, 1), "met"),    # exactly 60
    (date(1966, 6, 2), "not met"),  # 59
    (date(1941, 6, 1), "met"),    # 85
    (date(1940, 6, 1), "not met"),  # 86
])
def test_age_60_to_85_inclusive(dob: date, expected: str) -> None:
    assert status(evaluate(ELIGIBLE, dob, ON), "age") == expected


def test_lbp_intensity_must_exceed_3() -> None:
    assert status(result(lbp_intensity=3), "lbp_intensity") == "not met"
    assert status(result(lbp_intensity=3.5), "lbp_intensity") == "met"


def test_lbp_duration_at_least_3_months() -> None:
    assert status(result(lbp_duration_months=3), "lbp_duration") == "met"
    assert status(result(lbp_duration_months=2.9), "lbp_duration") == "not met"


def test_hip_ir_ratio_below_026_in_at_least_one_hip() -> None:
    # 16 kgf / 80 kg = 0.20 (weak) on the left
    assert status(result(), "hip_ir_strength") == "met"
    # 0.26 exactly on both sides is not below the threshold
    res = result(hip_ir_left=20.8, hip_ir_right=20.8)
    assert status(res, "hip_ir_strength") == "not met"
    assert res.overall == "not eligible"


def test_hip_ir_in_newtons_is_converted() -> None:
    assert ir_ratio(9.80665 * 20, "N", 100) == pytest.approx(0.20)


def test_hoos_sum_must_exceed_5() -> None:
    assert status(result(hoos_items=[1, 1, 1, 1, 1]), "hoos_pain") == "not met"
    assert status(result(hoos_items=[2, 1, 1, 1, 1]), "hoos_pain") == "met"


def test_missing_values_make_the_screen_incomplete_not_failed() -> None:
    res = result(lbp_intensity=None, hoos_items=None)
    assert status(res, "lbp_intensity") == "not assessed"
    assert res.overall == "incomplete"


def test_screen_input_validation_names_the_field() -> None:
    with pytest.raises(ValidationError) as info:
        clean_screen({"screened_on": "2026-06-01", "lbp_intensity": 12, "body_weight_kg": -5,
                      "hoos_items": [0, 1, 2, 3, 5], "hip_ir_unit": "stone"})
    assert {"lbp_intensity", "body_weight_kg", "hoos_p8", "hip_ir_unit"} <= set(
        info.value.errors)
