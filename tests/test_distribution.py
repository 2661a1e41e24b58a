"""Installed like real software, the app still works: the wheel in a fresh environment and
the self-contained bundle each build the demo clinic and print a discharge summary, run
from another folder with nothing from the source tree or the development venv.

Slow (a fresh venv with PySide6, a PyInstaller build: about 1.5 and 3 minutes on a
2-core machine), so they are their own step: `make test-dist`, which .ci/run runs after
`make test`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.dist
# Libraries a desktop system provides and PyInstaller leaves out on purpose (the graphics
# stack and the Wayland client libraries, needed only on a Wayland or GL desktop).
SYSTEM_LIBS = ("libwayland-", "libGL", "libEGL", "libOpenGL", "libvulkan")


def _clean_env(tmp_path: Path, path: str) -> dict[str, str]:
    """What a user's shell gives a program: a home, a PATH, no venv, no PYTHONPATH."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {"HOME": str(home), "PATH": path, "LANG": "C.UTF-8"}


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> str:
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _demo_and_discharge_summary(program: list[str], where: Path, env: dict[str, str]) -> None:
    """The PT's first errand: demo clinic, list of episodes, a discharge summary PDF."""
    db = ["--db", str(where / "clinic.db")]
    assert "added a demo clinic" in _run(program + db + ["demo"], where, env)
    episodes = json.loads(_run(program + db + ["episodes", "--json"], where, env))
    done = next(e for e in episodes if e["status"] == "discharged")
    pdf = where / "discharge.pdf"
    _run(program + db + ["report", "discharge", "--episode", str(done["id"]),
                         "--out", str(pdf)], where, env)
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Discharge" in text and done["patient"].split(",")[0] in text
    assert "FAIL" not in _run(program + db + ["check"], where, env)


def test_the_wheel_carries_its_data_and_runs_from_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    log = _run([sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(dist),
                str(ROOT)], ROOT, dict(os.environ))
    assert "Deprecat" not in log  # metadata per current packaging rules (PEP 639 license)
    wheel = next(dist.glob("mash_desktop-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    committed = _run(["git", "ls-files", "mash_desktop"], ROOT, dict(os.environ)).split()
    assert committed and sorted(set(committed) - names) == []  # code, data, migrations

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp_path, dict(os.environ))
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], tmp_path,
         dict(os.environ), timeout=600)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _clean_env(tmp_path, f"{venv / 'bin'}:/usr/bin:/bin")
    where = _run(["python", "-c", "import mash_desktop; print(mash_desktop.__file__)"],
                 elsewhere, env)
    assert Path(where.strip()).is_relative_to(venv)  # the installed copy, not the source
    _demo_and_discharge_summary(["mash-desktop"], elsewhere, env)
    assert (venv / "bin" / "mash-desktop-gui").exists()


def test_the_bundle_runs_every_errand_without_python_or_the_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    out = _run([sys.executable, str(ROOT / "tools" / "bundle.py"), "--dist", str(dist)], ROOT,
               dict(os.environ), timeout=900)
    print(out)  # sizes and build time, shown with -s
    folder = dist / "mash-desktop"
    program = folder / "mash-desktop"
    archive = next(dist.glob("mash-desktop-*.tar.gz"))
    with tarfile.open(archive) as tar:
        assert "mash-desktop/mash-desktop" in tar.getnames()

    # Every library in the folder finds what it links against inside the folder or on a
    # plain system (what the spec left out must not be needed).
    internal = folder / "_internal"
    env_ldd = {"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": str(internal)}
    missing = []
    for lib in [program, *internal.rglob("*.so*")]:
        if lib.is_symlink() or not lib.is_file():
            continue
        ldd = subprocess.run(["ldd", str(lib)], capture_output=True, text=True, env=env_ldd)
        missing += [f"{lib.name}: {line.strip()}" for line in ldd.stdout.splitlines()
                    if "not found" in line and not line.strip().startswith(SYSTEM_LIBS)]
    assert missing == []

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _clean_env(tmp_path, "/usr/bin:/bin")
    assert "mash-desktop" in _run([str(program), "--version"], elsewhere, env)
    _demo_and_discharge_summary([str(program)], elsewhere, env)
    shown = _run([str(program), "--db", str(elsewhere / "clinic.db"), "gui",
                  "--exit-after-show"], elsewhere, {**env, "QT_QPA_PLATFORM": "offscreen"})
    assert "patient list ready" in shown
    no_display = subprocess.run([str(program), "--db", str(elsewhere / "clinic.db")],
                                cwd=elsewhere, env=env, capture_output=True, text=True,
                                timeout=120)
    assert no_display.returncode == 2 and "desktop session" in no_display.stderr
