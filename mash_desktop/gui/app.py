"""Start the desktop app: Qt application, database, main window."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import STARTED
from ..config import resource_path
from ..db import Database, NewerDatabaseError, open_database
from . import errors

ORG = "MASH Desktop"
APP = "mash-desktop"


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORG)
        QCoreApplication.setApplicationName(APP)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    qss = resource_path("styles", "app.qss")
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    icon = resource_path("icons", "mash.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    return app


def open_db_or_explain(url: str) -> Database | None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from ..db.encryption import KeyNeeded

    key: str | None = None
    for _attempt in range(3):
        try:
            return open_database(url, key)
        except KeyNeeded as exc:
            key, ok = QInputDialog.getText(None, "Encrypted database",
                                           f"{exc.message}\n\nPassphrase:",
                                           QLineEdit.EchoMode.Password)
            if not ok:
                return None
        except NewerDatabaseError as exc:
            QMessageBox.critical(None, "Database is newer than this app", str(exc))
            return None
        except Exception as exc:  # noqa: BLE001 - anything here must be explained, not crash
            errors.log.exception("cannot open database %s", url)
            QMessageBox.critical(None, "Cannot open the database",
                                 f"The database at {url} could not be opened:\n\n{exc}")
            return None
    return None


def _report_shown_and_quit(window: QWidget, app: QApplication) -> None:
    """Quit once the window is really exposed on screen; print the start-up time."""
    handle = window.windowHandle()
    if handle is None or not handle.isExposed():
        QTimer.singleShot(5, lambda: _report_shown_and_quit(window, app))
        return
    elapsed = time.perf_counter() - STARTED
    print(f"main window shown after {elapsed * 1000:.0f} ms", flush=True)
    app.quit()


def sign_in(db: Database, user: object = None, smoke: bool = False) -> object:
    """The user for this session: first run creates the admin, later runs sign in.

    ``user`` is a User already authenticated by the CLI (--user with a password), used by
    scripted starts. A smoke start (--exit-after-show) of a database without accounts
    opens without one, as there is nobody to sign in. Returns False when cancelled.
    """
    from ..services.users import has_users
    from .login import LoginDialog, UserDialog

    if user is not None:
        return user
    with db.session() as s:
        first = not has_users(s)
    if first:
        if smoke:
            return None
        dialog = UserDialog(db, None, first=True)
        return dialog.created if dialog.exec() and dialog.created else False
    dialog = LoginDialog(db)
    return dialog.user if dialog.exec() and dialog.user else False


def run_gui(db_url: str, exit_after_show: bool = False, user: object = None) -> int:
    app = make_app()
    errors.install()
    db = open_db_or_explain(db_url)
    if db is None:
        return 2
    from .main_window import MainWindow

    actor = sign_in(db, user, exit_after_show)
    if actor is False:
        db.dispose()
        return 0
    window = MainWindow(db, actor or None)
    window.show()
    if exit_after_show:
        QTimer.singleShot(0, lambda: _report_shown_and_quit(window, app))
    code = app.exec()
    db.dispose()
    return code
