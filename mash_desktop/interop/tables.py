"""Tidy CSV tables for research and audit, identified or de-identified.

One file per kind of record, one row per record, one column per variable:
``patients.csv``, ``episodes.csv``, ``sessions.csv``, ``assessments.csv``, ``goals.csv``,
``exercise_doses.csv`` and ``manual_therapy.csv``, plus ``dictionary.csv`` (every
column of every table with its meaning and unit) and ``README.txt``. The dictionary is
made from the same column definitions that write the tables, so they cannot disagree.

``deidentify=True`` follows the issue's rules (close to HIPAA Safe Harbor): names, MRNs,
contacts, addresses, payer details, signatures and every free-text field are left out;
dates become whole days since the start of the episode; ages are whole years at the
episode start, 90 meaning "90 or older"; every record id is replaced by a random study
id, the same id for the same record in every file of that export and a new set of ids
at every export (so two exports cannot be linked by id).

Files are UTF-8 with a byte-order mark (spreadsheets then read accented and CJK names
correctly), and text that a spreadsheet would run as a formula (starting with = + - @)
is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from .. import outcomes
from ..models import (
    Assessment,
    BillingLine,
    CatalogEntry,
    Episode,
    ExerciseDose,
    Goal,
    ManualTherapyDose,
    Patient,
    Payer,
    VisitNote,
)
from ..services import audit
from ..services.access import Acting
from ..services.home_program import HomeProgram, prescription
from ..services.patients import age_on
from .output import write_folder

AGE_CAP = 90
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    """One CSV column. ``kind``: id (replaced by a study id), date (days since episode
    start when de-identified), identifying / free_text (left out when de-identified),
    or value (kept)."""

    name: str
    description: str
    unit: str = ""
    kind: str = "value"

    @property
    def deid_name(self) -> str:
        if self.kind == "date":
            return self.name.removesuffix("_date").removesuffix("_on") + "_day"
        return self.name

    def kept(self, deidentify: bool) -> bool:
        return not deidentify or self.kind not in {"identifying", "free_text"}


def _id(name: str, what: str) -> Column:
    return Column(name, f"{what} (a random study id in a de-identified export, the same "
                        "in every file of that export)", kind="id")


def _date(name: str, what: str) -> Column:
    return Column(name, f"{what}; de-identified: whole days since the episode start "
                        f"(column {name.removesuffix('_date').removesuffix('_on')}_day)",
                  "date (YYYY-MM-DD) or days", kind="date")


def _subscale_columns() -> list[Column]:
    names = sorted({s for inst in outcomes.list_instruments() for s in inst.subscales})
    return [Column(f"subscale_{n}", f"subscale score '{n}' (empty for instruments without "
                                    "it)", "instrument's unit") for n in names]


TABLES: dict[str, list[Column]] = {
    "patients": [
        _id("patient_id", "patient"),
        Column("mrn", "medical record number", kind="identifying"),
        Column("first_name", "first name", kind="identifying"),
        Column("last_name", "last name", kind="identifying"),
        Column("date_of_birth", "date of birth", "YYYY-MM-DD", kind="identifying"),
        Column("age_at_first_episode", "age in whole years at the start of the first "
                                       "episode; 90 means 90 or older when de-identified",
               "years"),
        Column("sex", "female, male, other or unknown"),
        Column("phone", "phone", kind="identifying"),
        Column("email", "email", kind="identifying"),
        Column("address", "postal address", kind="identifying"),
        Column("referring_physician", "referring physician", kind="identifying"),
        Column("payer", "payer (insurer) name", kind="identifying"),
        Column("member_id", "payer member id", kind="identifying"),
        Column("notes", "chart notes", kind="free_text"),
    ],
    "episodes": [
        _id("episode_id", "episode of care"),
        _id("patient_id", "patient (patients.csv)"),
        _date("start_date", "episode start (day 0)"),
        Column("age_at_start", "age in whole years at the episode start; 90 means 90 or "
                               "older when de-identified", "years"),
        Column("icd10_code", "ICD-10-CM diagnosis code"),
        Column("diagnosis_text", "diagnosis as written", kind="free_text"),
        Column("arm", "MASH arm: hip_focused, spine_focused or custom"),
        Column("planned_visits", "visits planned", "visits"),
        Column("attended_visits", "visits attended (sessions.csv rows with status attended)",
               "visits"),
        Column("frequency", "planned frequency as written", kind="free_text"),
        Column("hep_times_per_day", "home program: times a day, as the plan of care "
               "prescribes (empty: not prescribed)", "times/day"),
        Column("hep_days_per_week", "home program: days a week, as the plan of care "
               "prescribes (empty: not prescribed)", "days/week"),
        _date("cert_start", "plan-of-care certification start"),
        _date("cert_end", "plan-of-care certification end"),
        Column("status", "active, on_hold or discharged"),
        _date("discharge_date", "discharge"),
        Column("discharge_reason", "discharge reason", kind="free_text"),
        Column("discharge_kind", "discharge outcome: goals_met (every long-term goal met), "
               "course_completed, plateau, patient_choice, medical, other; empty: not "
               "stated"),
        Column("recommendations", "recommendations at discharge", kind="free_text"),
    ],
    "sessions": [
        _id("session_id", "session note"),
        _id("episode_id", "episode (episodes.csv)"),
        _id("patient_id", "patient (patients.csv)"),
        _date("visit_date", "visit date"),
        Column("start_time", "start time (HH:MM)", kind="identifying"),
        Column("visit_number", "visit n of the episode (attended visits counted)"),
        Column("note_type", "kind of note (daily, evaluation, progress, ...)"),
        Column("status", "attended, cancelled or no_show"),
        Column("status_reason", "reason for a cancellation or no-show", kind="free_text"),
        Column("total_minutes", "minutes of the session", "min"),
        Column("pain_back_pre", "low back pain before the session (NPRS)", "0-10"),
        Column("pain_back_post", "low back pain after the session (NPRS)", "0-10"),
        Column("pain_hip_pre", "hip pain before the session (NPRS)", "0-10"),
        Column("pain_hip_post", "hip pain after the session (NPRS)", "0-10"),
        Column("adverse_event", "adverse event screen positive (1) or not (0)"),
        Column("signed", "note signed (1) or still a draft (0)"),
        Column("signed_by", "name and credentials of the signer", kind="identifying"),
        Column("billed_minutes", "billed minutes per CPT code, e.g. 97110:30;97140:15",
               "min"),
        Column("subjective", "subjective", kind="free_text"),
        Column("assessment", "assessment", kind="free_text"),
        Column("plan", "plan", kind="free_text"),
    ],
    "assessments": [
        _id("assessment_id", "assessment"),
        _id("episode_id", "episode (episodes.csv)"),
        _id("patient_id", "patient (patients.csv)"),
        Column("arm", "MASH arm of the episode"),
        Column("timepoint", "baseline, 8_weeks, 6_months, discharge or custom"),
        Column("instrument", "instrument key (see the app's instrument library)"),
        Column("instrument_version", "version of the instrument that scored it"),
        _date("assessed_on", "assessment date"),
        Column("total", "total score", "instrument's unit"),
        Column("unit", "unit of total and subscales"),
        *_subscale_columns(),
        Column("band", "interpretation band of the total, if the instrument has bands"),
        Column("flags", "safety and interpretation flags, separated by ' | '"),
        Column("notes", "notes", kind="free_text"),
    ],
    "exercise_doses": [
        _id("dose_id", "exercise dose"),
        _id("session_id", "session (sessions.csv)"),
        _id("episode_id", "episode (episodes.csv)"),
        _id("patient_id", "patient (patients.csv)"),
        _date("visit_date", "visit date"),
        Column("position", "order in the note"),
        Column("exercise", "catalog key"),
        Column("exercise_name", "catalog name"),
        Column("side", "left, right, bilateral or empty"),
        Column("sets", "sets"),
        Column("reps", "repetitions per set"),
        Column("hold_s", "hold per repetition", "s"),
        Column("minutes", "minutes (timed exercise)", "min"),
        Column("load_type", "kg, band, body_weight or none"),
        Column("load_kg", "external load", "kg"),
        Column("band", "band colour"),
        Column("rpe", "rating of perceived exertion", "0-10"),
        Column("pain_response", "better, same or worse"),
        Column("progression_level", "progression level as written", kind="free_text"),
        Column("completed", "completed (1) or not (0)"),
        Column("home_program", "part of the home program (1) or not (0)"),
        Column("home_times_per_day", "home program rows: times a day the patient does "
               "this exercise at home (its own frequency, else the plan's; empty: not "
               "prescribed)", "times/day"),
        Column("home_days_per_week", "home program rows: days a week the patient does "
               "this exercise at home (its own frequency, else the plan's)", "days/week"),
    ],
    "goals": [
        _id("goal_id", "goal"),
        _id("episode_id", "episode (episodes.csv)"),
        _id("patient_id", "patient (patients.csv)"),
        Column("term", "short or long"),
        Column("text", "the goal as written", kind="free_text"),
        _date("target_date", "target date"),
        Column("instrument", "outcome measure the goal is tied to (empty: none)"),
        Column("baseline", "the measure's value when the goal was set", "instrument's unit"),
        Column("target", "the value the goal aims for", "instrument's unit"),
        Column("status", "open, met, partially_met, not_met or revised (the PT's "
               "judgement; revised: what the goal aims at was changed)"),
        Column("status_reason", "why the status differs from the measurement, or why the "
               "goal was revised", kind="free_text"),
    ],
    "manual_therapy": [
        _id("dose_id", "manual-therapy dose"),
        _id("session_id", "session (sessions.csv)"),
        _id("episode_id", "episode (episodes.csv)"),
        _id("patient_id", "patient (patients.csv)"),
        _date("visit_date", "visit date"),
        Column("position", "order in the note"),
        Column("technique", "catalog key"),
        Column("technique_name", "catalog name"),
        Column("region", "region"),
        Column("side", "left, right, bilateral, central or empty"),
        Column("grade", "Maitland grade I-IV or thrust"),
        Column("patient_position", "patient position"),
        Column("sets", "sets"),
        Column("seconds", "seconds per set", "s"),
        Column("oscillations", "oscillations"),
        Column("response", "response as written", kind="free_text"),
    ],
}


class _Ids:
    """Record ids as exported: the database id, or a random study id per record."""

    def __init__(self, deidentify: bool) -> None:
        self.deidentify = deidentify
        self.maps: dict[str, dict[int, str]] = {}
        self.used: set[str] = set()

    def __call__(self, column: str, value: int | None) -> Any:
        if value is None or not self.deidentify:
            return value
        table = self.maps.setdefault(column, {})
        if value not in table:
            prefix = column.rpartition(".")[2][0].upper()
            while (new := f"{prefix}{secrets.token_hex(4)}") in self.used:
                pass
            self.used.add(new)
            table[value] = new
        return table[value]


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


@dataclass
class _Context:
    session: Session
    deidentify: bool
    ids: _Ids
    episode_start: dict[int, date]
    episode_patient: dict[int, int]
    episode_arm: dict[int, str]
    home: dict[int, HomeProgram]

    def day(self, episode_id: int, value: date | None) -> int | None:
        return None if value is None else (value - self.episode_start[episode_id]).days

    def age(self, years: int) -> int:
        return min(years, AGE_CAP) if self.deidentify else years


# Rows are read as plain values, a batch at a time: a clinic's 100 000 notes and 650 000
# doses never sit in memory at once as ORM objects, whose building (and the garbage
# collections it set off) kept the interpreter lock from the window for up to 1.7 s.
BATCH = 2000


def _stream(c: _Context, query: Select[Any]) -> Iterator[Row]:
    """``query``'s rows as dicts, fetched :data:`BATCH` at a time."""
    for row in c.session.execute(query.execution_options(yield_per=BATCH)).mappings():
        yield dict(row)


def _patients(c: _Context) -> Iterator[Row]:
    first_start: dict[int, date] = {}
    for pid, begun in c.session.execute(select(Episode.patient_id, Episode.start_date)):
        first_start[pid] = min(begun, first_start.get(pid, begun))
    payers = dict(c.session.execute(select(Payer.id, Payer.name)).all())
    for p in _stream(c, select(*Patient.__table__.c).order_by(Patient.id)):
        start = first_start.get(p["id"])
        p.update({"patient_id": p["id"],
                  "age_at_first_episode": c.age(age_on(p["date_of_birth"], start)) if start
                  else None,
                  "payer": payers.get(p["payer_id"], "") if p["payer_id"] else ""})
        yield p


def _episodes(c: _Context) -> Iterator[Row]:
    from sqlalchemy import func

    dobs = dict(c.session.execute(select(Patient.id, Patient.date_of_birth)).all())
    attended = dict(c.session.execute(
        select(VisitNote.episode_id, func.count(VisitNote.id))
        .where(VisitNote.status == "attended").group_by(VisitNote.episode_id)).all())
    for e in _stream(c, select(*Episode.__table__.c).order_by(Episode.id)):
        e.update({"episode_id": e["id"],
                  "age_at_start": c.age(age_on(dobs[e["patient_id"]], e["start_date"])),
                  "attended_visits": attended.get(e["id"], 0)})
        yield e


def _sessions(c: _Context) -> Iterator[Row]:
    billed: dict[int, list[str]] = {}
    for vid, code, minutes in c.session.execute(
            select(BillingLine.visit_id, BillingLine.code, BillingLine.minutes)
            .order_by(BillingLine.visit_id, BillingLine.code)
            .execution_options(yield_per=BATCH)):
        billed.setdefault(vid, []).append(f"{code}:{minutes}")
    for n in _stream(c, select(*VisitNote.__table__.c).order_by(VisitNote.id)):
        n.update({"session_id": n["id"], "patient_id": c.episode_patient[n["episode_id"]],
                  "signed": n["signed_at"] is not None,
                  "signed_by": ", ".join(x for x in (n["signature_name"],
                                                     n["signature_credentials"]) if x),
                  "billed_minutes": ";".join(billed.get(n["id"], []))})
        yield n


def _assessments(c: _Context) -> Iterator[Row]:
    units = {i.key: i.unit for i in outcomes.list_instruments()}
    for a in _stream(c, select(*Assessment.__table__.c).order_by(Assessment.id)):
        a.update({"assessment_id": a["id"], "patient_id": c.episode_patient[a["episode_id"]],
                  "arm": c.episode_arm[a["episode_id"]],
                  "unit": units.get(a["instrument"], ""), "band": a["band"] or "",
                  "flags": " | ".join(str(f) for f in (a["flags"] or []))})
        for name, value in (a["subscales"] or {}).items():
            a[f"subscale_{name}"] = value
        yield a


def _goals(c: _Context) -> Iterator[Row]:
    for g in _stream(c, select(*Goal.__table__.c).order_by(Goal.id)):
        g.update({"goal_id": g["id"], "patient_id": c.episode_patient[g["episode_id"]],
                  "instrument": g["instrument"] or ""})
        yield g


def _doses(model: Any, catalog_column: str, key_name: str) -> Callable[[_Context],
                                                                       Iterator[Row]]:
    def rows(c: _Context) -> Iterator[Row]:
        table = model.__table__
        q = (select(*table.c, VisitNote.episode_id, VisitNote.visit_date,
                    CatalogEntry.key.label("catalog_key"),
                    CatalogEntry.name.label("catalog_name"))
             .join(VisitNote, VisitNote.id == table.c.visit_id)
             .join(CatalogEntry, CatalogEntry.id == table.c[catalog_column])
             .order_by(table.c.id))
        for row in _stream(c, q):
            row.update({"dose_id": row["id"], "session_id": row["visit_id"],
                        "patient_id": c.episode_patient[row["episode_id"]],
                        key_name: row["catalog_key"],
                        f"{key_name}_name": row["catalog_name"]})
            yield row
    return rows


def _home_frequency(c: _Context, rows: Iterator[Row]) -> Iterator[Row]:
    """Each home-program exercise with how often it is done at home: the exercise's own
    frequency in the plan of care, else the plan's."""
    for row in rows:
        schedule = c.home[row["episode_id"]].schedule_for(row["exercise"]) \
            if row.get("home_program") else None
        if schedule:
            row["home_times_per_day"], row["home_days_per_week"] = schedule
        yield row


PRODUCERS: dict[str, Callable[[_Context], Iterator[Row]]] = {
    "patients": _patients,
    "episodes": _episodes,
    "sessions": _sessions,
    "assessments": _assessments,
    "goals": _goals,
    "exercise_doses": lambda c: _home_frequency(c, _doses(ExerciseDose, "exercise_id",
                                                          "exercise")(c)),
    "manual_therapy": _doses(ManualTherapyDose, "technique_id", "technique"),
}


def _shaper(c: _Context, table: str, columns: list[Column]) -> Callable[[Row], list[Any]]:
    """A function turning one record into its CSV cells (the column plan made once)."""
    plan = []
    for col in columns:
        if not col.kept(c.deidentify):
            continue
        how = col.kind if c.deidentify and col.kind in {"id", "date"} else "value"
        # dose ids number two different tables: keep their study ids apart
        key = f"{table}.{col.name}" if col.name == "dose_id" else col.name
        plan.append((col.name, how, key))

    def shape(row: Row) -> list[Any]:
        out = []
        for name, how, key in plan:
            value = row.get(name)
            if how == "id":
                value = c.ids(key, value)
            elif how == "date":
                value = c.day(row["episode_id"], value)
            out.append(_cell(value))
        return out
    return shape


def header(table: str, deidentify: bool) -> list[str]:
    return [col.deid_name if deidentify else col.name
            for col in TABLES[table] if col.kept(deidentify)]


def dictionary_rows(deidentify: bool) -> Iterable[list[str]]:
    yield ["table", "column", "description", "unit"]
    for table, columns in TABLES.items():
        for col in columns:
            if col.kept(deidentify):
                yield [f"{table}.csv", col.deid_name if deidentify else col.name,
                       col.description, "days since episode start"
                       if deidentify and col.kind == "date" else col.unit]


README = """MASH Desktop research tables ({kind})
Exported {when} by MASH Desktop.

One CSV file per kind of record, one row per record, one column per variable.
dictionary.csv lists every column of every file with its meaning and unit.
Files are UTF-8 (with a byte-order mark so spreadsheets show accented and CJK names);
empty cells are missing values; yes/no values are 1/0; text a spreadsheet would run as a
formula starts with an apostrophe.

Files and row counts:
{counts}
{deid}"""

DEID_NOTE = """
DE-IDENTIFIED: names, MRNs, dates of birth, contacts, addresses, payer details, start
times, signatures and every free-text field are left out. Dates are whole days since the
start of the episode the record belongs to (episode start = day 0). Ages are whole years
at the episode start; 90 means 90 or older. Ids are random study ids, consistent across
the files of this export only; a new export gets new ids. Small groups may still be
recognisable: share the tables under a data agreement.
"""


def export_csv(session: Session, folder: str | Path, deidentify: bool = False,
               actor: Acting | None = None, force: bool = False) -> dict[str, int]:
    """Write every table (and the dictionary) into ``folder``; returns rows per table."""
    from ..services.access import authorize

    actor = authorize(session, actor, "export")
    episodes = list(session.execute(select(
        Episode.id, Episode.patient_id, Episode.start_date, Episode.arm,
        Episode.hep_times_per_day, Episode.hep_days_per_week, Episode.hep_exercises)))
    c = _Context(session, deidentify, _Ids(deidentify),
                 {e.id: e.start_date for e in episodes}, {e.id: e.patient_id for e in episodes},
                 {e.id: e.arm for e in episodes}, {e.id: prescription(e) for e in episodes})
    counts: dict[str, int] = {}

    def fill(tmp: Path) -> None:
        for table, columns in TABLES.items():
            with open(tmp / f"{table}.csv", "w", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(header(table, deidentify))
                shape = _shaper(c, table, columns)
                n = 0
                for row in PRODUCERS[table](c):
                    w.writerow(shape(row))
                    n += 1
                counts[table] = n
        with open(tmp / "dictionary.csv", "w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows(dictionary_rows(deidentify))
        (tmp / "README.txt").write_text(README.format(
            kind="de-identified" if deidentify else "identified: contains patient data",
            when=date.today().isoformat(),
            counts="\n".join(f"  {t}.csv  {n} rows" for t, n in counts.items()),
            deid=DEID_NOTE if deidentify else "\nIDENTIFIED: these files contain names, "
            "dates of birth and notes. Keep them as safe as the chart.\n"), encoding="utf-8")

    write_folder(folder, fill, force)
    audit.record(session, actor, "export", "csv", None,
                 changes={"deidentified": [None, deidentify], "rows": [None, counts]})
    return counts
