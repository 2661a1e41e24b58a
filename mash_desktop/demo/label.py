"""Which databases are demo databases, so the app can say so in the title bar.

A database is a demo database when the demo clinic was built into it while it was still
new (no patients, no user accounts): ``make demo``, ``mash-desktop --db FILE demo`` on a
new file, or "Try with demo patients" on the first start. Loading the demo patients into
a clinic that already has accounts or charts does not relabel that clinic's database.
The mark is a stored setting rather than a guess from the data, so it survives demo
content changes and is visible in exports.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Patient
from ..services.settings import get_setting, set_setting
from ..services.users import has_users
from . import build_demo

DEMO_SETTING = "demo_database"


def is_demo_database(session: Session) -> bool:
    return bool(get_setting(session, DEMO_SETTING, False))


def add_demo_clinic(session: Session, today: date | None = None) -> int:
    """Add the demo clinic (as ``build_demo``) and mark a new database as a demo database.

    Returns the number of patients added (0 when the demo clinic is already there).
    """
    new = not has_users(session) and session.scalar(select(Patient.id).limit(1)) is None
    added = build_demo(session, today)
    if added and new:
        set_setting(session, DEMO_SETTING, True)
    return added
