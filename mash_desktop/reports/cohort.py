"""Cohort view PDF: the clinic's MASH results by arm beside the trial's registry means.

Every number comes from :func:`mash_desktop.services.cohort.cohort` (the same rows the
CLI's ``--json`` and the GUI show); this module only lays them out, with the graphs from
:mod:`mash_desktop.charts.cohort`, the trial caveat and the sources of each threshold.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ..outcomes import format_score, format_value
from ..services import audit
from ..services.access import Acting
from ..services.assessments import PRIMARY
from ..services.cohort import Cohort, CohortRow, cohort
from .data import Clinic, clinic
from .layout import build_clinic_pdf, figure_image, letterhead, para, styles, table

TITLE = "MASH cohort view"


def signed(instrument: str, x: float | None) -> str:
    """A change with its sign (−4.7, +0.05), rounded as the chart shows that measure."""
    if x is None:
        return "—"
    text = format_score(instrument, abs(x))
    if float(text) == 0:
        return text
    return ("+" if x > 0 else "−") + text


def change_cell(r: CohortRow) -> str:
    if r.n == 0:
        return "no episode with both"
    text = signed(r.instrument, r.mean_change)
    if r.ci_low is not None and r.ci_high is not None:
        return f"{text} ({signed(r.instrument, r.ci_low)} to {signed(r.instrument, r.ci_high)})"
    return f"{text} (no CI, n < 3)"


def responders_cell(r: CohortRow) -> str:
    if r.responders is None or r.responders_n is None:
        return "no MIC" if r.mic is None and r.n else "—"
    return f"{r.responders_n} of {r.n} ({format_value(r.responders * 100, 0)}%)"


def trial_cell(r: CohortRow) -> str:
    if r.trial_mean is None:
        return "not reported"
    base = format_score(r.instrument, r.trial_baseline) if r.trial_baseline is not None \
        else "—"
    return (f"{base} → {format_score(r.instrument, r.trial_mean)} "
            f"({signed(r.instrument, r.trial_mean_change)})")


def attendance_cell(r: CohortRow) -> str:
    if not r.planned:
        return "—"
    return f"{r.attended} of {r.planned} ({format_value((r.attendance or 0) * 100, 0)}%)"


def _rows_table(rows: list[CohortRow], st: Any, width: float) -> Any:
    head = ["Measure", "Arm", "Time", "n", "Mean change from baseline (95% CI)",
            "Reached the MIC", "Visits attended of planned",
            "Trial registry mean: baseline → time (difference)"]
    body = [[f"{r.instrument_name} ({r.unit})", r.arm_label, r.timepoint_label, str(r.n),
             change_cell(r), responders_cell(r), attendance_cell(r), trial_cell(r)]
            for r in rows]
    fractions = [0.17, 0.11, 0.07, 0.04, 0.19, 0.12, 0.13, 0.17]
    return table([head] + body, [width * f for f in fractions], st)


def build(c: Cohort, clinic_info: Clinic) -> bytes:
    from reportlab.lib.pagesizes import LETTER, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    from ..charts.cohort import cohort_figure

    st = styles()
    width = landscape(LETTER)[0] - 30 * mm
    story: list[Any] = letterhead(clinic_info, st, TITLE)
    counted = ", ".join(f"{arm.replace('_', '-')} {n}" for arm, n in c.episodes.items())
    story.append(para(
        f"Episodes counted: {counted or 'none'}. Which episodes: {c.filters.describe()}. "
        f"Made {date.today().isoformat()}. A row counts the episodes that have both a "
        "baseline and that timepoint for the measure; change is follow-up minus baseline; "
        f"no confidence interval is given below n = {c.min_n_for_ci}.", st.body))
    if not c.rows:
        story.append(para("No episodes match; there is nothing to compare yet.", st.body))
    for role, heading in (("primary", "Primary outcomes (MASH)"),
                          ("secondary", "Secondary outcomes")):
        rows = [r for r in c.rows if r.role == role]
        if rows:
            story += [para(heading, st.h2), _rows_table(rows, st, width)]
    if c.rows:
        story.append(para("Clinic trajectories beside the trial", st.h2))
        for key in PRIMARY:
            fig = cohort_figure(c, key, figsize=(9.0, 3.6))
            story.append(KeepTogether([figure_image(fig, width * 0.8), Spacer(1, 4)]))
    story += [para("How to read this", st.h2), para(
        "Mean change and its 95% confidence interval describe this clinic's patients only "
        "(t distribution, n − 1 degrees of freedom). 'Reached the MIC' counts patients whose "
        "own change was an improvement of at least the measure's minimal important change, "
        "the same judgement as the chart's outcome table. Attendance is visits attended of "
        "visits planned in the counted episodes.", st.body),
        para(f"Trial figures — {c.caveat}: {c.caveat_long}", st.body),
        para("Sources: " + c.source, st.small)]
    mics = sorted({(r.instrument_name, r.mic, r.mic_unit, r.mic_source) for r in c.rows
                   if r.mic is not None})
    if mics:
        story.append(para("Minimal important changes used: " + "; ".join(
            f"{name} {mic:g}{'%' if unit == 'percent' else ' ' + unit} ({source})"
            for name, mic, unit, source in mics) + ".", st.small))
    return build_clinic_pdf(clinic_info, TITLE, story, landscape=True)


def generate(session: Session, date_from: Any = None, date_to: Any = None,
             clinician: Any = None, actor: Acting | None = None) -> bytes:
    """The cohort view as PDF bytes (raises ValidationError for bad filters)."""
    c = cohort(session, date_from, date_to, clinician)
    pdf = build(c, clinic(session))
    audit.record(session, actor, "report", "cohort", None,
                 changes={"report": [None, TITLE], "filters": [None, c.filters.describe()]})
    return pdf


def write_cohort(session: Session, path: str | Path, date_from: Any = None,
                 date_to: Any = None, clinician: Any = None,
                 actor: Acting | None = None, force: bool = False) -> Path:
    """Compute the cohort view and write it as PDF (nothing is written on an error)."""
    from ..interop.output import check_file_target, write_bytes

    check_file_target(path, force)
    return write_bytes(path, generate(session, date_from, date_to, clinician, actor), force)
