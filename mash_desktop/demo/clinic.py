"""A large, realistic clinic for benchmarks: ``mash-desktop demo --clinic-years N``.

Ten years of a busy MASH clinic is 5 000 patients, 8 000 episodes of care, 100 000 signed
session notes with their manual-therapy and exercise doses, education and billed minutes,
and 25 000 scored assessments; other sizes scale in proportion. One patient has a
200-visit episode (a long maintenance course) with the full outcome battery, so the
benchmark can open the heaviest chart a clinic is likely to have.

Rows are written with SQLAlchemy Core ``insert()`` on the models' tables, many thousand at
a time (executemany) in one transaction, because going through the services one note at
a time would take hours. The values still follow the services' rules: visits twice a week
inside the episode, dates never in the future, visit numbers counting attended visits,
doses progressing along the catalog's progression ladder (the same ``next_dose`` the
copy-forward suggestions use), assessments scored by :func:`mash_desktop.outcomes.score`,
every note signed with a name, and an audit row for every record as the app would write.
"""

from __future__ import annotations

import json
import random
import time as _time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select

from .. import outcomes
from ..catalog import billing_code
from ..db import Database
from ..models import (
    Addendum,
    AdverseEvent,
    Assessment,
    AuditEntry,
    BillingLine,
    CatalogEntry,
    EducationItem,
    EligibilityScreen,
    Episode,
    ExerciseDose,
    Goal,
    ManualTherapyDose,
    Patient,
    Payer,
    ProgressReport,
    VisitNote,
)
from ..services.evaluation import screen_items
from ..services.progression import next_dose
from ..services.sessions import PROGRESS_EVERY_TREATMENT_DAYS
from .patients import DIAGNOSES, PHYSICIANS, eligible_hips, eligible_hoos
from .step_20_course import EDUCATION, education_for

# Per year of clinic (the ten-year figures divided by ten).
PER_YEAR = {"patients": 500, "episodes": 800, "sessions": 10_000, "assessments": 2_500}
LONG_VISITS = 200
MRN_PREFIX = "CLN-"
BATCH = 20_000

FIRST = {
    "female": ["Margaret", "Dorothy", "Evelyn", "Gloria", "Barbara", "Patricia", "Linda",
               "Carol", "Sandra", "Judith", "Joan", "Shirley", "Betty", "Helen", "Ruth",
               "Marie", "Frances", "Janet", "Ann", "Jean", "Łucja", "Aiko", "Ingrid", "Renée",
               "Siobhán", "Mei", "Zofia", "Ana", "Beatriz", "Ngozi"],
    "male": ["Robert", "Harold", "Frank", "James", "John", "William", "Richard", "Thomas",
             "Charles", "Donald", "George", "Kenneth", "Ronald", "Gary", "Larry", "Dennis",
             "Walter", "Raymond", "Eugene", "Arthur", "José", "Jürgen", "Wei", "Søren",
             "François", "Hiroshi", "Piotr", "Rajesh", "Emeka", "Luís"],
}
LAST = ["Ellison", "Haines", "Hernández", "Kowalska", "Müller", "Baptiste", "Okafor",
        "Sørensen", "DeLuca", "Tanaka", "Whitfield", "Smith", "Johnson", "Williams", "Brown",
        "Jones", "Miller", "Davis", "García", "Rodríguez", "Wilson", "Martínez", "Anderson",
        "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris",
        "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
        "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts",
        "Carter", "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart",
        "Morris", "Murphy", "Cook", "Rogers", "O'Brien", "Nguyen", "Kim", "Patel", "Singh",
        "Cohen", "Schmidt", "Novak", "Lindqvist", "Fitzgerald", "Dubois", "Rossi", "李", "王",
        "Papadopoulos", "Yilmaz", "Ivanova", "Kaur", "Mendoza"]
STREETS = ["Elm Street", "Oak Avenue", "Main Street", "Maple Drive", "Church Road",
           "Kirkwood Highway", "Delaware Avenue", "Chestnut Hill Road", "Polly Drummond Road"]
PAYERS = [("Medicare Part B", "medicare"), ("Aetna Medicare Advantage", "medicare"),
          ("BlueCross PPO", "per_code"), ("Humana Medicare Advantage", "medicare"),
          ("UnitedHealthcare Choice", "per_code"), ("Self-pay", "per_code")]
PAYER_WEIGHTS = [55, 12, 12, 10, 8, 3]
THERAPISTS = [("Dana Whitaker", "PT, DPT"), ("Marcus Lindgren", "PT, DPT, OCS"),
              ("Priya Raman", "PT, DPT"), ("Tomás Ortega", "PT, MPT"),
              ("Hannah Weiss", "PTA")]
SUBJECTIVE = [
    "Back pain better after last session; did home exercises daily.",
    "Reports stiffness in the morning that eases after 20 minutes; HEP most days.",
    "Walked 20 minutes twice this week without increase in back pain.",
    "Hip ache after gardening at the weekend, settled by Monday.",
    "Sleeping better; able to get in and out of the car more easily.",
    "Flare-up after a long car journey; better since. Did exercises 3 times.",
    "No new complaints. Climbing stairs feels easier.",
    "Pain mostly at end of day; using activity pacing as discussed.",
]
ASSESSMENT = [
    "Tolerated progression without increase in symptoms.",
    "Improved hip internal rotation range; lumbar mobility within functional limits.",
    "Good exercise technique; cued to brace before sit-to-stand.",
    "Symptoms settled within session; responding well to hip mobilisation.",
    "Mild increase in soreness after step-ups; reduced step height.",
]
PLAN = ["Continue MASH plan; progress per tolerance.",
        "Progress resistance next visit if tolerated.",
        "Review home program; continue twice weekly.",
        "Continue; reassess at 8 weeks."]
MT_PLANS = {
    "hip_focused": [
        {"technique": "hip_long_axis_distraction", "grade": "III", "sets": 3,
         "oscillations": 30, "patient_position": "supine"},
        {"technique": "hip_posterior_glide", "grade": "III", "sets": 3, "oscillations": 30,
         "patient_position": "supine, hip in flexion"},
        {"technique": "hip_flexor_stretch_manual", "sets": 3, "seconds": 30,
         "patient_position": "supine, Thomas position"},
        {"technique": "lumbar_pa_central_hip_arm", "grade": "II", "sets": 3,
         "oscillations": 30, "patient_position": "prone", "side": "central"},
    ],
    "spine_focused": [
        {"technique": "lumbar_soft_tissue", "sets": 1, "seconds": 300,
         "patient_position": "prone", "side": "bilateral"},
        {"technique": "lumbar_pa_central", "grade": "II", "sets": 3, "oscillations": 30,
         "patient_position": "prone", "side": "central"},
        {"technique": "lumbar_rotation_mob", "grade": "II", "sets": 3, "oscillations": 30,
         "patient_position": "side-lying", "side": "left"},
    ],
}
EX_PLANS = {
    "hip_focused": ["sidelying_hip_abduction", "bridge", "clamshell", "sit_to_stand",
                    "step_up", "hip_flexor_stretch", "abdominal_bracing", "standing_hip_abduction",
                    "prone_hip_extension", "hip_ir_band"],
    "spine_focused": ["stationary_cycling", "lumbar_rotation_stretch", "cat_camel",
                      "abdominal_bracing", "bird_dog", "knee_to_chest", "dead_bug",
                      "side_plank_modified"],
}
# Assessments an episode gets, most important first (mash_program.md §5.1: primary
# outcomes, then the secondary battery), so a clinic that measures less still measures
# what matters.
PRIORITY = [("baseline", "qbpds"), ("baseline", "gait_speed"), ("8_weeks", "qbpds"),
            ("8_weeks", "gait_speed"), ("baseline", "nprs_back"), ("8_weeks", "nprs_back"),
            ("baseline", "6mwt"), ("8_weeks", "6mwt"), ("baseline", "tug"), ("8_weeks", "tug"),
            ("6_months", "qbpds"), ("6_months", "gait_speed"), ("baseline", "30s_chair_stand"),
            ("8_weeks", "30s_chair_stand"), ("baseline", "pcs"), ("8_weeks", "pcs"),
            ("baseline", "phq9"), ("8_weeks", "phq9"), ("baseline", "nprs_hip"),
            ("8_weeks", "nprs_hip")]
BATTERY = ["qbpds", "gait_speed", "6mwt", "30s_chair_stand", "tug", "nprs_back", "nprs_hip",
           "phq9", "pcs"]
TIMEPOINT_DAYS = {"baseline": 0, "8_weeks": 56, "6_months": 182}
# Long-term goals of every generated episode: (measure, text, change aimed for), the
# MASH primary outcomes (mash_program.md §5.1).
GOALS = [("qbpds", "Daily activities with less back-pain disability: QBPDS {target} or lower",
          10.0),
         ("gait_speed", "Walk in the community at {target} m/s or faster", 0.1)]
SCREEN_KEYS = [i["key"] for i in screen_items()]


@dataclass(frozen=True)
class ClinicSize:
    patients: int
    episodes: int
    sessions: int
    assessments: int
    long_visits: int

    @classmethod
    def for_years(cls, years: float) -> ClinicSize:
        if not (0 < years <= 50):
            raise ValueError("clinic years must be more than 0 and at most 50")
        n = {k: max(1, round(v * years)) for k, v in PER_YEAR.items()}
        patients = max(2, n["patients"])
        episodes = max(patients, n["episodes"])
        sessions = max(episodes * 2, n["sessions"])
        long_visits = LONG_VISITS if sessions >= 10 * LONG_VISITS else max(4, sessions // 5)
        # every episode's evaluation has its baseline QBPDS and gait speed (the goals'
        # measures); the long episode has the whole battery at up to five timepoints
        least = 2 * (episodes - 1) + 5 * len(BATTERY)
        return cls(patients, episodes, sessions, max(least, n["assessments"]), long_visits)


@dataclass
class ClinicStats:
    size: ClinicSize
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    long_episode_id: int | None = None


def has_clinic(conn: Connection) -> bool:
    return conn.scalar(select(Patient.id).where(Patient.mrn == f"{MRN_PREFIX}00001")) is not None


def long_episode_id(conn: Connection) -> int | None:
    """The generated clinic's 200-visit episode (the heaviest chart)."""
    q = (select(Episode.id).join(Patient, Patient.id == Episode.patient_id)
         .where(Patient.mrn == f"{MRN_PREFIX}00001").order_by(Episode.planned_visits.desc()))
    return conn.scalar(q)


class _Writer:
    """Buffers rows per table; flushes all buffers parents-first, so foreign keys hold."""

    ORDER = [Payer, Patient, Episode, EligibilityScreen, Goal, VisitNote, ManualTherapyDose,
             ExerciseDose, EducationItem, BillingLine, Addendum, AdverseEvent, ProgressReport,
             Assessment, AuditEntry]

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.tables: list[Table] = [m.__table__ for m in self.ORDER]  # type: ignore[misc]
        self.buffers: dict[str, list[dict[str, Any]]] = {t.name: [] for t in self.tables}
        self.counts: dict[str, int] = {t.name: 0 for t in self.tables}
        self.next_id: dict[str, int] = {}
        for t in self.tables:
            pk = t.c.id
            self.next_id[t.name] = (conn.scalar(select(func.max(pk))) or 0) + 1
        self.pending = 0

    def new_id(self, table: str) -> int:
        i = self.next_id[table]
        self.next_id[table] = i + 1
        return i

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.buffers[table].append(row)
        self.pending += 1
        if self.pending >= BATCH:
            self.flush()

    def flush(self) -> None:
        for t in self.tables:
            rows = self.buffers[t.name]
            if rows:
                self.conn.execute(insert(t), rows)
                self.counts[t.name] += len(rows)
                self.buffers[t.name] = []
        self.pending = 0


def _monday_or_tuesday(d: date) -> date:
    while d.weekday() not in (0, 1):
        d += timedelta(days=1)
    return d


def visit_dates(start: date, n: int) -> list[date]:
    """Twice a week (Monday/Thursday or Tuesday/Friday), ``n`` visits from ``start``."""
    out, d = [], start
    for i in range(n):
        out.append(d)
        d += timedelta(days=3 if i % 2 == 0 else 4)
    return out


def _span_days(n: int) -> int:
    return 0 if n <= 1 else (n // 2) * 7 - (3 if n % 2 == 0 else 0)


def _fix_sum(values: list[int], target: int, lo: int, hi: list[int] | int,
             rng: random.Random, protect: set[int] = frozenset()) -> None:  # type: ignore[assignment]
    """Nudge random entries up or down (within bounds) until they add up to ``target``."""
    highs = hi if isinstance(hi, list) else [hi] * len(values)
    idx = [i for i in range(len(values)) if i not in protect]
    total = sum(values)
    guard = 50 * (abs(target - total) + 1)
    while total != target and guard:
        guard -= 1
        i = idx[rng.randrange(len(idx))]
        if total < target and values[i] < highs[i]:
            values[i] += 1
            total += 1
        elif total > target and values[i] > lo:
            values[i] -= 1
            total -= 1
    if total != target:  # bounds too tight for the random walk: sweep deterministically
        for i in idx:
            while total < target and values[i] < highs[i]:
                values[i] += 1
                total += 1
            while total > target and values[i] > lo:
                values[i] -= 1
                total -= 1


def _items(total: int, n: int, top: int, rng: random.Random) -> list[int]:
    """``n`` item answers in 0..top adding up to ``total`` (clamped to what is possible)."""
    total = max(0, min(total, n * top))
    items = [total // n] * n
    for i in rng.sample(range(n), total - sum(items)):
        items[i] += 1
    return items


def answers_for(instrument: str, gain: float, rng: random.Random, z: float = 0.0) -> Any:
    """Plausible item answers for one instrument (MASH group means, mash_program.md §6.3).

    ``z`` places the patient in the group (the same at every timepoint, so a patient who
    starts worse stays worse), ``gain`` is how far treatment has moved them, and a little
    noise is measurement error.
    """
    def around(mean: float, sd: float, error: float = 0.35) -> float:
        return mean + sd * (z + rng.gauss(0, error))

    if instrument == "qbpds":
        return _items(round(around(28, 6) - 12 * gain), 20, 5, rng)
    if instrument == "gait_speed":
        speed = max(0.5, around(1.12, -0.12) + 0.10 * gain)
        return {"distance_m": 10.0, "time_s": round(10.0 / speed, 2)}
    if instrument == "6mwt":
        return {"distance_m": round(around(451, -40) + 40 * gain)}
    if instrument == "30s_chair_stand":
        return {"count": max(3, round(around(10, -1.5) + 2 * gain))}
    if instrument == "tug":
        return {"time_s": round(max(5.5, around(9.6, 1.0) - 1.0 * gain), 1)}
    if instrument == "nprs_back":
        return max(0, min(10, round(around(6, 1) - 3 * gain)))
    if instrument == "nprs_hip":
        return max(0, min(10, round(around(5, 1.2) - 2.5 * gain)))
    if instrument == "phq9":
        return _items(max(0, round(around(3.2, 1.5) - gain)), 8, 3, rng) + [0]
    if instrument == "pcs":
        return _items(max(0, round(around(16, 5) - 7 * gain)), 13, 4, rng)
    raise ValueError(f"no answer generator for {instrument}")


class _Scores:
    """outcomes.score with a cache: many patients give the same answers."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], outcomes.Score] = {}

    def __call__(self, instrument: str, answers: Any) -> outcomes.Score:
        key = (instrument, json.dumps(answers, sort_keys=True))
        hit = self.cache.get(key)
        if hit is None:
            hit = self.cache[key] = outcomes.score(instrument, answers)
        return hit


@dataclass
class _Plan:
    """One episode before it is written: who, when, how many visits and assessments."""

    patient: int
    arm: str
    visits: int
    assessments: int = 0
    start: date = date.min
    long: bool = False
    current: bool = False  # still in treatment: the patient's last episode, ending today


class ClinicBuilder:
    def __init__(self, conn: Connection, years: float, today: date, seed: int) -> None:
        self.conn = conn
        self.size = ClinicSize.for_years(years)
        self.today = today
        self.rng = random.Random(seed)
        self.w = _Writer(conn)
        self.scores = _Scores()
        self.catalog = {k: (i, d) for i, k, d in conn.execute(
            select(CatalogEntry.id, CatalogEntry.key, CatalogEntry.defaults))}
        missing = [k for k in self._needed_keys() if k not in self.catalog]
        if missing:
            raise RuntimeError(f"catalog entries missing (seed the catalog first): {missing}")
        self._dose_cache: dict[tuple[str, str, int], dict[str, Any]] = {}
        self._pending: list[tuple[str, Any]] = []
        self.span_days = int(max(years, 2.0) * 365.25)
        self.first_day = today - timedelta(days=self.span_days)

    @staticmethod
    def _needed_keys() -> set[str]:
        keys: set[str] = {str(m["technique"]) for plan in MT_PLANS.values() for m in plan}
        keys |= {k for plan in EX_PLANS.values() for k in plan}
        return keys | set(EDUCATION)

    # ---- planning ---------------------------------------------------------------------
    def plan(self) -> list[list[_Plan]]:
        """Episodes per patient with visit and assessment counts that add up exactly."""
        size, rng = self.size, self.rng
        owners = list(range(size.patients)) + [
            rng.randrange(1, size.patients) for _ in range(size.episodes - size.patients)]
        rng.shuffle(owners)
        owners.remove(0)
        owners.insert(0, 0)  # episode 0 is the long one, patient 0's
        plans = [_Plan(p, "hip_focused" if rng.random() < 0.5 else "spine_focused", 0)
                 for p in owners]
        for p in plans:
            if rng.random() < 0.03:
                p.arm = "custom"
        long = plans[0]
        long.long, long.arm, long.visits = True, "hip_focused", size.long_visits
        visits = [16 if rng.random() < 0.65 else rng.randint(1, 12) for _ in plans[1:]]
        _fix_sum(visits, size.sessions - long.visits, 1, 24, rng)
        for p, n in zip(plans[1:], visits, strict=True):
            p.visits = n
            # About 1 in 65 episodes is mid-course today (a clinic of this size treats
            # roughly 15 new patients a week for 8 weeks each).
            p.current = n < 16 and rng.random() < 0.045
        by_patient: list[list[_Plan]] = [[] for _ in range(size.patients)]
        for p in plans:
            by_patient[p.patient].append(p)
        for episodes in by_patient:
            self._place(episodes)
        caps = [self._assessment_slots(p) for p in plans]
        counts = [min(len(c), rng.choice([2, 2, 3, 3, 4, 4, 6])) for c in caps]
        counts[0] = len(caps[0])
        _fix_sum(counts, size.assessments, 2, [len(c) for c in caps], rng, protect={0})
        for p, n in zip(plans, counts, strict=True):
            p.assessments = n
        return by_patient

    def _place(self, episodes: list[_Plan]) -> None:
        """Start dates: in order, at least three months apart, last visit before today."""
        gap = 90
        episodes.sort(key=lambda p: p.current)
        for p in episodes[:-1]:
            p.current = False
        lengths = [_span_days(p.visits) + 7 for p in episodes]
        room = self.span_days - sum(lengths) - gap * (len(episodes) - 1) - 2
        points = sorted(self.rng.uniform(0, max(0, room)) for _ in episodes)
        if episodes[-1].current:
            points[-1] = max(0, room)
        offset = 0
        for p, length, point in zip(episodes, lengths, points, strict=True):
            start = self.first_day + timedelta(days=int(point) + offset)
            p.start = _monday_or_tuesday(start)
            offset += length + gap
        last = episodes[-1]
        if last.current and room >= 0:  # seen twice a week up to this week
            last.start = _monday_or_tuesday(self.today - timedelta(days=_span_days(last.visits)
                                                                    + 7))

    def _assessment_slots(self, p: _Plan) -> list[tuple[str, str, date]]:
        end = p.start + timedelta(days=_span_days(p.visits) + 190)
        last = min(end, self.today - timedelta(days=1))
        slots: list[tuple[str, str, date]] = []
        if p.long:
            points = [(tp, p.start + timedelta(days=d)) for tp, d in TIMEPOINT_DAYS.items()]
            points += [("custom", p.start + timedelta(days=365)),
                       ("discharge", p.start + timedelta(days=_span_days(p.visits)))]
            return [(tp, inst, when) for tp, when in points if when <= last
                    for inst in BATTERY]
        for tp, inst in PRIORITY:
            when = p.start + timedelta(days=TIMEPOINT_DAYS[tp])
            if when <= last:
                slots.append((tp, inst, when))
        return slots

    # ---- writing ----------------------------------------------------------------------
    def build(self) -> ClinicStats:
        t0 = _time.perf_counter()
        by_patient = self.plan()
        payers = self._payers()
        long_id = None
        for number, episodes in enumerate(by_patient, start=1):
            pid = self._patient(number, episodes, payers)
            for p in episodes:
                eid = self._episode(pid, p)
                if p.long:
                    long_id = eid
        self.w.flush()
        stats = ClinicStats(self.size, dict(self.w.counts), _time.perf_counter() - t0, long_id)
        return stats

    def _payers(self) -> list[int]:
        have = dict(self.conn.execute(select(Payer.name, Payer.id)).all())
        ids = []
        for name, rule in PAYERS:
            if name not in have:
                have[name] = self.w.new_id("payers")
                self.w.add("payers", {"id": have[name], "name": name, "billing_rule": rule})
            ids.append(have[name])
        return ids

    def _audit(self, at: datetime, user: str, action: str, entity: str, entity_id: int,
               patient_id: int, changes: dict[str, Any]) -> None:
        self.w.add("audit_log", {"id": self.w.new_id("audit_log"), "at": at, "user_id": None,
                                 "username": user, "action": action, "entity": entity,
                                 "entity_id": entity_id, "patient_id": patient_id,
                                 "changes": changes})

    def _patient(self, number: int, episodes: list[_Plan], payers: list[int]) -> int:
        rng = self.rng
        sex = "female" if rng.random() < 0.58 else "male"
        first, last = rng.choice(FIRST[sex]), rng.choice(LAST)
        first_start = min(p.start for p in episodes)
        # 60-85 at the start of every episode (MASH I1, resources/eligibility.json): a
        # patient whose episodes span years is younger at the first
        span = (max(p.start for p in episodes) - first_start).days // 365 + 1
        age = rng.randint(60, max(60, 84 - span))
        born = first_start - timedelta(days=round((age + rng.uniform(0.02, 0.97)) * 365.25))
        dob = born.replace(day=min(born.day, 28))
        pid = self.w.new_id("patients")
        created = datetime.combine(first_start - timedelta(days=rng.randint(1, 14)), time(9))
        payer = rng.choices(payers, PAYER_WEIGHTS)[0]
        row = {"id": pid, "mrn": f"{MRN_PREFIX}{number:05d}", "first_name": first,
               "last_name": last, "date_of_birth": dob, "sex": sex,
               "phone": f"(302) 555-{rng.randint(1000, 9999)}",
               "email": f"{first[0].lower()}.{number}@example.org" if rng.random() < 0.7
               else "",
               "address": f"{rng.randint(10, 999)} {rng.choice(STREETS)}\nNewark, DE 19711",
               "referring_physician": rng.choice(PHYSICIANS), "payer_id": payer,
               "member_id": f"M{rng.randint(10**7, 10**8 - 1)}",
               "notes": "" if rng.random() < 0.8 else "Prefers morning appointments.",
               "created_at": created, "updated_at": created}
        self.w.add("patients", row)
        self._audit(created, "system", "create", "patient", pid, pid,
                    {k: [None, v.isoformat() if isinstance(v, date) else v]
                     for k, v in row.items() if k not in ("id", "created_at", "updated_at")})
        return pid

    def _episode(self, pid: int, p: _Plan) -> int:
        rng = self.rng
        eid = self.w.new_id("episodes")
        dates = visit_dates(p.start, p.visits)
        missed = set() if p.long else {i for i in range(1, p.visits) if rng.random() < 0.03}
        attended = p.visits - len(missed)
        last = dates[-1]
        active = p.current
        code, diagnosis = rng.choice(DIAGNOSES)
        cert_start = p.start if not p.long else max(p.start, last - timedelta(days=60))
        discharge = None if active else min(last + timedelta(days=rng.randint(0, 3)),
                                            self.today - timedelta(days=1))
        created = datetime.combine(p.start, time(8))
        therapist = rng.choice(THERAPISTS[:4])
        # twice a week for as many weeks as the visits take (at least the MASH 8): the
        # plan's frequency x duration is its planned visits (services.episodes)
        planned = LONG_VISITS if p.long else max(16, attended + attended % 2)
        measured = self._assessments(pid, eid, p, therapist)
        goals = self._goals(eid, p, measured, discharge)
        all_met = all(g["status"] == "met" for g in goals)
        self.w.add("episodes", {
            "id": eid, "patient_id": pid, "start_date": p.start, "icd10_code": code,
            "diagnosis_text": diagnosis, "body_region": "lumbar spine and hip", "arm": p.arm,
            "planned_visits": planned, "sessions_per_week": 2, "duration_weeks": planned // 2,
            "frequency": "2x/week for 8 weeks" if not p.long else "2x/week, maintenance",
            "cert_start": cert_start, "cert_end": cert_start + timedelta(days=89),
            "status": "active" if active else "discharged", "discharge_date": discharge,
            "discharge_reason": "" if active else (
                # "goals met" only when they are (mash-desktop check: discharge reasons)
                ("Completed the 8-week MASH program; goals met." if all_met else
                 "Completed the 8-week MASH program; goals partly met, continuing with the "
                 "home program.") if attended >= 14 else
                "Stopped attending; discharged after two follow-up calls."),
            "discharge_kind": "" if active else (
                ("goals_met" if all_met else "course_completed") if attended >= 14 else
                "patient_choice"),
            "recommendations": "" if active else
            "Continue the home exercise program 3 times a week; walk 20-30 minutes most days.",
            # the plan of care's home program (the evaluation's checklist asks for it)
            "hep_times_per_day": 1, "hep_days_per_week": rng.choice([3, 5, 5, 7]),
            "therapist_id": None, "created_at": created, "updated_at": created})
        self._audit(created, "system", "create", "episode", eid, pid,
                    {"start_date": [None, p.start.isoformat()], "arm": [None, p.arm],
                     "icd10_code": [None, code]})
        weight = float(rng.randint(55, 105))
        # the screen's LBP intensity is the baseline NPRS (one pain course per patient)
        intensity = next((x for _d, tp, x in measured.get("nprs_back", []) if tp ==
                          "baseline"), float(rng.randint(4, 8)))
        # a screen the episode passes (resources/eligibility.json): hip internal rotation
        # below 0.26 of body weight on the weaker side, HOOS pain above 5
        hips = eligible_hips(rng, weight, rng.choice(["left", "right"]))
        ir = (float(hips["hip_ir_left"]), float(hips["hip_ir_right"]))
        self.w.add("eligibility_screens", {
            "id": self.w.new_id("eligibility_screens"), "episode_id": eid,
            "screened_on": p.start, "lbp_duration_months": rng.choice([6, 12, 24, 60, 120]),
            "lbp_half_days_6mo": True, "lbp_intensity": intensity,
            "body_weight_kg": weight, "hip_ir_left": ir[0], "hip_ir_right": ir[1],
            "hip_ir_unit": "kgf", "hoos_items": eligible_hoos(rng), "notes": ""})
        self._write_pending()  # the assessments, now that their episode is written
        for g in goals:
            self.w.add("goals", g)
        evaluation = self._evaluation(weight, ir)
        self._visits(pid, eid, p, dates, missed, therapist, evaluation, goals, measured,
                     discharge)
        return eid

    def _evaluation(self, weight: float, ir: tuple[float, float]) -> dict[str, Any]:
        """The initial evaluation's findings (the screen answered: every patient is eligible)."""
        rng = self.rng
        weak = "right" if ir[1] < ir[0] else "left"

        def pair(lo: float, hi: float) -> dict[str, float]:
            """Left and right, the weak hip the weaker (the impairments name it)."""
            a, b = sorted((round(rng.uniform(lo, hi), 1), round(rng.uniform(lo, hi), 1)))
            return {weak: a, ("left" if weak == "right" else "right"): b}

        return {
            "exclusion": dict.fromkeys(SCREEN_KEYS, "no"),
            "systems_review": "Cardiovascular, integumentary and neuromuscular screens "
                              "unremarkable; no red flags.",
            "body_weight_kg": weight,
            "hip_strength": {
                "abduction": pair(10, 22),
                "extension": pair(12, 26),
                "internal_rotation": {"left": ir[0], "right": ir[1]}},
            "hip_rom": {"internal_rotation": {"left": rng.randint(15, 40),
                                              "right": rng.randint(15, 40)},
                        "flexion": {"left": rng.randint(95, 120),
                                    "right": rng.randint(95, 120)}},
            "impairments": f"Weak {weak} hip internal rotators and abductors; reduced walking "
                           "tolerance and sit-to-stand endurance.",
            "rehab_potential": rng.choice(["good", "good", "fair"]),
        }

    def _goals(self, eid: int, p: _Plan, measured: dict[str, list[tuple[date, str, float]]],
               discharge: date | None) -> list[dict[str, Any]]:
        """Long-term goals on the primary outcomes, each status as its measurement says."""
        goals = []
        for inst, text_, gain in GOALS:
            base = next(x for _d, tp, x in measured[inst] if tp == "baseline")
            lower = outcomes.get_instrument(inst).lower_is_better
            target = max(0.0, base - gain) if lower else round(base + gain, 2)
            if target == base:  # nothing to gain on this measure: no measure-linked goal
                continue
            status = "open"
            if discharge is not None:
                later = [x for d, tp, x in measured[inst] if tp != "baseline" and d <= discharge]
                if not later:
                    status = "not_met"
                elif (later[-1] <= target) if lower else (later[-1] >= target):
                    status = "met"
                else:
                    progressed = (later[-1] < base) if lower else (later[-1] > base)
                    status = "partially_met" if progressed else "not_met"
            shown = f"{target:g}"
            goals.append({"id": self.w.new_id("goals"), "episode_id": eid, "term": "long",
                          "text": text_.format(target=shown),
                          "target_date": p.start + timedelta(weeks=8), "instrument": inst,
                          "baseline": base, "target": target, "status": status})
        return goals

    def _dose(self, key: str, side: str, level: int) -> dict[str, Any]:
        """The exercise dose after ``level`` progression steps (cached: many visits share it)."""
        ck = (key, side, level)
        hit = self._dose_cache.get(ck)
        if hit is not None:
            return hit
        cid, defaults = self.catalog[key]
        if level == 0:
            dose = {k: defaults.get(k) for k in ("sets", "reps", "hold_s", "minutes", "load_kg",
                                                 "band")}
            dose["load_type"] = defaults.get("load_type") or "body_weight"
            dose["band"] = dose["band"] or ""
        else:
            dose = dict(self._dose(key, side, level - 1))
            step = next_dose(dose, defaults.get("progression"), defaults.get("reps"))
            dose.update(step or {})
        dose["exercise_id"] = cid
        dose["side"] = side if defaults.get("side") != "bilateral" else "bilateral"
        dose["progression_level"] = f"level {level + 1}" if level else ""
        self._dose_cache[ck] = dose
        return dose

    def _visits(self, pid: int, eid: int, p: _Plan, dates: list[date], missed: set[int],
                therapist: tuple[str, str], evaluation: dict[str, Any],
                goals: list[dict[str, Any]], measured: dict[str, list[tuple[date, str, float]]],
                discharge: date | None) -> None:
        """The episode's notes as the app would have them signed (BPM ch. 15 §220.3).

        The first visit is the initial evaluation, every tenth treatment day since the
        last report a progress report, the last visit of a discharged episode the
        discharge note; a licensed PT signs those, and every note passes the sign
        checklist (screen answered, assessment, interventions for the billed codes,
        timed minutes within the visit).
        """
        rng, w = self.rng, self.w
        last_attended = max(i for i in range(len(dates)) if i not in missed)
        side = rng.choice(["left", "right"])
        arm = p.arm if p.arm != "custom" else rng.choice(["hip_focused", "spine_focused"])
        topics = education_for(p.arm)  # the episode's arm: catalog topics of that arm
        mt_plan = MT_PLANS[arm][:rng.choice([2, 3, 3])]
        ex_plan = EX_PLANS[arm][:rng.choice([6, 7, 7])] if not p.long else EX_PLANS[arm]
        pain = float(rng.randint(5, 8))
        hour = rng.randint(8, 16)
        number = 0
        since_report = 0
        levels = {k: 0 for k in ex_plan}
        for i, when in enumerate(dates):
            vid = w.new_id("visit_notes")
            start = datetime.combine(when, time(hour, rng.choice([0, 0, 15, 30, 45])))
            signer = therapist if rng.random() < 0.9 else rng.choice(THERAPISTS)
            if i == 0:
                ntype = "evaluation"
            elif i == last_attended and discharge is not None:
                ntype = "discharge"
            elif i not in missed and since_report + 1 >= PROGRESS_EVERY_TREATMENT_DAYS:
                ntype = "progress"
            else:
                ntype = "daily"
            if ntype != "daily":
                signer = therapist  # only a licensed PT signs these (LICENSED_NOTE_TYPES)
            signed = start + timedelta(minutes=rng.randint(60, 240))
            note = {"id": vid, "episode_id": eid, "visit_date": when, "start_time": start.time(),
                    "visit_number": 0, "status": "attended", "status_reason": "",
                    "total_minutes": 0, "pain_back_pre": None, "pain_back_post": None,
                    "pain_hip_pre": None, "pain_hip_post": None, "subjective": "",
                    "assessment": "", "plan": "", "adverse_event": False, "signed_at": signed,
                    "note_type": "daily", "adverse_event_screen": "", "evaluation": {},
                    "goal_progress": {}, "not_billed": [],
                    "signed_by_id": None, "signature_name": signer[0],
                    "signature_credentials": signer[1], "created_by_id": None,
                    "created_at": start, "updated_at": signed}
            if i in missed:
                status = rng.choice(["cancelled", "no_show"])
                note.update(status=status, status_reason="Patient unwell" if status ==
                            "cancelled" else "Did not attend; phoned to reschedule")
                w.add("visit_notes", note)
                self._note_audit(pid, vid, start, signed, signer, {"status": [None, status]})
                continue
            number += 1
            since_report = 1 if ntype in ("evaluation", "progress") else since_report + 1
            relief = rng.choice([1, 1, 2])
            back = pain_on(measured.get("nprs_back", []), when, pain)
            hip = pain_on(measured.get("nprs_hip", []), when, max(0.0, pain - 2))
            note.update(visit_number=number, total_minutes=60, pain_back_pre=back,
                        pain_back_post=max(0, back - relief), pain_hip_pre=hip,
                        pain_hip_post=max(0, hip - relief),
                        subjective=rng.choice(SUBJECTIVE), assessment=rng.choice(ASSESSMENT),
                        plan=rng.choice(PLAN))
            adverse = rng.random() < 0.004 and ntype == "daily"
            done = [billing_code("manual_therapy", str(m["technique"])) for m in mt_plan]
            done += [billing_code("exercise", k) for k in ex_plan]
            codes = {c for c in done if c is not None}
            note.update(note_type=ntype, adverse_event=adverse,
                        adverse_event_screen="yes" if adverse else "no")
            if ntype == "evaluation":
                note.update(evaluation=evaluation,
                            subjective="Low back pain for years, worse with walking and "
                                       "standing; wants to walk to the shops again.",
                            assessment="Chronic low back pain with hip weakness and reduced "
                                       "walking tolerance; skilled manual therapy and "
                                       "exercise dosing needed.",
                            plan="MASH program: 60-minute sessions twice a week for 8 weeks "
                                 "with a daily home program.")
            elif ntype in ("progress", "discharge"):
                note["goal_progress"] = {str(g["id"]): _progress_text(g, measured, when)
                                         for g in goals}
                if ntype == "discharge":
                    note["plan"] = ("Discharged to the home program; continue walking "
                                    "20-30 minutes most days.")
            # billed minutes fit inside the 60-minute visit (timed codes at most 60); the
            # functional activities (97530) are billed when the plan has them, and a code
            # of the visit's interventions that is not billed is marked so
            minutes = ({"97162": 30, "97110": 15, "97140": 15} if number == 1 else
                       {"97140": rng.choice([15, 18, 20]), "97110": rng.choice([22, 25, 30]),
                        "97530": rng.choice([0, 8, 10]) if "97530" in codes else 0})
            note["not_billed"] = sorted(codes - {c for c, m in minutes.items() if m})
            w.add("visit_notes", note)
            for pos, mt in enumerate(mt_plan):
                w.add("manual_therapy_doses", {
                    "id": w.new_id("manual_therapy_doses"), "visit_id": vid, "position": pos,
                    "technique_id": self.catalog[mt["technique"]][0], "region": "",
                    "side": mt.get("side", side), "grade": mt.get("grade", ""),
                    "patient_position": mt["patient_position"], "sets": mt.get("sets"),
                    "seconds": mt.get("seconds"), "oscillations": mt.get("oscillations"),
                    "response": "" if rng.random() < 0.7 else "Reduced pain on FABER"})
            for pos, key in enumerate(ex_plan):
                if i and i % 2 == 0 and rng.random() < 0.7:
                    levels[key] += 1
                dose = self._dose(key, side, levels[key])
                w.add("exercise_doses", {
                    **dose, "id": w.new_id("exercise_doses"), "visit_id": vid,
                    "position": pos, "rpe": float(rng.randint(3, 7)),
                    "pain_response": rng.choice(["better", "same", "same", ""]),
                    "completed": rng.random() > 0.02, "home_program": pos % 2 == 1})
            if number <= len(topics):
                w.add("education_items", {"id": w.new_id("education_items"), "visit_id": vid,
                                          "topic_id": self.catalog[topics[number - 1]][0],
                                          "notes": ""})
            for code, m in minutes.items():
                if m:
                    w.add("billing_lines", {"id": w.new_id("billing_lines"), "visit_id": vid,
                                            "code": code, "minutes": m})
            if adverse:
                w.add("adverse_events", {
                    "id": w.new_id("adverse_events"), "episode_id": eid, "visit_id": vid,
                    "occurred_on": when, "serious": False, "relatedness": "probably",
                    "description": "Mild delayed-onset muscle soreness for 2 days.",
                    "action": "Reduced the dose; resolved by the next visit.", "outcome": "",
                    "adjudicated_by": "", "adjudicated_on": None})
            if rng.random() < 0.01:
                at = signed + timedelta(days=1)
                w.add("addenda", {"id": w.new_id("addenda"), "visit_id": vid,
                                  "text": "Correction: pain post-treatment was reported "
                                          "after the home program, not in clinic.",
                                  "created_at": at, "signed_at": at, "signed_by_id": None,
                                  "signature_name": signer[0],
                                  "signature_credentials": signer[1]})
            self._note_audit(pid, vid, start, signed, signer,
                             {"visit_date": [None, when.isoformat()],
                              "total_minutes": [None, 60], "subjective": [None, note["subjective"]],
                              "exercises": [None, [k for k in ex_plan]],
                              "manual_therapy": [None, [m["technique"] for m in mt_plan]],
                              "billing": [None, minutes]})
            if ntype == "progress":
                rid = w.new_id("progress_reports")
                w.add("progress_reports", {
                    "id": rid, "episode_id": eid, "report_date": when, "visits_covered": 10,
                    "summary": "Steady progress in pain and function.",
                    "plan": "Continue the plan of care.", "author_id": None, "created_at": signed})
                self._audit(signed, "system", "create", "progress_report", rid, pid,
                            {"report_date": [None, when.isoformat()]})
            pain = max(1.0, pain - rng.choice([0, 0.3, 0.5]))

    def _note_audit(self, pid: int, vid: int, start: datetime, signed: datetime,
                    signer: tuple[str, str], changes: dict[str, Any]) -> None:
        self._audit(start, "system", "create", "visit_note", vid, pid, changes)
        self._audit(signed, "system", "sign", "visit_note", vid, pid,
                    {"signed_at": [None, signed.isoformat()],
                     "signature": [None, f"{signer[0]}, {signer[1]}"]})

    def _assessments(self, pid: int, eid: int, p: _Plan, therapist: tuple[str, str],
                     ) -> dict[str, list[tuple[date, str, float]]]:
        """Score the episode's assessments; rows wait in ``self._pending`` for the episode."""
        rng = self.rng
        responder = rng.choice([1.0, 0.9, 0.2, 1.1, 0.0, 0.8]) + rng.uniform(-0.1, 0.1)
        z = rng.gauss(0, 1)  # how this patient compares with the group, at every timepoint
        stage = {"baseline": 0.0, "8_weeks": 1.0, "6_months": 1.05, "custom": 1.1,
                 "discharge": 1.1}
        measured: dict[str, list[tuple[date, str, float]]] = {}
        for tp, inst, when in self._assessment_slots(p)[:p.assessments]:
            answers = answers_for(inst, responder * stage[tp], rng, z)
            if (tp, inst) == ("baseline", "nprs_back"):
                answers = max(4, answers)  # MASH enrols LBP above 3/10 (NCT04009837 I4)
            s = self.scores(inst, answers)
            aid = self.w.new_id("assessments")
            at = datetime.combine(when, time(10))
            measured.setdefault(inst, []).append((when, tp, s.total))
            self._pending.append(("assessments", {
                "id": aid, "episode_id": eid, "timepoint": tp, "assessed_on": when,
                "instrument": inst, "instrument_version": s.version, "answers": answers,
                "total": s.total, "subscales": dict(s.subscales), "band": s.band,
                "flags": list(s.flags), "notes": "", "created_by_id": None, "created_at": at}))
            self._pending.append(("audit", (at, "system", "create", "assessment", aid, pid,
                                            {"instrument": [None, inst], "timepoint": [None, tp],
                                             "total": [None, s.total]})))
        for values in measured.values():
            values.sort(key=lambda r: r[0])
        return measured

    def _write_pending(self) -> None:
        for table, row in self._pending:
            if table == "audit":
                self._audit(*row)
            else:
                self.w.add(table, row)
        self._pending = []


def pain_on(series: list[tuple[date, str, float]], when: date, otherwise: float) -> int:
    """The pain a note records before treatment on ``when``: on the patient's NPRS course
    (the measured scores, in a straight line between them, level before the first and
    after the last), so a note never contradicts the NPRS measured that day; without any
    NPRS, the visit-to-visit course the builder keeps (``otherwise``)."""
    if not series:
        return round(otherwise)
    points = sorted((d, x) for d, _tp, x in series)
    if when <= points[0][0]:
        return round(points[0][1])
    for (d0, x0), (d1, x1) in zip(points, points[1:], strict=False):
        if d0 <= when <= d1:
            share = (when - d0).days / max(1, (d1 - d0).days)
            return round(x0 + (x1 - x0) * share)
    return round(points[-1][1])


def _progress_text(goal: dict[str, Any], measured: dict[str, list[tuple[date, str, float]]],
                   on: date) -> str:
    """What a progress or discharge note says about a goal, from the measurements so far."""
    inst = outcomes.get_instrument(goal["instrument"])
    later = [x for d, tp, x in measured.get(goal["instrument"], [])
             if tp != "baseline" and d <= on]
    base = outcomes.format_score(inst.key, goal["baseline"])
    if not later:
        return (f"{inst.short_name} {base} at baseline, not re-measured yet; progressing "
                "with treatment.")
    now = outcomes.format_score(inst.key, later[-1])
    return f"{inst.short_name} {base} at baseline, {now} now (target {goal['target']:g})."


def build_clinic(db: Database, years: float, *, today: date | None = None, seed: int = 2022,
                 log: Callable[[str], None] | None = None) -> ClinicStats | None:
    """Write a generated clinic of ``years`` years into ``db``; None if one is already there.

    One transaction: either the whole clinic is written or nothing is. Durability is
    relaxed (``synchronous=OFF``) on this connection only while loading, then restored,
    and the file is checkpointed and analysed so the query planner knows the new sizes.
    """
    today = today or date.today()
    ClinicSize.for_years(years)  # a nonsense size is refused before anything is read
    with db.engine.connect() as conn:
        if has_clinic(conn):
            return None
        conn.commit()
        conn.exec_driver_sql("PRAGMA synchronous=OFF")
        conn.exec_driver_sql("PRAGMA cache_size=-200000")
        conn.commit()
        try:
            with conn.begin():
                builder = ClinicBuilder(conn, years, today, seed)
                stats = builder.build()
                t = _time.perf_counter()
                _hash_everything(conn)
                stats.seconds += _time.perf_counter() - t
            t = _time.perf_counter()
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
            if log:
                log(f"analysed in {_time.perf_counter() - t:.1f} s")
            stats.seconds += _time.perf_counter() - t
        finally:
            conn.exec_driver_sql("PRAGMA synchronous=FULL")
            conn.exec_driver_sql("PRAGMA cache_size=-2000")
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.commit()
    return stats


def _hash_everything(conn: Any) -> None:
    """Sign-content hashes and the audit chain, as the app writes them row by row."""
    from sqlalchemy.orm import Session

    from ..services.tamper import backfill

    session = Session(bind=conn)
    backfill(session)
    session.flush()


def describe(stats: ClinicStats) -> Iterator[str]:
    s = stats.size
    yield (f"generated a clinic of {s.patients} patients, {s.episodes} episodes, "
           f"{stats.rows.get('visit_notes', 0)} signed session notes and "
           f"{stats.rows.get('assessments', 0)} assessments in {stats.seconds:.1f} s")
    yield "rows: " + ", ".join(f"{k} {v}" for k, v in stats.rows.items() if v)
    if stats.long_episode_id is not None:
        yield f"longest chart: episode {stats.long_episode_id} ({s.long_visits} visits)"


__all__ = ["ClinicSize", "ClinicStats", "answers_for", "build_clinic", "describe",
           "has_clinic", "long_episode_id", "visit_dates"]
