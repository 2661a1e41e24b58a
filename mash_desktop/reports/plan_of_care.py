"""Plan of care with the physician certification block (BPM ch. 15 §220.1.2–220.1.3).

What the physician reads and signs: diagnoses, the evaluation's findings, long- and
short-term goals with their measures, the type, amount, frequency and duration of
therapy, the interventions of the MASH arm, the home program prescription, and a block to
certify the plan. The therapist's line names who established the plan only when the
evaluation was signed; otherwise the plan says plainly that it is not yet signed.
"""

from __future__ import annotations

from typing import Any

from .. import outcomes
from ..services.evaluation import rehab_potentials
from ..services.goals import GoalProgress
from ..services.plan_of_care import PlanOfCare
from .data import EpisodeReport
from .layout import build_pdf, header_block, para, styles, table
from .sections import identification, signature

TITLE = "Plan of care"


def _goal_rows(goals: list[GoalProgress]) -> list[list[str]]:
    rows = [["Goal", "Measure", "Baseline", "Target", "By"]]
    for g in goals:
        if g.instrument:
            inst = outcomes.get_instrument(g.instrument)
            sign = "≤" if inst.lower_is_better else "≥"
            base = outcomes.format_score(g.instrument, g.baseline) \
                if g.baseline is not None else "not measured"
            target = f"{sign} {outcomes.format_score(g.instrument, g.target)}"
            measure = inst.short_name
        else:
            base, target, measure = "—", "—", "—"
        rows.append([f"{g.goal_id}. {g.text}", measure, base, target,
                     g.target_date.isoformat() if g.target_date else "—"])
    return rows


def build(r: EpisodeReport, plan: PlanOfCare) -> bytes:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    st = styles()
    width = LETTER[0] - 36 * mm
    story: list[Any] = header_block(r, st, TITLE)
    story += [identification(r, st, width), Spacer(1, 6)]
    dx = [["Treatment diagnosis (ICD-10)", plan.treatment_diagnosis],
          ["Medical diagnosis (ICD-10)", plan.medical_diagnosis or "not recorded"]]
    story += [para("Diagnoses", st.h2),
              table(dx, [width * 0.3, width * 0.7], st, header=False, zebra=False)]

    story += [para("Evaluation findings", st.h2)]
    if plan.evaluation_date is None:
        story.append(para("No initial evaluation has been documented yet.", st.body))
    else:
        screen = ("Exclusion and red-flag screen: no item present." if not plan.screen_yes
                  else "Exclusion and red-flag screen — present: " + "; ".join(
                      plan.screen_yes) + ".")
        if plan.screen_missing:
            screen += f" {len(plan.screen_missing)} item(s) not answered."
        if plan.screen_override:
            screen += f" Treated in the MASH program all the same because: {plan.screen_override}"
        story += [para(f"Initial evaluation on {plan.evaluation_date.isoformat()}. {screen}",
                       st.body)]
        if plan.impairments:
            story.append(para(f"Impairments: {plan.impairments}", st.body))
        if plan.rehab_potential:
            story.append(para("Rehabilitation potential: "
                              + rehab_potentials().get(plan.rehab_potential,
                                                       plan.rehab_potential).lower() + ".",
                              st.body))
        if plan.strength:
            rows = [["Hip strength (hand-held dynamometer)", "Side", "kgf", "kgf per kg body "
                     "weight"]]
            rows += [[label, side, f"{kgf:.1f}", f"{per:.2f}" if per is not None else "—"]
                     for label, side, kgf, per in plan.strength]
            story.append(table(rows, [width * 0.4, width * 0.15, width * 0.15, width * 0.3],
                               st))
        if plan.rom:
            rows = [["Hip range of motion", "Side", "Degrees"]]
            rows += [[label, side, f"{deg:g}"] for label, side, deg in plan.rom]
            story += [Spacer(1, 4), table(rows, [width * 0.55, width * 0.15, width * 0.3], st)]

    story += [para("Long-term goals (for the episode)", st.h2)]
    widths = [width * 0.46, width * 0.12, width * 0.14, width * 0.13, width * 0.15]
    story.append(table(_goal_rows(plan.long_goals), widths, st) if plan.long_goals
                 else para("No long-term goals recorded.", st.body))
    story += [para("Short-term goals", st.h2)]
    story.append(table(_goal_rows(plan.short_goals), widths, st) if plan.short_goals
                 else para("No short-term goals recorded.", st.body))

    per_day = "once a day" if plan.sessions_per_day == 1 else \
        f"{plan.sessions_per_day} times a day"
    dose = [["Type", f"Physical therapy: manual therapy and therapeutic exercise "
                     f"({plan.arm} MASH arm)"],
            ["Amount", f"{plan.session_minutes}-minute session, {per_day}"],
            ["Frequency", f"{plan.sessions_per_week} times a week"],
            ["Duration", f"{plan.duration_weeks} weeks ({plan.planned_visits} visits)"]]
    story += [para("Treatment", st.h2),
              table(dose, [width * 0.2, width * 0.8], st, header=False, zebra=False)]
    if plan.interventions:
        rows = [["Component", "Interventions the plan may use"]]
        rows += [[component.capitalize(), ", ".join(names)]
                 for component, names in plan.interventions]
        story += [Spacer(1, 4), table(rows, [width * 0.28, width * 0.72], st)]
    story += [para("Home program", st.h2)]
    if plan.home_frequency:
        own = any(name.endswith(")") and " a day, " in name for name in plan.home_program)
        text = f"Frequency: {plan.home_frequency}" + (
            " (an exercise with its own frequency says so)." if own else ".")
        if plan.home_program:
            text += " Exercises: " + ", ".join(plan.home_program) + "."
        if plan.home_notes:
            text += " " + plan.home_notes
        story.append(para(text, st.body))
    else:
        story.append(para("No home program prescription recorded yet.", st.body))

    cert = plan.certification
    story += [para("Established by", st.h2),
              para(f"{plan.established_by} — the initial evaluation was signed on "
                   f"{plan.established_on.isoformat()}." if plan.established_by and
                   plan.established_on else
                   "Not signed: the initial evaluation that establishes this plan has not "
                   "been signed yet.", st.body)]
    story += signature(r, st, width)  # the therapist's signature on this plan, or DRAFT
    lines = [f"Certification period: {plan.cert_start.isoformat()} to "
             f"{plan.cert_end.isoformat()} (at most 90 days).",
             f"Status: {cert.label}.",
             "Sent to the physician: "
             + (f"{plan.cert_sent_on.isoformat()}." if plan.cert_sent_on else "not yet.")]
    if plan.verbal_order_on:
        lines.append(f"Verbal order: {plan.verbal_order_on.isoformat()} (signature due within "
                     "14 days).")
    block = [para("Physician certification", st.h2)]
    block += [para(line, st.body) for line in lines]
    block += [Spacer(1, 6),
              para("I certify that these services are needed and are furnished under this "
                   "plan of care while the patient is under my care.", st.body),
              Spacer(1, 16)]
    npi = plan.physician_npi or "____________"
    sig = [[f"Physician: {plan.physician_name or '______________________'}", f"NPI: {npi}"],
           ["Signature: ______________________________", "Date: ____________"]]
    block.append(table(sig, [width * 0.62, width * 0.38], st, header=False, zebra=False))
    story.append(KeepTogether(block))
    return build_pdf(r, TITLE, story)
