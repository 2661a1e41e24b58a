"""Goals of an episode of care, tied to outcome measures where they can be.

A goal is short- or long-term (BPM ch. 15 §220.1.2: long-term goals cover the episode,
short-term goals track the way there), has text and a target date, and optionally an
outcome measure with its baseline and target ("QBPDS <= 18 by 8 weeks"). Progress toward
a linked goal is computed from the episode's measurements, never typed; the PT's status
is a judgement that may differ from the measurement only with a written reason. Goals
keep their id across edits and reports (§220.3 D: "goals keep their identifiers"), and
every change is kept as a :class:`~mash_desktop.models.GoalRevision`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import outcomes
from ..models import Assessment, Episode, Goal, GoalRevision
from . import audit, checks
from . import validate as v
from .access import Acting, authorize, user_id
from .episodes import EpisodeValues, get_episode
from .errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from .eligibility import ScreenValues

GOAL_TERMS = {"short": "Short-term", "long": "Long-term"}
GOAL_STATUSES = {"open": "Open", "met": "Met", "partially_met": "Partially met",
                 "not_met": "Not met", "revised": "Revised"}
# What the measurement says about a linked goal.
PROGRESS = {"met": "Met by the measurement", "progressing": "Progressing",
            "not_progressing": "Not progressing", "not_measured": "Not re-measured yet"}
GOAL_FIELDS = ["term", "text", "target_date", "instrument", "baseline", "target", "status",
               "status_reason"]
# What a goal aims at: changing one of these is revising the goal (BPM §220.3 D "changes to
# long- or short-term goals"); a goal marked "revised" must have had such a change.
AIM_FIELDS = ("term", "text", "target_date", "instrument", "target")
REVISED_NEEDS = ("a goal is marked revised when what it aims at was changed (its text, "
                 "measure, target or target date)")


class GoalValues(TypedDict, total=False):
    """One goal as the plan-of-care form, the CLI or an import hands it in (numbers as
    typed), checked by :func:`clean_goal`. With the ``id`` of one of the episode's goals
    it revises that goal; without, it adds one."""

    id: int
    term: str | None
    text: str
    target_date: str | date | None
    instrument: str | None  # outcome measure key; None: not tied to a measure
    baseline: str | float | None
    target: str | float | None
    status: str | None
    status_reason: str


class CleanGoal(TypedDict):
    """A goal after :func:`clean_goal`: the stored columns."""

    term: str
    text: str
    target_date: date | None
    instrument: str | None
    baseline: float | None
    target: float | None
    status: str
    status_reason: str


class EpisodeWithGoals(EpisodeValues, total=False):
    """The episode dialog's values: the episode with its goals (see :class:`GoalValues`)."""

    goals: list[GoalValues]


def _limits(instrument: str) -> tuple[float, float]:
    inst = outcomes.get_instrument(instrument)
    lo = inst.minimum if inst.minimum is not None else 0.0
    hi = inst.maximum if inst.maximum is not None else 1e6
    return lo, hi


def clean_goal(raw: GoalValues, where: str, e: v.Errors) -> CleanGoal:
    """One goal's fields, every problem recorded under ``where.<field>`` (anything but a
    set of fields, as an import may hold, is refused the same way)."""
    g: GoalValues = raw if isinstance(raw, dict) else {}
    if not isinstance(raw, dict):
        e[where] = "must be a set of goal fields"
    out: CleanGoal = {
        "term": v.choice(g.get("term") or "long", f"{where}.term", e, GOAL_TERMS),
        "text": v.text(g.get("text"), f"{where}.text", e, required=True, max_len=500),
        "target_date": v.parse_date(g.get("target_date"), f"{where}.target_date", e,
                                    required=False),
        "instrument": None, "baseline": None, "target": None,
        "status": v.choice(g.get("status") or "open", f"{where}.status", e, GOAL_STATUSES),
        "status_reason": v.text(g.get("status_reason"), f"{where}.status_reason", e,
                                max_len=2000, multiline=True),
    }
    key = g.get("instrument") or None
    if key is None:
        for field in ("baseline", "target"):
            if g.get(field) not in (None, ""):
                e[f"{where}.{field}"] = "needs the outcome measure it refers to"
        return out
    try:
        inst = outcomes.get_instrument(key) if isinstance(key, str) else None
    except (KeyError, ValueError):
        inst = None
    if inst is None:
        e[f"{where}.instrument"] = f"{key!r} is not an outcome measure in the library"
        return out
    out["instrument"] = inst.key
    lo, hi = _limits(inst.key)
    unit = inst.unit if inst.unit not in ("", "points") else ""
    out["baseline"] = v.number(g.get("baseline"), f"{where}.baseline", e, lo=lo, hi=hi,
                               unit=unit)
    out["target"] = v.number(g.get("target"), f"{where}.target", e, lo=lo, hi=hi,
                             required=True, unit=unit)
    _check_direction(out, where, e)
    return out


def _check_direction(goal: CleanGoal, where: str, e: v.Errors) -> None:
    """A target must lie on the better side of the baseline."""
    b, t = goal["baseline"], goal["target"]
    if goal["instrument"] is None or b is None or t is None or f"{where}.target" in e:
        return
    inst = outcomes.get_instrument(goal["instrument"])
    if not (t < b if inst.lower_is_better else t > b):
        e[f"{where}.target"] = (f"must be better than the baseline {b:g} "
                                f"({'lower' if inst.lower_is_better else 'higher'} is "
                                f"better for {inst.short_name})")


def _baseline_value(session: Session, episode_id: int, instrument: str) -> float | None:
    q = (select(Assessment.total).where(Assessment.episode_id == episode_id,
                                        Assessment.instrument == instrument,
                                        Assessment.timepoint == "baseline")
         .order_by(Assessment.assessed_on, Assessment.id).limit(1))
    return session.scalar(q)


def _revise(session: Session, goal: Goal, before: dict[str, Any], actor: Acting | None,
            reason: str = "") -> dict[str, list[Any]]:
    changes = audit.diff(before, audit.snapshot(goal, GOAL_FIELDS))
    if changes:
        session.add(GoalRevision(goal=goal, user_id=user_id(actor),
                                 username=actor.username if actor else "system",
                                 changes=changes, reason=reason))
    return changes


def set_goals(session: Session, episode_id: int, goals: Sequence[GoalValues],
              actor: Acting | None = None, *, check_discharge: bool = True) -> list[Goal]:
    """Make the episode's goals this list (all validated first, nothing kept on error).

    A goal given with the ``id`` of one of the episode's goals is revised in place (its
    id never changes, the revision is recorded); a goal without an id is added; goals
    left out are removed unless a signed note reports on them.
    """
    actor = authorize(session, actor, "write_chart")
    episode = get_episode(session, episode_id, actor)
    if not isinstance(goals, list):
        raise ValidationError({"goals": "must be a list"})
    e: v.Errors = {}
    clean = [clean_goal(g, f"goals[{i}]", e) for i, g in enumerate(goals)]
    existing = {g.id: g for g in episode.goals}
    ids: list[int | None] = []
    for i, g in enumerate(goals):
        gid = g.get("id") if isinstance(g, dict) else None
        if gid is not None and gid not in existing:
            e[f"goals[{i}].id"] = f"goal {gid!r} is not a goal of episode {episode_id}"
        elif gid is not None and isinstance(g, dict) and "status_reason" not in g \
                and clean[i]["status"] == existing[gid].status:
            # a form without the reason column (the episode's plan) keeps the PT's reason
            clean[i]["status_reason"] = existing[gid].status_reason
        ids.append(gid)
    for i, (gid, c) in enumerate(zip(ids, clean, strict=True)):
        if c["status"] == "revised":
            old = existing.get(gid) if gid is not None else None
            why = _revised_problem(old, c, c["status_reason"])
            if why:
                e[f"goals[{i}].{why[0]}"] = why[1]
    for i, c in enumerate(clean):
        if c["instrument"] and c["baseline"] is None and f"goals[{i}].baseline" not in e:
            c["baseline"] = _baseline_value(session, episode_id, c["instrument"])
            _check_direction(c, f"goals[{i}]", e)
    if e:
        raise ValidationError(e)
    reported = _goals_in_signed_notes(session, episode_id)
    for gid, goal in existing.items():
        if gid not in ids:
            if gid in reported:
                raise ValidationError({"goals": f"goal {gid} ({goal.text[:40]}) is reported in "
                                                "a signed note; revise its status instead of "
                                                "removing it"})
            audit.record(session, actor, "delete", "goal", gid, patient_id=episode.patient_id,
                         changes={k: [x, None] for k, x in
                                  audit.snapshot(goal, GOAL_FIELDS).items()})
            session.delete(goal)
    session.flush()
    for gid, c in zip(ids, clean, strict=True):
        if gid is None:
            goal = Goal(episode_id=episode.id, **c)
            session.add(goal)
            session.flush()
            audit.record(session, actor, "create", "goal", goal.id,
                         patient_id=episode.patient_id,
                         changes={k: [None, audit._plain(x)] for k, x in c.items()})
        else:
            goal = existing[gid]
            before = audit.snapshot(goal, GOAL_FIELDS)
            for k, x in c.items():
                setattr(goal, k, x)
            session.flush()
            changes = _revise(session, goal, before, actor)
            if changes:
                audit.record(session, actor, "update", "goal", goal.id,
                             patient_id=episode.patient_id, changes=changes)
    session.flush()
    session.expire(episode, ["goals"])
    if check_discharge:
        _refuse_breaking_goals_met(session, episode.id, "goals")
    return list(episode.goals)


def _aim_revised(goal: Goal) -> bool:
    """The goal's text, measure, target or target date was changed at some point."""
    return any(set(r.changes or {}) & set(AIM_FIELDS) for r in goal.revisions)


def _revised_problem(goal: Goal | None, new: CleanGoal | None, reason: str
                     ) -> tuple[str, str] | None:
    """Why a goal may not be marked revised, as (field, message); None when it may. The
    goal must exist, what it aims at must have changed (before, or in ``new``), and the
    reason must say what changed and why (BPM ch. 15 §220.1.2: a modified plan says why)."""
    if goal is None:
        return "status", "a new goal cannot be revised; " + REVISED_NEEDS
    changed_now = new is not None and any(
        audit._plain(new.get(k)) != audit._plain(getattr(goal, k)) for k in AIM_FIELDS)
    if not changed_now and not _aim_revised(goal):
        return "status", "the goal was never changed; " + REVISED_NEEDS
    if not reason:
        return "status_reason", "give the reason for revising the goal: what changed and why"
    return None


def revision_words(goal: Goal) -> str:
    """The latest change to what the goal aims at, in words for a report:
    "2026-03-01: target 18 → 22; target date 2026-03-01 → 2026-04-01"."""
    for rev in reversed(goal.revisions):
        parts = []
        for k in AIM_FIELDS:
            if k in (rev.changes or {}):
                old, new = rev.changes[k]
                label = k.replace("_", " ")
                if k == "text":
                    parts.append(f"was \"{old}\"")
                else:
                    parts.append(f"{label} {_plain_value(goal, k, old)} → "
                                 f"{_plain_value(goal, k, new)}")
        if parts:
            return f"{rev.revised_at:%Y-%m-%d}: " + "; ".join(parts)
    return ""


def _plain_value(goal: Goal, key: str, x: Any) -> str:
    if x is None or x == "":
        return "none"
    if key == "target" and goal.instrument:
        try:
            return outcomes.format_score(goal.instrument, float(x))
        except (TypeError, ValueError):
            return str(x)
    if key == "instrument":
        try:
            return outcomes.get_instrument(str(x)).short_name
        except (KeyError, ValueError):
            return str(x)
    if key == "term":
        return GOAL_TERMS.get(str(x), str(x)).lower()
    return str(x)


def goals_met_refusal(session: Session, episode_id: int) -> str | None:
    """Why the episode's goals cannot be called met (None when they can): 'goals met' is
    the statuses of the long-term goals, which cover the episode (BPM §220.1.2), every
    one met; short-term goals are steps on the way."""
    rows = session.execute(select(Goal.id, Goal.text, Goal.status).where(
        Goal.episode_id == episode_id, Goal.term == "long").order_by(Goal.id))
    return goals_met_problem([(gid, text, status) for gid, text, status in rows])


def goals_met_problem(long_goals: list[tuple[int, str, str]]) -> str | None:
    """:func:`goals_met_refusal` from the (id, text, status) of the long-term goals."""
    if not long_goals:
        return "the episode has no long-term goals"
    unmet = [(gid, text, status) for gid, text, status in long_goals if status != "met"]
    if not unmet:
        return None
    return "; ".join(f"long-term goal {gid} ({text[:40]}) is "
                     f"{GOAL_STATUSES.get(status, status).lower()}"
                     for gid, text, status in unmet)


def _refuse_breaking_goals_met(session: Session, episode_id: int, field: str) -> None:
    """A goal change may not contradict an episode discharged with 'goals met'."""
    episode = session.get(Episode, episode_id)
    if episode is None or episode.discharge_kind != "goals_met":
        return
    why = goals_met_refusal(session, episode_id)
    if why:
        raise ValidationError({field: f"episode {episode_id} was discharged with 'goals "
                                      f"met', and then {why}; change the discharge outcome "
                                      "first"})


def goal_rows(session: Session, episode_id: int) -> list[GoalValues]:
    """The episode's goals as plain values for a form (with their ids)."""
    goals = session.scalars(select(Goal).where(Goal.episode_id == episode_id)
                            .order_by(Goal.id))
    return [GoalValues(id=g.id, term=g.term, text=g.text, target_date=g.target_date,
                       instrument=g.instrument, baseline=g.baseline, target=g.target,
                       status=g.status, status_reason=g.status_reason) for g in goals]


def save_episode_with_goals(session: Session, patient_id: int, episode_id: int | None,
                            plan: EpisodeWithGoals, screen: ScreenValues | None,
                            actor: Acting | None = None, *,
                            expected_version: int | None = None,
                            opened: dict[str, Any] | None = None) -> Episode:
    """The episode dialog's save: the episode, its screen and its goals (left out: keep
    them as they are) in one transaction.

    Goal messages are reported with the episode's, so the form marks every field at once.
    ``expected_version``/``opened``: what the dialog opened (optimistic locking, see
    save_episode).
    """
    from .episodes import refuse_unmet_goals, save_episode

    plan = EpisodeWithGoals(**plan)  # a copy: the goals are taken out of it
    goals = plan.pop("goals", None)
    try:
        episode = save_episode(session, patient_id, episode_id, plan, screen, actor,
                               expected_version=expected_version, opened=opened,
                               check_goals=goals is None)
    except ValidationError as exc:
        if goals:
            e: v.Errors = {}
            for i, g in enumerate(goals):
                clean_goal(g, f"goals[{i}]", e)
            exc.errors.update(e)
        raise ValidationError(exc.errors) from None
    if goals is not None:
        # the goals and the discharge outcome are saved together: judge them together
        set_goals(session, episode.id, goals, actor, check_discharge=False)
        refuse_unmet_goals(session, episode)
    return episode


def get_goal(session: Session, goal_id: int) -> Goal:
    goal = session.get(Goal, goal_id) if v.is_id(goal_id) else None
    if goal is None:
        raise NotFoundError(f"No goal with id {goal_id}")
    return goal


@dataclass(frozen=True)
class GoalProgress:
    """A goal with what the measurements say about it (plain values for screens and reports)."""

    goal_id: int
    term: str
    text: str
    target_date: date | None
    instrument: str | None
    baseline: float | None
    target: float | None
    current: float | None
    current_on: date | None
    fraction: float | None  # share of the way from baseline to target (1.0 = reached)
    measured: str | None    # key of PROGRESS, None for a goal without a measure
    status: str             # the PT's status (GOAL_STATUSES)
    status_reason: str
    revision: str = ""      # the latest change to what the goal aims at, in words

    def status_words(self) -> str:
        """The PT's status with its reason (and, for a revised goal, what changed)."""
        words = GOAL_STATUSES.get(self.status, self.status)
        if self.status == "revised" and self.revision:
            words += f" ({self.revision})"
        if self.status_reason:
            words += f" — {self.status_reason}"
        return words

    @property
    def disagrees(self) -> bool:
        """The PT's status contradicts the measurement (then a reason is required)."""
        if self.measured is None or self.measured == "not_measured":
            return False
        if self.status == "met":
            return self.measured != "met"
        return self.status in ("not_met", "partially_met") and self.measured == "met"

    def describe(self) -> str:
        """One line for a report: 'QBPDS 30 → 16 (target ≤ 18): met by the measurement'."""
        if self.instrument is None:
            return GOAL_STATUSES.get(self.status, self.status)
        inst = outcomes.get_instrument(self.instrument)
        sign = "≤" if inst.lower_is_better else "≥"
        fmt = outcomes.format_score
        base = fmt(self.instrument, self.baseline) if self.baseline is not None else "—"
        now = fmt(self.instrument, self.current) if self.current is not None else "—"
        return (f"{inst.short_name} {base} → {now} (target {sign} "
                f"{fmt(self.instrument, self.target)}): "
                f"{PROGRESS[self.measured or 'not_measured'].lower()}")


def _progress(goal: Goal, points: list[tuple[date, str, float]]) -> GoalProgress:
    current = current_on = fraction = None
    measured: str | None = None
    if goal.instrument and goal.target is not None:
        inst = outcomes.get_instrument(goal.instrument)
        later = [(d, x) for d, tp, x in points if tp != "baseline"]
        measured = "not_measured"
        if later:
            current_on, current = later[-1]
            reached = current <= goal.target if inst.lower_is_better else current >= goal.target
            if goal.baseline is not None and goal.baseline != goal.target:
                fraction = (current - goal.baseline) / (goal.target - goal.baseline)
            measured = "met" if reached else (
                "progressing" if fraction is not None and fraction > 0 else "not_progressing")
    return GoalProgress(goal.id, goal.term, goal.text, goal.target_date, goal.instrument,
                        goal.baseline, goal.target, current, current_on, fraction, measured,
                        goal.status, goal.status_reason,
                        revision_words(goal) if goal.status == "revised" else "")


def goal_progress(session: Session, episode_id: int, as_of: date | None = None,
                  ) -> list[GoalProgress]:
    """Every goal of the episode, long-term first, with progress from the measurements.

    ``as_of`` leaves out measurements taken later (a discharge note reports the status at
    discharge, not the 6-month follow-up).
    """
    goals = list(session.scalars(select(Goal).where(Goal.episode_id == episode_id)
                                 .order_by(Goal.id)))
    keys = {g.instrument for g in goals if g.instrument}
    points: dict[str, list[tuple[date, str, float]]] = {k: [] for k in keys}
    if keys:
        q = (select(Assessment.instrument, Assessment.assessed_on, Assessment.timepoint,
                    Assessment.total)
             .where(Assessment.episode_id == episode_id, Assessment.instrument.in_(keys))
             .order_by(Assessment.assessed_on, Assessment.id))
        for key, on, tp, total in session.execute(q):
            if as_of is None or on <= as_of:
                points[key].append((on, tp, total))
    rows = [_progress(g, points.get(g.instrument or "", [])) for g in goals]
    return sorted(rows, key=lambda r: (r.term != "long", r.goal_id))


def set_goal_status(session: Session, goal_id: int, status: str, reason: str = "",
                    actor: Acting | None = None, as_of: date | None = None) -> Goal:
    """The PT confirms or overrides a goal's status; disagreeing with the measure needs a reason.

    Judging whether a goal is met is clinical judgement, which an assistant may not make
    (BPM §220.3 D), so this needs a licensed clinician.
    """
    actor = authorize(session, actor, "judge_goals")
    goal = get_goal(session, goal_id)
    e: v.Errors = {}
    clean_status = v.choice(status, "status", e, GOAL_STATUSES)
    clean_reason = v.text(reason, "status_reason", e, max_len=2000, multiline=True)
    if e:
        raise ValidationError(e)
    if clean_status == "revised":
        why = _revised_problem(goal, None, clean_reason)
        if why:
            raise ValidationError({why[0]: why[1]})
    before = audit.snapshot(goal, GOAL_FIELDS)
    goal.status, goal.status_reason = clean_status, clean_reason
    progress = next(p for p in goal_progress(session, goal.episode_id, as_of)
                    if p.goal_id == goal.id)
    if progress.disagrees and not clean_reason:
        goal.status, goal.status_reason = before["status"], before["status_reason"]
        raise ValidationError({"status_reason": (
            f"the measurement says '{PROGRESS[progress.measured or 'not_measured'].lower()}'"
            f"; give the reason for marking it {GOAL_STATUSES[clean_status].lower()}")})
    session.flush()
    try:
        _refuse_breaking_goals_met(session, goal.episode_id, "status")
    except ValidationError:
        goal.status, goal.status_reason = before["status"], before["status_reason"]
        session.flush()
        raise
    changes = _revise(session, goal, before, actor, clean_reason)
    if changes:
        audit.record(session, actor, "update", "goal", goal.id,
                     patient_id=goal.episode.patient_id, changes=changes)
    return goal


def _goals_in_signed_notes(session: Session, episode_id: int) -> set[int]:
    from ..models import VisitNote

    out: set[int] = set()
    q = select(VisitNote.goal_progress).where(VisitNote.episode_id == episode_id,
                                              VisitNote.signed_at.is_not(None))
    for progress in session.scalars(q):
        out.update(int(k) for k in (progress or {}) if str(k).isdigit())
    return out


@checks.register("goal values")
def _goals_hold(session: Session) -> Iterable[str]:
    """Every stored goal through :func:`clean_goal`, the form's own rule (a measure's
    baseline and target within its range, the target on the better side)."""
    from .sessions import sentence

    for goal in session.scalars(select(Goal).order_by(Goal.id)):
        e: v.Errors = {}
        clean_goal(cast(GoalValues, {k: getattr(goal, k) for k in GOAL_FIELDS}), "goal", e)
        if e:
            yield (f"episode {goal.episode_id}: goal {goal.id}: "
                   f"{sentence(ValidationError(e)).removeprefix('goal ')}")


# The statuses a measurement can contradict (GoalProgress.disagrees).
CONTRADICTABLE = ("met", "not_met", "partially_met")


@checks.register("goals")
def _goal_status_matches_measure(session: Session) -> Iterable[str]:
    """A goal marked met (or not met) that its own measurement contradicts, with no reason;
    a goal marked revised that was never changed, or without the reason."""
    # Only a status a measurement can contradict, given without a reason, can be a problem;
    # the measurements are read once for the whole clinic (16 000 goals in the 10-year
    # clinic: one query per episode took seconds).
    q = (select(Goal, Episode.discharge_date).join(Episode, Episode.id == Goal.episode_id)
         .where(Goal.instrument.is_not(None), Goal.status.in_(CONTRADICTABLE),
                func.coalesce(Goal.status_reason, "") == "")
         .order_by(Goal.episode_id, Goal.term != "long", Goal.id))
    suspects = session.execute(q).all()
    wanted = {goal.episode_id for goal, _ in suspects}
    points: dict[tuple[int, str], list[tuple[date, str, float]]] = {}
    if wanted:
        aq = select(Assessment.episode_id, Assessment.instrument, Assessment.assessed_on,
                    Assessment.timepoint, Assessment.total).order_by(Assessment.assessed_on,
                                                                     Assessment.id)
        for eid, key, on, tp, total in session.execute(aq):
            if eid in wanted:
                points.setdefault((eid, key), []).append((on, tp, total))
    for goal, as_of in suspects:  # as of the discharge, like goal_progress
        p = _progress(goal, [x for x in points.get((goal.episode_id, goal.instrument or ""), [])
                             if as_of is None or x[0] <= as_of])
        if p.disagrees:
            yield (f"episode {goal.episode_id}: goal {p.goal_id} is marked "
                   f"{GOAL_STATUSES[p.status].lower()} but {p.describe()}")
    for goal in session.scalars(select(Goal).where(Goal.status == "revised")
                                .order_by(Goal.id)):
        why = _revised_problem(goal, None, goal.status_reason)
        if why:
            yield (f"episode {goal.episode_id}: goal {goal.id} is marked revised: "
                   f"{why[1]}")
