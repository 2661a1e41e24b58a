"""File ▸ Connect to clinic server: point this workstation at the clinic's PostgreSQL server.

The address is kept in this workstation's settings (QSettings) without any password; the
app opens it at every start unless ``--db`` or ``MASH_DESKTOP_DB`` say otherwise. A
password, when the server wants one, is asked for and may be kept in the OS keyring
(:mod:`mash_desktop.db.credentials`), never in the settings file.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..errors import ValidationError
from .field_errors import FieldErrors

SETTING = "clinic/server_url"  # read at every start: this module imports no SQLAlchemy


def saved_server() -> str | None:
    """The clinic server this workstation opens at start, if one was chosen."""
    value = QSettings().value(SETTING)
    return str(value) if value else None


def save_server(url: str | None) -> None:
    from ..db import credentials

    settings = QSettings()
    if url:
        settings.setValue(SETTING, credentials.without_password(url))
    else:
        settings.remove(SETTING)
    settings.sync()


class PasswordDialog(QDialog):
    """The server's password, and whether to keep it in the OS keyring."""

    def __init__(self, url: str, message: str = "", parent: QWidget | None = None) -> None:
        from ..db.credentials import url_parts

        super().__init__(parent)
        self.setWindowTitle("Clinic server password")
        layout = QVBoxLayout(self)
        u = url_parts(url)
        text = f"Password for <b>{u['user']}</b> on <b>{u['host'] or 'this computer'}</b>"
        if message:
            text += f"<br><span style='color:#b3261e'>{message}</span>"
        layout.addWidget(QLabel(text))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.password)
        self.remember = QCheckBox("Remember it in this computer's keyring")
        layout.addWidget(self.remember)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def ask_password(url: str, message: str = "",
                 parent: QWidget | None = None) -> tuple[str, bool] | None:
    dlg = PasswordDialog(url, message, parent)
    if not dlg.exec():
        return None
    return dlg.password.text(), dlg.remember.isChecked()


def connect_url(url: str, parent: QWidget | None = None) -> str | None:
    """The URL to connect with: as given, or with the password the server asks for
    (from the keyring, else asked). None when the user gave up. Raises
    ``credentials.ServerUnreachable`` when the server cannot be reached at all."""
    from ..db import credentials

    candidate, typed = url, None
    stored = credentials.stored_password(url)
    message = ""
    for _attempt in range(5):
        try:
            credentials.try_connect(candidate)
            if typed is not None and typed[1]:
                credentials.remember_password(url, typed[0])  # only one that worked
            return candidate
        except credentials.PasswordNeeded:
            message = "That password was not accepted." if candidate != url else ""
        if stored is not None:
            candidate, stored = credentials.with_password(url, stored), None
            continue
        typed = ask_password(url, message, parent)
        if typed is None:
            return None
        candidate = credentials.with_password(url, typed[0])
    return None


class ConnectDialog(QDialog):
    """Host, port, database, role and TLS mode of the clinic server."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from ..db import credentials

        super().__init__(parent)
        self.setWindowTitle("Connect to clinic server")
        self.chosen: str | None = None
        self.local = False
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            "Every workstation of the clinic opens the same PostgreSQL server. Ask whoever "
            "set it up for these details (README: Clinic server)."))
        form = QFormLayout()
        self.host, self.port = QLineEdit(), QLineEdit()
        self.port.setPlaceholderText("5432")
        self.database, self.user = QLineEdit("mash"), QLineEdit("mash_app")
        self.sslmode = QComboBox()
        for mode in credentials.SSL_MODES:
            self.sslmode.addItem(mode, mode)
        self.sslmode.setCurrentIndex(self.sslmode.findData("require"))
        form.addRow("&Server (name or address)", self.host)
        form.addRow("&Port", self.port)
        form.addRow("&Database", self.database)
        form.addRow("&Role (user)", self.user)
        form.addRow("&TLS (sslmode)", self.sslmode)
        layout.addLayout(form)
        self.errors = FieldErrors(form, {"host": self.host, "port": self.port,
                                         "database": self.database, "user": self.user,
                                         "sslmode": self.sslmode})
        current = saved_server()
        if current:
            self._fill(current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = QPushButton("&Connect")
        self.local_button = QPushButton("Use this computer's own database")
        buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.local_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.connect_button.clicked.connect(self.try_connect)
        self.local_button.clicked.connect(self.use_local)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _fill(self, url: str) -> None:
        from ..db.credentials import url_parts

        u = url_parts(url)
        self.host.setText(u["host"])
        self.port.setText(u["port"])
        self.database.setText(u["database"])
        self.user.setText(u["user"])
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(u["sslmode"])))

    def url(self) -> str:
        from ..db import credentials

        return credentials.server_url(self.host.text(), self.database.text(),
                                      self.user.text(), self.port.text(),
                                      self.sslmode.currentData())

    def try_connect(self) -> None:
        from ..db.credentials import ServerUnreachable

        try:
            url = self.url()
        except ValidationError as exc:
            rest = self.errors.show(exc.errors)
            if rest:
                QMessageBox.warning(self, "Connect", "\n".join(rest))
            return
        self.errors.show({})
        try:
            if connect_url(url, self) is None:
                return
        except ServerUnreachable as exc:
            QMessageBox.warning(self, "Cannot reach the server", f"{exc}\n\nNothing was "
                                "changed; this computer still opens its current database.")
            return
        save_server(url)
        self.chosen = url
        self.accept()

    def use_local(self) -> None:
        save_server(None)
        self.local = True
        self.accept()
