"""A PT's visit done with the keyboard alone, in the real main window.

Every step is a key sent to whichever widget has the focus at that moment, as a PT's
keyboard would: nothing is clicked and no widget is reached into to set a value. Each
step checks where the focus went, so a broken tab order, a dead shortcut or an Alt+letter
that two widgets share (Qt then only moves the focus, it does not press the button) fails
here.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import func, select

from mash_desktop.gui.sessions.note_dialog import SessionNoteDialog
from mash_desktop.models import Assessment, Episode, Patient, User, VisitNote
from mash_desktop.services.appointments import add_appointment

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Keyboard:
    """Keys to the focused widget of the active window, counted."""

    def __init__(self, qtbot, win) -> None:  # noqa: ANN001
        self.qtbot, self.win, self.count = qtbot, win, 0

    def focus(self) -> QWidget:
        QApplication.processEvents()  # as the event loop does between two key presses
        window = QApplication.activeWindow() or self.win
        widget = QApplication.focusWidget() or window.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              times: int = 1) -> None:
        for _ in range(times):
            self.count += 1
            self.qtbot.keyClick(self.focus(), key, modifier)

    def type(self, text: str) -> None:
        for ch in text:
            self.count += 1
            self.qtbot.keyClicks(self.focus(), ch)


def _setup(win) -> tuple[int, int, int]:  # noqa: ANN001
    """A signed-in PT; the front desk booked one of the demo clinic's active patients."""
    with win.db.session() as s:
        user = User(username="dana", full_name="Dana Whitaker", credentials="DPT",
                    role="clinician")
        s.add(user)
        s.flush()
        ep = s.scalars(select(Episode).where(Episode.status == "active")
                       .order_by(Episode.start_date)).first()
        add_appointment(s, {"day": date.today(), "start_time": "07:05",
                            "patient_id": ep.patient_id}, user)
        other = s.scalars(select(Patient).where(Patient.id != ep.patient_id)
                          .order_by(Patient.id)).first()
        win.actor = win.db.actor = win.ctx.user = user
        return ep.patient_id, ep.id, other.id


def _back_to(qtbot, win) -> None:  # noqa: ANN001
    """A closed dialog hands the keyboard back to the main window (the window manager
    does that on a desktop; the offscreen test platform needs to be told)."""
    if QApplication.activeWindow() is not win:
        win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)


def _note_dialog(win) -> SessionNoteDialog | None:  # noqa: ANN001
    open_ = [d for d in win.findChildren(SessionNoteDialog) if d.isVisible()]
    return open_[-1] if open_ else None


def _notes(win, eid: int) -> list[VisitNote]:  # noqa: ANN001
    with win.db.session() as s:
        notes = list(s.scalars(select(VisitNote).where(VisitNote.episode_id == eid,
                                                       VisitNote.visit_date == date.today())))
        s.expunge_all()
        return notes


def test_a_visit_from_today_to_the_next_patient_with_the_keyboard_only(
        demo_window, qtbot, unsaved_changes_answer) -> None:  # noqa: ANN001
    win = demo_window
    pid, eid, next_pid = _setup(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    keys = Keyboard(qtbot, win)

    # Today (Ctrl+T) -> the visit list (Alt+V) -> the 07:05 visit is the first row.
    keys.press(Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: not win.today.out_of_date)
    assert win.ui.chartStack.currentWidget() is win.ui.todayPage
    keys.press(Qt.Key.Key_V, ALT)
    assert keys.focus() is win.today.visit_view
    keys.press(Qt.Key.Key_Home, CTRL)
    visit = win.today.selected_visit()
    assert visit is not None and visit.patient_id == pid
    assert visit.opens == "new" and visit.action.startswith("New")

    # Enter opens the note of the type the rules call for, the cursor in back pain before.
    keys.press(Qt.Key.Key_Return)
    dlg = _note_dialog(win)
    assert dlg is not None and dlg.episode_id == eid and dlg.note_id is None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg)
    assert keys.focus() is dlg.ui.backPreEdit
    keys.type("4")
    keys.press(Qt.Key.Key_Tab)
    keys.type("2")
    keys.press(Qt.Key.Key_Tab)
    keys.type("3")
    keys.press(Qt.Key.Key_Tab)
    keys.type("1")
    keys.press(Qt.Key.Key_I, ALT)                            # Total m&inutes
    assert keys.focus() is dlg.ui.minutesEdit
    keys.press(Qt.Key.Key_A, CTRL)
    keys.type("60")
    keys.press(Qt.Key.Key_N, ALT)                            # adverse event: &No
    qtbot.waitUntil(dlg.ui.aeNoRadio.isChecked)  # a mnemonic "animates" its click
    keys.press(Qt.Key.Key_1, CTRL)                           # the first assessment phrase
    assert dlg.ui.assessmentEdit.toPlainText().strip()
    kind = dlg.ui.noteTypeCombo.currentData()

    # Alt+S saves the draft (it once only moved the focus: "&Status" shared the S).
    keys.press(Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: not dlg.isVisible())
    _back_to(qtbot, win)
    [draft] = _notes(win, eid)
    assert draft.signed_at is None and draft.note_type == kind
    assert (draft.pain_back_pre, draft.pain_back_post, draft.pain_hip_pre,
            draft.pain_hip_post, draft.total_minutes) == (4, 2, 3, 1, 60)

    # Back on Today the row now finishes the draft: Enter reopens it, Alt+G signs it.
    keys.press(Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: not win.today.out_of_date)
    keys.press(Qt.Key.Key_V, ALT)
    keys.press(Qt.Key.Key_Home, CTRL)
    assert win.today.selected_visit().action.startswith("Finish the draft")
    keys.press(Qt.Key.Key_Return)
    dlg = _note_dialog(win)
    assert dlg is not None and dlg.note_id == draft.id
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg)
    assert dlg.ui.backPreEdit.text() == "4"                  # a whole number, never "4.0"
    keys.press(Qt.Key.Key_G, ALT)                            # Save and si&gn
    qtbot.waitUntil(lambda: not dlg.isVisible())
    _back_to(qtbot, win)
    [signed] = _notes(win, eid)
    assert signed.signed_at is not None and signed.signature_name == "Dana Whitaker"

    # Ctrl+Shift+O: the Outcomes tab, the cursor in the instrument box (QBPDS first).
    keys.press(Qt.Key.Key_O, CTRL | SHIFT)
    tab = win.ui.chartTabs.currentWidget()
    assert keys.focus() is tab.instrument and tab.instrument.currentData() == "qbpds"
    # Tab alone walks the 20 items in order, then Save; Shift+Tab walks back.
    for i in range(20):
        keys.press(Qt.Key.Key_Tab)
        assert keys.focus() is tab.form.boxes[i], f"Tab {i + 1} is not on item {i + 1}"
    keys.press(Qt.Key.Key_Tab)
    assert keys.focus() is tab.save_button
    keys.press(Qt.Key.Key_Tab, SHIFT, times=20)
    assert keys.focus() is tab.form.boxes[0]
    # A digit an item: each answer moves on by itself, the last one to Save; Enter saves.
    before = keys.count
    keys.type("32102110021021001201")
    assert keys.focus() is tab.save_button
    keys.press(Qt.Key.Key_Return)
    assert keys.count - before == 21
    with win.db.session() as s:
        saved = s.execute(select(Assessment.instrument, Assessment.total)
                          .where(Assessment.episode_id == eid)
                          .order_by(Assessment.id.desc())).first()
    assert tuple(saved) == ("qbpds", 20)

    # Half-type the next measure, then switch patient with Ctrl+F: the PT is asked first.
    keys.press(Qt.Key.Key_O, CTRL | SHIFT)
    keys.press(Qt.Key.Key_Tab)
    keys.type("7")
    keys.press(Qt.Key.Key_F, CTRL)
    assert keys.focus() is win.ui.searchEdit
    with win.db.session() as s:
        mrn = s.get(Patient, next_pid).mrn
    keys.type(mrn)
    assert unsaved_changes_answer["asked"] == []
    keys.press(Qt.Key.Key_Return)  # asked Save / Discard / Keep editing; the test discards
    assert len(unsaved_changes_answer["asked"]) == 1
    assert unsaved_changes_answer["asked"][0].endswith("being entered")
    assert win.patient_id == next_pid
    assert not tab.form.has_typed()  # the new chart's form starts afresh
    with win.db.session() as s:
        assert s.scalar(select(func.count(Assessment.id))
                        .where(Assessment.episode_id == eid)) >= 1
