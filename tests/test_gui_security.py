"""Sign-in, wrong password, auto-lock and unlock without losing an open form."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from mash_desktop.gui.login import LoginDialog, UserDialog
from mash_desktop.gui.main_window import MainWindow
from mash_desktop.gui.operations import Runner
from mash_desktop.gui.patient_dialog import PatientDialog
from mash_desktop.models import AuditEntry
from mash_desktop.services.users import SignedInUser, create_user


def make_admin(db):  # noqa: ANN001, ANN201
    with db.session() as s:
        return create_user(s, {"username": "dana", "full_name": "Dana Whitaker",
                               "credentials": "DPT", "password": "correct horse"})


def test_first_start_creates_the_admin(db, qtbot) -> None:  # noqa: ANN001
    dlg = UserDialog(Runner(db), None, first=True)
    qtbot.addWidget(dlg)
    ui = dlg.ui
    ui.usernameEdit.setText("dana")
    ui.fullNameEdit.setText("Dana Whitaker")
    ui.passwordEdit.setText("correct horse")
    ui.repeatEdit.setText("correct hors")
    dlg.save()
    assert dlg.errors.message_for("repeat") and dlg.created is None
    ui.repeatEdit.setText("correct horse")
    dlg.save()
    assert isinstance(dlg.created, SignedInUser) and dlg.created.role == "admin"


def test_login_wrong_then_right_password(db, qtbot) -> None:  # noqa: ANN001
    make_admin(db)
    dlg = LoginDialog(Runner(db))
    qtbot.addWidget(dlg)
    dlg.ui.passwordEdit.setText("nope")
    dlg.try_login()
    assert dlg.user is None and "wrong password" in dlg.ui.messageLabel.text()
    dlg.ui.passwordEdit.setText("correct horse")
    dlg.try_login()
    assert isinstance(dlg.user, SignedInUser) and dlg.user.username == "dana"
    with db.session() as s:
        actions = [a.action for a in s.scalars(select(AuditEntry))]
    assert "login_failed" in actions and "login" in actions


def test_escape_on_sign_in_asks_before_quitting(db, qtbot, monkeypatch) -> None:  # noqa: ANN001
    make_admin(db)
    dlg = LoginDialog(Runner(db))
    qtbot.addWidget(dlg)
    dlg.show()
    asked: list[tuple[str, object]] = []

    def answer(button: QMessageBox.StandardButton):  # noqa: ANN202
        def question(_parent, title, _text, _buttons, default):  # noqa: ANN001, ANN202
            asked.append((title, default))
            return button
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    dlg.reject()  # what Escape and Cancel do
    assert asked == [("Quit MASH Desktop?", QMessageBox.StandardButton.No)] and dlg.isVisible()
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    dlg.reject()
    assert not dlg.isVisible() and dlg.result() == 0


def test_auto_lock_hides_everything_and_unlock_keeps_the_open_form(db, qtbot) -> None:  # noqa: ANN001
    actor = make_admin(db)
    win = MainWindow(db, actor)
    qtbot.addWidget(win)
    win.show()
    win.idle_lock.set_minutes(0.002)  # ~0.1 s for the test
    form = PatientDialog(win.ctx, lambda s, values: 0, parent=win)
    form.ui.lastNameEdit.setText("Typed but not saved")
    form.show()
    seen: dict[str, object] = {}

    def answer_lock() -> None:
        lock = next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, LoginDialog) and w.isVisible()), None)
        if lock is None:
            QTimer.singleShot(20, answer_lock)
            return
        seen["form_hidden"] = not form.isVisible()
        seen["chart_hidden"] = not win.centralWidget().isVisible()
        seen["user_fixed"] = not lock.ui.userCombo.isEnabled()
        lock.ui.passwordEdit.setText("wrong password")
        lock.try_login()
        seen["still_locked"] = lock.isVisible()
        lock.ui.passwordEdit.setText("correct horse")
        lock.try_login()

    QTimer.singleShot(0, answer_lock)
    qtbot.waitUntil(lambda: "still_locked" in seen, timeout=5000)
    qtbot.waitUntil(lambda: not win.idle_lock.locked, timeout=5000)
    assert seen == {"form_hidden": True, "chart_hidden": True, "user_fixed": True,
                    "still_locked": True}
    assert form.isVisible() and form.ui.lastNameEdit.text() == "Typed but not saved"
    assert win.centralWidget().isVisible()
    win.idle_lock.set_minutes(0)
