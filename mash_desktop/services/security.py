"""Security settings (idle lock, single-user mode, automatic backups kept), admin only.

The permission check lives here, not in the dialog, so the GUI, the CLI and a direct
call obey the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from . import validate as v
from .access import Acting, authorize
from .backup import DEFAULT_KEEP
from .errors import ValidationError
from .settings import get_setting, set_setting

DEFAULT_IDLE_MINUTES = 10


@dataclass(frozen=True)
class SecuritySettings:
    idle_lock_minutes: int = DEFAULT_IDLE_MINUTES  # 0 = never
    single_user: str | None = None                 # username signed in without choosing
    backups_keep: int = DEFAULT_KEEP


def security_settings(session: Session) -> SecuritySettings:
    return SecuritySettings(
        int(get_setting(session, "idle_lock_minutes", DEFAULT_IDLE_MINUTES)),
        get_setting(session, "single_user") or None,
        int(get_setting(session, "backups_keep", DEFAULT_KEEP)))


def save_security_settings(session: Session, new: SecuritySettings,
                           actor: Acting | None) -> SecuritySettings:
    """Store the settings (admins only); single-user mode names the admin saving it."""
    actor = authorize(session, actor, "manage_settings")
    e: v.Errors = {}
    idle = v.number(new.idle_lock_minutes, "idle_lock_minutes", e, lo=0, hi=240, integer=True)
    keep = v.number(new.backups_keep, "backups_keep", e, lo=1, hi=365, integer=True)
    if e:
        raise ValidationError(e)
    single = (actor.username if actor.id is not None else new.single_user) \
        if new.single_user else None
    set_setting(session, "idle_lock_minutes", int(idle or 0), actor)
    set_setting(session, "single_user", single, actor)
    set_setting(session, "backups_keep", int(keep or DEFAULT_KEEP), actor)
    return security_settings(session)
