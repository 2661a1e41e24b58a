"""Home exercise program handout: large print for older adults, with a log to tick."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from .data import EpisodeReport
from .drawings import drawing
from .fonts import BOLD
from .layout import build_pdf, header_block, para, styles, table
from .sections import signature

TITLE = "Your home exercise program"
LOG_WEEKS = 4


def build(r: EpisodeReport) -> bytes:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer, Table

    st = styles(scale=1.45)
    width = LETTER[0] - 36 * mm
    home = r.home  # the plan's prescription and the ticked doses (services.home_program)
    story: list[Any] = header_block(r, st, TITLE)
    hp = r.home_program
    own_any = hp is not None and any(hp.own_frequency(i.key) for i in home)
    often = (f"{hp.frequency}" + (", unless an exercise below says otherwise." if own_any
                                  else ".")
             if hp is not None and hp.prescribed else
             "Your therapist has not written this down yet. Please ask before you start.")
    by = (f" by {r.signature.name}, {r.signature.credentials}" if r.signature else "")
    story += [para(f"For {r.patient_name}. Prepared {r.written_on.isoformat()}{by}.", st.big),
              para(f"How often: {often}", st.big_bold)]
    if hp is not None and hp.notes:
        story.append(para(hp.notes, st.big))
    story += [para("Stop and call us if pain is much worse, or you feel dizzy or unwell.",
                   st.big_bold), Spacer(1, 8)]
    for n, ex in enumerate(home, 1):
        own = hp.own_frequency(ex.key) if hp is not None else ""
        text = [para(f"{n}. {ex.name}", st.big_bold),
                para(ex.plain_dose or ex.final_dose, st.big)]
        if own:
            text.append(para(f"How often for this exercise: {own}.", st.big_bold))
        text.append(para(ex.instructions or "Do this exercise as your therapist showed you.",
                         st.body))
        block = Table([[drawing(ex.key, image=r.images.get(ex.key)), text]],
                      colWidths=[48 * mm, width - 48 * mm])
        block.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.5, "#c9d2dd"),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 10)])
        story += [KeepTogether([block]), Spacer(1, 6)]
    story += signature(r, styles(scale=1.2), width)  # on the program, not alone after the log
    story += [PageBreak(), para("Home exercise log", st.title),
              para("Put a tick in the box on each day you did the exercise.", st.big)]
    start = r.written_on + timedelta(days=(7 - r.written_on.weekday()) % 7)
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    name_w = width * 0.34
    day_w = (width - name_w) / 7
    for week in range(LOG_WEEKS):
        monday = start + timedelta(weeks=week)
        rows: list[list[Any]] = [[f"Week of {monday:%d %B %Y}"] + days]
        rows += [[f"{n}. {ex.name}"] + [""] * 7 for n, ex in enumerate(home, 1)]
        t = table(rows, [name_w] + [day_w] * 7, st, zebra=False,
                  extra=[("FONTNAME", (0, 0), (-1, 0), BOLD),
                         ("ROWHEIGHT", (0, 1), (-1, -1), 24)])
        story += [CondPageBreak(60 * mm), Spacer(1, 8), t]
    return build_pdf(r, "Home exercise program", story)
