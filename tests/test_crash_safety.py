"""Kill a process that is writing session notes, again and again: nothing committed is lost.

A child process saves complete notes (12 interventions each, one transaction per note)
and prints each note's id after its commit. We SIGKILL it at random moments and then
check the database (SQLite integrity, foreign keys, the app's checks) and that every note
reported as committed is intact with all its doses.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mash_desktop.cli import main
from mash_desktop.models import VisitNote
from mash_desktop.services.checks import run_checks
from mash_desktop.services.startup import open_clinic

ROOT = Path(__file__).resolve().parent.parent
WRITER = """
import sys
from datetime import date, timedelta
from sqlalchemy import func, select
from mash_desktop.services.startup import open_clinic
from mash_desktop.models import Episode, VisitNote
from mash_desktop.services.access import SYSTEM
from mash_desktop.services.sessions import save_note, sign_note
db = open_clinic(sys.argv[1])
with db.session() as s:
    ep = s.scalars(select(Episode).where(Episode.status == 'active')).first()
    eid, start = ep.id, ep.start_date
    done = s.scalar(select(func.count(VisitNote.id)))  # each run goes on where the last ended
keys = ['sidelying_hip_abduction', 'bridge', 'clamshell', 'sit_to_stand', 'step_up',
        'prone_hip_extension', 'hip_flexor_stretch', 'cat_camel', 'bird_dog', 'dead_bug',
        'abdominal_bracing', 'knee_to_chest']
i = done
while True:
    i += 1
    with db.session() as s:
        note = save_note(s, eid, {'visit_date': start + timedelta(days=1 + i % 20),
            'start_time': '%02d:%02d' % (6 + (i // 59) % 14, 1 + i % 59),
            'note_type': 'daily', 'adverse_event_screen': 'no',
            'assessment': 'Tolerated the session; needs skilled dosing.',
            'total_minutes': 60, 'pain_back_pre': 5, 'pain_back_post': 3,
            'subjective': 'kill test %d' % i,
            'exercises': [{'exercise': k, 'sets': 2, 'reps': 10} for k in keys],
            'billing': {'97110': 45}, 'not_billed': ['97530']})
        sign_note(s, note.id, SYSTEM, signer_name='Writer', credentials='PT')
        nid = note.id
    print(nid, flush=True)
"""


def run_kills(tmp_path: Path, kills: int) -> int:
    db = tmp_path / "kill.db"
    assert main(["--db", str(db), "demo"]) == 0
    url = f"sqlite:///{db}"
    committed: set[int] = set()
    rng = random.Random(6)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for n in range(kills):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE,
                                text=True, cwd=ROOT, env=env)
        first = proc.stdout.readline()  # wait until it is writing
        if first.strip():
            committed.add(int(first))
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        committed |= {int(x) for x in out.split()}
        database = open_clinic(url)
        with database.session() as s:
            problems = [p for r in run_checks(s) for p in r.problems]
            assert problems == [], f"after kill {n + 1}: {problems}"
            for nid in committed:
                note = s.get(VisitNote, nid)
                assert note is not None and note.signed_at is not None, nid
                assert len(note.exercises) == 12 and note.billing_lines, nid
        database.dispose()
        if n % 5 == 4:  # now and then, the real command a clinic would run
            assert main(["--db", str(db), "check"]) == 0
    return len(committed)


def test_killing_a_writer_loses_no_committed_note(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    assert run_kills(tmp_path, kills=8) >= 8


@pytest.mark.slow
def test_killing_a_writer_100_times(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    assert run_kills(tmp_path, kills=100) >= 100
