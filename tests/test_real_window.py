"""Start the real app in a real X server (Xvfb) and see the main window appear."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("xvfb-run") is None,
                    reason="needs xvfb-run (make test installs it)")
def test_main_window_shows_under_xvfb(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    subprocess.run([sys.executable, "-m", "mash_desktop", "--db", str(db), "demo"], check=True,
                   cwd=ROOT, timeout=120)
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1440x900x24", sys.executable, "-m",
         "mash_desktop", "--db", str(db), "gui", "--exit-after-show"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "main window shown" in result.stdout
