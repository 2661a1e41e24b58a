"""change(): direction-aware improvement and the minimal important change (MIC)."""

from __future__ import annotations

import pytest

from mash_desktop.outcomes import change, format_value, score


def test_lower_is_better_qbpds_improves_when_it_falls() -> None:
    """QBPDS MIC 6 points (Monticone et al. 2022)."""
    c = change("qbpds", 28, 22)
    assert c.delta == -6 and c.improved and c.meaningful
    assert c.percent == pytest.approx(-21.43, abs=0.01)
    assert c.threshold.value == 6 and "Monticone" in c.threshold.source
    assert not change("qbpds", 28, 23).meaningful
    worse = change("qbpds", 20, 30)
    assert not worse.improved and not worse.meaningful and worse.delta == 10


def test_higher_is_better_gait_speed() -> None:
    """Perera 2006: small meaningful change 0.05 m/s (float noise must not hide it)."""
    c = change("gait_speed", 1.15, 1.20)
    assert c.improved and c.meaningful
    assert not change("gait_speed", 1.15, 1.19).meaningful
    down = change("gait_speed", 1.20, 1.10)
    assert not down.improved and not down.meaningful


def test_no_change_is_not_an_improvement() -> None:
    c = change("6mwt", 450, 450)
    assert c.delta == 0 and not c.improved and not c.meaningful


def test_scores_can_be_compared_directly() -> None:
    before = score("odi", [2, 1, 2, 1, 2, 2, 1, 2, 3, 2])  # 36
    after = score("odi", [1, 1, 1, 1, 1, 1, 1, 1, 1, 1])   # 20
    c = change("odi", before, after)
    assert c.delta == -16 and c.meaningful  # Ostelo 2008: 10 points


def test_nprs_two_point_rule() -> None:
    """Childs 2005 / Ostelo 2008: 2 points (8 -> 6 counts, 3 -> 2 does not)."""
    assert change("nprs", 8, 6).meaningful
    assert not change("nprs", 3, 2).meaningful


def test_percent_threshold_instrument() -> None:
    """PCS uses a 38% reduction threshold."""
    assert change("pcs", 20, 12).meaningful  # 40 %
    assert not change("pcs", 20, 13).meaningful  # 35 %
    assert change("pcs", 0, 0).percent is None


def test_instrument_without_a_mic_never_claims_meaningful() -> None:
    c = change("fabq", 60, 20)
    assert c.improved and not c.meaningful and c.threshold.value is None


def test_bad_values_raise() -> None:
    with pytest.raises(ValueError, match="before"):
        change("nprs", 11, 5)
    with pytest.raises(ValueError, match="after"):
        change("qbpds", 10, float("nan"))
    with pytest.raises(ValueError, match="unknown instrument"):
        change("xyz", 1, 2)
    with pytest.raises(ValueError, match="cannot be compared"):
        change("qbpds", score("nprs", 5), 3)


@pytest.mark.parametrize(("x", "shown"), [(35.5555, "35.6"), (0.05, "0.1"), (2.25, "2.3"),
                                          (2.35, "2.4"), (-1.25, "-1.3"), (7, "7.0"),
                                          (None, "—")])
def test_display_is_one_decimal_half_up(x: float | None, shown: str) -> None:
    assert format_value(x) == shown
