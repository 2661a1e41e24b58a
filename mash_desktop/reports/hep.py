"""Home exercise program handout: large print for older adults, with a log to tick."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .data import EpisodeReport
from .drawings import drawing
from .fonts import BOLD
from .layout import build_pdf, header_block, para, styles, table

TITLE = "Your home exercise program"
LOG_WEEKS = 4
FREQUENCY = "Once a day, on at least 5 days each week, unless your therapist said otherwise."


def _dose_words(dose: str) -> str:
    """'3×12 yellow' -> '3 sets of 12 · yellow band' (plain words, no symbols to decode)."""
    words = []
    for part in dose.split():
        if "×" in part:
            sets, reps = part.split("×", 1)
            words.append(f"{sets} sets of {reps}")
        elif part in ("yellow", "red", "green", "blue", "black", "silver", "gold"):
            words.append(f"{part} band")
        else:
            words.append(part)
    text = " ".join(words).replace(" s ", " seconds ").replace("hold ", "· hold ")
    return text.replace("min", "minutes") if text.endswith("min") else text


def build(r: EpisodeReport) -> bytes:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer, Table

    st = styles(scale=1.45)
    width = LETTER[0] - 36 * mm
    home = [i for i in r.interventions if i.kind == "exercise" and i.home_program]
    story: list[Any] = header_block(r, st, TITLE)
    story += [para(f"For {r.patient_name}. Prepared {date.today().isoformat()}"
                   + (f" by {r.signer_name}, {r.signer_credentials}" if r.signer_name else "")
                   + ".", st.big),
              para(f"How often: {FREQUENCY}", st.big),
              para("Stop and call us if pain is much worse, or you feel dizzy or unwell.",
                   st.big_bold), Spacer(1, 8)]
    for n, ex in enumerate(home, 1):
        text = [para(f"{n}. {ex.name}", st.big_bold),
                para(_dose_words(ex.final_dose), st.big),
                para(ex.instructions or "Do this exercise as your therapist showed you.",
                     st.body)]
        block = Table([[drawing(ex.key), text]], colWidths=[48 * mm, width - 48 * mm])
        block.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.5, "#c9d2dd"),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 10)])
        story += [KeepTogether([block]), Spacer(1, 6)]
    story += [PageBreak(), para("Home exercise log", st.title),
              para("Put a tick in the box on each day you did the exercise.", st.big)]
    start = date.today() + timedelta(days=(7 - date.today().weekday()) % 7)
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
