"""ICD-10-CM diagnosis codes checked against the maintained code set, not only by shape.

The code set is the CMS/NCHS ICD-10-CM tabular list shipped in the ``simple-icd-10-cm``
package (its data file names the release: April 1, 2026, fiscal year 2026). A claim
needs a billable code (a leaf of the classification): a category such as M51.36, split
into M51.360–M51.369 from FY2025, is refused with the codes it now has. The description
comes from the code set, so a typed code fills in its own diagnosis text.
"""

from __future__ import annotations

import bisect
import importlib.util
import re
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

# The release the shipped package carries (simple-icd-10-cm 1.5.0, data file
# icd10c-tabular-April-1-2026.xml); tests pin it so an upgrade is a deliberate change.
CODE_SET = "ICD-10-CM, April 1, 2026 release (fiscal year 2026)"
SHAPE = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")


@dataclass(frozen=True)
class Icd10Code:
    code: str
    description: str
    billable: bool


@cache
def _codes() -> ModuleType:
    """The full classification with descriptions (parsing it takes a few seconds, so only
    a description look-up loads it; validity comes from the flat code list below)."""
    with warnings.catch_warnings():  # the package reads its data with a deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm as cm  # type: ignore[import-untyped]
    return cm


@cache
def _code_list() -> tuple[list[str], frozenset[str]]:
    """Every code (sorted, without dots) and the billable ones (leaves), read from the
    package's flat code list of the same release: quick enough for every save and check."""
    # find_spec locates the package without importing it (its import parses the XML)
    spec = importlib.util.find_spec("simple_icd_10_cm")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the ICD-10-CM code set (simple-icd-10-cm) is not installed")
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    path = next(data.glob("code-list-*.txt"), None)
    if path is None:
        raise RuntimeError("the ICD-10-CM code list (simple-icd-10-cm data) is missing: "
                           "reinstall MASH Desktop")
    codes = sorted({line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                    if line.strip() and "-" not in line})
    parents = {c[:-1] for c in codes if len(c) > 3}
    return codes, frozenset(c for c in codes if c not in parents)


def normalise(code: str) -> str:
    code = (code or "").strip().upper()
    if len(code) > 3 and "." not in code:
        code = code[:3] + "." + code[3:]
    return code


def lookup(code: str) -> Icd10Code | None:
    """The code as the code set has it, or None when it is not an ICD-10-CM code."""
    cm = _codes()
    code = normalise(code)
    if not SHAPE.match(code) or not cm.is_valid_item(code) or cm.is_chapter_or_block(code):
        return None
    return Icd10Code(code, cm.get_description(code), bool(cm.is_leaf(code)))


def _dotted(code: str) -> str:
    return code if len(code) <= 3 else f"{code[:3]}.{code[3:]}"


def problem(code: str) -> str | None:
    """Why ``code`` cannot go on a claim, in words for the field; None when it can."""
    shown = normalise(code)
    bare = shown.replace(".", "")
    codes, billable = _code_list()
    start = bisect.bisect_left(codes, bare)
    if not SHAPE.match(shown) or start == len(codes) or codes[start] != bare:
        return f"{shown or code!r} is not an ICD-10-CM code ({CODE_SET})"
    if bare in billable:
        return None
    leaves = []
    for c in codes[start:]:
        if not c.startswith(bare):
            break
        if c in billable:
            leaves.append(_dotted(c))
    more = " …" if len(leaves) > 6 else ""
    return (f"{shown} is a category, not a billable code; use a more specific code: "
            f"{', '.join(leaves[:6])}{more}")
