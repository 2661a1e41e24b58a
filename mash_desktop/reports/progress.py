"""Progress report: written at least every 10 treatment days (CMS 100-02 ch. 15 §220.3)."""

from __future__ import annotations

from datetime import date
from typing import Any

from .data import EpisodeReport
from .layout import build_pdf, header_block, para, styles, table
from .sections import identification, interventions_table, outcome_rows, signature

TITLE = "Progress report"


def build(r: EpisodeReport) -> bytes:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    st = styles()
    width = LETTER[0] - 36 * mm
    last = r.progress_reports[-1]["date"] if r.progress_reports else None
    period = [v for v in r.visits if last is None or v["date"] > last]
    since = last.isoformat() if last else r.start.isoformat() + " (episode start)"
    story: list[Any] = header_block(r, st, TITLE)
    story += [identification(r, st, width), Spacer(1, 6)]
    attended = [v for v in period if v["status"] == "attended"]
    story += [para("Reporting period", st.h2),
              para(f"Since {since}: {len(attended)} treatment day(s) attended, "
                   f"{len(period) - len(attended)} cancelled or missed. Episode to date: "
                   f"{r.attended} of {r.planned} planned visits.", st.body)]
    if period:
        rows: list[list[Any]] = [["Date", "Visit", "Status", "Minutes", "Back pain before → "
                                  "after (0–10)"]]
        for v in period:
            pain = (f"{v['pain_pre']:g} → {v['pain_post']:g}" if v["pain_pre"] is not None
                    and v["pain_post"] is not None else "—")
            rows.append([v["date"].isoformat(), str(v["number"] or "—"),
                         v["status"].replace("_", "-"), str(v["minutes"] or "—"), pain])
        story.append(table(rows, [width * 0.16, width * 0.1, width * 0.16, width * 0.12,
                                  width * 0.46], st))
    else:
        story.append(para("No visits since the last progress report.", st.body))
    story += [para("Changes since baseline (outcome measures)", st.h2)]
    story += outcome_rows(r, st, width)
    story += [para("Interventions and dose progression", st.h2)]
    story += interventions_table(r, st, width)
    story += [para("Updated plan", st.h2),
              para(r.latest_plan or "Continue the current plan of care.", st.body),
              para(f"Frequency: {r.frequency}; {max(0, r.planned - r.attended)} visit(s) "
                   "remaining in the plan of care.", st.body)]
    story += signature(r, st, width, f"report date {date.today().isoformat()}")
    return build_pdf(r, TITLE, story)
