"""Esc, Cancel or the close button never throw away what a PT typed without asking."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QStyleOptionViewItem
from sqlalchemy import func, select

from mash_desktop.gui.patient_dialog import PatientDialog
from mash_desktop.gui.sessions.note_dialog import SessionNoteDialog
from mash_desktop.models import Draft, Episode, VisitNote


def _active_episode(win) -> int:  # noqa: ANN001
    with win.db.session() as s:
        return s.scalars(select(Episode.id).where(Episode.status == "active")).first()


def test_an_untouched_form_closes_without_a_question(window, qtbot,
                                                     unsaved_changes_answer) -> None:  # noqa: ANN001
    dlg = PatientDialog(window.ctx, lambda s, v: 0, parent=window)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()
    assert unsaved_changes_answer["asked"] == []


def test_esc_on_a_changed_patient_asks_and_keep_editing_keeps_it(
        window, qtbot, unsaved_changes_answer) -> None:  # noqa: ANN001
    dlg = PatientDialog(window.ctx, lambda s, v: 0, parent=window)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.ui.lastNameEdit, "Halfway")
    unsaved_changes_answer["answer"] = "keep"
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert unsaved_changes_answer["asked"] == ["This patient"]
    assert dlg.isVisible() and dlg.ui.lastNameEdit.text() == "Halfway"
    dlg.close()  # the window's close button asks the same question
    assert unsaved_changes_answer["asked"] == ["This patient"] * 2 and dlg.isVisible()


def test_save_draft_keeps_a_patient_for_next_time(window, qtbot, monkeypatch,
                                                  unsaved_changes_answer) -> None:  # noqa: ANN001
    dlg = PatientDialog(window.ctx, lambda s, v: 0, parent=window)
    qtbot.addWidget(dlg)
    dlg.ui.lastNameEdit.setText("Halfway")
    unsaved_changes_answer["answer"] = "save"
    dlg.reject()
    with window.db.session() as s:
        assert s.scalar(select(func.count(Draft.id))) == 1
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    again = PatientDialog(window.ctx, lambda s, v: 0, parent=window)
    qtbot.addWidget(again)
    assert again.ui.lastNameEdit.text() == "Halfway"


def test_discard_throws_the_changes_away(window, qtbot, unsaved_changes_answer) -> None:  # noqa: ANN001
    dlg = PatientDialog(window.ctx, lambda s, v: 0, parent=window)
    qtbot.addWidget(dlg)
    dlg.ui.lastNameEdit.setText("Halfway")
    dlg.reject()  # the fixture answers "discard"
    assert unsaved_changes_answer["asked"] == ["This patient"]
    with window.db.session() as s:
        assert s.scalar(select(func.count(Draft.id))) == 0


def test_save_draft_on_a_note_saves_it_unsigned(demo_window, qtbot,
                                                unsaved_changes_answer) -> None:  # noqa: ANN001
    win = demo_window
    eid = _active_episode(win)
    with win.db.session() as s:
        before = s.scalar(select(func.count(VisitNote.id)))
    dlg = SessionNoteDialog(win.ctx, eid)
    qtbot.addWidget(dlg)
    dlg.ui.subjectiveEdit.setPlainText("Fell in the garden on Sunday")
    unsaved_changes_answer["answer"] = "save"
    dlg.reject()
    assert unsaved_changes_answer["asked"] == ["This session note"]
    assert dlg.saved_id is not None
    with win.db.session() as s:
        assert s.scalar(select(func.count(VisitNote.id))) == before + 1
        note = s.get(VisitNote, dlg.saved_id)
        assert note.signed_at is None and note.subjective == "Fell in the garden on Sunday"


def test_dose_cells_take_only_numbers_within_the_limits(demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    dlg = SessionNoteDialog(win.ctx, _active_episode(win))
    qtbot.addWidget(dlg)
    model = dlg.exercise_model
    if not model.rows:
        dlg.exercise_grid.add()
    col = next(i for i, c in enumerate(model.columns) if c.key == "sets")
    index = model.index(0, col)
    delegate = dlg.ui.exerciseTable.itemDelegateForColumn(col)
    editor = delegate.createEditor(dlg.ui.exerciseTable.viewport(), QStyleOptionViewItem(),
                                   index)
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "-3")
    assert editor.text() in ("", "3")  # the minus sign is not taken
    editor.setText("30")
    assert not editor.hasAcceptableInput()  # more than 10 sets
    before = model.rows[0].get("sets")
    delegate.setModelData(editor, model, index)
    assert model.rows[0].get("sets") == before  # an out-of-range value is not stored


def test_a_refused_dose_names_the_exercise_and_marks_the_cell(demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    dlg = SessionNoteDialog(win.ctx, _active_episode(win))
    qtbot.addWidget(dlg)
    model = dlg.exercise_model
    if not model.rows:
        dlg.exercise_grid.add()
    name = model.columns[0].options[model.rows[0]["exercise"]]
    dlg.show_errors({"exercises[0].sets": "must be between 1 and 10"})
    assert f"{name} (row 1), sets: must be between 1 and 10" in dlg.ui.signedLabel.text()
    col = next(i for i, c in enumerate(model.columns) if c.key == "sets")
    assert model.data(model.index(0, col), Qt.ItemDataRole.BackgroundRole) is not None
    assert dlg.ui.exerciseTable.currentIndex() == model.index(0, col)


def test_a_signed_note_is_read_only_with_a_close_button(demo_window, qtbot,
                                                        unsaved_changes_answer) -> None:  # noqa: ANN001
    win = demo_window
    with win.db.session() as s:
        note = s.scalars(select(VisitNote).where(VisitNote.signed_at.is_not(None))).first()
        eid, nid = note.episode_id, note.id
    dlg = SessionNoteDialog(win.ctx, eid, nid)
    qtbot.addWidget(dlg)
    assert dlg.ui.cancelButton.text().replace("&", "") == "Close"
    assert dlg.ui.subjectiveEdit.isReadOnly() and not dlg.ui.saveButton.isVisible()
    dlg.reject()
    assert unsaved_changes_answer["asked"] == []
