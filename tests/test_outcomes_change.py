"""change(): direction-aware improvement and the minimal important change (MIC).

Thresholds and their sources: instruments_billing.md §1-§9, mash_program.md §5.2.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mash_desktop.outcomes import (
    Change,
    Threshold,
    change,
    format_change,
    format_value,
    judgement,
    score,
    verdict,
)


# ---- Lower is better ----------------------------------------------------------------------
def test_qbpds_falls_by_the_mic_of_6_points() -> None:
    """QBPDS MIC 6 points (Monticone et al., Eur J Phys Rehabil Med 2022)."""
    c = change("qbpds", 28, 22)
    assert c == Change(-6.0, pytest.approx(-600 / 28), True, True, c.threshold)
    assert c.threshold.value == 6 and c.threshold.unit == "points"
    assert "Monticone" in c.threshold.source
    assert str(c.threshold) == "6 points (Monticone 2022)"
    small = change("qbpds", 28, 23)
    assert small.improved and not small.meaningful


def test_qbpds_worsening_is_never_meaningful() -> None:
    """'meaningful' is only claimed for an improvement (MASH registry means, §6.3)."""
    worse = change("qbpds", 20, 30)
    assert worse.delta == 10 and worse.percent == 50
    assert not worse.improved and not worse.meaningful


def test_qbpds_mash_registry_means_reach_the_mic() -> None:
    """mash_program.md §6.3: 27.9 → 16.7 (hip arm, 8 weeks) is more than 6 points."""
    c = change("qbpds", 27.9, 16.7)
    assert c.improved and c.meaningful and c.delta == pytest.approx(-11.2)


def test_tug_judges_with_the_older_adult_detectable_change_and_says_so() -> None:
    """TUG: no MIC for older adults with LBP; the smallest detectable change measured in
    community-dwelling adults aged 50+ (Donoghue 2019, 2.08 s) judges, named as such."""
    c = change("tug", 10.7, 8.6)
    assert c.improved and c.meaningful and c.threshold.kind == "sdc"
    assert c.threshold.describe("TUG").startswith(
        "smallest detectable change (TUG, community-dwelling adults aged 50+): 2.08 s")
    assert not change("tug", 9.73, 8.92).meaningful  # MASH hip arm 8 wk: 0.81 s
    slower = change("tug", 9.0, 11.5)
    assert slower.worsened and slower.meaningful_worsening and slower.delta == 2.5
    assert change("tug", 9.0, 10.1, threshold="mdc_knee_oa").meaningful_worsening


def test_nprs_two_point_rule() -> None:
    """Childs 2005 / Ostelo 2008: 2 points. 8 → 6 counts (only 25%); 3 → 2 does not (33%)."""
    assert change("nprs", 8, 6).meaningful
    assert not change("nprs", 3, 2).meaningful
    assert change("nprs_back", 6, 3).meaningful and change("nprs_hip", 5, 3).meaningful
    assert not change("nprs", 2, 4).improved


def test_odi_and_modified_odi_use_their_own_mics() -> None:
    """ODI 10 points (Ostelo 2008); modified ODI 6 points (Fritz & Irrgang 2001)."""
    assert not change("odi", 36, 28).meaningful
    assert change("odi", 36, 26).meaningful
    assert change("modified_odi", 36, 30).meaningful
    assert not change("modified_odi", 36, 31).meaningful
    assert "Fritz" in change("modified_odi", 36, 30).threshold.source


def test_phq9_five_points() -> None:
    """Löwe 2004: 5 points."""
    assert change("phq9", 12, 7).meaningful and not change("phq9", 12, 8).meaningful


# ---- Higher is better ---------------------------------------------------------------------
def test_gait_speed_small_meaningful_change_despite_float_noise() -> None:
    """Perera 2006: 0.05 m/s. 1.20 − 1.15 is 0.04999… in binary and must still count."""
    c = change("gait_speed", 1.15, 1.20)
    assert c.improved and c.meaningful and c.delta == pytest.approx(0.05)
    assert str(c.threshold) == "0.05 m/s (Perera 2006)"
    assert not change("gait_speed", 1.15, 1.19).meaningful
    down = change("gait_speed", 1.20, 1.10)
    assert not down.improved and not down.meaningful and down.delta == pytest.approx(-0.1)


def test_gait_speed_substantial_threshold_on_request() -> None:
    """Perera 2006: substantial change 0.10 m/s."""
    c = change("gait_speed", 1.12, 1.20, threshold="substantial")
    assert c.improved and not c.meaningful and c.threshold.value == 0.1
    assert change("gait_speed", 1.10, 1.20, threshold="substantial").meaningful


def test_6mwt_chair_stand_psfs_groc() -> None:
    """6MWT 20 m (Perera 2006); chair stand 2 [U]; PSFS 2 (Stratford); GROC 3 [U]."""
    assert change("6mwt", 451.0, 489.0).meaningful            # MASH hip arm, +38 m
    assert not change("6mwt", 451.9, 468.2).meaningful        # spine arm, +16 m
    assert change("30s_chair_stand", 10, 12).meaningful
    assert not change("30s_chair_stand", 10, 11).meaningful
    assert change("psfs", 3, 5).meaningful and not change("psfs", 3, 4).meaningful
    assert not change("psfs", 5, 3).improved
    assert change("groc", 0, 3).meaningful and change("groc", -2, 1).delta == 3
    assert not change("groc", 3, -1).improved


def test_from_scores() -> None:
    """Scores compare directly: ODI-A (36) to all-ones (20) is −16, beyond 10 points."""
    before = score("odi", [2, 1, 2, 1, 2, 2, 1, 2, 3, 2])
    after = score("odi", [1] * 10)
    c = change("odi", before, after)
    assert c.delta == -16 and c.improved and c.meaningful
    gait = change("gait_speed", score("gait_speed", {"distance_m": 6, "time_s": 7.5}),
                  score("gait_speed", {"distance_m": 6, "time_s": 7.0}))
    assert gait.improved and gait.meaningful  # 0.80 → 0.857 m/s
    back = change("nprs_back", score("nprs_back", 7), score("nprs", 4))
    assert back.meaningful


# ---- Edges ---------------------------------------------------------------------------------
def test_no_change_is_not_an_improvement() -> None:
    for key, value in (("6mwt", 450), ("qbpds", 30), ("nprs", 0), ("groc", 0)):
        c = change(key, value, value)
        assert c.delta == 0 and not c.improved and not c.meaningful


def test_percent_is_relative_to_before_and_none_from_zero() -> None:
    assert change("qbpds", 40, 30).percent == -25
    assert change("6mwt", 400, 500).percent == 25
    assert change("nprs", 0, 3).percent is None
    assert change("groc", -2, 1).percent == 150  # relative to |before|


def test_percent_thresholds_are_direction_aware() -> None:
    """QBPDS 18% (Monticone 2022); PCS default 38% reduction (Scott 2014 [U])."""
    assert change("qbpds", 50, 41, threshold="mic_percent").meaningful   # 18% exactly
    assert not change("qbpds", 50, 42, threshold="mic_percent").meaningful
    assert not change("qbpds", 41, 50, threshold="mic_percent").meaningful
    assert change("pcs", 20, 12).meaningful and not change("pcs", 20, 13).meaningful
    assert not change("pcs", 0, 0).meaningful
    nprs30 = change("nprs", 3, 2, threshold="mic_percent")  # Farrar 2001: 30%
    assert nprs30.meaningful and str(nprs30.threshold) == "30% (Farrar 2001)"
    custom = Threshold(5, "percent", "local policy")
    assert change("6mwt", 400, 420, threshold=custom).meaningful


def test_instrument_without_a_mic_never_claims_meaningful() -> None:
    """FABQ: no published MIC in our sources, so change is reported without a verdict."""
    c = change("fabq", 60, 20)
    assert c.improved and not c.meaningful and c.threshold.value is None
    assert str(c.threshold) == c.threshold.source


def test_bad_values_raise() -> None:
    with pytest.raises(ValueError, match="nprs before: 11 is outside 0–10"):
        change("nprs", 11, 5)
    with pytest.raises(ValueError, match="qbpds after"):
        change("qbpds", 10, float("nan"))
    with pytest.raises(ValueError, match="qbpds before"):
        change("qbpds", True, 10)
    with pytest.raises(ValueError, match="qbpds after"):
        change("qbpds", 10, "12")
    with pytest.raises(ValueError, match="gait_speed before"):
        change("gait_speed", -0.5, 1.0)
    with pytest.raises(ValueError, match="unknown instrument"):
        change("xyz", 1, 2)
    with pytest.raises(ValueError, match="cannot be compared"):
        change("qbpds", score("nprs", 5), 3)
    with pytest.raises(ValueError, match="unknown threshold"):
        change("qbpds", 30, 20, threshold="nope")


# ---- Display rounding -----------------------------------------------------------------------
@pytest.mark.parametrize(("x", "shown"), [(1600 / 45, "35.6"), (0.05, "0.1"), (2.25, "2.3"),
                                          (2.35, "2.4"), (0.15, "0.2"), (-1.25, "-1.3"),
                                          (-0.04, "0.0"), (7, "7.0"), (36.0, "36.0"),
                                          (99.95, "100.0"), (None, "—")])
def test_display_is_one_decimal_half_up(x: float | None, shown: str) -> None:
    """Store exact, display one decimal half-up (instruments_billing.md §1 rounding trap)."""
    assert format_value(x) == shown


def test_display_refuses_non_numbers() -> None:
    for bad in (float("nan"), float("inf"), True, "3.5"):
        with pytest.raises(ValueError):
            format_value(bad)  # type: ignore[arg-type]


# ---- Properties ------------------------------------------------------------------------------
@given(st.integers(0, 100), st.integers(0, 100))
def test_qbpds_meaningful_iff_drop_of_six(before: int, after: int) -> None:
    c = change("qbpds", before, after)
    assert c.delta == after - before
    assert c.improved == (after < before)
    assert c.meaningful == (before - after >= 6)


@given(st.integers(100, 130), st.integers(100, 130))
def test_gait_speed_hundredths_meet_the_mic_exactly(before: int, after: int) -> None:
    """Speeds typed to 0.01 m/s: a rise of 5 hundredths is always meaningful."""
    c = change("gait_speed", before / 100, after / 100)
    assert c.meaningful == (after - before >= 5)
    assert c.improved == (after > before)


# ---- Worsening, in both directions -------------------------------------------------------------
@pytest.mark.parametrize(("key", "before", "after", "worse", "meaningful"), [
    ("qbpds", 32, 38, True, True), ("qbpds", 32, 37, True, False), ("qbpds", 32, 25, False, False),
    ("gait_speed", 1.14, 0.82, True, True), ("gait_speed", 1.14, 1.10, True, False),
    ("6mwt", 450, 420, True, True), ("6mwt", 450, 440, True, False),
    ("nprs_back", 4, 6, True, True), ("nprs_back", 4, 5, True, False),
    ("odi", 30, 40, True, True), ("psfs", 5, 3.5, True, True), ("phq9", 4, 9, True, True),
    ("tug", 9.0, 11.1, True, True), ("tug", 9.0, 11.0, True, False),
    ("qbpds", 40, 40, False, False), ("gait_speed", 0.9, 0.95, False, False)])
def test_worsening_is_flagged_for_every_direction(key: str, before: float, after: float,
                                                  worse: bool, meaningful: bool) -> None:
    """A decline of at least the threshold, lower- or higher-is-better, is meaningful
    worsening; an improvement never is (issue 12: 1.14 → 0.82 m/s was printed "No")."""
    c = change(key, before, after)
    assert c.worsened is worse and c.meaningful_worsening is meaningful
    assert not (c.worsened and c.improved)
    assert not (c.meaningful_worsening and c.meaningful)


def test_percent_threshold_flags_worsening_too() -> None:
    assert change("qbpds", 50, 59, threshold="mic_percent").meaningful_worsening   # +18%
    assert not change("qbpds", 50, 58, threshold="mic_percent").meaningful_worsening


def test_printed_change_equals_printed_after_minus_printed_before() -> None:
    """1.61 → 1.83 m/s at display precision is +0.22, never +0.23 (issue 12)."""
    c = change("gait_speed", 1.6149, 1.8351)
    assert (format_value(c.before, 2), format_value(c.after, 2)) == ("1.61", "1.84")
    assert format_value(c.delta, 2) == "0.23"
    c = change("gait_speed", 1.614, 1.834)
    assert format_value(c.delta, 2) == "0.22"
    assert format_change("gait_speed", c, "m/s") == "+0.22 m/s (+13.7%)"
    assert format_change("qbpds", change("qbpds", 32, 25), "points") == "−7.0 points (−21.9%)"


def test_one_wording_names_the_threshold_kind() -> None:
    assert judgement(change("qbpds", 32, 25)) == \
        "Meaningful improvement (at least the minimal important change)"
    assert judgement(change("gait_speed", 1.14, 0.82)) == \
        "MEANINGFUL WORSENING (declined by at least the minimal important change)"
    assert judgement(change("tug", 9.0, 12.0)) == "WORSE by at least the smallest detectable change"
    assert judgement(change("qbpds", 32, 30)) == \
        "Improved, by less than the minimal important change"
    assert judgement(change("qbpds", 32, 32)) == "No change"
    assert judgement(change("fabq", 60, 20)) == "Improved (not judged: no published threshold)"


def test_unverified_thresholds_never_judge_a_signed_document() -> None:
    """Fast-pace gait speed borrows a usual-pace threshold: shown marked on screen, never a
    verdict in a signed document; the same for the 30 s chair stand's unread number."""
    fast = change("gait_speed_fast", 1.50, 1.60)
    assert fast.meaningful and not fast.threshold.verified
    assert verdict(fast) == "meaningful_improvement"
    assert verdict(fast, signed_document=True) == "improved"
    assert judgement(fast, signed_document=True) == \
        "Improved (not judged: threshold not verified)"
    assert "not verified" in fast.threshold.describe("Gait speed (fast)")
    chair = change("30s_chair_stand", 12, 9)
    assert judgement(chair, signed_document=True) == "Worse (not judged: threshold not verified)"


def test_fast_pace_gait_has_no_usual_pace_bands_or_street_crossing_flag() -> None:
    s = score("gait_speed_fast", {"distance_m": 10, "time_s": 6.0})
    assert s.band in (None, "") and not s.flags
    usual = score("gait_speed", {"distance_m": 10, "time_s": 6.0})
    assert usual.band == "community ambulator" and "can safely cross streets" in usual.flags
