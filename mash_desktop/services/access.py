"""Who may do what: the role -> permission table (data, here only) and the acting user.

Every service that reads or changes patient data calls :func:`authorize` itself, so the
GUI, the CLI, an import and a direct Python call all meet the same rule. The GUI and
the CLI only say who is acting: they pass the signed-in user, or bind it once to the
database (``Database.actor``) so every session carries it.

Who can be acting:

* a signed-in account (clinician, assistant or admin): the GUI and CLI hold it as a
  :class:`~mash_desktop.services.users.SignedInUser`, services may also pass the
  ``models.User`` row; both satisfy :class:`Acting`;
* :data:`LOCAL`, the single local user of a database that has **no accounts yet** (a
  new clinic, the demo). ``actor=None`` means "nobody signed in": it becomes LOCAL when
  the database has no accounts and is refused once any account exists. LOCAL may do
  everything except sign, because a signature must name an account holder;
* :data:`SYSTEM`, the app's own jobs (demo data, the benchmark clinic, migrations). Only
  the system may sign with a typed name (demo notes); no GUI or CLI path passes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import User
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

# What each permission allows, in the words of a refusal ("X may not ...").
LABELS = {
    "read_chart": "read patient charts",
    "write_chart": "change patient charts",
    "sign_note": "sign session notes",
    "sign_evaluation": "sign evaluations",
    "discharge": "discharge an episode of care",
    "discharge_summary": "write discharge summaries",
    "progress_report": "write progress reports",
    "interim_report": "write interim progress reports",
    "plan_of_care": "write plans of care",
    "judge_goals": "judge whether goals are met",
    "home_program": "print home exercise programs",
    "read_audit": "read the audit trail",
    "export": "export the clinic",
    "import": "import a clinic",
    "backup": "back up the database",
    "restore": "restore backups",
    "encrypt": "encrypt or decrypt the database",
    "check": "check the database",
    "manage_users": "manage users",
    "manage_catalog": "manage the catalog",
    "manage_settings": "change clinic settings",
    "manage_phrases": "edit the quick phrases",
}

_CLINICAL = frozenset({"read_chart", "write_chart", "sign_note", "sign_evaluation", "discharge",
                       "discharge_summary", "progress_report", "interim_report",
                       "plan_of_care", "judge_goals", "home_program",
                       "read_audit", "manage_phrases"})
_ASSISTANT = frozenset({"read_chart", "write_chart", "sign_note", "home_program",
                        "interim_report"})
_ADMINISTRATIVE = frozenset({"export", "import", "backup", "restore", "encrypt", "check",
                             "manage_users", "manage_catalog", "manage_settings", "read_audit",
                             "manage_phrases"})
_SIGNING = frozenset({"sign_note", "sign_evaluation"})

# The one table. Assistants (PTA) document and sign daily notes but not evaluations,
# progress reports or discharges (CMS 100-02 ch. 15 §220.3; APTA). Admin rights do not
# depend on clinical credentials; an admin's clinical rights come from CREDENTIAL_ROLE.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "clinician": _CLINICAL,
    "assistant": _ASSISTANT,
    "admin": _ADMINISTRATIVE,
    "local": (_CLINICAL | _ADMINISTRATIVE) - _SIGNING,
    "system": _CLINICAL | _ADMINISTRATIVE,
}
# Clinical credentials give an admin the matching clinical role (a PT who runs the clinic).
CREDENTIAL_ROLE = {"PT": "clinician", "DPT": "clinician", "PT, DPT": "clinician",
                   "PTA": "assistant"}


@dataclass(frozen=True)
class Actor:
    """An acting party that is not an account: the local single user or the system."""

    username: str
    full_name: str
    role: str
    credentials: str = ""
    id: int | None = None
    active: bool = True


LOCAL = Actor("local", "Local user (no accounts)", "local")
SYSTEM = Actor("system", "MASH Desktop (system)", "system")

def permissions(actor: Acting) -> frozenset[str]:
    """Everything this actor may do (empty for an inactive account or an unknown role)."""
    if not actor.active:
        return frozenset()
    granted = ROLE_PERMISSIONS.get(actor.role, frozenset())
    if actor.role == "admin":
        granted = granted | ROLE_PERMISSIONS.get(
            CREDENTIAL_ROLE.get((actor.credentials or "").strip(), ""), frozenset())
    return granted


def allowed(actor: Acting | None, permission: str) -> bool:
    """Whether ``actor`` may; ``None`` is judged as the local user (no accounts)."""
    if permission not in LABELS:
        raise ValueError(f"unknown permission {permission!r}")
    return permission in permissions(LOCAL if actor is None else actor)


def describe(actor: Acting | None) -> str:
    who: Acting = LOCAL if actor is None else actor
    role = ROLES.get(who.role, who.role)
    return who.full_name if isinstance(who, Actor) else f"{who.full_name} ({role})"


def require(actor: Acting | None, permission: str) -> None:
    """Refuse unless ``actor`` (already resolved) may do ``permission``."""
    if not allowed(actor, permission):
        raise PermissionDenied(f"{describe(actor)} may not {LABELS[permission]}.")


def accounts_exist(session: Session) -> bool:
    """Whether the database has user accounts (cached for the session)."""
    cached = session.info.get("accounts_exist")
    if cached is None:
        cached = session.info["accounts_exist"] = bool(
            session.scalar(select(func.count(User.id))))
    return bool(cached)


def acting(session: Session, actor: Acting | None = None) -> Acting:
    """Who is acting: ``actor``, else the user bound to the session, else the local user.

    Raises PermissionDenied when nobody is signed in on a database with accounts.
    """
    if actor is None:
        actor = session.info.get("actor")
    if actor is not None:
        return actor
    if accounts_exist(session):
        raise PermissionDenied("Sign in first: this clinic has user accounts, so every "
                               "action needs a signed-in user (on the command line, give "
                               "--user NAME).")
    return LOCAL


def authorize(session: Session, actor: Acting | None, permission: str) -> Acting:
    """The acting user (an account, a signed-in user or an :class:`Actor`), checked for
    ``permission``; services rebind their ``actor: Acting | None`` parameter to it, so
    everything after the check names the real user. Raises PermissionDenied.
    """
    who = acting(session, actor)
    require(who, permission)
    return who


@contextmanager
def acting_as(session: Session, actor: Acting) -> Iterator[None]:
    """Run a block as ``actor`` (already authorized), so the reads it makes check and
    audit that user rather than whoever is bound to the session."""
    bound = session.info.get("actor")
    session.info["actor"] = actor
    try:
        yield
    finally:
        session.info["actor"] = bound


def user_id(actor: Acting | None) -> int | None:
    """The account id to store for ``actor`` (None for the local user and the system)."""
    return None if actor is None else actor.id
