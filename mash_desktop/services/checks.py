"""Database health checks run by ``mash-desktop check``.

SQLite's own integrity and foreign-key checks, then the app's rules re-checked over
stored data (dates in order, signatures complete, scores that recompute). Features
register extra checks with :func:`register`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ..models import Episode, Patient

CheckFn = Callable[[Session], Iterable[str]]
_REGISTRY: list[tuple[str, CheckFn]] = []


@dataclass(frozen=True)
class CheckResult:
    name: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def register(name: str) -> Callable[[CheckFn], CheckFn]:
    def deco(fn: CheckFn) -> CheckFn:
        _REGISTRY.append((name, fn))
        return fn
    return deco


@register("sqlite integrity")
def _integrity(session: Session) -> Iterable[str]:
    if session.get_bind().dialect.name != "sqlite":
        return []
    rows = [r[0] for r in session.execute(text("PRAGMA integrity_check"))]
    return [] if rows == ["ok"] else rows


@register("foreign keys")
def _foreign_keys(session: Session) -> Iterable[str]:
    if session.get_bind().dialect.name != "sqlite":
        return []
    return [f"{r[0]} row {r[1]} points to a missing {r[2]}"
            for r in session.execute(text("PRAGMA foreign_key_check"))]


@register("patients")
def _patients(session: Session) -> Iterable[str]:
    """Every patient through the form's own rules, and MRNs unique whatever their case."""
    from .errors import ValidationError
    from .patients import clean_patient, patient_form_values
    from .sessions import sentence

    dupes = session.execute(
        select(func.lower(Patient.mrn), func.count()).group_by(func.lower(Patient.mrn))
        .having(func.count() > 1))
    yield from (f"MRN {m} is used by {n} patients (MRNs are unique whatever their case)"
                for m, n in dupes)
    for patient in session.scalars(select(Patient).order_by(Patient.id)):
        try:
            clean_patient(patient_form_values(patient))
        except ValidationError as exc:
            yield f"patient {patient.id} (MRN {patient.mrn}): {sentence(exc)}"


@register("episodes")
def _episodes(session: Session) -> Iterable[str]:
    """Every episode through the form's own rules (dates, codes, status, discharge)."""
    from .episodes import EPISODE_FIELDS, clean_episode
    from .errors import ValidationError
    from .sessions import sentence

    q = (select(Episode, Patient.date_of_birth, Patient.mrn)
         .join(Patient, Patient.id == Episode.patient_id).order_by(Episode.id))
    for ep, dob, mrn in session.execute(q):
        try:
            clean_episode({k: getattr(ep, k) for k in EPISODE_FIELDS}, dob)
        except ValidationError as exc:
            yield f"episode {ep.id} (MRN {mrn}): {sentence(exc)}"


def _import_feature_checks() -> None:
    """Service modules register their own checks when imported; import them all."""
    from .. import services

    for info in pkgutil.iter_modules(services.__path__):
        importlib.import_module(f"{services.__name__}.{info.name}")


def run_checks(session: Session) -> list[CheckResult]:
    _import_feature_checks()
    return [CheckResult(name, list(fn(session))) for name, fn in _REGISTRY]
