"""Which clinic settings exist and what each may hold: one rule per key.

The settings dialogs, the quick-phrase editor and the handout images each validate what
they store; an import and ``check`` go through the same rules here, so a file cannot
bring in a setting the app would refuse (an idle lock of -5 minutes, "never", an unknown
key) and a stored value that breaks its rule is named by ``check`` instead of stopping
the app at start-up (the readers fall back to the safe default).
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import checks
from . import validate as v
from .errors import ValidationError

Rule = Callable[[str, Any], Any]  # (key, value) -> clean value, or ValidationError

# Settings that describe this database, never taken from an export: the audit chain head,
# when tamper evidence started, the single-user account (an import names no accounts)
# and the demo mark (a demo clinic's export imported into a new file is that file's data,
# and the mark would turn off its automatic backups).
NOT_IMPORTED = frozenset({"audit_chain", "tamper_evidence_since", "single_user",
                          "demo_database"})


def _text(max_len: int, multiline: bool = False) -> Rule:
    def rule(key: str, value: Any) -> str:
        e: v.Errors = {}
        clean = v.text(value, key, e, max_len=max_len, multiline=multiline)
        if e:
            raise ValidationError(e)
        return clean
    return rule


def _minutes(which: str) -> Rule:
    def rule(key: str, value: Any) -> int:
        from . import security

        return security.clean_minutes(value, getattr(security, which))
    return rule


def _image(key: str, value: Any) -> str | None:
    """A PNG or JPEG picture as base64 text, no larger than a handout or letterhead takes."""
    from .home_program import MAX_IMAGE_BYTES, image_kind

    if value is None:
        return None
    try:
        data = base64.b64decode(value, validate=True) if isinstance(value, str) else None
    except (binascii.Error, ValueError):
        data = None
    if not data or image_kind(data) is None:
        raise ValidationError({key: "must be a PNG or JPEG picture (base64)"})
    if len(data) > MAX_IMAGE_BYTES:
        raise ValidationError({key: f"is larger than {MAX_IMAGE_BYTES // 1_000_000} MB"})
    return str(value)


def _phrases(key: str, value: Any) -> Any:
    from .quick_phrases import clean_phrases

    try:
        return clean_phrases(value)
    except ValidationError as exc:
        raise ValidationError({f"{key}.{k}": m for k, m in exc.errors.items()}) from None


def _namespace(key: str, value: Any) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise ValidationError({key: "must be a UUID"}) from None


def _flag(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValidationError({key: "must be true or false"})
    return value


def _optional_text(key: str, value: Any) -> str | None:
    return None if value is None else _text(60)(key, value)


RULES: dict[str, Rule] = {
    "clinic_name": _text(120),
    "clinic_address": _text(300, multiline=True),
    "clinic_phone": _text(40),
    "clinic_logo": _image,
    "quick_phrases": _phrases,
    "idle_lock_minutes": _minutes("IDLE"),
    "backups_keep": _minutes("KEEP"),
    "fhir_namespace": _namespace,
    "single_user": _optional_text,
    "demo_database": _flag,
}
PREFIX_RULES: dict[str, Rule] = {"hep_image:": _image}  # + a catalog key


def rule_for(key: Any) -> Rule | None:
    if not isinstance(key, str):
        return None
    if key in RULES:
        return RULES[key]
    return next((r for prefix, r in PREFIX_RULES.items() if key.startswith(prefix)), None)


def clean_setting(key: Any, value: Any) -> Any:
    """A setting's value as its own editor would store it; ValidationError otherwise."""
    rule = rule_for(key)
    if rule is None:
        raise ValidationError({str(key)[:60]: "is not a setting this app knows"})
    return rule(str(key), value)


@checks.register("settings")
def _stored_settings(session: Session) -> Iterable[str]:
    """Every stored setting is known and holds what its editor would store (the app's own
    bookkeeping rows, the audit chain head and when tamper evidence started, are checked
    with the tamper evidence)."""
    from ..models import Setting

    for key, value in session.execute(select(Setting.key, Setting.value)
                                      .order_by(Setting.key)):
        if key in ("audit_chain", "tamper_evidence_since"):
            continue
        try:
            clean_setting(key, value)
        except ValidationError as exc:
            for field, message in exc.errors.items():
                shown = f" (stored: {value!r})" if len(repr(value)) <= 40 else ""
                yield (f"setting {field} {message}{shown}; set it again in the app "
                       "(Admin menu), which uses its default meanwhile where it has one")
