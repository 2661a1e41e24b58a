"""The cohort view: how the clinic's MASH patients changed, arm by arm, beside the trial.

For each arm, each MASH primary and secondary measure and each follow-up timepoint
(8 weeks, 6 months) a row gives the number of episodes with both a baseline and that
timepoint, the mean change from baseline with its 95 % confidence interval (none below
n = 3), the share of patients whose change reached the instrument's minimal important
change (the same judgement as the chart's outcome table), attendance, and the trial's
registry mean at that timepoint with its caveat (``mash_desktop/resources/research``: the registry
means are raw group means whose pairing with arm and timepoint is inferred).

By default every episode counts, active or discharged, whatever its start date; the
filters narrow it to episodes starting in a date range or belonging to one clinician.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import outcomes
from ..config import resource_path
from ..models import Assessment, Episode, User, VisitNote
from ..stats import MIN_N_FOR_CI, MeanCI, mean_ci
from . import validate as v
from .assessments import PRIMARY, SECONDARY, TIMEPOINTS
from .episodes import ARMS
from .errors import ValidationError

FOLLOW_UPS = ("8_weeks", "6_months")
TRAJECTORY = ("baseline", *FOLLOW_UPS)
MEASURES = PRIMARY + SECONDARY


@dataclass(frozen=True)
class CohortRow:
    """One arm × measure × timepoint. ``responders`` is a share (0–1) of ``n``."""

    arm: str
    arm_label: str
    instrument: str
    instrument_name: str
    role: str  # primary | secondary
    unit: str
    better: str
    timepoint: str
    timepoint_label: str
    n: int
    mean_baseline: float | None
    mean_followup: float | None
    mean_change: float | None
    sd_change: float | None
    ci_low: float | None
    ci_high: float | None
    mic: float | None
    mic_unit: str
    mic_source: str
    responders: float | None
    responders_n: int | None
    attended: int
    planned: int
    attendance: float | None
    trial_baseline: float | None
    trial_mean: float | None
    trial_mean_change: float | None
    trial_caveat: str


@dataclass(frozen=True)
class TrajectoryPoint:
    """The mean score of an arm at one timepoint (episodes that have a baseline)."""

    timepoint: str
    mean: MeanCI
    trial_mean: float | None


@dataclass(frozen=True)
class CohortFilters:
    date_from: date | None = None
    date_to: date | None = None
    clinician: str = ""

    def describe(self) -> str:
        parts = []
        if self.date_from or self.date_to:
            parts.append("episodes starting "
                         + (f"from {self.date_from.isoformat()} " if self.date_from else "")
                         + (f"to {self.date_to.isoformat()}" if self.date_to else "on"))
        if self.clinician:
            parts.append(f"clinician {self.clinician}")
        return "; ".join(parts) or "every episode (active or discharged), any start date"


@dataclass(frozen=True)
class Cohort:
    filters: CohortFilters
    episodes: dict[str, int]  # arm -> episodes counted (after filters)
    rows: list[CohortRow]
    trajectories: dict[str, dict[str, list[TrajectoryPoint]]] = field(default_factory=dict)
    caveat: str = ""
    caveat_long: str = ""
    source: str = ""
    min_n_for_ci: int = MIN_N_FOR_CI

    def as_json(self) -> dict[str, Any]:
        """The object ``mash-desktop cohort --json`` prints (``rows`` is the list)."""
        return {
            "filters": {"date_from": self.filters.date_from, "date_to": self.filters.date_to,
                        "clinician": self.filters.clinician or None,
                        "description": self.filters.describe()},
            "episodes": self.episodes,
            "min_n_for_ci": self.min_n_for_ci,
            "trial_caveat": self.caveat,
            "trial_source": self.source,
            "rows": [asdict(r) for r in self.rows],
        }


@cache
def registry() -> dict[str, Any]:
    """The trial's registry means with their caveat and source (data, not code)."""
    path = resource_path("research", "mash_registry_means.json")
    return json.loads(path.read_text(encoding="utf-8"))


def trial_mean(arm: str, instrument: str, timepoint: str) -> float | None:
    value = registry()["means"].get(arm, {}).get(instrument, {}).get(timepoint)
    return None if value is None else float(value)


def clean_filters(date_from: Any = None, date_to: Any = None,
                  clinician: Any = None) -> CohortFilters:
    e: v.Errors = {}
    start = v.parse_date(date_from, "date_from", e, required=False)
    end = v.parse_date(date_to, "date_to", e, required=False)
    who = v.text(clinician, "clinician", e, max_len=200)
    if start and end and start > end:
        e["date_to"] = f"{end.isoformat()} is before the start of the range " \
                       f"({start.isoformat()})"
    if e:
        raise ValidationError(e)
    return CohortFilters(start, end, who)


def _episodes(session: Session, f: CohortFilters) -> dict[int, Episode]:
    q = select(Episode)
    if f.date_from:
        q = q.where(Episode.start_date >= f.date_from)
    if f.date_to:
        q = q.where(Episode.start_date <= f.date_to)
    episodes = {e.id: e for e in session.scalars(q)}
    if f.clinician:
        episodes = {i: e for i, e in episodes.items()
                    if i in _episodes_of_clinician(session, f.clinician, episodes)}
    return episodes


def _episodes_of_clinician(session: Session, name: str,
                           episodes: dict[int, Episode]) -> set[int]:
    """Episodes whose therapist is this user (username or full name) or, for episodes
    without a therapist on record, whose notes this person signed."""
    wanted = name.casefold()
    users = {u.id for u in session.scalars(select(User))
             if wanted in (u.username.casefold(), u.full_name.casefold())}
    signers = select(VisitNote.episode_id, VisitNote.signature_name).where(
        VisitNote.signature_name != "").distinct()
    signed: dict[int, set[str]] = defaultdict(set)
    for eid, who in session.execute(signers):
        signed[eid].add(who.casefold())
    known = bool(users) or any(wanted in names for names in signed.values())
    if not known:
        raise ValidationError({"clinician": f"no user or note signer is named {name!r}"})
    return {i for i, e in episodes.items()
            if (e.therapist_id in users if e.therapist_id is not None
                else wanted in signed.get(i, set()))}


def clinician_names(session: Session) -> list[str]:
    """Names the clinician filter knows: user accounts and the names notes were signed with."""
    names = {u.full_name for u in session.scalars(select(User)) if u.full_name}
    names |= set(session.scalars(select(VisitNote.signature_name).where(
        VisitNote.signature_name != "").distinct()))
    return sorted(names, key=str.casefold)


def _scores(session: Session, episode_ids: set[int]) -> dict[tuple[int, str, str], float]:
    """(episode, instrument, timepoint) -> the latest score there (as the chart uses)."""
    q = (select(Assessment.episode_id, Assessment.instrument, Assessment.timepoint,
                Assessment.total)
         .where(Assessment.instrument.in_(MEASURES), Assessment.timepoint.in_(TRAJECTORY))
         .order_by(Assessment.assessed_on, Assessment.id))
    out: dict[tuple[int, str, str], float] = {}
    for eid, inst, tp, total in session.execute(q):
        if eid in episode_ids:
            out[(eid, inst, tp)] = float(total)
    return out


def _attendance(session: Session, episode_ids: set[int]) -> dict[int, int]:
    q = (select(VisitNote.episode_id, func.count(VisitNote.id))
         .where(VisitNote.status == "attended").group_by(VisitNote.episode_id))
    return {eid: n for eid, n in session.execute(q) if eid in episode_ids}


def cohort(session: Session, date_from: Any = None, date_to: Any = None,
           clinician: Any = None) -> Cohort:
    """Compute the cohort view (raises ValidationError for bad filters)."""
    from .access import authorize

    authorize(session, None, "read_chart")
    f = clean_filters(date_from, date_to, clinician)
    episodes = _episodes(session, f)
    ids = set(episodes)
    scores = _scores(session, ids)
    attended = _attendance(session, ids)
    reg = registry()
    by_arm: dict[str, list[int]] = defaultdict(list)
    for eid, ep in sorted(episodes.items()):
        by_arm[ep.arm].append(eid)
    arms = [a for a in ARMS if by_arm.get(a)] + sorted(a for a in by_arm if a not in ARMS)
    rows: list[CohortRow] = []
    trajectories: dict[str, dict[str, list[TrajectoryPoint]]] = {}
    for key in MEASURES:  # rows by measure, then timepoint, then arm: arms side by side
        inst = outcomes.get_instrument(key)
        with_base = {arm: [e for e in by_arm[arm] if (e, key, "baseline") in scores]
                     for arm in arms}
        for arm in arms:
            trajectories.setdefault(arm, {})[key] = [
                TrajectoryPoint(tp, mean_ci([scores[(e, key, tp)] for e in with_base[arm]
                                             if (e, key, tp) in scores]),
                                trial_mean(arm, key, tp))
                for tp in TRAJECTORY]
        for tp in FOLLOW_UPS:
            for arm in arms:
                pairs = [(scores[(e, key, "baseline")], scores[(e, key, tp)], e)
                         for e in with_base[arm] if (e, key, tp) in scores]
                rows.append(_row(arm, inst, tp, pairs, episodes, attended))
    return Cohort(f, {a: len(by_arm[a]) for a in arms}, rows, trajectories,
                  caveat=reg["caveat"], caveat_long=reg["caveat_long"], source=reg["source"])


def _row(arm: str, inst: outcomes.Instrument, tp: str,
         pairs: list[tuple[float, float, int]], episodes: dict[int, Episode],
         attended: dict[int, int]) -> CohortRow:
    changes = [after - before for before, after, _ in pairs]
    stats = mean_ci(changes)
    has_mic = inst.mic.value is not None
    responders_n = sum(outcomes.change(inst.key, b, a).meaningful for b, a, _ in pairs) \
        if has_mic else None
    visits = sum(attended.get(e, 0) for _, _, e in pairs)
    planned = sum(episodes[e].planned_visits for _, _, e in pairs)
    t_base, t_mean = trial_mean(arm, inst.key, "baseline"), trial_mean(arm, inst.key, tp)
    return CohortRow(
        arm=arm, arm_label=ARMS.get(arm, arm), instrument=inst.key,
        instrument_name=inst.name, role="primary" if inst.key in PRIMARY else "secondary",
        unit=inst.unit, better=inst.better, timepoint=tp, timepoint_label=TIMEPOINTS[tp],
        n=stats.n,
        mean_baseline=mean_ci([b for b, _, _ in pairs]).mean,
        mean_followup=mean_ci([a for _, a, _ in pairs]).mean,
        mean_change=stats.mean, sd_change=stats.sd, ci_low=stats.ci_low, ci_high=stats.ci_high,
        mic=inst.mic.value, mic_unit=inst.mic.unit, mic_source=inst.mic.source,
        responders=(responders_n / stats.n) if responders_n is not None and stats.n else None,
        responders_n=responders_n if stats.n else None,
        attended=visits, planned=planned,
        attendance=visits / planned if planned else None,
        trial_baseline=t_base, trial_mean=t_mean,
        trial_mean_change=round(t_mean - t_base, 6) if t_mean is not None and t_base is not None
        else None,
        trial_caveat=registry()["caveat"] if t_mean is not None else "",
    )
