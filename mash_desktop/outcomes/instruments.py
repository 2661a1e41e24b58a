"""The instrument library, loaded from ``resources/instruments/instruments.json``.

Clinical content (items, ranges, bands, minimal important changes and their sources)
is data, so it can be reviewed against the literature without reading code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..config import resource_path


@dataclass(frozen=True)
class Threshold:
    """A change threshold (minimal important change or detectable change) and its source."""

    value: float | None
    unit: str
    source: str

    def __str__(self) -> str:
        if self.value is None:
            return self.source
        unit = "%" if self.unit == "percent" else f" {self.unit}"
        return f"{self.value:g}{unit} ({self.source})"


@dataclass(frozen=True)
class Instrument:
    key: str
    name: str
    short_name: str
    version: str
    kind: str  # sum | percent | mean | rating | performance
    unit: str
    better: str  # lower | higher
    minimum: float | None
    maximum: float | None
    mash_role: str
    source: str
    mic: Threshold
    items: tuple[str, ...] = ()
    item_range: tuple[int, int] | None = None
    integer: bool = True
    max_skipped: int = 0
    never_skip: tuple[int, ...] = ()
    min_items: int = 0
    max_items: int = 0
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)
    subscales: dict[str, tuple[int, ...]] = field(default_factory=dict)
    bands: tuple[dict[str, Any], ...] = ()
    bands_source: str = ""
    flags: tuple[dict[str, Any], ...] = ()
    item_flags: tuple[dict[str, Any], ...] = ()
    subscale_flags: tuple[dict[str, Any], ...] = ()
    mdc: Threshold | None = None
    skip_rule: str = ""
    display_places: int = 1
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def lower_is_better(self) -> bool:
        return self.better == "lower"

    @property
    def item_count(self) -> int:
        return len(self.items)


def _threshold(data: dict[str, Any] | None, note: str = "") -> Threshold:
    if not data:
        return Threshold(None, "", note or "no published minimal important change")
    return Threshold(float(data["value"]), data["unit"], data["source"])


def _instrument(d: dict[str, Any]) -> Instrument:
    rng = d.get("item_range")
    return Instrument(
        key=d["key"], name=d["name"], short_name=d.get("short_name", d["name"]),
        version=d["version"], kind=d["kind"], unit=d["unit"], better=d["better"],
        minimum=d.get("minimum"), maximum=d.get("maximum"), mash_role=d["mash_role"],
        source=d["source"], mic=_threshold(d.get("mic"), d.get("mic_note", "")),
        items=tuple(d.get("items", ())), item_range=tuple(rng) if rng else None,
        integer=d.get("integer", True), max_skipped=d.get("max_skipped", 0),
        never_skip=tuple(d.get("never_skip", ())), min_items=d.get("min_items", 0),
        max_items=d.get("max_items", 0), fields=d.get("fields", {}),
        options=d.get("options", {}),
        subscales={k: tuple(v) for k, v in d.get("subscales", {}).items()},
        bands=tuple(d.get("bands", ())), bands_source=d.get("bands_source", ""),
        flags=tuple(d.get("flags", ())), item_flags=tuple(d.get("item_flags", ())),
        subscale_flags=tuple(d.get("subscale_flags", ())),
        mdc=_threshold(d["mdc"]) if d.get("mdc") else None, skip_rule=d.get("skip_rule", ""),
        display_places=d.get("display_places", 1),
        raw=d,
    )


@cache
def _library() -> dict[str, Instrument]:
    path = resource_path("instruments", "instruments.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {d["key"]: _instrument(d) for d in data["instruments"]}


def get_instrument(key: str) -> Instrument:
    """The instrument definition; ValueError names an unknown key."""
    try:
        return _library()[key]
    except (KeyError, TypeError):
        known = ", ".join(sorted(_library()))
        raise ValueError(f"unknown instrument {key!r}; known: {known}") from None


def list_instruments() -> list[Instrument]:
    return list(_library().values())
