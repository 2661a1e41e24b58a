"""The one wording of change judgements, shared by the Outcomes tab, graphs and reports.

Every screen and document that says whether a change mattered calls :func:`judgement`
(and :func:`verdict` for its colour), so a decline is worded the same everywhere and a
threshold is always named by its kind: a minimal important change is something patients
notice; a smallest detectable change only says the change is beyond measurement error.
"""

from __future__ import annotations

from .change import Change
from .rounding import format_score, format_value

VERDICTS = ("meaningful_improvement", "improved", "no_change", "worsened",
            "meaningful_worsening", "not_judged")


def verdict(c: Change, *, signed_document: bool = False) -> str:
    """One of VERDICTS. ``signed_document``: an unverified threshold does not judge."""
    if c.threshold.value is None or (signed_document and not c.threshold.verified):
        if c.improved:
            return "improved"
        return "worsened" if c.worsened else "no_change"
    if c.meaningful:
        return "meaningful_improvement"
    if c.meaningful_worsening:
        return "meaningful_worsening"
    if c.improved:
        return "improved"
    return "worsened" if c.worsened else "no_change"


def judgement(c: Change, *, signed_document: bool = False) -> str:
    """The judgement in words, e.g. "Meaningful improvement (at least the minimal important
    change)", "MEANINGFUL WORSENING (declined by at least the minimal important change)",
    "Worse, by less than the smallest detectable change", "Improved (not judged: the
    threshold is not verified)"."""
    t = c.threshold
    kind = t.kind_name
    v = verdict(c, signed_document=signed_document)
    unjudged = t.value is None or (signed_document and not t.verified)
    if unjudged:
        why = "no published threshold" if t.value is None else "threshold not verified"
        word = {"improved": "Improved", "worsened": "Worse", "no_change": "No change"}[v]
        return word if v == "no_change" else f"{word} (not judged: {why})"
    if v == "meaningful_improvement":
        return (f"Meaningful improvement (at least the {kind})" if t.kind == "mic"
                else f"Improved by at least the {kind}")
    if v == "meaningful_worsening":
        return (f"MEANINGFUL WORSENING (declined by at least the {kind})" if t.kind == "mic"
                else f"WORSE by at least the {kind}")
    if v == "improved":
        return f"Improved, by less than the {kind}"
    if v == "worsened":
        return f"Worse, by less than the {kind}"
    return "No change"


def format_change(instrument: str, c: Change, unit: str = "") -> str:
    """"−7.0 points (−21.9%)", "+0.22 m/s (+13.7%)": the printed after − printed before."""
    sign = "+" if c.delta > 0 else ""
    text = f"{sign}{format_score(instrument, c.delta)}"
    if c.delta < 0:
        text = "−" + text.lstrip("-")
    if unit:
        text += f" {unit}"
    if c.percent is not None:
        pct = format_value(c.percent)
        text += f" ({'+' if c.percent > 0 and pct != '0.0' else ''}" \
                f"{'−' + pct.lstrip('-') if pct.startswith('-') else pct}%)"
    return text
