"""Discharge summary: what a physician or payer reads at the end of an episode."""

from __future__ import annotations

from typing import Any

from .data import EpisodeReport
from .layout import build_pdf, header_block, para, png_image, styles, table
from .sections import (
    adverse_events,
    goals_table,
    home_program_lines,
    identification,
    interventions_table,
    outcome_rows,
    signature,
    visits_line,
)

TITLE = "Discharge summary"


def build(r: EpisodeReport) -> bytes:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    from ..charts import outcome_png

    st = styles()
    width = LETTER[0] - 36 * mm
    story: list[Any] = header_block(r, st, TITLE)
    story += [identification(r, st, width), Spacer(1, 6)]
    story += [para("Course of care", st.h2), para(visits_line(r), st.body)]
    if r.status != "Discharged":
        story.append(para(f"Note: this episode is still {r.status.lower()}; this summary "
                          "reflects the record to date.", st.small))
    story += [para("Interventions delivered (first and final dose)", st.h2)]
    story += interventions_table(r, st, width)
    if r.education:
        story.append(para("Education: " + "; ".join(r.education) + ".", st.body))
    story += [para("Outcome measures", st.h2)]
    story += outcome_rows(r, st, width)
    graphs = []
    for key in ("qbpds", "gait_speed"):
        png = outcome_png(key, r.series.get(key, []), figsize=(4.6, 3.0), dpi=150)
        graphs.append(png_image(png, width * 0.49, (4.6, 3.0)))
    story += [KeepTogether([para("Primary outcomes (MASH)", st.h2),
                            table([graphs], [width * 0.5, width * 0.5], st, header=False,
                                  zebra=False)])]
    story += [para("Adverse events", st.h2)] + adverse_events(r, st, width)
    story += [para("Goals (status at discharge)", st.h2)]
    story += goals_table(r, st, width)
    story += [para("Discharge", st.h2),
              para(f"Discharge date: {r.end.isoformat() if r.end else 'not discharged yet'}. "
                   + (f"Outcome: {r.discharge_kind}. " if r.discharge_kind else "")
                   + f"Reason: {(r.discharge_reason or 'not recorded').rstrip('.')}.", st.body),
              para("Recommendations and home program", st.h2),
              para(r.recommendations or ("No other recommendations recorded; the home program "
                                         "follows." if r.home else
                                         "No recommendations recorded."), st.body)]
    story += home_program_lines(r, st)
    story += signature(r, st, width)
    return build_pdf(r, TITLE, story)
