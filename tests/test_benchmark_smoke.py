"""The benchmark runs end to end on a tiny generated clinic (the real run is 10 years)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ["cold start to main window shown (ratio to bare PySide6)",
           "cold start to main window shown", "patient search as you type",
           "open a chart with a", "save a session note with 12 interventions",
           "draw the outcome overview graph", "discharge summary PDF with graphs",
           "event_loop_stall", "event_loop_stall (fhir)", "event_loop_stall (csv)",
           "event_loop_stall (preview)",
           "mash-desktop check", "FHIR export of the heaviest chart's patient",
           "resident memory after opening", "database size on disk"]


def test_quick_benchmark_measures_every_figure_on_a_tiny_clinic(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("MASH_DESKTOP_DB", None)
    res = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--quick", "--years", "0.05", "--platform",
         "offscreen", "--db", str(tmp_path / "clinic.db"), "--json", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert "generated a clinic of 25 patients, 40 episodes, 500 signed session notes" \
        in res.stdout, res.stdout + res.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert all(set(f) >= {"name", "value", "unit", "target", "ok"} for f in figures)
    for name in FIGURES:
        found = [f for f in figures if f["name"].startswith(name)]
        assert found, f"{name} missing from {[f['name'] for f in figures]}"
        assert all(isinstance(f["value"], (int, float)) for f in found), found
    lines = [line for line in res.stdout.splitlines() if " target " in line]
    assert len(lines) == len(figures)  # one printed line per figure
    # Exit status 1 means a target was missed (timing depends on the machine's load);
    # anything else is a crash.
    assert res.returncode == (0 if all(f["ok"] for f in figures) else 1), res.stderr
