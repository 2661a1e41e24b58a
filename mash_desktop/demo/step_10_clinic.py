"""Demo clinic letterhead (shown on printed reports)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ..models import Episode
from ..services.settings import get_setting, set_setting


def step(session: Session, episodes: list[Episode], today: date) -> None:
    if get_setting(session, "clinic_name"):
        return  # never overwrite a clinic's own letterhead
    set_setting(session, "clinic_name", "Riverside Physical Therapy")
    set_setting(session, "clinic_address", "540 S College Ave, Suite 120, Newark, DE 19713")
    set_setting(session, "clinic_phone", "(302) 555-0140")
