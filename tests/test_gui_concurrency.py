"""Two workstations in the app: the second save is refused with what changed, and the PT's
typing is kept as a draft that comes back when the form is opened again."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from mash_desktop.gui.patient_dialog import PatientDialog
from mash_desktop.gui.sessions.note_dialog import SessionNoteDialog
from mash_desktop.models import Draft, Episode, VisitNote
from mash_desktop.services.chart import patient_form_versioned
from mash_desktop.services.patients import update_patient
from mash_desktop.services.sessions import note_values, save_note

pytestmark = pytest.mark.both_engines


def _draft_note(db) -> tuple[int, int]:  # noqa: ANN001
    """An unsigned note in an active episode: (episode id, note id)."""
    with db.session() as s:
        ep = s.scalars(select(Episode).where(Episode.status == "active")).first()
        last = s.scalars(select(VisitNote).where(VisitNote.episode_id == ep.id)
                         .order_by(VisitNote.visit_date.desc())).first()
        values = note_values(last)
        values["subjective"] = "Draft for today"
        values["start_time"] = "06:45"  # a second visit that day: one visit per start time
        note = save_note(s, ep.id, {k: v for k, v in values.items() if k != "visit_number"})
        return ep.id, note.id


def test_note_saved_elsewhere_refuses_my_save_and_keeps_my_typing(
        demo_window, qtbot, monkeypatch, unsaved_changes_answer) -> None:  # noqa: ANN001
    win = demo_window
    eid, nid = _draft_note(win.db)
    mine = SessionNoteDialog(win.ctx, eid, nid)
    qtbot.addWidget(mine)
    mine.drafts.timer.stop()
    with win.db.session() as s:  # the assistant, on the front-desk PC, saves first
        values = note_values(s.get(VisitNote, nid))
        values["subjective"] = "Assistant: patient called, running late"
        save_note(s, eid, {k: v for k, v in values.items() if k != "visit_number"}, nid)
    mine.ui.subjectiveEdit.setPlainText("Hip pain eased after the bridges")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    mine.save(sign=False)
    assert mine.saved_id is None
    message = mine.ui.signedLabel.text() + " ".join(shown)
    assert "changed on another workstation" in message and "subjective" in message
    with win.db.session() as s:
        assert s.get(VisitNote, nid).subjective == "Assistant: patient called, running late"
    unsaved_changes_answer["answer"] = "save"  # closing asks: "Save draft" keeps the typing
    mine.reject()
    assert not mine.isVisible() and unsaved_changes_answer["asked"]
    with win.db.session() as s:
        assert s.scalar(select(Draft.id)) is not None
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    again = SessionNoteDialog(win.ctx, eid, nid)
    qtbot.addWidget(again)
    assert again.ui.subjectiveEdit.toPlainText() == "Hip pain eased after the bridges"
    again.save(sign=False)  # now from the current version: it goes through
    assert again.saved_id == nid
    with win.db.session() as s:
        assert s.get(VisitNote, nid).subjective == "Hip pain eased after the bridges"


def test_patient_edited_elsewhere_names_the_change(demo_window, qtbot, monkeypatch) -> None:  # noqa: ANN001
    win = demo_window
    pid = win.model.rows[0].id
    values, version = win.runner.read(lambda s: patient_form_versioned(s, pid))
    dlg = PatientDialog(win.ctx, lambda s, new: update_patient(
        s, pid, new, expected_version=version, opened=values).id, values, [], win)
    qtbot.addWidget(dlg)
    dlg.drafts.timer.stop()
    with win.db.session() as s:
        update_patient(s, pid, {"phone": "555-0199"})
    dlg.ui.notesEdit.setPlainText("Prefers afternoon visits")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    dlg.save()
    assert dlg.saved_id is None
    assert any("phone:" in t and "555-0199" in t for t in shown), shown
    with win.db.session() as s:
        assert s.scalar(select(Draft.payload).where(Draft.form == "patient"))["notes"] == \
            "Prefers afternoon visits"
    dlg.reject()  # asked on closing, the PT answers "Discard changes": the kept copy goes
    with win.db.session() as s:
        assert s.scalar(select(Draft.id).where(Draft.form == "patient")) is None
