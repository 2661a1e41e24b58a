"""Quick phrases: the clinic's own snippets for the assessment and plan, inserted with a key.

They keep a complete note fast (a routine follow-up signed in under 20 inputs) without
making every note read the same: the PT inserts a phrase and edits it. Stored as the
``quick_phrases`` setting, ``{"assessment": [...], "plan": [...]}``, at most nine each
(Ctrl+1…9 in the note editor inserts an assessment phrase, Alt+1…9 a plan phrase).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from . import validate as v
from .access import Acting, authorize
from .errors import ValidationError
from .settings import get_setting, write_setting

KEY = "quick_phrases"
FIELDS = ("assessment", "plan")
MAX_PHRASES = 9
DEFAULTS: dict[str, list[str]] = {
    "assessment": [
        "Tolerated the progression without an increase in symptoms; needs skilled "
        "progression of load and manual therapy to reach the goals.",
        "Hip strength and walking tolerance improving; continued skilled manual therapy "
        "and exercise dosing needed for the remaining impairments.",
        "Symptoms settled within the session after manual therapy; exercise technique "
        "needs cueing and skilled supervision.",
    ],
    "plan": [
        "Continue the MASH plan of care; progress exercise dose per tolerance.",
        "Review and progress the home program next visit.",
        "Reassess the outcome measures at 8 weeks.",
    ],
}


def get_phrases(session: Session) -> dict[str, list[str]]:
    stored = get_setting(session, KEY)
    if not isinstance(stored, dict):
        return {k: list(x) for k, x in DEFAULTS.items()}
    return {k: [p for p in stored.get(k, []) if isinstance(p, str)] for k in FIELDS}


def set_phrases(session: Session, phrases: dict[str, Any], actor: Acting | None = None,
                ) -> dict[str, list[str]]:
    actor = authorize(session, actor, "manage_phrases")  # clinic-wide text every note offers
    if not isinstance(phrases, dict):
        raise ValidationError({KEY: "must map assessment and plan to lists of phrases"})
    e: v.Errors = {}
    clean: dict[str, list[str]] = {}
    for field in FIELDS:
        items = phrases.get(field) or []
        if not isinstance(items, list):
            e[field] = "must be a list of phrases"
            continue
        if len(items) > MAX_PHRASES:
            e[field] = f"at most {MAX_PHRASES} phrases (one per key, 1-9)"
        texts = [v.text(p, f"{field}[{i}]", e, max_len=1000) for i, p in enumerate(items)]
        clean[field] = [t for t in texts if t]
    if e:
        raise ValidationError(e)
    write_setting(session, KEY, clean, actor)
    return clean
