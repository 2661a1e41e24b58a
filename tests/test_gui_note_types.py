"""The note editor by note type: the right form, and the sign checklist before signing."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from mash_desktop.gui.sessions.note_dialog import SessionNoteDialog
from mash_desktop.models import Episode, User, VisitNote
from mash_desktop.services.episodes import create_episode
from mash_desktop.services.goals import goal_progress
from mash_desktop.services.patients import create_patient
from tests.note_kit import EVALUATION, ready_for_evaluation

START = date.today() - timedelta(days=3)


def new_episode(win) -> int:  # noqa: ANN001
    with win.db.session() as s:
        pid = create_patient(s, {"mrn": "N1", "first_name": "Ann", "last_name": "Lee",
                                 "date_of_birth": "1950-02-03", "sex": "female"}).id
        eid = create_episode(s, pid, {"start_date": START, "icd10_code": "M54.50",
                                      "diagnosis_text": "LBP", "arm": "hip_focused"}).id
        ready_for_evaluation(s, eid, START)
        s.add(User(username="dana", full_name="Dana Whitaker", credentials="PT, DPT",
                   role="clinician"))
    with win.db.session() as s:
        win.actor = s.scalar(select(User))
        s.expunge(win.actor)
    return eid


def checklist(dlg: SessionNoteDialog) -> list[str]:
    return [dlg.ui.checklistList.item(i).text() for i in range(dlg.ui.checklistList.count())]


def notes(win) -> int:  # noqa: ANN001
    with win.db.session() as s:
        return s.scalar(select(func.count(VisitNote.id)))


def test_first_visit_opens_as_an_evaluation_with_its_form(window, qtbot) -> None:  # noqa: ANN001
    eid = new_episode(window)
    dlg = SessionNoteDialog(window.ctx, eid)
    qtbot.addWidget(dlg)
    assert dlg.ui.noteTypeCombo.currentData() == "evaluation"
    tabs = dlg.ui.noteTabs
    assert tabs.isTabVisible(tabs.indexOf(dlg.evaluation))
    assert not tabs.isTabVisible(tabs.indexOf(dlg.goal_panel))
    assert dlg.evaluation.ui.screenTable.rowCount() == 12


def test_incomplete_evaluation_is_not_signed_and_each_gap_is_named(window, qtbot) -> None:  # noqa: ANN001
    eid = new_episode(window)
    dlg = SessionNoteDialog(window.ctx, eid)
    qtbot.addWidget(dlg)
    dlg.ui.dateEdit.setText(START.isoformat())
    dlg.ui.minutesEdit.setText("60")
    dlg.save(sign=True)
    assert notes(window) == 0                       # nothing signed, nothing half-saved
    lines = checklist(dlg)
    for missing in ("Adverse-event screen", "Assessment", "History and subjective",
                    "Exclusion and red-flag screen", "Systems review", "Hip strength",
                    "Hip range of motion", "Impairments", "Rehabilitation potential"):
        assert any(line.startswith("✗ " + missing) for line in lines), (missing, lines)
    assert dlg.text_errors.message_for("assessment").startswith("Write the assessment")
    assert dlg.type_errors.message_for("adverse_event_screen")
    assert dlg.evaluation.errors.message_for("evaluation.systems_review")
    assert "unanswered" in dlg.evaluation.ui.screenLabel.text()


def test_complete_evaluation_is_signed_from_the_form(window, qtbot) -> None:  # noqa: ANN001
    eid = new_episode(window)
    dlg = SessionNoteDialog(window.ctx, eid)
    qtbot.addWidget(dlg)
    dlg.ui.dateEdit.setText(START.isoformat())
    dlg.ui.minutesEdit.setText("60")
    dlg.ui.aeNoRadio.setChecked(True)
    dlg.ui.subjectiveEdit.setPlainText("Back pain for years.")
    dlg.ui.assessmentEdit.setPlainText("Hip weakness; skilled care needed.")
    dlg.ui.planEdit.setPlainText("MASH 2x/week for 8 weeks.")
    dlg.evaluation.set_values({k: x for k, x in EVALUATION.items() if k != "exclusion"})
    qtbot.mouseClick(dlg.evaluation.ui.allNoButton, qtbot_left())
    assert dlg.evaluation.ui.strengthTable.item(2, 3).text() == "0.17"  # 12.0 kgf / 70 kg
    dlg.save(sign=True)
    assert dlg.result() == SessionNoteDialog.DialogCode.Accepted, checklist(dlg)
    with window.db.session() as s:
        note = s.scalar(select(VisitNote))
        assert note.note_type == "evaluation" and note.signed_at is not None
        assert note.evaluation["hip_strength"]["internal_rotation"]["right"] == 12.0


def qtbot_left():  # noqa: ANN201
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_progress_note_shows_goals_and_needs_progress_for_each(demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    with win.db.session() as s:
        ep = s.scalars(select(Episode).where(Episode.status == "active")
                       .order_by(Episode.start_date)).first()
        eid = ep.id
        goals = goal_progress(s, eid)
        s.add(User(username="dana", full_name="Dana Whitaker", credentials="PT, DPT",
                   role="clinician"))
    with win.db.session() as s:
        win.actor = s.scalar(select(User))
        s.expunge(win.actor)
    dlg = SessionNoteDialog(win.ctx, eid)
    qtbot.addWidget(dlg)
    dlg.ui.noteTypeCombo.setCurrentIndex(dlg.ui.noteTypeCombo.findData("progress"))
    tabs = dlg.ui.noteTabs
    assert tabs.isTabVisible(tabs.indexOf(dlg.goal_panel))
    assert dlg.goal_panel.ui.goalTable.rowCount() == len(goals) > 0
    dlg.ui.aeNoRadio.setChecked(True)
    dlg.ui.subjectiveEdit.setPlainText("Walking further.")
    dlg.ui.assessmentEdit.setPlainText("Progressing toward the goals.")
    dlg.ui.planEdit.setPlainText("Continue.")
    before = notes(win)
    dlg.save(sign=True)
    assert notes(win) == before
    assert sum(line.startswith("✗ Progress toward goal") for line in checklist(dlg)) \
        == len(goals)
    dlg.goal_panel.set_progress({str(g.goal_id): "Improving" for g in goals})
    dlg.save(sign=True)
    assert notes(win) == before + 1, checklist(dlg)


def test_episode_dialog_keeps_plan_of_care_and_goals_tied_to_measures(window, qtbot) -> None:  # noqa: ANN001
    from mash_desktop.gui.episode_dialog import EpisodeDialog
    from mash_desktop.services.goals import save_episode_with_goals

    with window.db.session() as s:
        pid = create_patient(s, {"mrn": "N2", "first_name": "Bo", "last_name": "Ek",
                                 "date_of_birth": "1950-02-03", "sex": "male"}).id
    dlg = EpisodeDialog(window.ctx, lambda s, plan, screen: save_episode_with_goals(
        s, pid, None, plan, screen).id, date(1950, 2, 3))
    qtbot.addWidget(dlg)
    ui = dlg.ui
    ui.startEdit.setText(START.isoformat())
    ui.icdEdit.setText("M54.50")
    ui.diagnosisEdit.setText("Low back pain, unspecified")
    care = dlg.care
    assert care.ui.minutesEdit.text() == "" and care.ui.perWeekEdit.placeholderText() == "2"
    care.ui.hepDaysEdit.setText("5")
    care.ui.npiEdit.setText("1234567890")  # bad check digit
    care.add_goal({"term": "long", "text": "QBPDS 18 or lower", "instrument": "qbpds",
                   "baseline": 30, "target": 40})  # target worse than baseline
    dlg.save()
    window.runner.wait()
    assert dlg.saved_id is None
    assert care.cert_errors.message_for("physician_npi")
    assert "better than the baseline" in care.ui.goalTable.item(0, 5).toolTip()
    care.ui.npiEdit.setText("1234567893")
    care.ui.goalTable.item(0, 5).setText("18")
    dlg.save()
    window.runner.wait()
    assert dlg.saved_id is not None
    with window.db.session() as s:
        ep = s.get(Episode, dlg.saved_id)
        assert ep.hep_days_per_week == 5 and ep.physician_npi == "1234567893"
        assert ep.session_minutes == 60 and ep.sessions_per_week == 2
        (goal,) = ep.goals
        assert (goal.instrument, goal.baseline, goal.target) == ("qbpds", 30, 18)


def test_an_exclusion_answered_yes_asks_for_the_reason_at_its_field(window, qtbot) -> None:  # noqa: ANN001
    eid = new_episode(window)
    dlg = SessionNoteDialog(window.ctx, eid)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.ui.dateEdit.setText(START.isoformat())
    dlg.ui.minutesEdit.setText("60")
    dlg.ui.aeNoRadio.setChecked(True)
    dlg.ui.subjectiveEdit.setPlainText("Back pain for years.")
    dlg.ui.assessmentEdit.setPlainText("Hip weakness; skilled care needed.")
    dlg.ui.planEdit.setPlainText("MASH 2x/week for 8 weeks.")
    page = dlg.evaluation
    page.set_values({**EVALUATION, "exclusion": {**EVALUATION["exclusion"],
                                                 "total_hip_replacement": "yes"}})
    dlg.ui.noteTabs.setCurrentWidget(page)
    assert page.ui.overrideEdit.isVisible()          # asked for only when an item is present
    dlg.save(sign=True)
    assert notes(window) == 0
    assert "outside the MASH program" in page.errors.message_for("evaluation.exclusion_override")
    page.ui.overrideEdit.setPlainText("Hip replaced 12 years ago; surgeon cleared exercise.")
    dlg.save(sign=True)
    assert dlg.result() == SessionNoteDialog.DialogCode.Accepted, checklist(dlg)
    with window.db.session() as s:
        assert s.scalar(select(VisitNote)).evaluation["exclusion_override"].startswith("Hip")


def test_a_delivered_code_is_billed_or_ticked_not_billed_in_the_billing_tab(window,  # noqa: ANN001
                                                                            qtbot) -> None:
    from mash_desktop.gui.sessions.note_dialog import COMMON_CODES
    from mash_desktop.services.sessions import save_note, sign_note
    from tests.note_kit import evaluation

    eid = new_episode(window)
    with window.db.session() as s:
        n = save_note(s, eid, {
            "visit_date": START, "start_time": "09:00", "total_minutes": 60,
            "exercises": [{"exercise": "bridge", "sets": 2, "reps": 10},
                          {"exercise": "sit_to_stand", "sets": 2, "reps": 8}],
            "manual_therapy": [{"technique": "hip_long_axis_distraction", "sets": 3,
                                "oscillations": 30}],
            "billing": {"97162": 30, "97110": 15, "97140": 15}, "not_billed": ["97530"],
            **evaluation()}, actor=window.actor)
        sign_note(s, n.id, window.actor)
    dlg = SessionNoteDialog(window.ctx, eid)         # copied forward from the evaluation
    qtbot.addWidget(dlg)
    table = dlg.ui.billingTable
    row = COMMON_CODES.index("97530")
    from PySide6.QtCore import Qt

    assert table.item(row, 4).checkState() == Qt.CheckState.Checked
    table.item(row, 4).setCheckState(Qt.CheckState.Unchecked)
    table.item(COMMON_CODES.index("97162"), 2).setText("")  # an evaluation code, not today
    dlg.ui.dateEdit.setText((START + timedelta(days=1)).isoformat())
    dlg.ui.aeNoRadio.setChecked(True)
    dlg.ui.assessmentEdit.setPlainText("Tolerated progression; needs skilled dosing.")
    dlg.save(sign=True)
    assert any("97530" in line and line.startswith("✗") for line in checklist(dlg))
    assert notes(window) == 1
    table.item(row, 2).setText("10")                 # bill it: minutes for 97530
    assert table.item(row, 4).checkState() == Qt.CheckState.Unchecked
    dlg.save(sign=True)
    assert dlg.result() == SessionNoteDialog.DialogCode.Accepted, checklist(dlg)
    with window.db.session() as s:
        last = s.scalar(select(VisitNote).order_by(VisitNote.id.desc()))
        assert last.signed_at is not None and last.not_billed == []
