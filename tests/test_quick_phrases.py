"""The clinic edits its quick phrases (Admin ▸ Quick phrases); the note editor offers them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from mash_desktop.gui.quick_phrases_dialog import QuickPhrasesDialog
from mash_desktop.gui.sessions.note_dialog import SessionNoteDialog
from mash_desktop.models import AuditEntry, Episode, User
from mash_desktop.services import PermissionDenied, ValidationError
from mash_desktop.services.quick_phrases import DEFAULTS, get_phrases, set_phrases
from mash_desktop.services.users import SignedInUser


def user(role: str) -> SignedInUser:
    return SignedInUser(id=None, username=role, full_name=f"A {role}", role=role,
                        credentials="PT" if role == "clinician" else "", active=True)


def test_an_assistant_may_not_change_the_clinics_phrases(db) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied), db.session() as s:
        set_phrases(s, {"assessment": ["x"], "plan": []}, user("assistant"))
    with db.session() as s:
        assert get_phrases(s) == DEFAULTS


def test_a_clinician_saves_phrases_and_the_change_is_audited(db) -> None:  # noqa: ANN001
    with db.session() as s:
        set_phrases(s, {"assessment": ["Needs skilled cueing."], "plan": ["Continue."]},
                    user("clinician"))
    with db.session() as s:
        assert get_phrases(s) == {"assessment": ["Needs skilled cueing."],
                                  "plan": ["Continue."]}
        entry = s.scalar(select(AuditEntry).where(AuditEntry.entity == "setting"))
        assert entry is not None and "quick_phrases" in entry.changes


def test_ten_phrases_for_nine_keys_are_refused(db) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as info, db.session() as s:
        set_phrases(s, {"assessment": [f"p{i}" for i in range(10)], "plan": []},
                    user("clinician"))
    assert "at most 9" in info.value.errors["assessment"]


def signed_in(win, role: str = "clinician") -> None:  # noqa: ANN001
    with win.db.session() as s:
        s.add(User(username="dana", full_name="Dana Whitaker", credentials="PT, DPT",
                   role=role))
    win.actor = user(role)


def test_edit_reorder_and_delete_phrases_then_the_note_editor_offers_them(demo_window,  # noqa: ANN001
                                                                          qtbot) -> None:
    win = demo_window
    signed_in(win)
    dlg = QuickPhrasesDialog(win.ctx, win)
    qtbot.addWidget(dlg)
    ui = dlg.ui
    assert ui.phraseList.count() == len(DEFAULTS["assessment"])
    qtbot.mouseClick(ui.addButton, Qt.MouseButton.LeftButton)             # add
    qtbot.keyClicks(ui.phraseEdit, "Gait more symmetrical; cue hip abductors in stance.")
    assert ui.phraseList.item(3).text().startswith("Ctrl+4")
    for _ in range(3):
        qtbot.mouseClick(ui.upButton, Qt.MouseButton.LeftButton)          # reorder: first
    assert ui.phraseList.item(0).text().startswith("Ctrl+1   Gait more symmetrical")
    ui.phraseList.setCurrentRow(3)
    qtbot.mouseClick(ui.deleteButton, Qt.MouseButton.LeftButton)          # delete
    ui.fieldCombo.setCurrentIndex(ui.fieldCombo.findData("plan"))
    ui.phraseList.setCurrentRow(0)
    ui.phraseEdit.setPlainText("Progress step-ups to 20 cm next visit.")  # edit
    dlg.save()
    assert dlg.result() == QuickPhrasesDialog.DialogCode.Accepted, ui.errorLabel.text()
    with win.db.session() as s:
        saved = get_phrases(s)
        eid = s.scalar(select(Episode.id).where(Episode.status == "active"))
    assert saved["assessment"] == ["Gait more symmetrical; cue hip abductors in stance.",
                                   *DEFAULTS["assessment"][:2]]
    assert saved["plan"][0] == "Progress step-ups to 20 cm next visit."
    note = SessionNoteDialog(win.ctx, eid)
    qtbot.addWidget(note)
    note.ui.assessmentEdit.clear()
    qtbot.keyClick(note.ui.assessmentEdit, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(note.ui.planEdit, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert note.ui.assessmentEdit.toPlainText() == saved["assessment"][0]
    assert note.ui.planEdit.toPlainText().endswith("Progress step-ups to 20 cm next visit.")


def test_a_phrase_too_long_is_named_and_nothing_is_saved(demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    signed_in(win)
    dlg = QuickPhrasesDialog(win.ctx, win)
    qtbot.addWidget(dlg)
    dlg.ui.fieldCombo.setCurrentIndex(dlg.ui.fieldCombo.findData("plan"))
    dlg.ui.phraseList.setCurrentRow(1)
    dlg.ui.phraseEdit.setPlainText("x" * 1001)
    dlg.save()
    assert dlg.result() != QuickPhrasesDialog.DialogCode.Accepted
    assert "Plan (Alt+1…9), phrase 2" in dlg.ui.errorLabel.text()
    assert dlg.ui.phraseList.currentRow() == 1
    with win.db.session() as s:
        assert get_phrases(s) == DEFAULTS


def test_the_menu_entry_is_off_for_an_assistant(demo_window) -> None:  # noqa: ANN001
    win = demo_window
    win.attach(win.db, user("assistant"))
    assert not win.ui.actionQuickPhrases.isEnabled()
