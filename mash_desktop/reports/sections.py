"""Report sections shared by the discharge summary and the progress report."""

from __future__ import annotations

from typing import Any

from .. import outcomes
from .data import EpisodeReport
from .fonts import rich
from .layout import Styles, markup, para, table

NOT_ASSESSED = "not assessed"


def identification(r: EpisodeReport, st: Styles, width: float) -> Any:
    dates = f"{r.start.isoformat()} – {r.end.isoformat() if r.end else 'ongoing'}"
    rows = [
        ["Patient", f"{r.patient_name} ({r.sex})", "MRN", r.mrn],
        ["Date of birth", f"{r.dob.isoformat()} (age {r.age})", "Payer", r.payer or "—"],
        ["Referring physician", r.physician or "—", "MASH arm", r.arm],
        ["Diagnosis (ICD-10)", r.diagnosis, "Episode", dates],
    ]
    w = width / 4
    return table(rows, [w * 0.8, w * 1.35, w * 0.6, w * 1.25], st, header=False, zebra=False,
                 extra=[("FONTNAME", (0, 0), (0, -1), "MashSans-Bold")])


def value(instrument: str, x: float | None) -> str:
    return NOT_ASSESSED if x is None else outcomes.format_score(instrument, x)


def outcome_rows(r: EpisodeReport, st: Styles, width: float) -> list[Any]:
    """The outcome table with a numbered footnote for each threshold's source."""
    if not r.outcomes:
        return [para("No outcome measures were recorded in this episode.", st.body)]
    notes: list[str] = []
    rows: list[list[Any]] = [["Measure", "Baseline", "8 weeks", "6 months / discharge",
                              "Change", "Minimal important change reached?"]]
    for o in r.outcomes:
        inst = outcomes.get_instrument(o.instrument)
        if o.threshold_source not in notes:
            notes.append(o.threshold_source)
        ref = notes.index(o.threshold_source) + 1
        if o.change is None:
            change, reached = "—", "cannot judge (needs baseline and a follow-up)"
        else:
            sign = "+" if o.change.delta > 0 else ""
            change = f"{sign}{outcomes.format_score(o.instrument, o.change.delta)} {inst.unit}"
            if o.change.percent is not None:
                change += f" ({sign}{outcomes.format_value(o.change.percent)}%)"
            if o.change.threshold.value is None:
                reached = "no published threshold"
            else:
                reached = "Yes" if o.change.meaningful else (
                    "No (improved, below threshold)" if o.change.improved else "No")
        better = "lower is better" if inst.lower_is_better else "higher is better"
        rows.append([
            markup(f"{rich(inst.short_name)} ({rich(inst.unit)})<super>{ref}</super><br/>"
                   f"<font size='7' color='#5f6b7a'>{better}</font>", st.cell),
            value(o.instrument, o.baseline), value(o.instrument, o.week8),
            value(o.instrument, o.month6_or_discharge), change, reached])
    w = width
    out = [table(rows, [w * 0.2, w * 0.13, w * 0.13, w * 0.15, w * 0.16, w * 0.23], st)]
    out.append(para("Thresholds (minimal important change) and their sources:", st.small))
    out += [para(f"{i}. {n}", st.small) for i, n in enumerate(notes, 1)]
    return out


def visits_line(r: EpisodeReport) -> str:
    return (f"Visits attended {r.attended} of {r.planned} planned; cancelled {r.cancelled}; "
            f"no-show {r.no_show}. Frequency: {r.frequency}."
            + (f" First visit {r.first_visit.isoformat()}, last visit "
               f"{r.last_visit.isoformat()}." if r.first_visit and r.last_visit else ""))


def interventions_table(r: EpisodeReport, st: Styles, width: float) -> list[Any]:
    if not r.interventions:
        return [para("No interventions were documented.", st.body)]
    rows: list[list[Any]] = [["Intervention", "First dose", "Final dose", "Visits",
                              "Progression"]]
    for i in sorted(r.interventions, key=lambda i: (i.kind != "manual_therapy", i.name)):
        kind = "Manual therapy: " if i.kind == "manual_therapy" else ""
        prog = "progressed" if i.progressed else "unchanged"
        rows.append([kind + i.name, i.first_dose or "—", i.final_dose or "—", str(i.times),
                     prog + (" · home program" if i.home_program else "")])
    return [table(rows, [width * 0.36, width * 0.16, width * 0.16, width * 0.11, width * 0.21],
                  st)]


def adverse_events(r: EpisodeReport, st: Styles, width: float) -> list[Any]:
    if not r.adverse_events:
        return [para("No adverse events were reported during this episode.", st.body)]
    rows: list[list[Any]] = [["Date", "Event", "Serious", "Related to treatment", "Action"]]
    for a in r.adverse_events:
        rows.append([a["date"].isoformat(), a["description"], "yes" if a["serious"] else "no",
                     a["relatedness"].replace("_", " "), a["action"] or "—"])
    return [table(rows, [width * 0.15, width * 0.34, width * 0.11, width * 0.15, width * 0.25],
                  st)]


def signature(r: EpisodeReport, st: Styles, width: float, when: str) -> list[Any]:
    from reportlab.platypus import KeepTogether, Spacer

    name = r.signer_name or "______________________________"
    cred = f", {r.signer_credentials}" if r.signer_credentials else ""
    if not r.signer_name:  # nobody signed in wrote it: leave name and date for a pen
        when = "name, signature and date"
    return [KeepTogether([Spacer(1, 18),
                          para("______________________________________", st.body),
                          para(f"{name}{cred}", st.body),
                          para(f"Physical therapist · {when}", st.small)])]
