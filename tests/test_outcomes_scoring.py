"""score(): every instrument against published worked examples and hand-derived cases.

Sources are cited per test; the summaries are in shared/domain/instruments_billing.md
(§1–§9, §13) and mash_program.md (§5).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mash_desktop.outcomes import (
    Score,
    Threshold,
    format_value,
    get_instrument,
    list_instruments,
    score,
)

REQUIRED = ["qbpds", "gait_speed", "6mwt", "30s_chair_stand", "tug", "5xsts", "nprs",
            "nprs_back", "nprs_hip", "odi", "modified_odi", "psfs", "pcs", "fabq", "phq9",
            "groc"]


# ---- ODI (Fairbank & Pynsent 2000; FHIR SDC examples; ODI scoring sheet; §13) ------------
@pytest.mark.parametrize(("items", "total", "band"), [
    ([2, 1, 2, 1, 2, 2, 1, 2, 3, 2], 36.0, "moderate disability"),  # ODI-A, SDC Example1
    ([1, 1, 2, 1, 2, 2, 1, 2, 2, 2], 32.0, "moderate disability"),  # ODI-B, SDC Example2
    ([2, 1, 2, 1, 2, 2, 1, 2, 2, 2], 34.0, "moderate disability"),  # ODI-C, SDC Example3
    ([0] * 10, 0.0, "minimal disability"),                          # ODI-F, all minimum
    ([5] * 10, 100.0, "bed-bound or exaggerating symptoms"),        # ODI-F, all maximum
])
def test_odi_published_examples(items: list[int], total: float, band: str) -> None:
    """§13 vectors: percent = raw / 50 x 100; Fairbank & Pynsent 2000 bands."""
    s = score("odi", items)
    assert s.total == total and s.band == band
    assert s.instrument == "odi" and s.version == "ODI 2.1a"


def test_odi_d_sixteen_of_fifty_is_32() -> None:
    """ODI-D, ODI scoring sheet: 16/50 x 100 = 32%, moderate."""
    s = score("odi", [3, 3, 2, 2, 2, 1, 1, 1, 1, 0])
    assert s.total == 32.0 and s.band == "moderate disability"


def test_odi_e_skipped_section_reduces_the_denominator() -> None:
    """ODI-E, ODI scoring sheet: 16/45 = 35.555…% with one section missed.

    The sheet prints a truncated "35.5"; we store the exact value and display half-up.
    """
    s = score("odi", [2, 2, 2, 2, 2, 2, 2, 1, 1, None])
    assert s.total == pytest.approx(1600 / 45)
    assert format_value(s.total) == "35.6"
    assert s.band == "moderate disability"


def test_odi_exact_percent_without_float_noise() -> None:
    """14/50 is 28 exactly (0.28 x 100 would be 28.000000000000004)."""
    assert score("odi", [2, 2, 2, 2, 2, 2, 2, 0, 0, 0]).total == 28.0


@pytest.mark.parametrize(("raw", "band"), [(10, "minimal disability"),
                                           (11, "moderate disability"),
                                           (20, "moderate disability"),
                                           (21, "severe disability"),
                                           (30, "severe disability"), (31, "crippled"),
                                           (40, "crippled"),
                                           (41, "bed-bound or exaggerating symptoms")])
def test_odi_band_edges(raw: int, band: str) -> None:
    """Fairbank & Pynsent 2000: <=20, <=40, <=60, <=80, else (percent = raw x 2)."""
    items = ([5] * (raw // 5) + [raw % 5] + [0] * 10)[:10]
    assert score("odi", items).band == band


def test_odi_more_than_one_skipped_section_is_refused() -> None:
    """Product rule (awell-score precedent, instruments_billing.md §1 [U])."""
    with pytest.raises(ValueError, match="too many skipped"):
        score("odi", [None, None] + [1] * 8)


def test_modified_odi_scores_like_odi_with_its_own_sections() -> None:
    """Fritz & Irrgang 2001: same 10 x (0-5) percent scoring; no sex-life section."""
    assert score("modified_odi", [2, 1, 2, 1, 2, 2, 1, 2, 3, 2]).total == 36.0
    s = score("modified_odi", [2, 2, 2, 2, 2, 2, 2, 1, 1, None])
    assert s.total == pytest.approx(1600 / 45) and s.band == "moderate disability"
    inst = get_instrument("modified_odi")
    assert "sex life" not in inst.items and inst.items[-1] == "employment / homemaking"


# ---- QBPDS (Kopec 1995; MASH primary outcome) --------------------------------------------
def test_qbpds_sum_min_max_and_mash_baseline() -> None:
    """Kopec 1995: 20 items 0-5 summed to 0-100; MASH baseline mean ≈ 28 (registry §6.3)."""
    assert score("qbpds", [0] * 20).total == 0
    assert score("qbpds", [5] * 20).total == 100
    s = score("qbpds", [1] * 12 + [2] * 8)
    assert s.total == 28 and s.band is None and s.subscales == {} and s.flags == []


def test_qbpds_skipped_items_are_prorated() -> None:
    """Product rule: up to 2 skipped, total = mean of answered x 20."""
    assert score("qbpds", [2] * 19 + [None]).total == 40
    s = score("qbpds", [None, None] + [1] * 9 + [2] * 9)
    assert s.total == pytest.approx(27 / 18 * 20)
    assert score("qbpds", [1] * 18 + [2, None]).total == pytest.approx(20 / 19 * 20)


def test_qbpds_error_message_names_the_item() -> None:
    """The issue's example message: "qbpds item 7: 6 is outside 0–5"."""
    items = [0] * 20
    items[6] = 6
    with pytest.raises(ValueError, match="^qbpds item 7: 6 is outside 0–5"):
        score("qbpds", items)


# ---- Gait speed (Perry 1995 / Fritz & Lusardi 2009; Perera 2006) -------------------------
def test_gait_speed_six_metres_in_7_5_s_is_0_80_limited_community() -> None:
    """§3: 6 m in 7.5 s = 0.80 m/s; exactly 0.80 is limited community (not > 0.8)."""
    s = score("gait_speed", {"distance_m": 6, "time_s": 7.5})
    assert s.total == pytest.approx(0.80)
    assert s.band == "limited community ambulator"
    assert s.flags == []


@pytest.mark.parametrize(("distance", "time_s", "band"), [
    (10, 25.0, "limited community ambulator"),   # 0.40 m/s: the lower edge is limited
    (10, 26.0, "household ambulator"),           # 0.385 m/s
    (4, 10.0, "limited community ambulator"),    # 0.40 m/s (4 m protocol)
    (10, 12.5, "limited community ambulator"),   # 0.80 m/s: the upper edge is limited
    (10, 12.4, "community ambulator"),           # 0.806 m/s
    (10, 8.93, "community ambulator"),           # 1.12 m/s, MASH baseline mean
])
def test_gait_speed_bands_and_edges(distance: float, time_s: float, band: str) -> None:
    """Perry 1995 via Fritz & Lusardi 2009: <0.4 household, 0.4-0.8 limited, >0.8 community."""
    s = score("gait_speed", {"distance_m": distance, "time_s": time_s})
    assert s.total == pytest.approx(distance / time_s) and s.band == band


def test_gait_speed_street_crossing_flag_and_pace() -> None:
    """Fritz & Lusardi 2009: >= 1.2 m/s "can safely cross streets"."""
    assert "can safely cross streets" in score("gait_speed", {"distance_m": 6,
                                                              "time_s": 5}).flags  # 1.2
    assert score("gait_speed", {"distance_m": 6, "time_s": 5.1}).flags == []
    fast = score("gait_speed", {"distance_m": 10, "time_s": 8.0, "pace": "fast"})
    assert fast.total == 1.25
    assert score("gait_speed", {"distance_m": 10, "time_s": 8.0, "pace": "usual"}).total == 1.25
    assert score("gait_speed_fast", {"distance_m": 10, "time_s": 8.0}).total == 1.25


# ---- Other performance tests --------------------------------------------------------------
@pytest.mark.parametrize(("t", "band"), [(8.0, "not at increased fall risk"),
                                         (11.9, "not at increased fall risk"),
                                         (12.0, "at risk for falling"),
                                         (13.4, "at risk for falling"),
                                         (13.5, "high fall risk"),
                                         (20.0, "high fall risk")])
def test_tug_fall_risk_cutoffs(t: float, band: str) -> None:
    """CDC STEADI: >= 12 s at risk for falling; Shumway-Cook 2000: >= 13.5 s high risk."""
    s = score("tug", {"time_s": t})
    assert s.total == t and s.band == band


@pytest.mark.parametrize(("t", "band"), [(9.0, "lower fall risk"), (11.99, "lower fall risk"),
                                         (12.0, "increased fall risk"),
                                         (16.0, "increased fall risk")])
def test_five_times_sit_to_stand_cutoff(t: float, band: str) -> None:
    """Lusardi 2017 / Tiedemann 2008: >= 12 s increased fall risk."""
    assert score("5xsts", {"time_s": t}).band == band


def test_6mwt_and_chair_stand_return_their_measure() -> None:
    """ATS 2002: metres in 6 min; Jones 1999: full stands in 30 s (MASH means §6.3)."""
    assert score("6mwt", {"distance_m": 451}).total == 451.0
    assert score("6mwt", {"distance_m": 451.5}).band is None
    assert score("30s_chair_stand", {"count": 0}).total == 0.0
    assert score("30s_chair_stand", {"count": 10}).total == 10.0
    assert score("30s_chair_stand", {"count": 12.0}).total == 12.0


# ---- PSFS (Stratford 1995: mean of the activity ratings) ----------------------------------
@pytest.mark.parametrize(("ratings", "mean"), [([3, 5, 7], 5.0), ([2, 3], 2.5), ([10], 10.0),
                                               ([0, 0, 0, 0, 0], 0.0), ([4, 5, 5], 14 / 3)])
def test_psfs_is_the_mean_of_rated_activities(ratings: list[int], mean: float) -> None:
    """Stratford et al. 1995: score = sum of activity scores / number of activities."""
    assert score("psfs", ratings).total == pytest.approx(mean)


# ---- PCS (Sullivan 1995; PCS manual) -----------------------------------------------------
def test_pcs_min_max_and_each_subscale() -> None:
    """Helplessness 1-5,12 (0-24); rumination 8-11 (0-16); magnification 6,7,13 (0-12)."""
    assert score("pcs", [0] * 13).subscales == {"helplessness": 0, "rumination": 0,
                                                "magnification": 0}
    top = score("pcs", [4] * 13)
    assert top.total == 52
    assert top.subscales == {"helplessness": 24, "rumination": 16, "magnification": 12}
    for name, idx in {"helplessness": [1, 2, 3, 4, 5, 12], "rumination": [8, 9, 10, 11],
                      "magnification": [6, 7, 13]}.items():
        items = [4 if i in idx else 0 for i in range(1, 14)]
        s = score("pcs", items)
        assert s.subscales[name] == 4 * len(idx) and s.total == 4 * len(idx)
        assert sum(s.subscales.values()) == s.total


def test_pcs_clinically_relevant_flag_at_30() -> None:
    """PCS manual (Sullivan 2009): total >= 30 is clinically relevant catastrophizing."""
    assert score("pcs", [3] * 10 + [0, 0, 0]).flags == ["clinically relevant catastrophizing"]
    assert score("pcs", [3] * 9 + [2, 0, 0, 0]).flags == []  # 29


def test_pcs_refuses_a_skipped_item() -> None:
    """Product rule: every PCS item must be answered."""
    with pytest.raises(ValueError, match="pcs item 13: skipped"):
        score("pcs", [2] * 12 + [None])


# ---- FABQ (Waddell 1993; Fritz & George 2002) ---------------------------------------------
def test_fabq_subscales_and_total() -> None:
    """FABQ-PA = items 2-5; FABQ-W = items 6, 7, 9, 10, 11, 12, 15; total = all 16."""
    items = [i % 7 for i in range(16)]  # 0,1,2,3,4,5,6,0,1,2,3,4,5,6,0,1
    s = score("fabq", items)
    assert s.subscales["physical_activity"] == 1 + 2 + 3 + 4
    assert s.subscales["work"] == 5 + 6 + 1 + 2 + 3 + 4 + 0
    assert s.total == sum(items) == 43
    top = score("fabq", [6] * 16)
    assert top.total == 96 and top.subscales == {"physical_activity": 24, "work": 42}


def test_fabq_elevated_flags_are_strictly_above_the_cutoffs() -> None:
    """Fritz & George 2002: FABQ-PA > 15 and FABQ-W > 34 are elevated."""
    pa15 = [0, 4, 4, 4, 3] + [0] * 11
    assert score("fabq", pa15).flags == []
    pa16 = [0, 4, 4, 4, 4] + [0] * 11
    assert [f for f in score("fabq", pa16).flags if "FABQ-PA" in f]
    work = [0] * 16
    for i, v in zip([6, 7, 9, 10, 11, 12, 15], [5, 5, 5, 5, 5, 5, 4], strict=True):
        work[i - 1] = v
    assert score("fabq", work).subscales["work"] == 34 and score("fabq", work).flags == []
    work[14] = 5
    flags = score("fabq", work).flags
    assert len(flags) == 1 and "FABQ-W" in flags[0] and "elevated" in flags[0]


# ---- PHQ-9 (Kroenke 2001) -----------------------------------------------------------------
@pytest.mark.parametrize(("total", "band"), [(0, "minimal"), (4, "minimal"), (5, "mild"),
                                             (9, "mild"), (10, "moderate"), (14, "moderate"),
                                             (15, "moderately severe"),
                                             (19, "moderately severe"), (20, "severe"),
                                             (27, "severe")])
def test_phq9_bands_kroenke_2001(total: int, band: str) -> None:
    """Kroenke 2001: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 mod. severe, 20-27 severe."""
    items = ([3] * (total // 3) + [total % 3] + [0] * 9)[:9]
    s = score("phq9", items)
    assert s.total == total and s.band == band


def test_phq9_any_nonzero_item_9_raises_a_safety_flag() -> None:
    """PHQ-9 guides: a non-zero item 9 needs follow-up whatever the total."""
    flag = "PHQ-9 item 9 positive: follow up on self-harm risk today"
    assert score("phq9", [0] * 8 + [1]).flags == [flag]
    assert score("phq9", [0] * 8 + [3]).flags == [flag]
    assert score("phq9", [3] * 8 + [0]).flags == []


def test_phq9_refuses_skipped_items_and_names_item_9() -> None:
    """Product rule: no skipped items; item 9 above all (it screens for self-harm)."""
    with pytest.raises(ValueError, match="phq9 item 9"):
        score("phq9", [0] * 8 + [None])
    with pytest.raises(ValueError, match="phq9 item 1"):
        score("phq9", [None] + [0] * 8)


# ---- NPRS and GROC -------------------------------------------------------------------------
def test_nprs_aliases_score_identically() -> None:
    """Farrar 2001: 0-10; back and hip are stored separately under their own keys."""
    for key in ("nprs", "nprs_back", "nprs_hip"):
        assert score(key, 0).total == 0.0 and score(key, 10).total == 10.0
        assert score(key, 9).band is None  # no verified severity cut-points (see the JSON)
        assert score(key, 6) == Score(6.0, {}, score("nprs", 6).band, [], key,
                                      get_instrument(key).version)


@pytest.mark.parametrize(("rating", "band"), [(-7, "large worsening"), (-6, "large worsening"),
                                              (-5, "moderate worsening"),
                                              (-4, "moderate worsening"),
                                              (-3, "small worsening"), (-1, "small worsening"),
                                              (0, "about the same"), (1, "small improvement"),
                                              (3, "small improvement"),
                                              (4, "moderate improvement"),
                                              (5, "moderate improvement"),
                                              (6, "large improvement"),
                                              (7, "large improvement")])
def test_groc_bands_jaeschke(rating: int, band: str) -> None:
    """Jaeschke 1989 as commonly cited [U]: ±1-3 small, ±4-5 moderate, ±6-7 large."""
    s = score("groc", rating)
    assert s.total == rating and s.band == band


# ---- Bad input: always a ValueError that names the item or field --------------------------
NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize(("key", "answers", "needle"), [
    ("qbpds", [0] * 19 + [6], "qbpds item 20: 6 is outside 0–5"),
    ("qbpds", [0] * 19, "expected 20 items, got 19"),
    ("qbpds", [0] * 21, "expected 20 items, got 21"),
    ("qbpds", [None] * 3 + [0] * 17, "too many skipped"),
    ("qbpds", [2.5] + [0] * 19, "qbpds item 1: 2.5 is not a whole number"),
    ("qbpds", ["3"] + [0] * 19, "qbpds item 1: '3' is not a number"),
    ("qbpds", [True] + [0] * 19, "qbpds item 1: True is not a number"),
    ("qbpds", [NAN] + [0] * 19, "qbpds item 1: nan is not a finite number"),
    ("qbpds", [INF] + [0] * 19, "qbpds item 1"),
    ("qbpds", [10**400] + [0] * 19, "qbpds item 1"),
    ("qbpds", [-1] + [0] * 19, "qbpds item 1: -1 is outside"),
    ("qbpds", "12345", "list"),
    ("qbpds", 12, "list"),
    ("qbpds", None, "list"),
    ("qbpds", {"1": 2}, "list"),
    ("odi", [0] * 9 + [-1], "odi item 10"),
    ("odi", [0] * 9 + [6], "odi item 10: 6 is outside 0–5"),
    ("odi", [0] * 11, "expected 10 items"),
    ("modified_odi", [None, None] + [0] * 8, "too many skipped"),
    ("pcs", [0] * 12 + [5], "pcs item 13: 5 is outside 0–4"),
    ("pcs", [0] * 12, "expected 13 items"),
    ("fabq", [7] + [0] * 15, "fabq item 1: 7 is outside 0–6"),
    ("fabq", [0] * 15 + [None], "fabq item 16: skipped"),
    ("phq9", [4] + [0] * 8, "phq9 item 1: 4 is outside 0–3"),
    ("phq9", [0] * 8 + [0.5], "phq9 item 9"),
    ("psfs", [11], "psfs activity 1: 11 is outside 0–10"),
    ("psfs", [5, 6.5], "psfs activity 2: 6.5 is not a whole number"),
    ("psfs", [1, 2, 3, 4, 5, 6], "1–5 activities, got 6"),
    ("psfs", [], "1–5 activities, got 0"),
    ("psfs", [4, None, 6], "psfs activity 2: None is not allowed"),
    ("psfs", 5, "list"),
    ("nprs", 11, "nprs rating: 11 is outside 0–10"),
    ("nprs", -1, "outside 0–10"),
    ("nprs", 2.5, "whole number"),
    ("nprs", True, "not a number"),
    ("nprs", "7", "not a number"),
    ("nprs", None, "not a number"),
    ("nprs", [5], "not a number"),
    ("nprs_hip", NAN, "not a finite number"),
    ("groc", 8, "groc rating: 8 is outside -7–7"),
    ("groc", -8, "outside -7–7"),
    ("groc", 1.5, "whole number"),
    ("gait_speed", {"distance_m": 10, "time_s": 0}, "gait_speed time_s: 0 must be greater"),
    ("gait_speed", {"distance_m": 10, "time_s": -3}, "gait_speed time_s"),
    ("gait_speed", {"distance_m": 0, "time_s": 8}, "gait_speed distance_m"),
    ("gait_speed", {"distance_m": -6, "time_s": 8}, "gait_speed distance_m"),
    ("gait_speed", {"distance_m": 10}, "gait_speed time_s: missing"),
    ("gait_speed", {"time_s": 8}, "gait_speed distance_m: missing"),
    ("gait_speed", {"distance_m": 10, "time_s": None}, "time_s: missing"),
    ("gait_speed", {"distance_m": 10, "time_s": 8, "speed": 1}, "unknown field.* speed"),
    ("gait_speed", {"distance_m": 10, "time_s": 8, "pace": "jog"}, "pace: 'jog'"),
    ("gait_speed", {"distance_m": 10, "time_s": True}, "time_s: True is not a number"),
    ("gait_speed", {"distance_m": "10", "time_s": 8}, "distance_m: '10' is not a number"),
    ("gait_speed", {"distance_m": 10, "time_s": NAN}, "time_s"),
    ("gait_speed", [10, 8], "dict"),
    ("gait_speed_fast", {"distance_m": 10, "time_s": 8, "pace": "usual"}, "pace"),
    ("tug", {"time_s": 0}, "tug time_s"),
    ("tug", {"time_s": INF}, "tug time_s"),
    ("tug", {"time_s": 10, "pace": "fast"}, "unknown field.* pace"),
    ("tug", {}, "tug time_s: missing"),
    ("5xsts", {"time_s": -1}, "5xsts time_s"),
    ("6mwt", {"distance_m": 0}, "6mwt distance_m"),
    ("6mwt", {"time_s": 360}, "unknown field"),
    ("30s_chair_stand", {"count": 10.5}, "30s_chair_stand count: 10.5 is not a whole number"),
    ("30s_chair_stand", {"count": -1}, "30s_chair_stand count"),
    ("30s_chair_stand", {"count": False}, "30s_chair_stand count"),
    ("nope", [1], "unknown instrument 'nope'"),
    ("ODI", [0] * 10, "unknown instrument"),
])
def test_bad_answers_raise_value_error_naming_the_item(key: str, answers: object,
                                                       needle: str) -> None:
    with pytest.raises(ValueError, match=needle):
        score(key, answers)


# ---- The library itself --------------------------------------------------------------------
def test_library_has_every_required_instrument_with_sources() -> None:
    """Every threshold, band table and subscale map names its source."""
    keys = [i.key for i in list_instruments()]
    assert set(REQUIRED) <= set(keys) and len(keys) == len(set(keys))
    assert "odi" in list_instruments()  # an Instrument equals its key
    for inst in list_instruments():
        assert inst.source and inst.version and inst.name
        assert inst.better in ("lower", "higher")
        assert inst.category in ("questionnaire", "performance", "single_rating")
        assert inst.mash_role in ("primary", "secondary", "other")
        assert isinstance(inst.mic, Threshold) and inst.mic.source
        for t in inst.thresholds.values():
            assert t.value is not None and t.source and t.unit
        if inst.bands:
            assert inst.bands_source
        if inst.subscales:
            assert inst.subscales_source
        for flag in (*inst.flags, *inst.item_flags, *inst.subscale_flags):
            assert flag["source"]
        if inst.category == "questionnaire":
            assert inst.skip_rule


def test_mash_roles_and_directions() -> None:
    """mash_program.md §5: QBPDS and gait speed are the MASH primary outcomes."""
    assert {i.key for i in list_instruments() if i.mash_role == "primary"} == {"qbpds",
                                                                              "gait_speed"}
    lower = {"qbpds", "tug", "5xsts", "nprs", "nprs_back", "nprs_hip", "odi", "modified_odi",
             "pcs", "fabq", "phq9"}
    for key in REQUIRED:
        assert get_instrument(key).better == ("lower" if key in lower else "higher")


def test_qbpds_thresholds_are_recorded() -> None:
    """Monticone 2022: MIC 6 points / 18%, MDC95 12; Demoulin 2010: SDC 15.8."""
    inst = get_instrument("qbpds")
    assert (inst.mic.value, inst.mic.unit) == (6, "points") and "Monticone" in inst.mic.source
    assert inst.thresholds["mic_percent"].value == 18
    assert inst.mdc is not None and inst.mdc.value == 12
    assert inst.thresholds["sdc"].value == 15.8 and "Demoulin" in inst.thresholds["sdc"].source


def test_item_topics_are_short_and_never_questionnaire_wording() -> None:
    """Copyright: keep only short topics (no question marks, no long sentences)."""
    for inst in list_instruments():
        for topic in inst.items:
            assert len(topic) <= 30 and "?" not in topic


# ---- Properties ----------------------------------------------------------------------------
@given(st.lists(st.integers(0, 5), min_size=20, max_size=20))
def test_qbpds_total_is_the_item_sum(items: list[int]) -> None:
    assert score("qbpds", items).total == sum(items)


@given(st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=10, max_size=10))
def test_odi_percent_is_between_0_and_100_or_refused(items: list[int | None]) -> None:
    answered = [v for v in items if v is not None]
    if len(answered) < 9:
        with pytest.raises(ValueError, match="skipped"):
            score("odi", items)
        return
    s = score("odi", items)
    assert 0 <= s.total <= 100 and math.isfinite(s.total)
    assert s.total == pytest.approx(sum(answered) / (5 * len(answered)) * 100)
    assert s.band is not None


@given(st.lists(st.integers(0, 4), min_size=13, max_size=13))
def test_pcs_subscales_partition_the_total(items: list[int]) -> None:
    s = score("pcs", items)
    assert sum(s.subscales.values()) == s.total == sum(items)


@given(st.floats(0.5, 100), st.floats(0.5, 600))
def test_gait_speed_is_distance_over_time_with_one_band(distance: float, time_s: float) -> None:
    s = score("gait_speed", {"distance_m": distance, "time_s": time_s})
    assert s.total == distance / time_s
    assert s.band in {"household ambulator", "limited community ambulator",
                      "community ambulator"}
