"""The instrument library, loaded from ``mash_desktop/resources/instruments/instruments.json``.

Clinical content (items, ranges, bands, minimal important changes and their sources) is
data, so a clinician can review it against the literature without reading code, and the
app can store the definition a score was computed with.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..config import resource_path

KIND_NAMES = {"mic": "minimal important change", "sdc": "smallest detectable change"}


@dataclass(frozen=True)
class Threshold:
    """A change threshold (minimal important or detectable change) and where it comes from.

    ``source`` is the short citation shown to users; ``detail`` keeps the full reference
    and how sure we are, so the on-screen label stays short but nothing is lost. ``kind``
    says what the number is ("mic": patients notice it; "sdc": beyond measurement error
    only), ``population`` who it was measured in, and ``verified`` whether the number was
    read in the primary source: documents must name the kind, and an unverified threshold
    never judges a signed document.
    """

    value: float | None
    unit: str
    source: str
    detail: str = field(default="", compare=False)
    kind: str = field(default="mic", compare=False)
    population: str = field(default="", compare=False)
    verified: bool = field(default=False, compare=False)

    @property
    def kind_name(self) -> str:
        """"minimal important change" or "smallest detectable change"."""
        return KIND_NAMES.get(self.kind, self.kind)

    @property
    def amount(self) -> str:
        """The number with its unit: "6 points", "18% of the starting value", "0.05 m/s"."""
        if self.value is None:
            return ""
        if self.unit == "percent":
            return f"{self.value:g}% of the starting value"
        return f"{self.value:g} {self.unit}".strip()

    def describe(self, short_name: str = "") -> str:
        """What a document prints: kind, instrument and population, amount, source.

        E.g. "smallest detectable change (TUG, community-dwelling adults aged 50+):
        2.08 s — Donoghue 2019". An unverified threshold says so.
        """
        if self.value is None:
            return f"{short_name}: {self.source}" if short_name else self.source
        who = ", ".join(x for x in (short_name, self.population) if x)
        text = f"{self.kind_name}{f' ({who})' if who else ''}: {self.amount} — {self.source}"
        return text if self.verified else text + " (not verified in the primary source)"

    def __str__(self) -> str:
        """E.g. "6 points (Monticone 2022)", "18% (Monticone 2022)"."""
        if self.value is None:
            return self.source
        unit = "%" if self.unit == "percent" else f" {self.unit}" if self.unit else ""
        return f"{self.value:g}{unit} ({self.source})"


@dataclass(frozen=True, eq=False)
class Instrument:
    """One instrument definition.

    ``kind`` is the scoring method (sum, percent, mean, rating, performance), which the
    entry form relies on; ``category`` is questionnaire, performance or single_rating.
    An Instrument equals and hashes like its key, so ``"odi" in list_instruments()`` works.
    """

    key: str
    name: str
    short_name: str
    version: str
    category: str
    kind: str
    unit: str
    better: str  # "lower" | "higher"
    minimum: float | None
    maximum: float | None
    mash_role: str  # "primary" | "secondary" | "other"
    source: str
    mic: Threshold  # the best threshold the instrument has (judges change by default)
    thresholds: dict[str, Threshold] = field(default_factory=dict)
    items: tuple[str, ...] = ()
    item_range: tuple[int, int] | None = None
    integer: bool = True
    max_skipped: int = 0
    never_skip: tuple[int, ...] = ()
    skip_rule: str = ""
    min_items: int = 0
    max_items: int = 0
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)
    subscales: dict[str, tuple[int, ...]] = field(default_factory=dict)
    subscales_source: str = ""
    bands: tuple[dict[str, Any], ...] = ()
    bands_source: str = ""
    flags: tuple[dict[str, Any], ...] = ()
    item_flags: tuple[dict[str, Any], ...] = ()
    subscale_flags: tuple[dict[str, Any], ...] = ()
    display_places: int = 1
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Instrument):
            return self.key == other.key
        if isinstance(other, str):
            return self.key == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.key)

    @property
    def lower_is_better(self) -> bool:
        return self.better == "lower"

    @property
    def item_count(self) -> int:
        return len(self.items)

    @property
    def mdc(self) -> Threshold | None:
        """The detectable change, when one is recorded."""
        return self.thresholds.get("mdc")


def _threshold(data: dict[str, Any] | None, note: str = "") -> Threshold:
    if not data:
        return Threshold(None, "", note or "no published minimal important change")
    return Threshold(float(data["value"]), data["unit"], data["source"], data.get("detail", ""),
                     kind=data.get("kind", "mic"), population=data.get("population", ""),
                     verified=bool(data.get("verified", False)))


def _instrument(d: dict[str, Any]) -> Instrument:
    rng = d.get("item_range")
    return Instrument(
        key=d["key"], name=d["name"], short_name=d.get("short_name", d["name"]),
        version=d["version"], category=d["category"], kind=d["kind"], unit=d["unit"],
        better=d["better"], minimum=d.get("minimum"), maximum=d.get("maximum"),
        mash_role=d["mash_role"], source=d["source"],
        mic=_threshold(d.get("mic"), d.get("mic_note", "")),
        thresholds={k: _threshold(v) for k, v in d.get("thresholds", {}).items()},
        items=tuple(d.get("items", ())), item_range=(rng[0], rng[1]) if rng else None,
        integer=d.get("integer", True), max_skipped=d.get("max_skipped", 0),
        never_skip=tuple(d.get("never_skip", ())), skip_rule=d.get("skip_rule", ""),
        min_items=d.get("min_items", 0), max_items=d.get("max_items", 0),
        fields=d.get("fields", {}), options=d.get("options", {}),
        subscales={k: tuple(v) for k, v in d.get("subscales", {}).items()},
        subscales_source=d.get("subscales_source", ""),
        bands=tuple(d.get("bands", ())), bands_source=d.get("bands_source", ""),
        flags=tuple(d.get("flags", ())), item_flags=tuple(d.get("item_flags", ())),
        subscale_flags=tuple(d.get("subscale_flags", ())),
        display_places=d.get("display_places", 1), raw=d,
    )


@cache
def _library() -> dict[str, Instrument]:
    path = resource_path("instruments", "instruments.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {d["key"]: _instrument(d) for d in data["instruments"]}


def get_instrument(key: str) -> Instrument:
    """The instrument definition; an unknown key is a ValueError that lists the known ones."""
    try:
        return _library()[key]
    except (KeyError, TypeError):
        known = ", ".join(_library())
        raise ValueError(f"unknown instrument {key!r}; known: {known}") from None


def list_instruments() -> list[Instrument]:
    """Every instrument, in library order (MASH primary outcomes first)."""
    return list(_library().values())
