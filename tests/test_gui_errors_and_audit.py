"""Unexpected errors reach a dialog and the log; the audit view answers 'who did what'."""

from __future__ import annotations

import sys

from conftest import open_tab

from mash_desktop.gui import errors
from mash_desktop.gui.audit_view import AuditPanel
from mash_desktop.services.patients import create_patient, update_patient


def test_unexpected_error_is_logged_and_shown_with_details(qtbot, monkeypatch) -> None:  # noqa: ANN001
    from mash_desktop.gui.app import make_app

    make_app()
    shown: dict[str, str] = {}
    monkeypatch.setattr(errors, "show_error",
                        lambda title, summary, details="": shown.update(
                            title=title, summary=summary, details=details))
    path = errors.setup_logging()
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        errors.excepthook(*sys.exc_info())
    assert "boom in a slot" in shown["summary"] and "Traceback" in shown["details"]
    for handler in errors.log.handlers:
        handler.flush()
    with open(path, encoding="utf-8") as f:
        assert "boom in a slot" in f.read()


def test_audit_view_filters_by_user_action_and_text(window, qtbot) -> None:  # noqa: ANN001
    with window.db.session() as s:
        pid = create_patient(s, {"mrn": "A1", "first_name": "Ann", "last_name": "Lee",
                                 "date_of_birth": "1950-01-01", "sex": "female"}).id
    with window.db.session() as s:
        update_patient(s, pid, {"phone": "302-555-0100"})
    panel = AuditPanel(window.ctx, patient_scoped=True)
    qtbot.addWidget(panel)
    panel.load(pid, None)
    assert panel.model.rowCount() == 2
    panel.action.setCurrentText("changed")  # the action in words (stored as "update")
    assert panel.model.rowCount() == 1
    assert "Phone: — → 302-555-0100" in panel.model.rows[0][5]
    assert panel.model.rows[0][4] == "Lee, Ann"  # the patient's name, not an id
    panel.action.setCurrentText("any")
    panel.text.setText("nothing-like-this")
    assert panel.model.rowCount() == 0


def test_audit_filters_start_empty_for_each_patient_opened(window) -> None:  # noqa: ANN001
    ids = []
    with window.db.session() as s:
        for mrn in ("F1", "F2"):
            ids.append(create_patient(s, {"mrn": mrn, "first_name": "Ann", "last_name": mrn,
                                          "date_of_birth": "1950-01-01",
                                          "sex": "female"}).id)
    a, b = ids
    window.reload_patients()
    window.open_patient(a)
    panel = open_tab(window, "Audit")
    panel.text.setText("nothing-like-this")
    panel.since.setText("2001-01-01")
    panel.action.setCurrentText("created")
    assert panel.model.rowCount() == 0
    window.open_patient(b)
    assert (panel.text.text(), panel.since.text(), panel.action.currentData()) == ("", "", "")
    # patient B's own record creation and this opening of the chart (reads are audited)
    assert panel.model.rowCount() == 2
