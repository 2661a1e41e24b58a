"""What a PT typed survives the app being killed before Save."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from mash_desktop.gui.patient_dialog import PatientDialog
from mash_desktop.gui.sessions.note_dialog import SessionNoteDialog
from mash_desktop.models import Draft, Episode

pytestmark = pytest.mark.both_engines


def test_unsaved_note_is_offered_back_after_a_crash(demo_window, qtbot, monkeypatch) -> None:  # noqa: ANN001
    win = demo_window
    with win.db.session() as s:
        eid = s.scalars(select(Episode.id).where(Episode.status == "active")).first()
    first = SessionNoteDialog(win.ctx, eid)
    first.ui.backPreEdit.setText("7")
    first.ui.subjectiveEdit.setPlainText("Fell in the garden on Sunday")
    first.keep_draft()  # the timer does this every 5 s
    first.drafts.timer.stop()
    del first  # the app is killed: the dialog never closes, nothing is saved
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    again = SessionNoteDialog(win.ctx, eid)
    qtbot.addWidget(again)
    assert again.ui.backPreEdit.text() == "7"
    assert again.ui.subjectiveEdit.toPlainText() == "Fell in the garden on Sunday"
    again.reject()  # a deliberate cancel discards the draft
    with win.db.session() as s:
        assert s.scalar(select(func.count(Draft.id))) == 0


def test_patient_form_draft(window, qtbot, monkeypatch) -> None:  # noqa: ANN001
    dlg = PatientDialog(window.ctx, lambda s, v: 0, parent=window)
    dlg.ui.lastNameEdit.setText("Halfway")
    dlg.drafts.keep()
    dlg.drafts.timer.stop()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    again = PatientDialog(window.ctx, lambda s, v: 0, parent=window)
    qtbot.addWidget(again)
    assert again.ui.lastNameEdit.text() == "Halfway"
