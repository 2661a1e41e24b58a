"""``mash-desktop demo``: fill a database with a believable MASH clinic.

Steps run in order in one transaction. Each feature adds a module here named
``step_<order>_<what>.py`` with a ``step(session, episodes, today)`` function (sessions,
outcomes...), so the demo grows with the app without editing this file.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..changes import ALL_KINDS, touch
from ..models import Episode, Patient
from .patients import demo_patients

DemoStep = Callable[[Session, list[Episode], date], None]


def steps() -> list[DemoStep]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("step_"))
    return [importlib.import_module(f"{__name__}.{n}").step for n in names]


def has_demo(session: Session) -> bool:
    return session.scalar(select(Patient.id).where(Patient.mrn == "DEMO-001")) is not None


def build_demo(session: Session, today: date | None = None) -> int:
    """Add the demo clinic; returns the number of patients added (0 if already there).

    Whoever asks must be allowed to write charts; the records themselves are written by
    the system (the audit says "system", demo notes carry the demo therapist's typed
    signature and no account), never in the name of the user who loaded them.
    """
    from ..services.access import SYSTEM, authorize

    authorize(session, None, "write_chart")
    if has_demo(session):
        return 0
    today = today or date.today()
    bound = session.info.get("actor")
    session.info["actor"] = SYSTEM
    try:
        episodes = demo_patients(session, today)
        for step in steps():
            step(session, episodes, today)
    finally:
        session.info["actor"] = bound
    touch(session, *ALL_KINDS)  # written without the services' audit rows: say so here
    return len(episodes)
