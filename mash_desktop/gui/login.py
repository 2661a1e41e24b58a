"""Sign-in, first-run admin creation, user management and the idle lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..services import ValidationError
from ..services.access import ROLES
from ..services.security import DEFAULT_IDLE_MINUTES
from ..services.settings import get_setting
from ..services.users import (
    CREDENTIALS,
    SignedInUser,
    UserForm,
    UserRow,
    create_user,
    login,
    update_user,
    user_rows,
)
from .context import AppContext
from .field_errors import FieldErrors
from .forms.ui_logindialog import Ui_LoginDialog
from .forms.ui_userdialog import Ui_UserDialog
from .operations import Runner, human_message

if TYPE_CHECKING:
    from .operations import DbSession

__all__ = ["DEFAULT_IDLE_MINUTES", "IdleLock", "LoginDialog", "UserDialog", "UsersDialog"]


class LoginDialog(QDialog):
    """Sign in; in lock mode only the same user can unlock."""

    def __init__(self, runner: Runner, parent: QWidget | None = None, *,
                 lock_user: SignedInUser | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.user: SignedInUser | None = None
        self.ui = ui = Ui_LoginDialog()
        ui.setupUi(self)
        names = [u.username for u in runner.read(user_rows) if u.active]
        single = runner.read(lambda s: get_setting(s, "single_user"))
        ui.userCombo.addItems(names)
        if lock_user is not None:
            self.setWindowTitle("MASH Desktop is locked")
            ui.introLabel.setText(f"Locked after inactivity. {lock_user.full_name}, enter your "
                                  "password to continue where you left off.")
            ui.userCombo.setCurrentText(lock_user.username)
            ui.userCombo.setEnabled(False)
        elif single and single in names:
            ui.introLabel.setText("Single-user mode: enter your password.")
            ui.userCombo.setCurrentText(single)
            ui.userCombo.setEnabled(False)
        ui.passwordEdit.setFocus()
        ui.buttonBox.accepted.connect(self.try_login)
        ui.buttonBox.rejected.connect(self.reject)

    def reject(self) -> None:
        """Cancel or Escape ends the app (sign-in or the idle lock cannot be skipped), so
        ask first: a stray key press must not close MASH Desktop. No is the default."""
        locked = self.windowTitle() == "MASH Desktop is locked"
        answer = QMessageBox.question(
            self, "Quit MASH Desktop?",
            "Quit MASH Desktop now?" + ("\n\nOpen forms are kept as drafts for the next "
                                        "start." if locked else ""),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            super().reject()

    def try_login(self) -> None:
        db, name, password = self.runner.db, self.ui.userCombo.currentText(), \
            self.ui.passwordEdit.text()
        # login() keeps failed attempts in a transaction of its own, so it is a task
        self.runner.task(self, lambda: login(db, name, password)).success(self._signed_in) \
            .failure(self._refused).run()

    def _signed_in(self, user: SignedInUser) -> None:
        self.user = user
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self.ui.messageLabel.setText(f"<span style='color:#b3261e'>{human_message(exc)}</span>")
        self.ui.passwordEdit.clear()
        self.ui.passwordEdit.setFocus()


class UserDialog(QDialog):
    """Create (or edit) an account; the first account of a clinic is its administrator."""

    def __init__(self, runner: Runner, actor: SignedInUser | None, user: UserRow | None = None,
                 parent: QWidget | None = None, *, first: bool = False,
                 single_user: bool = False) -> None:
        super().__init__(parent)
        self.runner, self.actor, self.user_id = runner, actor, user.id if user else None
        self.created: SignedInUser | None = None
        self.ui = ui = Ui_UserDialog()
        ui.setupUi(self)
        ui.credentialsCombo.addItems(CREDENTIALS)
        for key, label in ROLES.items():
            ui.roleCombo.addItem(label, key)
        self.errors = FieldErrors(ui.form, {
            "username": ui.usernameEdit, "full_name": ui.fullNameEdit,
            "credentials": ui.credentialsCombo, "role": ui.roleCombo,
            "licence_number": ui.licenceEdit, "npi": ui.npiEdit,
            "password": ui.passwordEdit, "repeat": ui.repeatEdit})
        if first and single_user:
            self.setWindowTitle("Single-user practice — create your account")
            ui.introLabel.setText("Create your own account. It is also the administrator, so "
                                  "you can add colleagues later (Admin ▸ Users). Cancel goes "
                                  "back to the welcome.")
        elif first:
            self.setWindowTitle("Welcome — create the administrator account")
            ui.introLabel.setText("This is a new clinic database. Create the first account; it "
                                  "will be the administrator (it can add clinicians and "
                                  "assistants later). Cancel goes back to the welcome.")
            # An office administrator is not a PT unless they say so: a signature needs
            # real clinical credentials (services/documents.py).
            ui.credentialsCombo.setCurrentText("")
        if first:
            ui.roleCombo.setCurrentIndex(ui.roleCombo.findData("admin"))
            ui.roleCombo.setEnabled(False)
        if user is not None:
            ui.usernameEdit.setText(user.username)
            ui.usernameEdit.setReadOnly(True)
            ui.fullNameEdit.setText(user.full_name)
            ui.credentialsCombo.setCurrentText(user.credentials)
            ui.licenceEdit.setText(user.licence_number)
            ui.npiEdit.setText(user.npi)
            ui.roleCombo.setCurrentIndex(ui.roleCombo.findData(user.role))
            ui.introLabel.setText("Leave the password empty to keep it.")
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)

    def save(self) -> None:
        ui = self.ui
        if ui.passwordEdit.text() != ui.repeatEdit.text():
            self.errors.show({"repeat": "the passwords differ"})
            return
        data: UserForm = {"username": ui.usernameEdit.text(),
                          "full_name": ui.fullNameEdit.text(),
                          "credentials": ui.credentialsCombo.currentText(),
                          "role": ui.roleCombo.currentData(),
                          "licence_number": ui.licenceEdit.text(),
                          "npi": ui.npiEdit.text(),
                          "password": ui.passwordEdit.text()}
        actor, user_id = self.actor, self.user_id
        if user_id is not None and not data.get("password"):
            data.pop("password")

        def write(s: DbSession) -> SignedInUser | None:
            if user_id is None:
                return SignedInUser.of(create_user(s, data, actor))
            update_user(s, user_id, data, actor)
            return None

        self.runner.op(self, write).success(self._saved).failure(self._not_saved).run()

    def _saved(self, created: SignedInUser | None) -> None:
        self.created = created
        self.accept()

    def _not_saved(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            self.errors.show(exc.errors)
        else:
            self.errors.show({"username": human_message(exc)})


class UsersDialog(QDialog):
    """Admin-only list of accounts: add, edit, deactivate."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.users: list[UserRow] = []
        self.setWindowTitle("Users")
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName("User accounts")
        self.table.setHorizontalHeaderLabels(["User", "Name", "Credentials", "Role", "Active"])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        add, edit, toggle = (QPushButton("Add user…"), QPushButton("Edit…"),
                             QPushButton("Activate / deactivate"))
        add.clicked.connect(lambda: self._edit(None))
        edit.clicked.connect(lambda: self._edit(self._selected()))
        toggle.clicked.connect(self._toggle)
        buttons = QHBoxLayout()
        for b in (add, edit, toggle):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addLayout(buttons)
        self.resize(640, 360)
        self.reload()

    def reload(self) -> None:
        self.users = self.ctx.runner.read(user_rows)
        self.table.setRowCount(len(self.users))
        for i, u in enumerate(self.users):
            for j, text in enumerate([u.username, u.full_name, u.credentials,
                                      ROLES.get(u.role, u.role), "yes" if u.active else "no"]):
                self.table.setItem(i, j, QTableWidgetItem(text))

    def _selected(self) -> UserRow | None:
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def _edit(self, user: UserRow | None) -> None:
        if UserDialog(self.ctx.runner, self.ctx.user, user, self).exec():
            self.reload()

    def _toggle(self) -> None:
        user, actor = self._selected(), self.ctx.user
        if user is None or (actor and user.id == actor.id):
            return
        self.ctx.runner.op(self, lambda s: update_user(s, user.id, {"active": not user.active},
                                                       actor).id) \
            .success(lambda _id: self.reload()).run()


class IdleLock(QObject):
    """Locks the window after ``minutes`` without keyboard or mouse input.

    Open forms are hidden (not closed) while locked, so nothing typed is lost; only the
    signed-in user's password unlocks.
    """

    INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel}

    def __init__(self, window: QMainWindow, ctx: AppContext, minutes: float) -> None:
        super().__init__(window)
        self.main, self.ctx = window, ctx
        self.dialog: LoginDialog | None = None
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(minutes)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        self.interval = int(minutes * 60_000)
        if self.interval > 0:
            self.timer.start(self.interval)
        else:
            self.timer.stop()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.locked and event.type() in self.INPUT and self.interval > 0:
            self.timer.start(self.interval)
        return False

    def lock(self) -> bool:
        """Hide everything, ask for the password; returns True once unlocked."""
        if self.locked or self.ctx.user is None:
            return True
        self.locked = True
        hidden = [w for w in QApplication.topLevelWidgets()
                  if w.isVisible() and w is not self.main]
        for w in hidden:
            w.hide()
        central = self.main.centralWidget()
        assert central is not None, "the main window always has its central widget"
        central.hide()
        self.dialog = LoginDialog(self.ctx.runner, self.main, lock_user=self.ctx.user)
        ok = self.dialog.exec() == QDialog.DialogCode.Accepted
        if not ok:  # cancelling a lock closes the app; unsaved forms stay as drafts
            self.main.close()
            return False
        central.show()
        for w in hidden:
            w.show()
        self.locked = False
        self.timer.start(self.interval)
        return True


def password_field_empty(edit: QLineEdit) -> bool:
    return not edit.text()
