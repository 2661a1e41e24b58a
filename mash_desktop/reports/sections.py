"""Report sections shared by the discharge summary and the progress report."""

from __future__ import annotations

from typing import Any

from .. import outcomes
from ..services.assessments import SeriesPoint
from .data import EpisodeReport
from .fonts import BOLD, rich
from .layout import DRAFT_MARK, GREEN, GREY, RED, Styles, markup, para, table

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


def _point(instrument: str, p: SeriesPoint | None) -> str:
    """A value with the time point and date it was measured (small, under the value)."""
    if p is None:
        return f"<font color='{GREY}'>{NOT_ASSESSED}</font>"
    return (f"{rich(outcomes.format_score(instrument, p.value))}<br/><font size='7' "
            f"color='{GREY}'>{rich(p.label)} · {p.assessed_on.isoformat()}</font>")


def change_cell(instrument: str, unit: str, c: outcomes.Change | None) -> str:
    """Printed change (= printed after − printed before) and its judgement in words; a
    meaningful worsening in bold red so nobody reads past it."""
    if c is None:
        return f"<font color='{GREY}'>—</font>"
    words = outcomes.judgement(c, signed_document=True)
    tone = outcomes.verdict(c, signed_document=True)
    if tone == "meaningful_worsening":
        words = f"<font name='{BOLD}' color='{RED}'>{rich(words)}</font>"
    elif tone == "meaningful_improvement":
        words = f"<font color='{GREEN}'>{rich(words)}</font>"
    else:
        words = rich(words)
    return f"{rich(outcomes.format_change(instrument, c, unit))}<br/>{words}"


def outcome_rows(r: EpisodeReport, st: Styles, width: float) -> list[Any]:
    """Outcome status by time point: baseline, at discharge and follow-up, each change
    from baseline with its judgement; a numbered note names each threshold's kind,
    population and source."""
    if not r.outcomes:
        return [para("No outcome measures were recorded in this episode.", st.body)]
    notes: list[str] = []
    discharged = r.end is not None
    at = "At discharge" if discharged else "Latest"
    rows: list[list[Any]] = [[
        "Measure", "Baseline", at, f"Change: baseline → {at.lower()}",
        "Follow-up", "Change: baseline → follow-up"]]
    for o in r.outcomes:
        inst = outcomes.get_instrument(o.instrument)
        note = o.threshold.describe(inst.short_name)
        if note not in notes:
            notes.append(note)
        ref = notes.index(note) + 1
        better = "lower is better" if inst.lower_is_better else "higher is better"
        rows.append([
            markup(f"{rich(inst.short_name)} ({rich(inst.unit)})<super>{ref}</super><br/>"
                   f"<font size='7' color='{GREY}'>{better}</font>", st.cell),
            markup(_point(o.instrument, o.baseline), st.cell),
            markup(_point(o.instrument, o.discharge), st.cell),
            markup(change_cell(o.instrument, inst.unit, o.discharge_change), st.cell),
            markup(_point(o.instrument, o.follow_up), st.cell),
            markup(change_cell(o.instrument, inst.unit, o.follow_up_change), st.cell)])
    w = width
    out = [table(rows, [w * 0.14, w * 0.14, w * 0.14, w * 0.22, w * 0.14, w * 0.22], st)]
    worse = worsening_lines(r)
    if worse:
        out.append(markup(f"<font name='{BOLD}' color='{RED}'>Meaningful worsening: </font>"
                          + rich("; ".join(worse)) + ".", st.body))
    out.append(para(f"{at}: the latest assessment taken at or before "
                    + ("discharge" if discharged else "today (the episode is not discharged)")
                    + "; follow-up: an assessment after discharge (MASH: 6 months). "
                    "Change thresholds (kind, population measured in, amount, source):",
                    st.small))
    out += [para(f"{i}. {n}", st.small) for i, n in enumerate(notes, 1)]
    out.append(para("A change is judged only against a threshold verified in its primary "
                    "source; a smallest detectable change says a change is beyond "
                    "measurement error, not that patients notice it.", st.small))
    return out


def worsening_lines(r: EpisodeReport) -> list[str]:
    """Each meaningful worsening in words, e.g. "Gait speed 1.14 → 0.82 m/s at discharge"."""
    lines = []
    for o in r.outcomes:
        for when, c in o.worsening:
            when = when if when != "discharge" or r.end is not None else "latest"
            if outcomes.verdict(c, signed_document=True) != "meaningful_worsening":
                continue
            lines.append(f"{o.short_name} {outcomes.format_score(o.instrument, c.before)} → "
                         f"{outcomes.format_score(o.instrument, c.after)} {o.unit} "
                         f"(baseline → {when})")
    return lines


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


def _IfRoom(inner: Any, space_before: float) -> Any:  # noqa: N802 - a flowable factory
    """``inner`` (one flowable) where the page has room for it, else nothing: never a page
    of its own."""
    from reportlab.platypus import Flowable

    class IfRoom(Flowable):
        def wrap(self, aw: float, ah: float) -> tuple[float, float]:
            w, h = inner.wrap(aw, ah)
            self.shown = h + space_before <= ah
            return (w, h + space_before) if self.shown else (w, 0)

        def split(self, aw: float, ah: float) -> list[Any]:
            return []

        def draw(self) -> None:
            if self.shown:
                inner.drawOn(self.canv, 0, 0)

    return IfRoom()


def signature(r: EpisodeReport, st: Styles, width: float, role: str = "") -> list[Any]:
    """The signature block: a real user's full name, credentials, licence / NPI when in
    their profile, and the moment they signed; a draft says plainly that no one signed it
    and carries no line that could pass for a signature."""
    from reportlab.platypus import KeepTogether, Spacer

    sig = r.signature
    if sig is None:
        # only where it fits on the last page: every page already says DRAFT in its
        # header and footer, so a page holding nothing but this notice is a wasted sheet
        return [_IfRoom(markup(
            f"<font name='{BOLD}' color='{RED}'>{DRAFT_MARK}.</font> "
            + rich("This draft is not a record. It becomes one when a licensed physical "
                   "therapist signs it in MASH Desktop; the signed copy is stored and "
                   "carries the signer's name, credentials and the moment of signing."),
            st.body), 12)]
    ids = [x for x in (f"Licence {sig.licence_number}" if sig.licence_number else "",
                       f"NPI {sig.npi}" if sig.npi else "") if x]
    lines = [markup(f"<font name='{BOLD}'>Electronically signed by "
                    f"{rich(sig.name)}, {rich(sig.credentials)}</font>", st.body)]
    if role:
        lines.append(para(role, st.small))
    if ids:
        lines.append(para(" · ".join(ids), st.body))
    lines.append(para(f"Signed {sig.moment}", st.body))
    return [KeepTogether([Spacer(1, 12), *lines])]


def goals_table(r: EpisodeReport, st: Styles, width: float) -> list[Any]:
    """Every goal: its text, what the measurement says (baseline → current vs target) and
    the clinician's status, with the reason when they differ."""
    from ..services.goals import GOAL_TERMS

    if not r.goal_status:
        return [para("No goals were recorded for this episode.", st.body)]
    rows: list[list[Any]] = [["Goal", "Measure: baseline → current (target)", "Status"]]
    for g in r.goal_status:
        if g.instrument is None:
            measured = "not tied to a measure"
        else:
            measured = g.describe() + (f" ({g.current_on.isoformat()})" if g.current_on
                                       else "")
        rows.append([f"{GOAL_TERMS.get(g.term, g.term)}: {g.text}", measured,
                     g.status_words()])
    return [table(rows, [width * 0.4, width * 0.35, width * 0.25], st)]


def home_program_lines(r: EpisodeReport, st: Styles) -> list[Any]:
    """The home program as prescribed: how often (the plan of care's prescription) and
    each exercise's dose, the same words the patient's handout prints."""
    home = r.home
    if not home:
        return []
    hp = r.home_program
    often = hp.frequency if hp is not None and hp.prescribed else \
        "not prescribed in the plan of care"
    out = [para(f"Home exercise program — how often: {often}."
                + (f" {hp.notes}" if hp is not None and hp.notes else ""), st.body)]
    for i in home:
        own = hp.own_frequency(i.key) if hp is not None else ""
        dose = i.plain_dose or i.final_dose
        out.append(para(f"• {i.name}" + (f": {dose}" if dose else "")
                        + (f" How often: {own}." if own else ""), st.body))
    return out
