"""Every Designer form has an up-to-date generated module (run `make forms` after editing)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_forms  # noqa: E402

FORMS = sorted((ROOT / "ui").glob("*.ui"))


@pytest.mark.parametrize("ui", FORMS, ids=[f.name for f in FORMS])
def test_generated_module_matches_form(ui: Path) -> None:
    target = build_forms.target(ui)
    assert target.exists(), f"run `make forms`: {target.name} is missing"
    assert target.read_text(encoding="utf-8") == build_forms.compile_form(ui), (
        f"{ui.name} changed; run `make forms`")
