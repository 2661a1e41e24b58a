"""The clinic's copy of the protocol catalog: seeded from resources, then edited in the app.

Entries are never deleted once a note may refer to them; they are retired (hidden from
pick lists, still shown in old notes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypedDict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..catalog import KINDS, load_catalog
from ..models import CatalogEntry
from . import audit
from . import validate as v
from .access import Acting, authorize
from .errors import NotFoundError, ValidationError

ARM_TAGS = {"hip_focused": "Hip-focused", "spine_focused": "Spine-focused", "custom": "Custom"}


def ensure_catalog_seeded(session: Session) -> int:
    """Add shipped entries the database does not have yet (by key); returns how many."""
    have = set(session.scalars(select(CatalogEntry.key)))
    added = 0
    for item in load_catalog():
        if item.key in have:
            continue
        defaults = dict(item.defaults)
        if item.progression:
            defaults["progression"] = item.progression
        session.add(CatalogEntry(
            key=item.key, kind=item.kind, name=item.name, arms=list(item.arms),
            component=item.component, region=item.region, trial_named=item.trial_named,
            source=item.source, defaults=defaults, instructions=item.instructions))
        added += 1
    if added:
        session.flush()
    return added


def entries(session: Session, kind: str | None = None, *,
            include_retired: bool = False) -> list[CatalogEntry]:
    q = select(CatalogEntry).order_by(CatalogEntry.kind, CatalogEntry.name)
    if kind:
        q = q.where(CatalogEntry.kind == kind)
    if not include_retired:
        q = q.where(CatalogEntry.retired.is_(False))
    return list(session.scalars(q))


def by_key(session: Session, key: str) -> CatalogEntry:
    entry = session.scalar(select(CatalogEntry).where(CatalogEntry.key == key))
    if entry is None:
        raise NotFoundError(f"No catalog entry {key!r}")
    return entry


class CatalogEntryForm(TypedDict, total=False):
    """A new catalog entry as typed in: name and kind needed, the rest optional."""

    name: str
    kind: str
    arms: list[str]
    component: str | None
    region: str | None
    instructions: str | None


def add_entry(session: Session, data: CatalogEntryForm,
              actor: Acting | None = None) -> CatalogEntry:
    actor = authorize(session, actor, "manage_catalog")
    e: v.Errors = {}
    name = v.text(data.get("name"), "name", e, required=True, max_len=200)
    kind = v.choice(data.get("kind"), "kind", e, KINDS)
    arms = data.get("arms") or ["custom"]
    if not isinstance(arms, list) or any(a not in ARM_TAGS for a in arms):
        e["arms"] = "must be a list of " + ", ".join(ARM_TAGS)
    component = v.text(data.get("component"), "component", e, max_len=80)
    region = v.text(data.get("region"), "region", e, max_len=40)
    instructions = v.text(data.get("instructions"), "instructions", e, max_len=2000,
                          multiline=True)
    if name and session.scalar(select(CatalogEntry.id).where(
            func.lower(CatalogEntry.name) == name.lower(), CatalogEntry.kind == kind)):
        e["name"] = "an entry with this name already exists"
    if e:
        raise ValidationError(e)
    base = "custom_" + "".join(c if c.isalnum() else "_" for c in name.lower())[:60]
    key, n = base, 1
    while session.scalar(select(CatalogEntry.id).where(CatalogEntry.key == key)):
        n += 1
        key = f"{base}_{n}"
    entry = CatalogEntry(key=key, kind=kind, name=name, arms=arms, component=component,
                         region=region, trial_named=False, custom=True,
                         source="Added by the clinic", defaults={}, instructions=instructions)
    session.add(entry)
    session.flush()
    audit.record(session, actor, "create", "catalog_entry", entry.id,
                 changes={"name": [None, name], "kind": [None, kind]})
    return entry


def rename_entry(session: Session, entry_id: int, name: str,
                 actor: Acting | None = None) -> CatalogEntry:
    actor = authorize(session, actor, "manage_catalog")
    entry = session.get(CatalogEntry, entry_id) if v.is_id(entry_id) else None
    if entry is None:
        raise NotFoundError(f"No catalog entry {entry_id}")
    e: v.Errors = {}
    clean = v.text(name, "name", e, required=True, max_len=200)
    if e:
        raise ValidationError(e)
    audit.record(session, actor, "update", "catalog_entry", entry.id,
                 changes={"name": [entry.name, clean]})
    entry.name = clean
    return entry


def set_retired(session: Session, entry_id: int, retired: bool,
                actor: Acting | None = None) -> CatalogEntry:
    actor = authorize(session, actor, "manage_catalog")
    entry = session.get(CatalogEntry, entry_id) if v.is_id(entry_id) else None
    if entry is None:
        raise NotFoundError(f"No catalog entry {entry_id}")
    audit.record(session, actor, "retire" if retired else "unretire", "catalog_entry",
                 entry.id, changes={"retired": [entry.retired, retired]})
    entry.retired = retired
    return entry


def payers(session: Session) -> list[Any]:
    from ..models import Payer

    return list(session.scalars(select(Payer).order_by(Payer.name)))


def set_payer_rule(session: Session, payer_id: int, rule: str,
                   actor: Acting | None = None) -> None:
    """Medicare's 8-minute rule or the AMA per-code rule, per payer."""
    from ..billing import RULES
    from ..models import Payer

    actor = authorize(session, actor, "manage_catalog")
    payer = session.get(Payer, payer_id) if v.is_id(payer_id) else None
    if payer is None:
        raise NotFoundError(f"No payer {payer_id}")
    if rule not in RULES:
        raise ValidationError({"billing_rule": "must be one of " + ", ".join(RULES)})
    audit.record(session, actor, "update", "payer", payer.id,
                 changes={"billing_rule": [payer.billing_rule, rule]})
    payer.billing_rule = rule


@dataclass(frozen=True)
class CatalogRow:
    """One catalog entry as the admin dialog lists it."""

    id: int
    key: str
    kind: str
    name: str
    arms: tuple[str, ...]
    component: str
    trial_named: bool
    source: str
    retired: bool
    custom: bool


@dataclass(frozen=True)
class PayerRow:
    id: int
    name: str
    billing_rule: str


def catalog_rows(session: Session) -> list[CatalogRow]:
    """Every entry, retired ones included, as plain rows."""
    return [CatalogRow(e.id, e.key, e.kind, e.name, tuple(e.arms or ()), e.component,
                       e.trial_named, e.source, e.retired, e.custom)
            for e in entries(session, include_retired=True)]


def payer_rows(session: Session) -> list[PayerRow]:
    return [PayerRow(p.id, p.name, p.billing_rule) for p in payers(session)]
