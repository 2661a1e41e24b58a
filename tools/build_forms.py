"""Compile every Qt Designer form in ui/ into mash_desktop/gui/forms/ui_<name>.py.

Run after editing a form in Designer (``make forms``); tests/test_forms.py fails when a
committed module no longer matches its form.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
OUT_DIR = ROOT / "mash_desktop" / "gui" / "forms"


def uic() -> str:
    exe = Path(sys.executable).with_name("pyside6-uic")
    return str(exe) if exe.exists() else (shutil.which("pyside6-uic") or "pyside6-uic")


def compile_form(ui: Path) -> str:
    """Generated Python for one form (the uic version banner line removed)."""
    result = subprocess.run([uic(), str(ui)], check=True, capture_output=True, text=True)
    return "".join(line for line in result.stdout.splitlines(keepends=True)
                   if not line.startswith("## Created by:"))


def target(ui: Path) -> Path:
    return OUT_DIR / f"ui_{ui.stem}.py"


def main() -> int:
    for ui in sorted(UI_DIR.glob("*.ui")):
        target(ui).write_text(compile_form(ui), encoding="utf-8")
        print(f"compiled {ui.relative_to(ROOT)} -> {target(ui).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
