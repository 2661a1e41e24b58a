"""The home-program prescription in words a 75-year-old reads without decoding.

One source for "how often" (the episode's plan of care: times a day, days a week) and
for each exercise's dose, so the home exercise handout and the discharge summary can
never disagree ("once a day, 5 days a week" on one and "3 times a week" on the other).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import CatalogEntry, Setting
from . import audit
from .access import Acting, authorize
from .errors import NotFoundError, ValidationError

TIMES = {1: "once a day", 2: "twice a day"}


def frequency_words(times_per_day: int | None, days_per_week: int | None) -> str:
    """"Once a day, 3 days a week" (empty without days a week)."""
    if not days_per_week:
        return ""
    times = times_per_day or 1
    per_day = TIMES.get(times, f"{times} times a day")
    days = ("every day" if days_per_week == 7 else
            f"{days_per_week} day{'s' if days_per_week != 1 else ''} a week")
    return f"{per_day[0].upper()}{per_day[1:]}, {days}"


@dataclass(frozen=True)
class HomeProgram:
    """The plan of care's home-program prescription: the program's frequency, and each
    exercise's own where the PT set one (``per_exercise``: catalog key -> (times a day,
    days a week)); the program's frequency is every other exercise's."""

    times_per_day: int | None
    days_per_week: int | None
    notes: str = ""
    per_exercise: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def prescribed(self) -> bool:
        return bool(self.times_per_day and self.days_per_week)

    @property
    def frequency(self) -> str:
        """"Once a day, 3 days a week" (empty when the plan has no prescription)."""
        if not self.prescribed:
            return ""
        return frequency_words(self.times_per_day, self.days_per_week)

    def own_frequency(self, key: str) -> str:
        """The exercise's own frequency in words, or "" when it follows the program."""
        own = self.per_exercise.get(key)
        return frequency_words(*own) if own else ""

    def schedule_for(self, key: str) -> tuple[int, int] | None:
        """(times a day, days a week) of this exercise: its own, else the program's; None
        when neither is prescribed."""
        own = self.per_exercise.get(key)
        if own:
            return own
        if self.prescribed:
            return (self.times_per_day or 1, self.days_per_week or 0)
        return None

    def frequency_for(self, key: str) -> str:
        """How often this exercise is done: its own frequency, else the program's."""
        schedule = self.schedule_for(key)
        return frequency_words(*schedule) if schedule else ""


def prescription(episode: Any) -> HomeProgram:
    """The episode's home-program prescription from its plan of care."""
    raw = getattr(episode, "hep_exercises", None) or {}
    per_exercise = {str(k): (int(x.get("times_per_day") or 1), int(x["days_per_week"]))
                    for k, x in raw.items()
                    if isinstance(x, dict) and isinstance(x.get("days_per_week"), int)}
    return HomeProgram(getattr(episode, "hep_times_per_day", None),
                       getattr(episode, "hep_days_per_week", None),
                       getattr(episode, "hep_notes", "") or "", per_exercise)


def clean_exercise_frequencies(raw: Any, e: dict[str, str]) -> dict[str, dict[str, int]] | None:
    """The plan's per-exercise frequencies ({key: {times_per_day, days_per_week}}), each
    problem under ``hep_exercises.<key>``; an entry left blank follows the program."""
    from . import validate as v

    if raw in (None, "", {}):
        return None
    if not isinstance(raw, dict):
        e["hep_exercises"] = "must be a set of exercises with their frequency"
        return None
    out: dict[str, dict[str, int]] = {}
    for key, value in raw.items():
        where = f"hep_exercises.{key}"
        if not isinstance(key, str) or not key or not isinstance(value, dict):
            e[where] = "must give times a day and days a week for a catalog exercise"
            continue
        times = v.number(value.get("times_per_day"), f"{where}.times_per_day", e, lo=1,
                         hi=4, integer=True)
        days = v.number(value.get("days_per_week"), f"{where}.days_per_week", e, lo=1,
                        hi=7, integer=True)
        if times is None and days is None:
            continue   # blank: the program's frequency
        if days is None:
            if f"{where}.days_per_week" not in e:
                e[f"{where}.days_per_week"] = "is required with the exercise's times a day"
            continue
        out[key] = {"times_per_day": int(times or 1), "days_per_week": int(days)}
    return out or None


def unknown_exercises(session: Session, keys: list[str]) -> list[str]:
    """Which of ``keys`` are not exercises in the catalog."""
    if not keys:
        return []
    found = set(session.scalars(select(CatalogEntry.key).where(
        CatalogEntry.key.in_(keys), CatalogEntry.kind == "exercise")))
    return [k for k in keys if k not in found]


def home_exercises(session: Session, episode_id: int) -> list[tuple[str, str]]:
    """(catalog key, name) of the exercises now on the home program: those whose latest
    dose in an attended visit is marked for home (as the reports read it)."""
    from ..models import ExerciseDose, VisitNote

    q = (select(CatalogEntry.key, CatalogEntry.name, ExerciseDose.home_program)
         .join(ExerciseDose, ExerciseDose.exercise_id == CatalogEntry.id)
         .join(VisitNote, VisitNote.id == ExerciseDose.visit_id)
         .where(VisitNote.episode_id == episode_id, VisitNote.status == "attended")
         .order_by(VisitNote.visit_date, VisitNote.id, ExerciseDose.position))
    latest: dict[str, tuple[str, bool]] = {}
    for key, name, home in session.execute(q):
        latest[key] = (name, bool(home))
    return [(k, name) for k, (name, home) in latest.items() if home]


def program_exercises(session: Session, episode: Any) -> list[tuple[str, str]]:
    """(catalog key, name) of every exercise on the episode's home program, the one rule
    the handout, the discharge summary, the printed plan of care and the care-plan tab
    share: the exercises ticked "Home" at their latest dose in a visit, then those the
    plan of care prescribes with their own frequency (``hep_exercises``) that no visit
    ticked. (Before this, an exercise the plan prescribed was printed nowhere unless a
    visit also ticked it.)"""
    out = home_exercises(session, episode.id)
    have = {k for k, _ in out}
    named = [k for k in prescription(episode).per_exercise if k not in have]
    if named:
        names = {k: n for k, n in session.execute(
            select(CatalogEntry.key, CatalogEntry.name).where(CatalogEntry.key.in_(named)))}
        out += [(k, names.get(k, k)) for k in named]
    return out


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def plain_dose(d: Any) -> str:
    """An exercise dose in plain sentences.

    "15 repetitions with the yellow band, 3 sets." · "Hold 30 seconds. Do this 3 times."
    · "Hold 5 seconds each time. 10 repetitions, 2 sets." · "10 minutes." (The side is
    in the exercise's name, e.g. "Clamshell with band (right)".)
    """
    sets, reps, hold, minutes = (getattr(d, k, None) for k in ("sets", "reps", "hold_s",
                                                               "minutes"))
    load_type, band, kg = (getattr(d, k, None) for k in ("load_type", "band", "load_kg"))
    load = ""
    if load_type == "band" and band:
        load = f" with the {band} band"
    elif load_type == "kg" and kg is not None:
        load = f" holding {kg:g} kg"
    sentences = []
    if reps:
        if hold:
            sentences.append(f"Hold {hold} second{'s' if hold != 1 else ''} each time.")
        rep = f"{reps} repetition{'s' if reps != 1 else ''}{load}"
        sentences.append(f"{rep}, {sets} sets." if sets and sets > 1 else f"{rep}.")
    elif hold:
        sentences.append(f"Hold {hold} second{'s' if hold != 1 else ''}{load}.")
        if sets and sets > 1:
            sentences.append(f"Do this {_times(sets)}.")
    if minutes:
        plural = "s" if minutes != 1 else ""
        sentences.append(f"{minutes} minute{plural}{load if not reps else ''}.")
    return " ".join(sentences)


IMAGE_SETTING = "hep_image:"      # + catalog key; the value is base64 PNG/JPEG bytes
MAX_IMAGE_BYTES = 2_000_000


def exercise_images(session: Session, keys: list[str]) -> dict[str, bytes]:
    """A clinic's own drawings for these exercises (replacing the built-in ones)."""
    if not keys:
        return {}
    rows = session.scalars(select(Setting).where(
        Setting.key.in_([IMAGE_SETTING + k for k in keys])))
    out = {}
    for row in rows:
        try:
            out[row.key[len(IMAGE_SETTING):]] = base64.b64decode(str(row.value))
        except ValueError:
            continue  # a damaged image falls back to the built-in drawing
    return out


def image_kind(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    return None


def set_exercise_image(session: Session, key: str, data: bytes | None,
                       actor: Acting | None = None) -> None:
    """Replace an exercise's handout drawing with the clinic's own PNG or JPEG image, or
    (``data`` None) go back to the built-in drawing. Catalog work is for admins."""
    actor = authorize(session, actor, "manage_catalog")
    entry = session.scalar(select(CatalogEntry).where(CatalogEntry.key == key))
    if entry is None or entry.kind != "exercise":
        raise NotFoundError(f"No exercise {key!r} in the catalog")
    row = session.get(Setting, IMAGE_SETTING + key)
    if data is None:
        if row is not None:
            session.delete(row)
            audit.record(session, actor, "update", "catalog", entry.id,
                         changes={"handout_image": ["clinic image", "built-in drawing"]})
        return
    if not isinstance(data, bytes) or image_kind(data) is None:
        raise ValidationError({"image": "must be a PNG or JPEG picture"})
    if len(data) > MAX_IMAGE_BYTES:
        raise ValidationError({"image": f"is larger than {MAX_IMAGE_BYTES // 1_000_000} MB"})
    try:  # the handout must be able to print it
        import io

        from reportlab.lib.utils import ImageReader

        w, h = ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # noqa: BLE001 - any decoder failure is the same bad input
        raise ValidationError({"image": "could not be read as a picture"}) from None
    if w < 50 or h < 50:
        raise ValidationError({"image": f"is too small to print ({w}×{h} pixels)"})
    value = base64.b64encode(data).decode("ascii")
    if row is None:
        session.add(Setting(key=IMAGE_SETTING + key, value=value))
    else:
        row.value = value
    session.flush()
    audit.record(session, actor, "update", "catalog", entry.id,
                 changes={"handout_image": [None, f"clinic image ({len(data)} bytes)"]})
