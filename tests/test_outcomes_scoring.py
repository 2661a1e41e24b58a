"""Instrument scoring against published worked examples (sources in each test).

References: shared/domain/instruments_billing.md §1-§9 and §13, mash_program.md §5.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mash_desktop.outcomes import format_value, get_instrument, list_instruments, score


# ---- ODI (Fairbank & Pynsent 2000; FHIR SDC examples; ODI scoring sheet) ----------------
@pytest.mark.parametrize(("items", "total", "band"), [
    ([2, 1, 2, 1, 2, 2, 1, 2, 3, 2], 36.0, "moderate disability"),  # ODI-A, FHIR SDC Example1
    ([1, 1, 2, 1, 2, 2, 1, 2, 2, 2], 32.0, "moderate disability"),  # ODI-B, Example2
    ([2, 1, 2, 1, 2, 2, 1, 2, 2, 2], 34.0, "moderate disability"),  # ODI-C, Example3
    ([0] * 10, 0.0, "minimal disability"),                          # ODI-F
    ([5] * 10, 100.0, "bed-bound or exaggerating symptoms"),        # ODI-F
])
def test_odi_published_examples(items: list[int], total: float, band: str) -> None:
    s = score("odi", items)
    assert s.total == total and s.band == band


def test_odi_skipped_section_reduces_the_denominator() -> None:
    """ODI scoring sheet: 16/45 = 35.555...% with one section missed; displayed half-up."""
    s = score("odi", [2, 2, 2, 2, 2, 2, 2, 1, 1, None])
    assert s.total == pytest.approx(16 / 45 * 100)
    assert format_value(s.total) == "35.6"


@pytest.mark.parametrize(("raw", "band"), [(10, "minimal disability"),
                                           (11, "moderate disability"),
                                           (20, "moderate disability"),
                                           (21, "severe disability"),
                                           (30, "severe disability"), (31, "crippled"),
                                           (40, "crippled"),
                                           (41, "bed-bound or exaggerating symptoms")])
def test_odi_band_edges(raw: int, band: str) -> None:
    """Fairbank & Pynsent 2000 bands: <=20, <=40, <=60, <=80, else (percent = raw x 2)."""
    items = [5] * (raw // 5) + [raw % 5] + [0] * (9 - raw // 5)
    assert score("odi", items[:10]).band == band


def test_modified_odi_scores_like_odi_with_its_own_mic() -> None:
    """Fritz & Irrgang 2001: same 10 x (0-5) structure, MCID 6 points."""
    assert score("modified_odi", [2, 1, 2, 1, 2, 2, 1, 2, 3, 2]).total == 36.0
    assert get_instrument("modified_odi").mic.value == 6
    assert "sex life" not in get_instrument("modified_odi").items


# ---- Gait speed (Fritz & Lusardi 2009 bands; instruments_billing.md §3) -------------------
def test_gait_speed_six_metres_in_7_5_s_is_0_80_limited_community() -> None:
    s = score("gait_speed", {"distance_m": 6, "time_s": 7.5})
    assert s.total == pytest.approx(0.80)
    assert s.band == "limited community ambulator"  # exactly 0.80 is not > 0.8


@pytest.mark.parametrize(("time_s", "band"), [
    (25.0, "limited community ambulator"),   # 0.40 m/s: the lower edge is limited
    (26.0, "household ambulator"),           # 0.385 m/s
    (12.5, "limited community ambulator"),   # 0.80 m/s: the upper edge is still limited
    (12.4, "community ambulator"),           # 0.806 m/s
])
def test_gait_speed_bands_and_edges(time_s: float, band: str) -> None:
    """Perry 1995 via Fritz & Lusardi 2009: <0.4 household, 0.4-0.8 limited, >0.8 community."""
    assert score("gait_speed", {"distance_m": 10, "time_s": time_s}).band == band


def test_gait_speed_fast_flag_and_pace_option() -> None:
    s = score("gait_speed", {"distance_m": 10, "time_s": 8.0, "pace": "fast"})
    assert s.total == 1.25 and any("cross streets" in f for f in s.flags)
    with pytest.raises(ValueError, match="pace"):
        score("gait_speed", {"distance_m": 10, "time_s": 8.0, "pace": "jog"})


# ---- TUG (CDC STEADI >= 12 s; Shumway-Cook 2000 >= 13.5 s) --------------------------------
@pytest.mark.parametrize(("t", "band"), [(11.9, "not at increased fall risk"),
                                         (12.0, "at risk for falling"),
                                         (13.4, "at risk for falling"),
                                         (13.5, "high fall risk")])
def test_tug_fall_risk_cutoffs(t: float, band: str) -> None:
    assert score("tug", {"time_s": t}).band == band


def test_five_times_sit_to_stand_cutoffs() -> None:
    assert score("5xsts", {"time_s": 11.9}).band == "not at increased fall risk"
    assert score("5xsts", {"time_s": 12}).band == "increased fall risk"
    assert score("5xsts", {"time_s": 15}).band == "high fall risk (recurrent falls)"


# ---- PSFS (Stratford 1995: mean of the activity ratings) ----------------------------------
def test_psfs_is_the_mean_of_rated_activities() -> None:
    assert score("psfs", [3, 5, 7]).total == 5.0
    assert score("psfs", [2, 3]).total == 2.5
    assert score("psfs", [4, None, 6]).total == 5.0
    assert score("psfs", [10]).total == 10.0


# ---- Hand-derived cases for every questionnaire -------------------------------------------
@pytest.mark.parametrize(("key", "n", "top", "total_max"), [
    ("qbpds", 20, 5, 100), ("pcs", 13, 4, 52), ("fabq", 16, 6, 96), ("phq9", 9, 3, 27)])
def test_all_minimum_and_all_maximum(key: str, n: int, top: int, total_max: int) -> None:
    assert score(key, [0] * n).total == 0
    assert score(key, [top] * n).total == total_max


def test_qbpds_sum_and_one_skipped_item_prorated() -> None:
    assert score("qbpds", [1] * 10 + [2] * 10).total == 30
    # 19 answered items of 2 -> mean 2 x 20 = 40
    assert score("qbpds", [2] * 19 + [None]).total == 40


def test_pcs_subscales_follow_the_manual() -> None:
    """Sullivan 1995: helplessness 1-5,12; rumination 8-11; magnification 6,7,13."""
    items = [0] * 13
    for i in (8, 9, 10, 11):
        items[i - 1] = 4
    items[5] = 3  # item 6 -> magnification
    s = score("pcs", items)
    assert s.subscales == {"helplessness": 0, "rumination": 16, "magnification": 3}
    assert s.total == 19 and s.band == "below the clinical threshold"
    assert score("pcs", [3] * 10 + [0] * 3).band == "clinically relevant catastrophizing"


def test_pcs_one_skipped_item_prorates_total_and_its_subscale() -> None:
    s = score("pcs", [2] * 12 + [None])
    assert s.total == 26 and s.subscales["magnification"] == 6


def test_fabq_subscales_waddell_1993() -> None:
    """FABQ-PA = items 2-5; FABQ-W = items 6, 7, 9, 10, 11, 12, 15."""
    items = list(range(16))
    items = [min(6, i % 7) for i in items]  # 0,1,2,3,4,5,6,0,1,2,3,4,5,6,0,1
    s = score("fabq", items)
    assert s.subscales["physical_activity"] == 1 + 2 + 3 + 4
    assert s.subscales["work"] == 5 + 6 + 1 + 2 + 3 + 4 + 0
    assert s.total == sum(items)


def test_fabq_elevated_subscale_flags() -> None:
    items = [0] + [4] * 4 + [5] * 11
    s = score("fabq", items)
    assert any("physical activity > 15" in f for f in s.flags)
    assert any("work > 34" in f for f in s.flags)


@pytest.mark.parametrize(("total", "band"), [(4, "minimal"), (5, "mild"), (9, "mild"),
                                             (10, "moderate"), (15, "moderately severe"),
                                             (20, "severe"), (27, "severe")])
def test_phq9_bands_kroenke_2001(total: int, band: str) -> None:
    items = [3] * (total // 3) + [total % 3] + [0] * 9
    items = items[:8] + [0]
    if sum(items) < total:
        items[8] = total - sum(items)
    assert score("phq9", items).band == band


def test_phq9_any_nonzero_item_9_raises_a_safety_flag() -> None:
    assert score("phq9", [0] * 8 + [1]).flags
    assert score("phq9", [3] * 8 + [0]).flags == []
    with pytest.raises(ValueError, match="item 9"):
        score("phq9", [0] * 8 + [None])


def test_nprs_and_groc_single_numbers() -> None:
    assert score("nprs", 7).total == 7.0 and score("nprs", 7).band == "severe pain"
    assert score("nprs_back", 0).band == "no pain"
    assert score("groc", -7).band == "large worsening"
    assert score("groc", 0).band == "about the same"
    assert score("groc", 4).band == "moderate improvement"


def test_performance_tests_return_their_measure() -> None:
    assert score("6mwt", {"distance_m": 451}).total == 451
    assert score("30s_chair_stand", {"count": 0}).total == 0
    assert score("30s_chair_stand", {"count": 12}).total == 12


# ---- Bad input: always a ValueError that names the item -----------------------------------
@pytest.mark.parametrize(("key", "answers", "needle"), [
    ("qbpds", [0] * 19 + [6], "item 20"),
    ("qbpds", [0] * 19, "expected 20 items"),
    ("qbpds", [None] * 3 + [0] * 17, "too many skipped"),
    ("qbpds", [2.5] + [0] * 19, "item 1"),
    ("qbpds", ["3"] + [0] * 19, "item 1"),
    ("qbpds", [True] + [0] * 19, "item 1"),
    ("qbpds", [float("nan")] + [0] * 19, "item 1"),
    ("qbpds", "12345", "list"),
    ("odi", [0] * 9 + [-1], "item 10"),
    ("odi", [None, None] + [0] * 8, "too many skipped"),
    ("pcs", [0] * 12 + [5], "item 13"),
    ("fabq", [7] + [0] * 15, "item 1"),
    ("phq9", [4] + [0] * 8, "item 1"),
    ("psfs", [11], "activity 1"),
    ("psfs", [1, 2, 3, 4, 5, 6], "1–5 activities"),
    ("psfs", [None], "at least one"),
    ("nprs", 11, "0–10"),
    ("nprs", -1, "0–10"),
    ("nprs", 2.5, "whole number"),
    ("groc", 8, "-7–7"),
    ("gait_speed", {"distance_m": 10, "time_s": 0}, "time_s"),
    ("gait_speed", {"distance_m": 10, "time_s": -3}, "time_s"),
    ("gait_speed", {"distance_m": 10}, "time_s: missing"),
    ("gait_speed", {"distance_m": 10, "time_s": 8, "speed": 1}, "unknown field"),
    ("gait_speed", [10, 8], "dict"),
    ("tug", {"time_s": 0}, "time_s"),
    ("tug", {"time_s": float("inf")}, "time_s"),
    ("5xsts", {"time_s": -1}, "time_s"),
    ("6mwt", {"distance_m": 0}, "distance_m"),
    ("30s_chair_stand", {"count": 10.5}, "count"),
    ("30s_chair_stand", {"count": -1}, "count"),
    ("nope", [1], "unknown instrument"),
])
def test_bad_answers_raise_value_error_naming_the_item(key: str, answers: object,
                                                       needle: str) -> None:
    with pytest.raises(ValueError, match=needle):
        score(key, answers)


def test_every_instrument_names_its_sources() -> None:
    for inst in list_instruments():
        assert inst.source
        assert inst.mic.source
        if inst.bands:
            assert inst.bands_source


@given(st.lists(st.integers(0, 5), min_size=20, max_size=20))
def test_qbpds_total_is_the_item_sum(items: list[int]) -> None:
    assert score("qbpds", items).total == sum(items)


@given(st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=10, max_size=10))
def test_odi_percent_is_always_between_0_and_100_or_refused(items: list[int | None]) -> None:
    try:
        total = score("odi", items).total
    except ValueError as exc:
        assert "skipped" in str(exc)
        return
    assert 0 <= total <= 100 and math.isfinite(total)
