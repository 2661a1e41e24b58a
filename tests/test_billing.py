"""Billing units: the CMS 8-minute rule (Medicare Claims Processing Manual ch. 5 §20.2)
and the AMA/CPT midpoint rule. Vectors from shared/domain/instruments_billing.md §10/§13.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mash_desktop.billing import (
    is_timed,
    known_codes,
    medicare_units,
    per_code_units,
    total_units,
    units_for,
)

EDGES = [(0, 0), (7, 0), (8, 1), (22, 1), (23, 2), (37, 2), (38, 3), (52, 3), (53, 4),
         (67, 4), (68, 5), (82, 5), (83, 6), (97, 6), (98, 7), (112, 7), (113, 8), (127, 8),
         (128, 9), (142, 9), (143, 10)]


@pytest.mark.parametrize(("minutes", "units"), EDGES)
def test_unit_table_edges(minutes: int, units: int) -> None:
    """CMS minutes-to-units table; the pattern continues past 2 hours."""
    assert total_units(minutes) == units


def test_cms_example_1_more_units_to_the_code_with_more_time() -> None:
    """24 min 97112 + 23 min 97110 = 47 min -> 3 units: 97112 x 2, 97110 x 1."""
    assert medicare_units({"97112": 24, "97110": 23}) == {"97112": 2, "97110": 1}


def test_cms_example_2_equal_minutes_never_three_of_one_code() -> None:
    """20 + 20 = 40 min -> 3 units: one code x 2, the other x 1 (deterministic choice)."""
    units = medicare_units({"97112": 20, "97110": 20})
    assert sorted(units.values()) == [1, 2]
    assert units == medicare_units({"97112": 20, "97110": 20})


def test_cms_example_3_leftover_minutes_compete() -> None:
    """33 min 97110 + 7 min 97140 = 40 -> 97110 x 2, 97140 x 1."""
    assert medicare_units({"97110": 33, "97140": 7}) == {"97110": 2, "97140": 1}


def test_cms_example_4_four_codes_three_units() -> None:
    """18 + 13 + 10 + 8 = 49 min -> 97110, 97140, 97116 x 1 each; 97035 x 0."""
    assert medicare_units({"97110": 18, "97140": 13, "97116": 10, "97035": 8}) == {
        "97110": 1, "97140": 1, "97116": 1, "97035": 0}


def test_cms_example_5_three_short_codes_one_unit() -> None:
    """7 + 7 + 7 = 21 min -> 1 unit of one of the three."""
    units = medicare_units({"97112": 7, "97110": 7, "97140": 7})
    assert sum(units.values()) == 1 and set(units) == {"97112", "97110", "97140"}


def test_untimed_evaluation_is_one_unit_and_its_minutes_do_not_count() -> None:
    units = medicare_units({"97163": 45, "97110": 10})
    assert units == {"97163": 1, "97110": 1}
    assert medicare_units({"97161": 20}) == {"97161": 1}


def test_per_code_midpoint_rule_derived_vectors() -> None:
    """AMA: each code rounds on its own (instruments_billing.md §10 derived vectors)."""
    assert per_code_units({"97110": 33, "97140": 7}) == {"97110": 2, "97140": 0}
    assert per_code_units({"97112": 24, "97110": 23}) == {"97112": 2, "97110": 2}
    assert per_code_units({"97112": 20, "97110": 20}) == {"97112": 1, "97110": 1}
    assert per_code_units({"97110": 18, "97140": 13, "97116": 10, "97035": 8}) == {
        "97110": 1, "97140": 1, "97116": 1, "97035": 1}
    assert per_code_units({"97112": 7, "97110": 7, "97140": 7}) == {
        "97112": 0, "97110": 0, "97140": 0}


def test_payer_rule_selects_the_method() -> None:
    minutes = {"97110": 33, "97140": 7}
    assert units_for("medicare", minutes) == {"97110": 2, "97140": 1}
    assert units_for("per_code", minutes) == {"97110": 2, "97140": 0}
    with pytest.raises(ValueError, match="rule"):
        units_for("whatever", minutes)


@pytest.mark.parametrize(("minutes", "needle"), [
    ({"97110": -1}, "97110"), ({"97110": 7.5}, "97110"), ({"97140": True}, "97140"),
    ({"97110": "10"}, "97110"), ({"99999": 10}, "99999"), ({"97110": None}, "97110")])
def test_bad_minutes_or_unknown_code_name_the_code(minutes: dict, needle: str) -> None:
    for fn in (medicare_units, per_code_units):
        with pytest.raises(ValueError, match=needle):
            fn(minutes)


def test_total_units_refuses_negative_and_fractional_minutes() -> None:
    for bad in (-1, 7.5, True, "8"):
        with pytest.raises(ValueError):
            total_units(bad)  # type: ignore[arg-type]


def test_code_catalog() -> None:
    assert is_timed("97140") and not is_timed("97161")
    assert {c.code for c in known_codes()} >= {"97110", "97112", "97116", "97140", "97530",
                                               "97535", "97161", "97162", "97163", "97164"}


TIMED = ["97110", "97112", "97116", "97140", "97530", "97535"]
minutes_maps = st.dictionaries(st.sampled_from(TIMED + ["97161", "97164"]),
                               st.integers(0, 150), min_size=1, max_size=8)


@given(minutes_maps)
def test_medicare_units_sum_to_total_units_of_timed_minutes(m: dict[str, int]) -> None:
    units = medicare_units(m)
    timed = {c: x for c, x in m.items() if is_timed(c)}
    assert sum(units[c] for c in timed) == total_units(sum(timed.values()))
    assert set(units) == set(m)
    assert all(units[c] == 1 for c in m if not is_timed(c))


@given(minutes_maps)
def test_a_code_with_15k_minutes_gets_at_least_k_units(m: dict[str, int]) -> None:
    units = medicare_units(m)
    for code, minutes in m.items():
        if is_timed(code):
            assert units[code] >= minutes // 15
