"""The shipped MASH protocol catalog, Qt- and DB-free.

The data is ``mash_desktop/resources/catalog/catalog.json``.

Seeded into the database by :mod:`mash_desktop.services.catalog`, where the clinic can
then add, rename and retire entries.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .config import resource_path

KINDS = {"manual_therapy": "Manual therapy", "exercise": "Exercise", "education": "Education"}


@dataclass(frozen=True)
class CatalogItem:
    key: str
    kind: str
    name: str
    arms: tuple[str, ...]
    component: str
    region: str
    trial_named: bool
    source: str
    defaults: dict[str, Any] = field(default_factory=dict)
    progression: dict[str, Any] = field(default_factory=dict)
    instructions: str = ""


@cache
def _data() -> dict[str, Any]:
    return json.loads(resource_path("catalog", "catalog.json").read_text(encoding="utf-8"))


def load_catalog() -> list[CatalogItem]:
    return [CatalogItem(key=e["key"], kind=e["kind"], name=e["name"], arms=tuple(e["arms"]),
                        component=e["component"], region=e["region"],
                        trial_named=e["trial_named"], source=e["source"],
                        defaults=e.get("defaults", {}), progression=e.get("progression", {}),
                        instructions=e.get("instructions", ""))
            for e in _data()["entries"]]


def band_levels() -> list[str]:
    """Resistance bands from lightest to heaviest (the order progressions follow)."""
    return list(_data()["band_levels"]["order"])


def billing_code(kind: str, key: str) -> str | None:
    """The CPT code an intervention of this catalog entry is billed under (None: not billed
    on its own). Entries a clinic adds take their kind's code."""
    codes = _data()["billing_codes"]
    if key in codes["by_key"]:
        return str(codes["by_key"][key])
    code = codes["by_kind"].get(kind)
    return str(code) if code else None


def documented_codes() -> set[str]:
    """The codes some catalog intervention belongs to (the others are checked by minutes)."""
    codes = _data()["billing_codes"]
    return {str(c) for c in [*codes["by_kind"].values(), *codes["by_key"].values()] if c}
