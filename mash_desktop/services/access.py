"""Who may do what. Roles are data here, checked by the services (never only by the GUI).

``actor=None`` is the system itself (migrations, demo data, a test harness); every
interactive path (the GUI after login, the CLI's --user) passes a real user.
"""

from __future__ import annotations

from ..models import User
from .errors import PermissionDenied

ROLES = {"clinician": "Clinician (PT)", "assistant": "Assistant (PTA)", "admin": "Administrator"}
PERMISSIONS: dict[str, set[str]] = {
    "write": {"clinician", "assistant", "admin"},          # charts, notes, assessments
    "sign_note": {"clinician", "assistant", "admin"},      # daily treatment notes
    "sign_evaluation": {"clinician", "admin"},             # evaluations / re-evaluations
    "sign_discharge": {"clinician", "admin"},              # discharge summaries
    "progress_report": {"clinician", "admin"},             # CMS: a PTA note is not a report
    "manage_users": {"admin"},
    "manage_catalog": {"admin"},
    "restore": {"admin"},
}
LABELS = {"write": "change records", "sign_note": "sign session notes",
          "sign_evaluation": "sign evaluations", "sign_discharge": "sign discharge summaries",
          "progress_report": "write progress reports", "manage_users": "manage users",
          "manage_catalog": "manage the catalog", "restore": "restore backups"}


def allowed(actor: User | None, permission: str) -> bool:
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")
    if actor is None:
        return True
    return actor.active and actor.role in PERMISSIONS[permission]


def require(actor: User | None, permission: str) -> None:
    if not allowed(actor, permission):
        who = f"{actor.full_name} ({ROLES.get(actor.role, actor.role)})" if actor else "system"
        raise PermissionDenied(f"{who} may not {LABELS[permission]}.")
