"""Outcome measures: score an instrument from its answers and judge change between scores.

Qt-free and stable; other code and independent checks call it:

    score(instrument, answers) -> Score(total, subscales, band, flags, instrument, version)
    change(instrument, before, after, *, threshold=None)
        -> Change(delta, percent, improved, meaningful, threshold: Threshold,
                  worsened, meaningful_worsening, before, after)
    judgement(change, *, signed_document=False) -> str  the one wording of a verdict
    verdict(change, *, signed_document=False) -> str    its key (for colours)
    format_change(instrument, change, unit="") -> str   "−7.0 points (−21.9%)"
    get_instrument(key) -> Instrument, list_instruments() -> list[Instrument]
    format_value(x, places=1) -> str (half-up), format_score(instrument, x) -> str

Instrument keys: qbpds, gait_speed, gait_speed_fast, 6mwt, 30s_chair_stand, tug, 5xsts,
nprs, nprs_back, nprs_hip, odi, modified_odi, psfs, pcs, fabq, phq9, groc. Definitions,
thresholds and their sources live in mash_desktop/resources/instruments/instruments.json.
"""

from .change import Change, change
from .instruments import Instrument, Threshold, get_instrument, list_instruments
from .rounding import format_score, format_value
from .scoring import Score, band_for, score
from .wording import VERDICTS, format_change, judgement, verdict

__all__ = ["VERDICTS", "Change", "Instrument", "Score", "Threshold", "band_for", "change",
           "format_change", "format_score", "format_value", "get_instrument", "judgement",
           "list_instruments", "score", "verdict"]
