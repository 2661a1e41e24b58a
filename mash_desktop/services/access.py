"""Who may do what. Roles are data here, checked by the services (never only by the GUI).

``actor=None`` is the system itself (migrations, demo data, a test harness); every
interactive path (the GUI after login, the CLI's --user) passes a real user.
"""

from __future__ import annotations

from typing import Protocol

from .errors import PermissionDenied


class Acting(Protocol):
    """Who acts, as the services read it: an account row (``models.User``) or the plain
    :class:`~mash_desktop.services.users.SignedInUser` the GUI and CLI hold after sign-in.

    Services only read these attributes, so callers outside a session never need to keep
    an ORM object alive (the GUI imports no models at all).
    """

    @property
    def id(self) -> int | None: ...
    @property
    def username(self) -> str: ...
    @property
    def full_name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def credentials(self) -> str: ...
    @property
    def active(self) -> bool: ...

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


def allowed(actor: Acting | None, permission: str) -> bool:
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")
    if actor is None:
        return True
    return actor.active and actor.role in PERMISSIONS[permission]


def require(actor: Acting | None, permission: str) -> None:
    if not allowed(actor, permission):
        who = f"{actor.full_name} ({ROLES.get(actor.role, actor.role)})" if actor else "system"
        raise PermissionDenied(f"{who} may not {LABELS[permission]}.")
