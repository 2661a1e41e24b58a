"""Documenting visits through the Sessions tab, as a PT does between patients."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from mash_desktop.gui.sessions.note_dialog import SessionNoteDialog
from mash_desktop.models import Episode, User, VisitNote


class InputCounter:
    """Sends clicks and keys through qtbot and counts every one of them."""

    def __init__(self, qtbot) -> None:  # noqa: ANN001
        self.qtbot = qtbot
        self.count = 0

    def click(self, widget, pos: QPoint | None = None) -> None:  # noqa: ANN001
        self.count += 1
        if pos is None:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        else:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)

    def key(self, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
        self.count += 1
        self.qtbot.keyClick(widget, key, modifier)

    def type(self, widget, text: str) -> None:  # noqa: ANN001
        for ch in text:
            self.count += 1
            self.qtbot.keyClicks(widget, ch)


def open_dialog() -> SessionNoteDialog:
    dialogs = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, SessionNoteDialog) and w.isVisible()]
    assert dialogs, "no note dialog open"
    return dialogs[-1]


def active_patient_with_visits(win) -> tuple[int, int]:  # noqa: ANN001
    with win.db.session() as s:
        ep = s.scalars(select(Episode).where(Episode.status == "active")
                       .order_by(Episode.start_date)).first()
        return ep.patient_id, ep.id


def clinician(win) -> User:  # noqa: ANN001
    with win.db.session() as s:
        user = User(username="dana", full_name="Dana Whitaker", credentials="DPT",
                    role="clinician")
        s.add(user)
        s.flush()
        return user


def test_routine_follow_up_documented_completely_and_signed_in_at_most_20_inputs(
        demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    win.actor = win.db.actor = clinician(win)
    pid, eid = active_patient_with_visits(win)
    with win.db.session() as s:
        before = s.scalar(select(func.count(VisitNote.id)).where(VisitNote.episode_id == eid))
    inputs = InputCounter(qtbot)
    table = win.ui.patientTable
    rect = table.visualRect(win.model.index(win.model.row_of(pid), 0))
    inputs.click(table.viewport(), rect.center())                    # open the patient
    tabbar = win.ui.chartTabs.tabBar()
    inputs.click(tabbar, tabbar.tabRect(1).center())                  # Sessions tab
    tab = win.ui.chartTabs.currentWidget()
    inputs.click(tab.new_button)                                      # copy forward
    dlg = open_dialog()
    assert dlg.suggestions, "the demo course should have a progression to suggest"
    inputs.click(dlg.ui.acceptButton)                                 # accept suggestions
    inputs.type(dlg.ui.backPreEdit, "4")                              # pain before/after
    inputs.key(dlg.ui.backPreEdit, Qt.Key.Key_Tab)
    inputs.type(dlg.ui.backPostEdit, "2")
    inputs.key(dlg.ui.backPostEdit, Qt.Key.Key_Tab)
    inputs.type(dlg.ui.hipPreEdit, "3")
    inputs.key(dlg.ui.hipPreEdit, Qt.Key.Key_Tab)
    inputs.type(dlg.ui.hipPostEdit, "1")
    inputs.click(dlg.ui.minutesEdit)                                  # minutes
    inputs.key(dlg.ui.minutesEdit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    inputs.type(dlg.ui.minutesEdit, "60")
    inputs.click(dlg.ui.aeNoRadio)                                    # adverse-event screen
    inputs.key(dlg.ui.minutesEdit, Qt.Key.Key_1,
               Qt.KeyboardModifier.ControlModifier)                   # assessment phrase
    assert dlg.ui.noteTypeCombo.currentData() == "daily"
    inputs.click(dlg.ui.signButton)                                   # sign
    assert inputs.count <= 20, inputs.count
    with win.db.session() as s:
        notes = list(s.scalars(select(VisitNote).where(VisitNote.episode_id == eid)
                               .order_by(VisitNote.id)))
        assert len(notes) == before + 1
        new = notes[-1]
        assert new.signed_at is not None and new.signature_name == "Dana Whitaker"
        assert (new.pain_back_pre, new.pain_back_post, new.pain_hip_pre, new.pain_hip_post) \
            == (4, 2, 3, 1)
        assert new.total_minutes == 60 and new.exercises and new.billing_lines
        assert new.note_type == "daily" and new.adverse_event_screen == "no"
        assert new.assessment.startswith("Tolerated the progression")
        suggested = {s.exercise: s.after for s in dlg.suggestions}
        for dose in new.exercises:
            for key, value in suggested.get(dose.exercise.key, {}).items():
                assert getattr(dose, key) == value


def test_bad_pain_score_is_refused_next_to_the_field(demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    pid, eid = active_patient_with_visits(win)
    win.open_patient(pid)
    win.ui.chartTabs.setCurrentIndex(1)
    tab = win.ui.chartTabs.currentWidget()
    dlg = tab.new_note()
    with win.db.session() as s:
        before = s.scalar(select(func.count(VisitNote.id)))
    qtbot.keyClicks(dlg.ui.backPreEdit, "12")
    dlg.exercise_model.setData(dlg.exercise_model.index(0, 2), "-3")  # sets
    dlg.save(sign=False)
    assert dlg.isVisible()
    assert dlg.pain_errors.message_for("pain_back_pre") == "Must be between 0 and 10"
    assert (0, "sets") in dlg.exercise_model.errors
    assert dlg.ui.backPreEdit.text() == "12"  # what was typed is kept
    with win.db.session() as s:
        assert s.scalar(select(func.count(VisitNote.id))) == before
    dlg.reject()


def test_signed_note_opens_read_only_and_takes_an_addendum(demo_window, qtbot,
                                                           monkeypatch) -> None:  # noqa: ANN001
    win = demo_window
    win.actor = win.db.actor = clinician(win)
    pid, eid = active_patient_with_visits(win)
    win.open_patient(pid)
    win.ui.chartTabs.setCurrentIndex(1)
    tab = win.ui.chartTabs.currentWidget()
    with win.db.session() as s:
        signed = s.scalars(select(VisitNote).where(VisitNote.episode_id == eid,
                                                   VisitNote.signed_at.is_not(None),
                                                   VisitNote.status == "attended")).first()
    dlg = SessionNoteDialog(win.ctx, eid, signed.id)
    qtbot.addWidget(dlg)
    assert dlg.ui.backPreEdit.isReadOnly() and not dlg.ui.saveButton.isVisible()
    assert dlg.exercise_model.read_only
    assert not dlg.exercise_model.setData(dlg.exercise_model.index(0, 2), "9")
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getMultiLineText",
                        lambda *a, **k: ("Home program reviewed, not recorded.", True))
    dlg.addendum()
    with win.db.session() as s:
        note = s.get(VisitNote, signed.id)
        assert [a.text for a in note.addenda] == ["Home program reviewed, not recorded."]
        assert note.addenda[0].signature_name == "Dana Whitaker"
    assert tab.flow.rowCount() > 0 and tab.flow.columnCount() > 0


def test_enter_in_the_dose_grid_adds_a_row(demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    pid, eid = active_patient_with_visits(win)
    win.open_patient(pid)
    dlg = SessionNoteDialog(win.ctx, eid)
    qtbot.addWidget(dlg)
    dlg.show()
    n = dlg.exercise_model.rowCount()
    dlg.ui.exerciseTable.setFocus()
    qtbot.keyClick(dlg.ui.exerciseTable, Qt.Key.Key_Return)
    assert dlg.exercise_model.rowCount() == n + 1
