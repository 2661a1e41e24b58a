"""Outcome measures: score an instrument from item answers and compare two scores.

Stable public API (other code and external checks call it):

    score(instrument, answers) -> Score(total, subscales, band, flags, instrument, version)
    change(instrument, before, after) -> Change(delta, percent, improved, meaningful, threshold)
    get_instrument(key), list_instruments(), format_value(x)

Instrument keys: qbpds, gait_speed, 6mwt, 30s_chair_stand, tug, 5xsts, nprs, nprs_back,
nprs_hip, odi, modified_odi, psfs, pcs, fabq, phq9, groc. Definitions, thresholds and
their sources live in resources/instruments/instruments.json.
"""

from .change import Change, change, format_score, format_value
from .instruments import Instrument, Threshold, get_instrument, list_instruments
from .scoring import Score, band_for, score

__all__ = ["Change", "Instrument", "Score", "Threshold", "band_for", "change", "format_score",
           "format_value", "get_instrument", "list_instruments", "score"]
