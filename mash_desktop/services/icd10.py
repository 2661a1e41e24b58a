"""ICD-10-CM diagnosis codes checked against the maintained code set, not only by shape.

The code set is the CMS/NCHS ICD-10-CM tabular list shipped in the ``simple-icd-10-cm``
package (its data file names the release: April 1, 2026, fiscal year 2026). A claim
needs a billable code (a leaf of the classification): a category such as M51.36, split
into M51.360–M51.369 from FY2025, is refused with the codes it now has. The description
comes from the code set, so a typed code fills in its own diagnosis text.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import cache
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
    with warnings.catch_warnings():  # the package reads its data with a deprecated API
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm as cm
    return cm


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


def problem(code: str) -> str | None:
    """Why ``code`` cannot go on a claim, in words for the field; None when it can."""
    found = lookup(code)
    if found is None:
        return f"{normalise(code) or code!r} is not an ICD-10-CM code ({CODE_SET})"
    if not found.billable:
        cm = _codes()
        leaves = [c for c in cm.get_descendants(found.code) if cm.is_leaf(c)]
        shown = ", ".join(cm.add_dot(c) for c in leaves[:6]) + (" …" if len(leaves) > 6 else "")
        return (f"{found.code} ({found.description}) is a category, not a billable code; "
                f"use a more specific code: {shown}")
    return None
