"""Progress report per CMS Benefit Policy Manual 100-02 ch. 15 §220.3 D.

Written at least every 10 treatment days: the reporting period's start and end, visits
and treatment days in it, each goal with baseline, current value, target and status,
objective measures since the last report and since baseline with their judgements, the
clinician's assessment (required before signing), plan changes and the signature. An
assistant's interim report ("interim" kind) carries the measurements only: a PTA may not
make clinical judgements, and the report says it is not a complete progress report.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import outcomes
from ..services.assessments import SeriesPoint
from .data import EpisodeReport
from .fonts import BOLD, rich
from .layout import RED, build_pdf, header_block, markup, para, styles, table
from .sections import (
    NOT_ASSESSED,
    change_cell,
    identification,
    interventions_table,
    signature,
    worsening_lines,
)

TITLE = "Progress report"
INTERIM_TITLE = "Interim progress report (assistant)"


def _at(points: list[SeriesPoint], on_or_before: date | None) -> SeriesPoint | None:
    found = [p for p in points if on_or_before is None or p.assessed_on <= on_or_before]
    return found[-1] if found else None


def _cell(instrument: str, p: SeriesPoint | None) -> str:
    if p is None:
        return NOT_ASSESSED
    return f"{outcomes.format_score(instrument, p.value)} ({p.assessed_on.isoformat()})"


def _measures(r: EpisodeReport, st: Any, width: float, judge: bool) -> list[Any]:
    rows: list[list[Any]] = [["Measure", "Baseline", "At last report", "Now",
                              "Change since last report", "Change since baseline"]]
    for o in r.outcomes:
        pts = r.series.get(o.instrument, [])
        base = o.baseline
        last = _at(pts, r.previous_report) if r.previous_report else None
        now = _at(pts, r.period_end)
        if now is not None and base is not None and now.assessment_id == base.assessment_id:
            now = None  # only the baseline so far
        inst = outcomes.get_instrument(o.instrument)

        def delta(a: SeriesPoint | None, b: SeriesPoint | None, key: str = o.instrument,
                  unit: str = inst.unit) -> Any:
            if a is None or b is None or a.assessment_id == b.assessment_id:
                return "—"
            c = outcomes.change(key, a.value, b.value)
            if not judge:
                return outcomes.format_change(key, c, unit)
            return markup(change_cell(key, unit, c), st.cell)

        rows.append([f"{inst.short_name} ({inst.unit})", _cell(o.instrument, base),
                     _cell(o.instrument, last) if r.previous_report else "no earlier report",
                     _cell(o.instrument, now), delta(last, now), delta(base, now)])
    if len(rows) == 1:
        return [para("No outcome measures were recorded in this episode.", st.body)]
    w = width
    return [table(rows, [w * 0.14, w * 0.14, w * 0.14, w * 0.14, w * 0.22, w * 0.22], st)]


def _goals(r: EpisodeReport, st: Any, width: float, judge: bool) -> list[Any]:
    from ..services.goals import PROGRESS

    if not r.goal_status:
        return [para("No goals are recorded for this episode: a progress report must "
                     "describe progress toward each goal.", st.body)]
    head = ["Goal", "Baseline", "Current", "Target", "Status"] if judge else \
        ["Goal", "Baseline", "Current", "Target", "Measured"]
    rows: list[list[Any]] = [head]
    for g in r.goal_status:
        key = g.instrument

        def fmt(x: float | None, k: str | None = key) -> str:
            if x is None or k is None:
                return "—"
            return f"{outcomes.get_instrument(k).short_name} {outcomes.format_score(k, x)}"

        current = fmt(g.current) + (f" ({g.current_on.isoformat()})" if g.current_on else "")
        measured = PROGRESS.get(g.measured or "", "not tied to a measure")
        status = f"{g.status_words()}; measurement: {measured.lower()}"
        rows.append([f"#{g.goal_id} {g.text}", fmt(g.baseline), current, fmt(g.target),
                     status if judge else measured])
    w = width
    return [table(rows, [w * 0.34, w * 0.12, w * 0.17, w * 0.12, w * 0.25], st)]


def build(r: EpisodeReport) -> bytes:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    interim = r.kind == "interim"
    title = INTERIM_TITLE if interim else TITLE
    st = styles()
    width = LETTER[0] - 36 * mm
    story: list[Any] = header_block(r, st, title)
    if interim:
        story.append(para("Measurements reported by an assistant; not a complete progress "
                          "report and no clinical judgement (CMS 100-02 ch. 15 §220.3 D).",
                          st.body))
    story += [identification(r, st, width), Spacer(1, 6)]
    start, end = r.period_start, r.period_end
    assert start is not None and end is not None
    why = (f"the day after the previous report of {r.previous_report.isoformat()}"
           if r.previous_report else "the start of the episode")
    period = [v for v in r.visits if start <= v["date"] <= end]
    attended = [v for v in period if v["status"] == "attended"]
    days = len({v["date"] for v in attended})
    story += [para("Reporting period", st.h2),
              para(f"From {start.isoformat()} ({why}) to {end.isoformat()}. "
                   f"Written {r.written_on.isoformat()}.", st.body),
              para(f"In the period: {len(attended)} visit(s) attended on {days} treatment "
                   f"day(s); {len(period) - len(attended)} cancelled or missed. Episode to "
                   f"date: {r.attended} of {r.planned} planned visits.", st.body)]
    if period:
        rows: list[list[Any]] = [["Date", "Visit", "Status", "Minutes",
                                  "Back pain before → after (0–10)"]]
        for v in period:
            pain = (f"{v['pain_pre']:g} → {v['pain_post']:g}" if v["pain_pre"] is not None
                    and v["pain_post"] is not None else "—")
            rows.append([v["date"].isoformat(), str(v["number"] or "—"),
                         v["status"].replace("_", "-"), str(v["minutes"] or "—"), pain])
        story.append(table(rows, [width * 0.16, width * 0.1, width * 0.16, width * 0.12,
                                  width * 0.46], st))
    story += [para("Progress toward each goal", st.h2)] + _goals(r, st, width, not interim)
    story += [para("Objective measures", st.h2)] + _measures(r, st, width, not interim)
    if not interim:
        # the thresholds themselves, here: an active episode has no discharge summary
        notes = list(dict.fromkeys(
            o.threshold.describe(outcomes.get_instrument(o.instrument).short_name)
            for o in r.outcomes))
        story.append(para("Judgements use each instrument's threshold verified in its primary "
                          "source; changes against unverified thresholds are reported "
                          "without a judgement. Change thresholds (kind, population measured "
                          "in, amount, source):", st.small))
        story += [para(f"{i}. {n}", st.small) for i, n in enumerate(notes, 1)]
    # the table holds only this period's visits (reports.data): the heading says so
    story += [para(f"Interventions this period ({start.isoformat()} to {end.isoformat()}) "
                   "and dose progression", st.h2)]
    story += interventions_table(r, st, width)
    worse = worsening_lines(r)
    if not interim:
        story += [para("Clinician's assessment", st.h2)]
        if worse:
            story.append(markup(f"<font name='{BOLD}' color='{RED}'>Meaningful worsening "
                                f"to address: </font>{rich('; '.join(worse))}.", st.body))
        assessment = r.texts.get("assessment", "").strip()
        story.append(para(assessment, st.body) if assessment else markup(
            f"<font color='{RED}'>Not written yet: the clinician's assessment of progress "
            "toward each goal is required before this report can be signed.</font>",
            st.body))
        story += [para("Plan changes", st.h2)]
        plan = r.texts.get("plan", "").strip()
        story.append(para(plan, st.body) if plan else markup(
            f"<font color='{RED}'>Not written yet: goal and plan changes (or that the plan "
            "continues unchanged, and why) are written by the clinician at signing.</font>",
            st.body))
    story.append(para(f"Plan of care frequency: {r.frequency}; "
                      f"{max(0, r.planned - r.attended)} visit(s) remaining.", st.body))
    story += signature(r, st, width)
    return build_pdf(r, title, story)
