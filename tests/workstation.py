"""One simulated workstation for the two-process concurrency test (run as a script).

    python tests/workstation.py URL EPISODE_ID NAME ROUNDS

Each round it documents a new visit for the shared episode, then edits the shared
patient's phone number the way the form does: read the version, then save with it as
the expected version; a conflict is retried from a fresh read (as a PT would after the
message). Prints one JSON line: what it saved and how many conflicts it met.
"""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta

from mash_desktop.db import open_database
from mash_desktop.models import Episode
from mash_desktop.services.concurrency import ConflictError
from mash_desktop.services.patients import get_patient, patient_form_values, update_patient
from mash_desktop.services.sessions import save_note


def main(url: str, episode_id: int, name: str, rounds: int) -> None:
    db = open_database(url)
    with db.session() as s:
        episode = s.get(Episode, episode_id)
        start, patient_id = episode.start_date, episode.patient_id
    notes: list[int] = []
    phones: list[str] = []
    conflicts = 0
    for i in range(rounds):
        with db.session() as s:
            note = save_note(s, episode_id, {  # all on one day: numbers count every visit
                "visit_date": min(start + timedelta(days=1), date.today()),
                "start_time": f"{7 + i % 12:02d}:{int(name[-1]) * 7 + i // 12:02d}",
                "status": "attended", "total_minutes": 45, "subjective": f"{name} visit {i}",
                "exercises": [{"exercise": "bridge", "sets": 2, "reps": 10}],
                "billing": {"97110": 45}})
            notes.append(note.id)
        phone = f"555-{name[-1]}{i:03d}"
        while True:
            with db.session() as s:
                patient = get_patient(s, patient_id)
                opened, version = patient_form_values(patient), patient.version
            try:
                with db.session() as s:
                    update_patient(s, patient_id, {"phone": phone}, expected_version=version,
                                   opened=opened)
                phones.append(phone)
                break
            except ConflictError:
                conflicts += 1
    db.dispose()
    print(json.dumps({"notes": notes, "phones": phones, "conflicts": conflicts}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
