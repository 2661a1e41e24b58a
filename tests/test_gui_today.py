"""The Today screen in the real window: the start view, Enter opens the right note,
the appointment list, and shortcuts that work from every view."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import select

from mash_desktop.models import Episode
from mash_desktop.services.appointments import add_appointment


def _active(win) -> tuple[int, int]:  # noqa: ANN001
    with win.db.session() as s:
        ep = s.scalars(select(Episode).where(Episode.status == "active")
                       .order_by(Episode.start_date)).first()
        return ep.patient_id, ep.id


def _book(win, pid: int, at: str = "08:30") -> None:  # noqa: ANN001
    with win.db.session() as s:
        add_appointment(s, {"day": date.today(), "start_time": at, "patient_id": pid})
    win.today.redraw()


def test_the_app_opens_on_today(demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    assert win.ui.chartStack.currentWidget() is win.ui.todayPage
    qtbot.waitUntil(lambda: not win.today.out_of_date)  # drawn right after the first paint
    assert win.today.title.text().startswith("Today — ")
    assert "Du" in win.today.due_label.text()


def test_enter_on_a_booked_visit_opens_a_new_note_copied_forward(demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    pid, eid = _active(win)
    _book(win, pid)
    today = win.today
    row = next(i for i, v in enumerate(today.visits.rows) if v.patient_id == pid)
    today.visit_view.selectRow(row)
    visit = today.selected_visit()
    assert visit is not None and visit.start_time is not None
    assert visit.opens == "new"
    today.visit_view.setFocus()
    qtbot.keyClick(today.visit_view, Qt.Key.Key_Return)
    from mash_desktop.gui.sessions.note_dialog import SessionNoteDialog

    dialogs = [d for d in win.findChildren(SessionNoteDialog) if d.isVisible()]
    assert len(dialogs) == 1
    note = dialogs[0]
    assert note.episode_id == eid and note.note_id is None
    assert note.ui.noteTypeCombo.currentData() == visit.note_type
    assert win.patient_id == pid
    note.reject()


def test_a_due_progress_report_opens_as_a_progress_report(demo_window) -> None:  # noqa: ANN001
    win = demo_window
    pid, eid = _active(win)
    dlg = win.open_visit(pid, eid, None, "progress")
    assert dlg.ui.noteTypeCombo.currentData() == "progress"
    dlg.reject()


def test_shortcuts_work_from_today_and_every_tab(demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    pid, _eid = _active(win)
    win.open_patient(pid)
    win.show_tab("Outcomes")
    shortcuts = {a.shortcut().toString() for a in
                 (win.ui.actionToday, win.ui.actionNewNote, win.ui.actionOutcomeEntry)}
    assert shortcuts == {"Ctrl+T", "Ctrl+Shift+N", "Ctrl+Shift+O"}
    win.ui.actionToday.trigger()
    assert win.ui.chartStack.currentWidget() is win.ui.todayPage
    dlg = win.new_note()  # Ctrl+Shift+N from Today: the open patient's new note
    assert dlg is not None and dlg.isVisible()
    dlg.reject()
    win.ui.actionOutcomeEntry.trigger()
    assert win.ui.chartTabs.tabText(win.ui.chartTabs.currentIndex()).replace("&", "") \
        == "Outcomes"


def test_pt_adds_an_appointment_for_a_patient_and_time(demo_window, qtbot) -> None:  # noqa: ANN001
    from mash_desktop.gui.today.appointment_dialog import AppointmentDialog

    win = demo_window
    pid, _eid = _active(win)
    dlg = AppointmentDialog(win.ctx, date.today(), parent=win.today)
    label = next(k for k, v in dlg.patients.items() if v == pid)
    dlg.patient.setText(label)  # as chosen from the completer's list
    dlg.time.setTime(dlg.time.time().fromString("10:45", "HH:mm"))
    dlg.save()
    assert dlg.saved
    assert any(v.patient_id == pid and v.start_time is not None
               and v.start_time.strftime("%H:%M") == "10:45" for v in win.today.visits.rows)


def test_an_unknown_patient_is_refused_at_the_field(demo_window, qtbot) -> None:  # noqa: ANN001
    from mash_desktop.gui.today.appointment_dialog import AppointmentDialog

    win = demo_window
    dlg = AppointmentDialog(win.ctx, date.today(), parent=win.today)
    dlg.patient.setText("Nobody at all")
    dlg.save()
    assert not dlg.saved
    assert dlg.errors.message_for("patient_id") == "Choose a patient from the list"
