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


# (key, lowest, highest, default): the ranges the dialog, an import and ``check`` allow
IDLE = ("idle_lock_minutes", 0, 240, DEFAULT_IDLE_MINUTES)
KEEP = ("backups_keep", 1, 365, DEFAULT_KEEP)


def clean_minutes(value: object, rule: tuple[str, int, int, int]) -> int:
    """A whole number in the rule's range, or ValidationError naming the setting."""
    key, lo, hi, _default = rule
    e: v.Errors = {}
    number = v.number(value, key, e, lo=lo, hi=hi, integer=True)
    if e or number is None:
        raise ValidationError(e or {key: "is required"})
    return int(number)


def _stored(session: Session, rule: tuple[str, int, int, int]) -> int:
    """The stored value, or the rule's default when it is not a valid one (a file edited
    or imported by an older version): the app starts, and ``check`` names the setting."""
    try:
        return clean_minutes(get_setting(session, rule[0], rule[3]), rule)
    except ValidationError:
        return rule[3]


def security_settings(session: Session) -> SecuritySettings:
    single = get_setting(session, "single_user")
    return SecuritySettings(_stored(session, IDLE),
                            single if isinstance(single, str) and single else None,
                            _stored(session, KEEP))


def save_security_settings(session: Session, new: SecuritySettings,
                           actor: Acting | None) -> SecuritySettings:
    """Store the settings (admins only); single-user mode names the admin saving it."""
    actor = authorize(session, actor, "manage_settings")
    e: v.Errors = {}
    idle = v.number(new.idle_lock_minutes, IDLE[0], e, lo=IDLE[1], hi=IDLE[2], integer=True)
    keep = v.number(new.backups_keep, KEEP[0], e, lo=KEEP[1], hi=KEEP[2], integer=True)
    if e:
        raise ValidationError(e)
    single = (actor.username if actor.id is not None else new.single_user) \
        if new.single_user else None
    set_setting(session, "idle_lock_minutes", int(idle or 0), actor)
    set_setting(session, "single_user", single, actor)
    set_setting(session, "backups_keep", int(keep or DEFAULT_KEEP), actor)
    return security_settings(session)
