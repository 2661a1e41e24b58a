"""The home-program prescription in words a 75-year-old reads without decoding.

One source for "how often" (the episode's plan of care: times a day, days a week) and
for each exercise's dose, so the home exercise handout and the discharge summary can
never disagree ("once a day, 5 days a week" on one and "3 times a week" on the other).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import CatalogEntry, Setting
from . import audit
from .access import Acting, require
from .errors import NotFoundError, ValidationError

TIMES = {1: "once a day", 2: "twice a day"}


@dataclass(frozen=True)
class HomeProgram:
    times_per_day: int | None
    days_per_week: int | None
    notes: str = ""

    @property
    def prescribed(self) -> bool:
        return bool(self.times_per_day and self.days_per_week)

    @property
    def frequency(self) -> str:
        """"Once a day, 3 days a week" (empty when the plan has no prescription)."""
        if not self.prescribed:
            return ""
        per_day = TIMES.get(self.times_per_day or 0, f"{self.times_per_day} times a day")
        days = ("every day" if self.days_per_week == 7 else
                f"{self.days_per_week} day{'s' if self.days_per_week != 1 else ''} a week")
        return f"{per_day[0].upper()}{per_day[1:]}, {days}"


def prescription(episode: Any) -> HomeProgram:
    """The episode's home-program frequency from its plan of care."""
    return HomeProgram(getattr(episode, "hep_times_per_day", None),
                       getattr(episode, "hep_days_per_week", None),
                       getattr(episode, "hep_notes", "") or "")


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


def _image_kind(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    return None


def set_exercise_image(session: Session, key: str, data: bytes | None,
                       actor: Acting | None = None) -> None:
    """Replace an exercise's handout drawing with the clinic's own PNG or JPEG image, or
    (``data`` None) go back to the built-in drawing. Catalog work is for admins."""
    require(actor, "manage_catalog")
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
    if not isinstance(data, bytes) or _image_kind(data) is None:
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
