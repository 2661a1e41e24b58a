"""A PT runs a whole MASH episode in the app's windows, from the menus, as at the clinic.

New patient → new episode with its plan of care and goals tied to QBPDS and gait speed →
baseline outcomes → initial evaluation → daily notes (copy forward, quick phrase) → the
progress report the tenth treatment day asks for → 8-week outcomes → discharge note with
every goal's status → discharge → the plan of care printed for the physician. Each step
goes through the dialog a PT uses; set MASH_WALKTHROUGH_SHOTS=DIR to keep a picture of
each.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from conftest import open_tab
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import select

from mash_desktop.demo.clinic import visit_dates
from mash_desktop.gui.episode_dialog import EpisodeDialog
from mash_desktop.gui.patient_dialog import PatientDialog
from mash_desktop.gui.reports.preview_dialog import PreviewDialog
from mash_desktop.gui.sessions.goal_page import STATUS
from mash_desktop.gui.sessions.note_dialog import SessionNoteDialog
from mash_desktop.models import Episode, Patient, User, VisitNote
from mash_desktop.services.sign_checklist import note_checklist, problems
from tests.note_kit import EVALUATION

VISITS = 12                       # evaluation, 8 daily, progress (10th), daily, discharge
START = date.today() - timedelta(days=49)
DATES = visit_dates(START, VISITS)
SHOTS = os.environ.get("MASH_WALKTHROUGH_SHOTS")


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def answer_modal(kind: type[QDialog], fill: Callable[[Any], None]) -> list[str]:
    """Fill the next modal dialog of ``kind`` when the menu opens it; close it if it
    stays open (then the walkthrough fails on what ``fill`` reported, never hangs)."""
    problems_seen: list[str] = []

    def poll() -> None:
        w = QApplication.activeModalWidget()
        if not isinstance(w, kind):
            QTimer.singleShot(20, poll)
            return
        fill(w)
        if w.isVisible():
            problems_seen.append(f"{kind.__name__} stayed open")
            w.reject()

    QTimer.singleShot(0, poll)
    return problems_seen


def type_items(qtbot, tab, digits: str) -> None:  # noqa: ANN001
    tab.form.boxes[0].setFocus()
    for i, ch in enumerate(digits):
        qtbot.keyClicks(tab.form.boxes[i], ch)
        qtbot.keyClick(tab.form.boxes[i], Qt.Key.Key_Tab)


def outcome(win, qtbot, instrument: str, timepoint: str, when: date, entry: str | dict) -> None:  # noqa: ANN001
    tab = open_tab(win, "Outcomes")
    tab.instrument.setCurrentIndex(tab.instrument.findData(instrument))
    tab.timepoint.setCurrentIndex(tab.timepoint.findData(timepoint))
    tab.date_edit.setText(when.isoformat())
    if isinstance(entry, str):
        type_items(qtbot, tab, entry)
    else:
        for name, value in entry.items():
            tab.form.fields[name].setText(str(value))
    tab.save_button.click()
    with win.db.session() as s:
        from mash_desktop.models import Assessment

        assert s.scalar(select(Assessment.id).where(
            Assessment.instrument == instrument, Assessment.timepoint == timepoint)), \
            (instrument, timepoint, tab.live.text())


def note(win, qtbot, when: date, fill: Callable[[SessionNoteDialog], None],  # noqa: ANN001
         expect: str, name: str) -> SessionNoteDialog:
    tab = open_tab(win, "Sessions")
    dlg = tab.new_note()
    assert dlg is not None
    qtbot.addWidget(dlg)
    assert dlg.ui.noteTypeCombo.currentData() == expect, (name, expect)
    dlg.ui.dateEdit.setText(when.isoformat())
    dlg.ui.timeEdit.setText("09:00")
    fill(dlg)
    shot(dlg, name)
    dlg.save(sign=True)
    failed = [line for line in _checklist(dlg) if line.startswith("✗")]
    assert dlg.result() == QDialog.DialogCode.Accepted, (name, failed,
                                                         dlg.ui.signedLabel.text())
    return dlg


def _checklist(dlg: SessionNoteDialog) -> list[str]:
    return [dlg.ui.checklistList.item(i).text() for i in range(dlg.ui.checklistList.count())]


def test_a_pt_runs_a_whole_mash_episode_in_the_gui(window, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    win = window
    with win.db.session() as s:
        s.add(User(username="dana", full_name="Dana Whitaker", credentials="PT, DPT",
                   role="clinician", licence_number="PT-12345", npi="1234567893"))
    with win.db.session() as s:
        win.actor = s.scalar(select(User))
        s.expunge(win.actor)
    win.show()

    # 1. the patient, from File/Patient ▸ New patient
    def patient(dlg: PatientDialog) -> None:
        ui = dlg.ui
        ui.mrnEdit.setText("M-1001")
        ui.firstNameEdit.setText("Ruth")
        ui.lastNameEdit.setText("Okafor")
        ui.dobEdit.setText("1953-05-14")
        ui.sexCombo.setCurrentIndex(ui.sexCombo.findData("female"))
        ui.physicianEdit.setText("Dr. Anne Marsh")
        shot(dlg, "01-patient")
        dlg.save()

    stuck = answer_modal(PatientDialog, patient)
    win.ui.actionNewPatient.trigger()
    assert not stuck
    with win.db.session() as s:
        pid = s.scalar(select(Patient.id).where(Patient.mrn == "M-1001"))
    assert pid is not None and win.patient_id == pid

    # 2. the episode with its plan of care and goals, from Patient ▸ New episode
    def episode(dlg: EpisodeDialog) -> None:
        ui, care = dlg.ui, dlg.care
        ui.startEdit.setText(START.isoformat())
        ui.icdEdit.setText("M54.50")
        ui.diagnosisEdit.setText("Low back pain, unspecified")
        ui.armCombo.setCurrentIndex(ui.armCombo.findData("hip_focused"))
        ui.plannedEdit.setText(str(VISITS))
        care.ui.weeksEdit.setText(str(VISITS // 2))   # 2 a week: frequency x weeks = visits
        care.ui.hepTimesEdit.setText("1")
        care.ui.hepDaysEdit.setText("5")
        care.ui.physicianEdit.setText("Dr. Anne Marsh")
        care.ui.npiEdit.setText("1234567893")
        care.ui.sentEdit.setText(START.isoformat())
        care.add_goal({"term": "long", "text": "Daily activities with less disability",
                       "instrument": "qbpds", "target": 20,
                       "target_date": (START + timedelta(weeks=8)).isoformat()})
        care.add_goal({"term": "long", "text": "Walk in the community",
                       "instrument": "gait_speed", "target": 1.2,
                       "target_date": (START + timedelta(weeks=8)).isoformat()})
        shot(dlg, "02-episode")
        dlg.save()

    stuck = answer_modal(EpisodeDialog, episode)
    win.ui.actionNewEpisode.trigger()
    assert not stuck
    with win.db.session() as s:
        eid = s.scalar(select(Episode.id).where(Episode.patient_id == pid))
    assert eid is not None and win.episode_id == eid

    # 3. baseline outcomes in the Outcomes tab
    outcome(win, qtbot, "qbpds", "baseline", START, "2" * 14 + "1" * 6)              # 34
    outcome(win, qtbot, "gait_speed", "baseline", START,
            {"distance_m": 10, "time_s": 10.5})
    shot(win, "03-outcomes-baseline")

    # 4. the initial evaluation
    def evaluation(dlg: SessionNoteDialog) -> None:
        ui = dlg.ui
        ui.minutesEdit.setText("60")
        ui.aeNoRadio.setChecked(True)
        ui.subjectiveEdit.setPlainText("Back pain for 6 years, worse walking; hip aches.")
        ui.assessmentEdit.setPlainText("Chronic LBP with hip weakness; skilled care needed.")
        ui.planEdit.setPlainText("MASH hip-focused program 2x/week for 6 weeks.")
        dlg.evaluation.set_values({k: x for k, x in EVALUATION.items() if k != "exclusion"})
        qtbot.mouseClick(dlg.evaluation.ui.allNoButton, Qt.MouseButton.LeftButton)
        dlg.exercise_model.set_rows([{"exercise": "bridge", "side": "bilateral", "sets": 2,
                                      "reps": 10},
                                     {"exercise": "clamshell", "side": "right", "sets": 2,
                                      "reps": 10, "home_program": True}])
        dlg.manual_model.set_rows([{"technique": "hip_long_axis_distraction",
                                    "side": "right", "grade": "III", "sets": 3,
                                    "oscillations": 30}])
        billing = {"97162": "30", "97110": "15", "97140": "15"}
        from mash_desktop.gui.sessions.note_dialog import COMMON_CODES

        for code, minutes in billing.items():
            ui.billingTable.item(COMMON_CODES.index(code), 2).setText(minutes)

    note(win, qtbot, DATES[0], evaluation, "evaluation", "04-evaluation")

    # 5. daily notes: copy forward keeps the interventions; a quick phrase for the assessment
    def daily(dlg: SessionNoteDialog) -> None:
        from mash_desktop.gui.sessions.note_dialog import COMMON_CODES

        ui = dlg.ui
        assert dlg.exercise_model.values(), "copy forward brings the last visit's doses"
        ui.billingTable.item(COMMON_CODES.index("97162"), 2).setText("")
        ui.billingTable.item(COMMON_CODES.index("97110"), 2).setText("30")
        ui.billingTable.item(COMMON_CODES.index("97140"), 2).setText("20")
        ui.backPreEdit.setText("5")
        ui.backPostEdit.setText("3")
        ui.aeNoRadio.setChecked(True)
        qtbot.keyClick(ui.minutesEdit, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        assert ui.assessmentEdit.toPlainText()

    for i in range(1, 9):
        note(win, qtbot, DATES[i], daily, "daily", f"05-daily-{i + 1}")

    # 6. the tenth treatment day: the progress report, progress toward each goal
    def progress(dlg: SessionNoteDialog) -> None:
        daily(dlg)
        dlg.ui.subjectiveEdit.setPlainText("Walking to the shops twice a week now.")
        dlg.ui.planEdit.setPlainText("Continue the plan; progress step height.")
        dlg.goal_panel.set_progress({str(g.goal_id): "Improving; re-measure at 8 weeks."
                                     for g in dlg.goals})

    note(win, qtbot, DATES[9], progress, "progress", "06-progress")
    note(win, qtbot, DATES[10], daily, "daily", "07-daily-11")

    # 7. 8-week outcomes, then the discharge note with every goal's status
    outcome(win, qtbot, "qbpds", "8_weeks", DATES[11], "1" * 16 + "0" * 4)           # 16
    outcome(win, qtbot, "gait_speed", "8_weeks", DATES[11],
            {"distance_m": 10, "time_s": 8.0})

    def discharge(dlg: SessionNoteDialog) -> None:
        ui = dlg.ui
        daily(dlg)
        ui.subjectiveEdit.setPlainText("Walks 30 minutes; back pain 2/10 at worst.")
        ui.planEdit.setPlainText("Discharged to the home program 5 days a week.")
        dlg.goal_panel.set_progress({str(g.goal_id): "Met at 8 weeks." for g in dlg.goals})
        table = dlg.goal_panel.ui.goalTable
        for row in range(table.rowCount()):
            combo = table.cellWidget(row, STATUS)
            combo.setCurrentIndex(combo.findData("met"))

    # the last planned visit opens as the discharge note
    note(win, qtbot, DATES[11], discharge, "discharge", "08-discharge")

    # 8. the episode discharged, from Patient ▸ Edit episode
    def discharged(dlg: EpisodeDialog) -> None:
        ui = dlg.ui
        ui.statusCombo.setCurrentIndex(ui.statusCombo.findData("discharged"))
        ui.dischargeDateEdit.setText(DATES[11].isoformat())
        ui.dischargeReasonEdit.setPlainText("Completed the 8-week MASH program; goals met.")
        dlg.save()

    stuck = answer_modal(EpisodeDialog, discharged)
    win.ui.actionEditEpisode.trigger()
    assert not stuck

    # 9. the plan of care, printed for the physician's signature
    tab = open_tab(win, "Reports")
    tab.buttons["plan-of-care"].click()
    win.runner.wait()
    dlg = tab.dialog
    assert isinstance(dlg, PreviewDialog)
    shot(dlg, "09-plan-of-care")
    saved = Path(dlg.save(str(tmp_path / "plan.pdf")))
    assert saved.read_bytes().startswith(b"%PDF")
    dlg.reject()

    with win.db.session() as s:
        ep = s.get(Episode, eid)
        notes = sorted(ep.visits, key=lambda n: n.visit_date)
        assert [n.note_type for n in notes] == \
            ["evaluation"] + ["daily"] * 8 + ["progress", "daily", "discharge"]
        assert all(n.signed_at is not None for n in notes)
        assert {k: x for n in notes for k, x in problems(note_checklist(s, n)).items()} == {}
        assert ep.status == "discharged" and {g.status for g in ep.goals} == {"met"}
        assert s.scalar(select(VisitNote.id).where(VisitNote.signed_at.is_(None))) is None
