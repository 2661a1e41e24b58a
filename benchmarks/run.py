"""Performance figures for a ten-year clinic: ``python benchmarks/run.py [--json FILE]``.

Builds (or reuses) a generated clinic in ``benchmarks/data/`` and measures, in one run so
the ratios are meaningful, what a physical therapist feels: start-up, search as you type,
opening the heaviest chart, saving a note, drawing the outcome graphs, printing a
discharge summary, the health check, memory, and the file size. Each figure is the median
of several runs and is printed as one line: name, value, unit, target, ok.

GUI figures run in child processes of this script (``--child NAME``) so each one starts
from a fresh interpreter, as the app does, and reports its samples as JSON on stdout.

``--db`` takes a file or a database URL: ``--db postgresql+psycopg://user@host/db`` runs
the same figures against a clinic server (the clinic is generated there if it is empty)
and adds the multi-workstation load figure: 5 workstations documenting notes at once for
60 s (saves per second, p95 save latency, and a count of lost or duplicated writes).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
sys.path.insert(0, str(ROOT))

NOT_LANDED = "not available (feature not on main yet)"
BARE_WINDOW = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv[:1])
w = QWidget()
w.resize(1280, 800)
w.setWindowTitle("bare")
w.show()

def poll():
    h = w.windowHandle()
    if h is None or not h.isExposed():
        QTimer.singleShot(5, poll)
        return
    print("main window shown", flush=True)
    app.quit()

QTimer.singleShot(0, poll)
app.exec()
"""


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str
    target: float | None  # the value must be at most this; None = report only
    ok: bool
    note: str = ""

    def line(self) -> str:
        value = "—" if self.value is None else f"{self.value:.{_digits(self.value)}f}"
        target = "report" if self.target is None else f"≤ {self.target:g}"
        verdict = "ok" if self.ok else "MISS"
        text = f"{self.name:<46} {value:>9} {self.unit:<3} target {target:<8} {verdict}"
        return text + (f"   ({self.note})" if self.note else "")


def _digits(x: float) -> int:
    return 0 if abs(x) >= 100 else 1 if abs(x) >= 10 else 2


def figure(name: str, samples: list[float], unit: str, target: float | None,
           note: str = "") -> Figure:
    value = statistics.median(samples)
    return Figure(name, value, unit, target, target is None or value <= target, note)


def missing(name: str, unit: str, target: float | None, why: str = NOT_LANDED) -> Figure:
    return Figure(name, None, unit, target, False, why)


# ---- environment ----------------------------------------------------------------------
class Display:
    """Where windows appear: a private Xvfb server if there is one, else Qt's offscreen."""

    def __init__(self, platform: str) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.env: dict[str, str] = {}
        if platform == "auto":
            platform = "xvfb" if shutil.which("Xvfb") else "offscreen"
        self.platform = platform
        if platform == "xvfb":
            r, w = os.pipe()
            self.proc = subprocess.Popen(
                ["Xvfb", "-displayfd", str(w), "-screen", "0", "1440x900x24", "-nolisten",
                 "tcp"], pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            os.close(w)
            with os.fdopen(r) as f:
                number = f.readline().strip()
            self.env = {"DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
        else:
            self.env = {"QT_QPA_PLATFORM": "offscreen"}

    def close(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


class Bench:
    def __init__(self, args: argparse.Namespace, db: str, display: Display) -> None:
        self.args = args
        self.db = db  # a SQLAlchemy URL (a SQLite file or a clinic server)
        self.display = display
        self.sandbox = Path(tempfile.mkdtemp(prefix="mash-bench-"))
        self.env = {**os.environ, **display.env, "PYTHONPATH": str(ROOT),
                    "MPLBACKEND": "Agg"}
        # An installed app starts from compiled bytecode: let the warm-up run write the
        # .pyc files. (Any non-empty value, "0" included, stops Python writing them, so a
        # clean clone under PYTHONDONTWRITEBYTECODE compiled ~110 modules at every start.)
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            self.env[var] = str(self.sandbox / var.lower())
        self.env.pop("MASH_DESKTOP_DB", None)
        self.runs = args.runs
        self.cpu: list[float] = []  # CPU seconds of each process time_until ran

    def child(self, name: str, *extra: str) -> dict[str, Any]:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", name, "--db",
               self.db, "--runs", str(self.runs), *extra]
        if self.args.quick:
            cmd.append("--quick")
        res = subprocess.run(cmd, cwd=ROOT, env=self.env, capture_output=True, text=True,
                             timeout=600)
        if res.returncode != 0:
            raise RuntimeError(f"child {name} failed:\n{res.stderr[-3000:]}")
        return json.loads(res.stdout.strip().splitlines()[-1])

    def time_until(self, cmd: list[str], *marks: str) -> list[float]:
        """Seconds from spawning ``cmd`` to each of its lines containing ``marks``, in order.

        The child's CPU time (user + system, the whole process up to its exit) is kept in
        ``self.cpu``: on a machine shared with other work the wall clock mostly measures
        the wait for a core, the CPU time what the app itself costs.
        """
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        seen: list[float] = []
        for line in proc.stdout:
            if len(seen) < len(marks) and marks[len(seen)] in line:
                seen.append(time.perf_counter() - t0)
                if len(seen) == len(marks):
                    break
        _out, err = proc.communicate(timeout=60)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if not seen or proc.returncode != 0:
            raise RuntimeError(f"{cmd[:4]} did not print {marks}: {err[-2000:]}")
        # An app that prints only the first mark (versions that opened the database
        # before showing the window) was ready when it showed.
        return seen + [seen[-1]] * (len(marks) - len(seen))


# ---- figures --------------------------------------------------------------------------
def cold_start(b: Bench) -> list[Figure]:
    app = [sys.executable, "-m", "mash_desktop", "--db", b.db, "gui", "--exit-after-show"]
    bare = [sys.executable, "-c", BARE_WINDOW]
    marks = ("main window shown", "patient list ready")
    b.time_until(app, *marks)  # warm the OS file cache once; not counted
    b.time_until(bare, marks[0])
    app_s, ready_s, bare_s, ratios, app_cpu = [], [], [], [], []
    for _ in range(3 if b.args.quick else max(5, b.runs)):  # interleaved: drift hits both
        shown, ready = b.time_until(app, *marks)
        app_cpu.append(b.cpu[-1])
        (w,) = b.time_until(bare, marks[0])
        app_s.append(shown)
        ready_s.append(ready)
        bare_s.append(w)
        ratios.append(shown / w)
    where = f"{b.display.platform}, medians of {len(app_s)} interleaved runs from spawn"
    # A PT coming back: the app opens on the Today screen (every active episode's visits
    # and due items) with the last chart (the 200-visit one) selected in the patient list.
    pid, _eid, visits = _long_episode(b.db)
    remember = ("from PySide6.QtCore import QCoreApplication, QSettings; "
                "QCoreApplication.setOrganizationName('MASH Desktop'); "
                "QCoreApplication.setApplicationName('mash-desktop'); s = QSettings(); "
                f"s.setValue('main/last_patient', {pid}); s.setValue('main/chart_tab', 1); "
                "s.sync()")
    subprocess.run([sys.executable, "-c", remember], env=b.env, check=True, timeout=60)
    today_marks = ("main window shown", "today screen ready")
    reopened = [b.time_until(app, *today_marks)[1] for _ in range(1 if b.args.quick else 3)]
    reopened_cpu = b.cpu[-len(reopened):]
    return [
        figure("cold start to main window shown (ratio to bare PySide6)", ratios, "×", 3.0,
               where),
        figure("cold start to main window shown", app_s, "s", 1.0, where),
        figure(f"cold start to patient list ready ({_patients(b.db)} patients)", ready_s, "s",
               1.0,
               where + "; window painted first, then the clinic opened in it"),
        figure(f"cold start to the Today screen ready, last chart ({visits} visits) selected",
               reopened, "s", 1.0,
               f"{b.display.platform}, median of {len(reopened)} runs: patient list and the "
               "Today screen drawn (the start view)"),
        figure("bare PySide6 window start (reference)", bare_s, "s", None, where),
        figure("… CPU time of the whole start to the patient list, then exit", app_cpu, "s",
               None, "user + system of the process: what the start costs whatever the "
               "machine's load"),
        figure("… CPU time of the whole start to the Today screen, then exit", reopened_cpu,
               "s", None, "user + system of the process"),
    ]


def search(b: Bench) -> list[Figure]:
    r = b.child("search")
    return [figure(f"patient search as you type ({r['patients']} patients)", r["samples"],
                   "ms", 30, f"per keystroke, {len(r['samples'])} keystrokes, "
                   f"max {max(r['samples']):.1f} ms")]


def chart(b: Bench) -> list[Figure]:
    r = b.child("chart")
    name = f"open a chart with a {r.get('visits', '?')}-visit episode"
    if not r.get("available"):
        return [missing(name, "ms", 100, r.get("why", NOT_LANDED))]
    return [figure(name, r["samples"], "ms", 100, r["note"])]


def today(b: Bench) -> list[Figure]:
    r = b.child("today")
    return [figure(f"draw the Today screen ({r['active']} active episodes, "
                   f"{r['visits']} visits, {r['due']} due items)", r["samples"], "ms", 150,
                   r["note"])]


def memory(b: Bench) -> list[Figure]:
    r = b.child("memory")
    return [Figure(f"resident memory after opening {r['charts']} charts", r["rss_mb"], "MB",
                   250, r["rss_mb"] <= 250, r["note"])]


def save_note(b: Bench) -> list[Figure]:
    r = b.child("save")
    return [figure("save a session note with 12 interventions", r["samples"], "ms", 50,
                   r["note"])]


def overview(b: Bench) -> list[Figure]:
    r = b.child("overview")
    name = "draw the outcome overview graph"
    if not r.get("available"):
        return [missing(name, "ms", 150, r.get("why", NOT_LANDED))]
    return [figure(name + " (Overview… in the Outcomes tab)", r["samples"], "ms", 150,
                   r["note"]),
            figure("render the outcome overview graph from scratch", r["fresh"], "ms", None,
                   r["fresh_note"])]


STALLS = {  # operation → what the figure says it measured
    "backup": "File ▸ Backup now copies the clinic",
    "fhir": "File ▸ Export writes the heaviest chart as a FHIR bundle",
    "csv": "File ▸ Export writes the de-identified research tables of the clinic",
    "preview": "Reports ▸ Discharge summary is built, rendered and shown",
    # the control: what any Python work on a worker thread costs the window on this
    # machine at this moment (the interpreter lock is handed over every 5 ms, but the
    # GUI thread must then be scheduled; under load that alone can take 100 ms)
    "floor": "a runner operation that only counts in Python for 3 s (no app code)",
}


def event_loop_stall(b: Bench) -> list[Figure]:
    """The longest gap between 10 ms GUI timer ticks during each long operation."""
    figures = []
    for op, what in STALLS.items():
        r = b.child("stall", "--stall-op", op)
        name = "event_loop_stall" if op == "backup" else f"event_loop_stall ({op})"
        if not r.get("available"):
            figures.append(missing(name, "ms", 100, r.get("why", NOT_LANDED)))
            continue
        figures.append(figure(name, r["samples"], "ms", None if op == "floor" else 100,
                              f"{what}: {r['note']}"))
    return figures


def discharge_pdf(b: Bench) -> list[Figure]:
    r = b.child("pdf")
    name = "discharge summary PDF with graphs"
    if not r.get("available"):
        return [missing(name, "ms", 500, r.get("why", NOT_LANDED))]
    return [figure(name, r["samples"], "ms", 500, r["note"])]


def check(b: Bench) -> list[Figure]:
    cmd = [sys.executable, "-m", "mash_desktop", "--db", b.db, "check"]
    samples = []
    for _ in range(1 if b.args.quick else 3):
        t0 = time.perf_counter()
        res = subprocess.run(cmd, cwd=ROOT, env=b.env, capture_output=True, text=True,
                             timeout=600)
        samples.append(time.perf_counter() - t0)
        if res.returncode != 0:
            return [Figure("mash-desktop check", samples[-1], "s", 5, False,
                           "check reported problems: " + res.stdout[-500:])]
    return [figure("mash-desktop check", samples, "s", 5, f"{len(samples)} runs, whole process")]


def fhir_export(b: Bench) -> list[Figure]:
    """The heaviest chart's patient as a validated FHIR bundle, whole process (before the
    shape-by-shape validation: 17 s for its 3 700 resources, about 4 ms each)."""
    import re

    pid, _eid, _n = _long_episode(b.db)
    mrn = _one(b.db, "SELECT mrn FROM patients WHERE id = :p", {"p": pid})
    out = b.sandbox / "patient.fhir.json"
    cmd = [sys.executable, "-m", "mash_desktop", "--db", b.db, "export", "--format",
           "fhir", "--patient", mrn, "--out", str(out), "--force"]
    samples, count = [], 0
    for _ in range(1 if b.args.quick else 3):
        t0 = time.perf_counter()
        res = subprocess.run(cmd, cwd=ROOT, env=b.env, capture_output=True, text=True,
                             timeout=600)
        samples.append(time.perf_counter() - t0)
        if res.returncode != 0:
            return [Figure("FHIR export of the heaviest chart's patient", samples[-1], "s", 8,
                           False, "export failed: " + res.stderr[-500:])]
        found = re.search(r"bundle \(([^)]*)\)", res.stdout)
        count = sum(int(n) for n in re.findall(r"(\d+) [A-Z]", found.group(1) if found
                                               else ""))
    r = b.child("fhir")
    return [figure("FHIR export of the heaviest chart's patient", samples, "s", 8,
                   f"{count} resources, validated and written, whole process"),
            figure("… build and validate, per resource", r["samples"], "ms", 0.5, r["note"])]


def db_size(b: Bench) -> list[Figure]:
    path = _file(b.db)
    if path is None:
        size = _one(b.db, "SELECT pg_database_size(current_database())")
        return [Figure("database size on the server", size / 1e6, "MB", None, True,
                       "pg_database_size")]
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*")
               if not p.name.endswith(".bak"))
    return [Figure("database size on disk", size / 1e6, "MB", None, True, str(path.name))]


def workstations(b: Bench) -> list[Figure]:
    """Clinic server only: N workstations documenting notes at the same time."""
    if _file(b.db) is not None:
        return []
    n, seconds = b.args.workstations, (5.0 if b.args.quick else b.args.load_s)
    episodes = [r[0] for r in _rows(
        b.db, "SELECT id FROM episodes WHERE status = 'active' ORDER BY id LIMIT 40")]
    start = _one(b.db, "SELECT coalesce(max(id), 0) FROM visit_notes")
    procs = [subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", "workstation", "--db",
         b.db, "--ws", str(i), "--load-s", str(seconds),
         "--episodes", ",".join(map(str, episodes))],
        cwd=ROOT, env=b.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i in range(n)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=seconds + 300)
        if proc.returncode != 0:
            raise RuntimeError(f"workstation failed:\n{err[-3000:]}")
        results.append(json.loads(out.strip().splitlines()[-1]))
    latencies = [ms for r in results for ms in r["latencies"]]
    saved = [nid for r in results for nid in r["saved"]]
    stored = [r[0] for r in _rows(b.db, f"SELECT id FROM visit_notes WHERE id > {start} AND "
                                        "subjective LIKE 'load test %'")]
    lost = len(set(saved) - set(stored))
    duplicated = (len(saved) - len(set(saved))) + (len(stored) - len(set(saved) & set(stored)))
    numbers = _one(b.db, f"SELECT count(*) FROM (SELECT episode_id, visit_number FROM "
                         f"visit_notes WHERE id > {start} AND visit_number > 0 GROUP BY "
                         "episode_id, visit_number HAVING count(*) > 1) d")
    _child_cleanup(b.db, stored)
    rate = len(saved) / seconds
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) >= 20 else max(latencies)
    note = (f"{n} workstations × {seconds:g} s on {len(episodes)} active episodes, "
            f"{len(saved)} notes with 12 interventions, {sum(r['conflicts'] for r in results)} "
            "retried after a lock wait or conflict")
    return [Figure(f"{n} workstations documenting at once: saves per second", rate, "/s",
                   None, True, note),
            Figure(f"{n} workstations documenting at once: p95 save latency", p95, "ms", 100,
                   p95 <= 100, f"median {statistics.median(latencies):.1f} ms"),
            Figure(f"{n} workstations documenting at once: lost or duplicated writes",
                   lost + duplicated + numbers, "", 0, lost + duplicated + numbers == 0,
                   f"{lost} lost, {duplicated} duplicated, {numbers} visit numbers used twice")]


FIGURES: list[Callable[[Bench], list[Figure]]] = [
    cold_start, search, chart, today, save_note, overview, discharge_pdf, event_loop_stall,
    check, fhir_export, memory, db_size, workstations]


# ---- the database, file or server -----------------------------------------------------
def _file(url: str) -> Path | None:
    from mash_desktop.config import sqlite_file

    return sqlite_file(url)


def _rows(url: str, sql: str, params: dict[str, Any] | None = None) -> list[Any]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as c:
            return list(c.execute(text(sql), params or {}).all())
    finally:
        engine.dispose()


def _one(url: str, sql: str, params: dict[str, Any] | None = None) -> Any:
    return _rows(url, sql, params)[0][0]


# ---- children (fresh interpreters that measure inside the app) ---------------------------
def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _window(url: str) -> tuple[Any, Any]:
    from mash_desktop.gui.app import make_app
    from mash_desktop.gui.main_window import MainWindow
    from mash_desktop.services.startup import open_clinic

    app = make_app()
    db = open_clinic(url)
    win = MainWindow(db)
    win.resize(1280, 800)
    win.show()
    app.processEvents()
    return app, win


def _patients(url: str) -> int:
    return int(_one(url, "SELECT count(*) FROM patients"))


def _long_episode(url: str) -> tuple[int, int, int]:
    """(patient id, episode id, visits) of the heaviest chart."""
    eid, n = _rows(url, "SELECT episode_id, count(*) FROM visit_notes GROUP BY episode_id "
                        "ORDER BY 2 DESC, 1 LIMIT 1")[0]
    pid = _one(url, "SELECT patient_id FROM episodes WHERE id = :e", {"e": eid})
    return pid, eid, n


def child_search(args: argparse.Namespace) -> dict[str, Any]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app, win = _window(args.db)
    edit = win.ui.searchEdit
    edit.setFocus()
    words = ["smith", "mar ell", "1950", "cln-0042", "garcía", "o'br", "04/1", "lee"]
    samples: list[float] = []
    for _ in range(max(1, args.runs // 2)):
        for word in words:
            for ch in word:
                t0 = time.perf_counter()
                QTest.keyClick(edit, ch)
                app.processEvents()
                samples.append(_ms(t0))
            for _ch in word:
                t0 = time.perf_counter()
                QTest.keyClick(edit, Qt.Key.Key_Backspace)
                app.processEvents()
                samples.append(_ms(t0))
    return {"samples": samples, "patients": win.model.rowCount()}


def _tab_index(win: Any, *titles: str) -> int:
    for i in range(win.ui.chartTabs.count()):
        if win.ui.chartTabs.tabText(i).lower().startswith(titles):
            return i
    return -1


def child_chart(args: argparse.Namespace) -> dict[str, Any]:
    app, win = _window(args.db)
    pid, eid, visits = _long_episode(args.db)
    i = _tab_index(win, "session", "visit")
    if i < 0:
        return {"available": False, "visits": visits,
                "why": NOT_LANDED + ": no Sessions tab (visit list + flowsheet)"}
    win.ui.chartTabs.setCurrentIndex(i)
    other = win.model.rows[len(win.model.rows) // 2].id
    samples = []
    for _ in range(args.runs + 1):
        win.open_patient(other)
        app.processEvents()
        t0 = time.perf_counter()
        win.open_patient(pid, eid)
        app.processEvents()
        samples.append(_ms(t0))
    first = samples.pop(0)
    return {"available": True, "visits": visits, "samples": samples,
            "note": f"header + {win.ui.chartTabs.tabText(i)} tab, first open {first:.0f} ms"}


def child_memory(args: argparse.Namespace) -> dict[str, Any]:
    app, win = _window(args.db)
    pid, eid, _n = _long_episode(args.db)
    busiest = [r[0] for r in _rows(
        args.db, "SELECT e.patient_id FROM visit_notes v JOIN episodes e ON e.id = "
        "v.episode_id GROUP BY e.patient_id ORDER BY count(*) DESC, 1 LIMIT :n",
        {"n": args.charts})]
    tabs = win.ui.chartTabs
    for patient in busiest:
        win.open_patient(patient)
        for i in range(tabs.count()):  # look at every tab of every chart
            tabs.setCurrentIndex(i)
            app.processEvents()
    app.processEvents()
    return {"rss_mb": _rss_mb(), "charts": len(busiest),
            "note": f"{len(busiest)} busiest charts × {tabs.count()} tabs each, after start-up "
                    "with the full patient list"}


def _twelve_interventions(db: Any, episode_id: int) -> dict[str, Any]:
    from sqlalchemy import select

    from mash_desktop.models import CatalogEntry

    with db.session() as s:
        keys = dict(s.execute(select(CatalogEntry.key, CatalogEntry.kind)).all())
    mt = [k for k, kind in keys.items() if kind == "manual_therapy"][:4]
    ex = [k for k, kind in keys.items() if kind == "exercise"
          and k != "stationary_cycling"][:8]
    return {
        "status": "attended", "start_time": "10:00", "total_minutes": 60,
        "pain_back_pre": 5, "pain_back_post": 3, "pain_hip_pre": 4, "pain_hip_post": 2,
        "subjective": "Better this week; did the home program daily.",
        "assessment": "Tolerated progression.", "plan": "Continue the MASH plan.",
        "manual_therapy": [{"technique": k, "side": "right", "sets": 3, "oscillations": 30,
                            "grade": "III"} for k in mt],
        "exercises": [{"exercise": k, "side": "bilateral", "sets": 2, "reps": 10}
                      for k in ex],
        "education": ["edu_home_program"],
        "billing": {"97140": 20, "97110": 30, "97530": 10},
    }


def child_save(args: argparse.Namespace) -> dict[str, Any]:
    """Save a note the way the Save button does: one operation (transaction), then the
    views its Changes concern redraw."""
    from mash_desktop.services.sessions import delete_draft, save_note

    app, win = _window(args.db)
    eid, pid = _rows(  # the active episode with the most visits
        args.db, "SELECT e.id, e.patient_id FROM episodes e JOIN visit_notes v ON "
        "v.episode_id = e.id WHERE e.status = 'active' GROUP BY e.id, e.patient_id "
        "ORDER BY count(*) DESC, e.id LIMIT 1")[0]
    i = _tab_index(win, "session", "visit")
    if i >= 0:
        win.ui.chartTabs.setCurrentIndex(i)
    win.open_patient(pid, eid)
    app.processEvents()
    data = _twelve_interventions(win.db, eid)
    data["visit_date"] = date.today().isoformat()
    n = len(data["manual_therapy"]) + len(data["exercises"])
    samples, service = [], []
    for _ in range(args.runs + 1):
        t0 = time.perf_counter()
        saved: list[int] = []
        win.runner.op(win, lambda s: save_note(s, eid, data).id).success(saved.append).run()
        app.processEvents()
        samples.append(_ms(t0))
        win.runner.op(win, lambda s, nid=saved[0]: delete_draft(s, nid)).run()  # as it was
        app.processEvents()
        t0 = time.perf_counter()
        with win.db.session() as s:
            nid = save_note(s, eid, data).id
        service.append(_ms(t0))
        with win.db.session() as s:
            delete_draft(s, nid)
    samples.pop(0)
    service.pop(0)
    return {"samples": samples,
            "note": f"{n} interventions + education + billing through the operation runner (one "
                    "committed transaction, synchronous=FULL) and the Sessions tab refresh; "
                    f"the service call alone {statistics.median(service):.1f} ms"}


def _wait_exposed(app: Any, widget: Any, timeout: float = 5.0) -> None:
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        app.processEvents()
        handle = widget.windowHandle()
        if handle is not None and handle.isExposed():
            widget.repaint()
            return
        time.sleep(0.002)


def child_overview(args: argparse.Namespace) -> dict[str, Any]:
    """The Overview button as a PT uses it, then the same graph drawn with no cache."""
    try:
        from mash_desktop.charts import overview_figure
        from mash_desktop.services.assessments import episode_series
    except ImportError:
        return {"available": False}
    try:
        from mash_desktop.charts import clear_cache, overview_png
    except ImportError:  # a version without the graph cache: draw the figure the same way
        def clear_cache() -> None:
            return None

        def overview_png(series: Any) -> bytes:
            from matplotlib.backends.backend_agg import FigureCanvasAgg

            FigureCanvasAgg(overview_figure(series)).draw()
            return b""
    app, win = _window(args.db)
    i = _tab_index(win, "outcome")
    if i < 0:
        return {"available": False, "why": NOT_LANDED + ": no Outcomes tab"}
    win.ui.chartTabs.setCurrentIndex(i)
    tab = win.ui.chartTabs.widget(i)
    charts = _rows(  # the most-assessed episodes, each a new graph
        args.db, "SELECT e.patient_id, a.episode_id, count(*) FROM assessments a JOIN "
        "episodes e ON e.id = a.episode_id GROUP BY a.episode_id, e.patient_id "
        "ORDER BY 3 DESC, 2 LIMIT :n", {"n": args.runs + 1})
    shown = []
    for pid, eid, _n in charts:
        win.open_patient(pid, eid)
        end = time.perf_counter() + args.read_s  # the PT reads the outcome table
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.01)
        t0 = time.perf_counter()
        tab.show_overview()
        _wait_exposed(app, tab.overview)
        shown.append(_ms(t0))
        tab.overview.close()
    first_shown = shown.pop(0)
    _pid, eid, _n = _long_episode(args.db)
    fresh = []
    for _ in range(args.runs + 1):
        clear_cache()
        t0 = time.perf_counter()
        with win.db.session() as s:
            series = episode_series(s, eid)
        overview_png(series)
        fresh.append(_ms(t0))
    fresh.pop(0)
    points = sum(len(p) for p in series.values())
    return {"available": True, "samples": shown, "fresh": fresh,
            "note": f"Overview… clicked {args.read_s:g} s after opening the Outcomes tab of "
                    f"{len(shown)} "
                    f"charts (drawn in the background meanwhile); first {first_shown:.0f} ms",
            "fresh_note": f"{len(series)} measures, {points} points: query + 9 graphs + PNG, "
                          "cache cleared before each run"}


def child_pdf(args: argparse.Namespace) -> dict[str, Any]:
    try:
        from mash_desktop.reports import generate
    except ImportError:
        return {"available": False}
    from mash_desktop.services.startup import open_clinic

    db = open_clinic(args.db)
    _pid, eid, n = _long_episode(args.db)
    samples = []
    size = 0
    try:
        from mash_desktop.charts import clear_cache
    except ImportError:  # a version without the graph cache
        def clear_cache() -> None:
            return None

    for _ in range(args.runs + 1):
        clear_cache()  # every run draws its graphs: what the first print of an episode costs
        t0 = time.perf_counter()
        with db.session() as s:
            pdf = generate("discharge", s, eid)
        samples.append(_ms(t0))
        size = len(pdf)
    first = samples.pop(0)
    return {"available": True, "samples": samples,
            "note": f"{n}-visit episode, {size // 1024} KB; first in a fresh process "
                    f"{first:.0f} ms (imports ReportLab and matplotlib)"}


def child_workstation(args: argparse.Namespace) -> dict[str, Any]:
    """One workstation of the load figure: documents notes (12 interventions each) on
    the shared episodes as fast as the server lets it, for ``--load-s`` seconds."""
    import random

    from mash_desktop.errors import ValidationError
    from mash_desktop.services.sessions import save_note
    from mash_desktop.services.startup import open_clinic

    db = open_clinic(args.db)
    episodes = [int(e) for e in args.episodes.split(",")]
    rng = random.Random(args.ws)
    data = _twelve_interventions(db, episodes[0])
    data["visit_date"] = date.today().isoformat()
    saved, latencies, retried = [], [], 0
    last: Exception | None = None
    end = time.perf_counter() + args.load_s
    i = 0
    while time.perf_counter() < end:
        i += 1
        eid = rng.choice(episodes)
        note = {**data, "subjective": f"load test {args.ws} {i}",
                "start_time": f"{7 + i % 12:02d}:{(args.ws * 11 + i) % 60:02d}"}
        t0 = time.perf_counter()
        for _attempt in range(5):
            try:
                with db.session() as s:
                    nid = save_note(s, eid, note).id
                break
            except ValidationError as exc:  # a visit at that time exists: the next minute
                retried += 1
                note["start_time"] = f"{6:02d}:{(i + _attempt) % 60:02d}"
                last = exc
        else:
            raise RuntimeError(f"not saved after 5 tries: {last}")
        latencies.append(_ms(t0))
        saved.append(nid)
    db.dispose()
    return {"saved": saved, "latencies": latencies, "conflicts": retried}


def _child_cleanup(url: str, note_ids: list[int]) -> None:
    """Remove the load test's draft notes again (through the service, audited)."""
    from mash_desktop.services.sessions import delete_draft
    from mash_desktop.services.startup import open_clinic

    db = open_clinic(url)
    try:
        for start in range(0, len(note_ids), 200):
            with db.session() as s:
                for nid in note_ids[start:start + 200]:
                    delete_draft(s, nid)
    finally:
        db.dispose()


def child_fhir(args: argparse.Namespace) -> dict[str, Any]:
    """Build and validate the heaviest chart's patient as a FHIR bundle, in process: ms per
    resource once the models are imported (the first run pays for those imports)."""
    from mash_desktop.interop.fhir import build_bundle
    from mash_desktop.services.startup import open_clinic

    db = open_clinic(args.db)
    pid, _eid, _n = _long_episode(args.db)
    samples, count = [], 0
    for _ in range(args.runs + 1):
        t0 = time.perf_counter()
        with db.session() as s:
            from mash_desktop.models import Patient

            bundle = build_bundle(s, mrn=s.get(Patient, pid).mrn)
        count = len(bundle.get("entry", []))
        samples.append(_ms(t0) / max(1, count))
    first = samples.pop(0)
    return {"available": True, "samples": samples,
            "note": f"{count} resources built and validated; first run in a fresh process "
                    f"{first:.2f} ms each (imports the fhir.resources models)"}


def _stall_starter(args: argparse.Namespace, win: Any, out: Path) -> Callable[[int], bool] | str:
    """A function starting run ``i`` of the operation ``--stall-op`` through the window, or
    why this version cannot."""
    op = args.stall_op
    if op == "floor":
        seconds = 0.3 if args.quick else 3.0

        def spin() -> int:
            n, end = 0, time.perf_counter() + seconds
            while time.perf_counter() < end:
                n += 1
            return n

        return lambda i: bool(win.runner.task(win, spin).with_progress("Counting").run())
    if op == "backup":
        try:
            from mash_desktop.gui.admin_dialogs import start_backup
        except ImportError:
            return "no background backup on this version"
        return lambda i: bool(start_backup(win.ctx, win, _file(args.db), out / f"b{i}.db"))
    pid, eid, _n = _long_episode(args.db)
    win.open_patient(pid, eid)
    if op in ("fhir", "csv"):
        try:
            from mash_desktop.gui.interop import exports
        except ImportError:
            return NOT_LANDED + ": no File ▸ Export"
        if op == "fhir":
            return lambda i: bool(exports.export_fhir(win.ctx, win, str(out / f"p{i}.json")))
        return lambda i: bool(exports.export_csv(win.ctx, win, True, str(out / f"t{i}")))
    i = _tab_index(win, "reports")
    if i < 0:
        return NOT_LANDED + ": no Reports tab"
    win.ui.chartTabs.setCurrentIndex(i)
    tab = win.ui.chartTabs.widget(i)

    def preview(_i: int) -> bool:
        if getattr(tab, "dialog", None) is not None:
            tab.dialog.close()
        return bool(tab.preview("discharge"))

    return preview


def child_stall(args: argparse.Namespace) -> dict[str, Any]:
    """The longest gap between ticks of a 10 ms GUI timer while an operation runs (from
    the click to its result on screen): how long the window would stop answering."""
    from PySide6.QtCore import QEventLoop, QTimer

    path = _file(args.db)
    if path is None:
        return {"available": False, "why": "a clinic server is backed up with pg_dump, "
                                           "outside the window"}
    app, win = _window(args.db)
    out = Path(tempfile.mkdtemp(prefix="mash-stall-"))
    start = _stall_starter(args, win, out)
    if isinstance(start, str):
        return {"available": False, "why": start}
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    samples, took = [], []
    runs = 1 if args.stall_op == "csv" else min(args.runs, 3)  # the clinic-wide export is long
    try:
        for i in range(runs):
            loop = QEventLoop()
            win.runner.busy_changed.connect(lambda labels, lp=loop: lp.quit() if not labels
                                            else None)
            app.processEvents()
            ticks.clear()
            timer.start()
            t0 = time.perf_counter()
            ticks.append(t0)
            if not start(i):
                raise RuntimeError(f"the {args.stall_op} operation did not start")
            loop.exec()  # the GUI event loop runs until the operation is done
            app.processEvents()  # what its result shows (a preview) is on screen
            end = time.perf_counter()
            ticks.append(end)
            timer.stop()
            samples.append(max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) * 1000)
            took.append(end - t0)
    finally:
        win.runner.pool.waitForDone()
        shutil.rmtree(out, ignore_errors=True)
    size = path.stat().st_size / 1e6
    return {"available": True, "samples": samples,
            "note": f"10 ms timer during {len(samples)} run(s) on the {size:.0f} MB clinic "
                    f"(each {statistics.median(took):.1f} s) on a worker thread; worst "
                    f"{max(samples):.0f} ms"}


def child_today(args: argparse.Namespace) -> dict[str, Any]:
    """Redraw the Today screen (the start view) from the database, as after a change."""
    app, win = _window(args.db)
    win.show_today()
    app.processEvents()
    samples, cpu = [], []
    for _ in range(args.runs + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        win.today.redraw()
        app.processEvents()
        samples.append(_ms(t0))
        cpu.append((time.process_time() - c0) * 1000)
    active = int(_one(args.db, "SELECT count(*) FROM episodes WHERE status = 'active'"))
    view = win.today.view
    return {"samples": samples[1:], "active": active, "visits": len(view.visits),
            "due": len(view.due), "note": "visits (plan of care + appointments), due items "
            "and unsigned notes of every active episode, tables filled; CPU time "
            f"{statistics.median(cpu[1:]):.0f} ms (median)"}


CHILDREN: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "today": child_today,
    "search": child_search, "chart": child_chart, "memory": child_memory,
    "save": child_save, "overview": child_overview, "pdf": child_pdf, "stall": child_stall,
    "workstation": child_workstation, "fhir": child_fhir}


# ---- database -------------------------------------------------------------------------
def ensure_db(args: argparse.Namespace) -> str:
    """The generated clinic for ``--years`` (built once, then reused); its URL."""
    from mash_desktop.config import resolve_db
    from mash_desktop.demo.clinic import build_clinic, describe, has_clinic
    from mash_desktop.services.startup import open_clinic

    url = resolve_db(args.db or str(DATA / f"clinic-{args.years:g}y.db"))
    path = _file(url)
    if path is not None:
        if args.rebuild:
            for p in path.parent.glob(path.name + "*"):
                p.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
    db = open_clinic(url)
    where = path or db.describe()
    try:
        with db.engine.connect() as conn:
            present = has_clinic(conn)
        if not present:
            print(f"generating a {args.years:g}-year clinic in {where} ...", flush=True)
            t0 = time.perf_counter()
            stats = build_clinic(db, args.years)
            assert stats is not None
            for line in describe(stats):
                print("  " + line)
            print(f"  (total with analyse {time.perf_counter() - t0:.1f} s)", flush=True)
    finally:
        db.dispose()
    return url


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--years", type=float, default=10.0, help="clinic size in years (10)")
    p.add_argument("--db", help="use this database file or URL (a clinic server: "
                                "postgresql+psycopg://…) instead of benchmarks/data/clinic-*.db")
    p.add_argument("--rebuild", action="store_true", help="generate the clinic again")
    p.add_argument("--runs", type=int, default=7, help="runs per figure (median is reported)")
    p.add_argument("--quick", action="store_true",
                   help="few runs (for the smoke test); use with a small --years")
    p.add_argument("--platform", choices=["auto", "xvfb", "offscreen"], default="auto",
                   help="where windows appear (auto: Xvfb if installed, else offscreen)")
    p.add_argument("--only", nargs="*", metavar="FIGURE",
                   help="only these figure functions: " + " ".join(f.__name__ for f in FIGURES))
    p.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    p.add_argument("--workstations", type=int, default=5,
                   help="clinic server: workstations in the load figure (5)")
    p.add_argument("--load-s", type=float, default=60.0,
                   help="clinic server: seconds the workstations document notes (60)")
    p.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    p.add_argument("--ws", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--episodes", default="", help=argparse.SUPPRESS)
    p.add_argument("--stall-op", choices=sorted(STALLS), default="backup",
                   help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.quick:
        args.runs = 2
    args.read_s = 0.5 if args.quick else 1.0
    args.charts = 5 if args.quick else 20
    if args.child:
        result = CHILDREN[args.child](args)
        print(json.dumps(result), flush=True)
        sys.stderr.flush()
        # A measuring child has printed its figure; skip interpreter teardown, where Qt
        # may destroy a thread-pool thread that is still parked (std::terminate, an
        # intermittent crash under load that says nothing about the app).
        os._exit(0)
    db = ensure_db(args)
    display = Display(args.platform)
    bench = Bench(args, db, display)
    if args.quick:
        bench.runs = 2
    figures: list[Figure] = []
    where = _file(db).name if _file(db) is not None else "clinic server"
    print(f"MASH Desktop benchmark, {date.today().isoformat()}, {os.cpu_count()} cores, "
          f"{where}, windows: {display.platform}", flush=True)
    try:
        for fn in FIGURES:
            if args.only and fn.__name__ not in args.only:
                continue
            for f in fn(bench):
                figures.append(f)
                print(f.line(), flush=True)
    finally:
        display.close()
        shutil.rmtree(bench.sandbox, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(f) for f in figures], indent=2) + "\n",
                                   encoding="utf-8")
    return 0 if all(f.ok for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
