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
