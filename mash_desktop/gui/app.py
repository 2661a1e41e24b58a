"""Start the desktop app: Qt application, main window, then the database.

The window goes on screen before the database layer is even imported (SQLAlchemy alone
takes a quarter of a second to import on a 2-core laptop); the clinic opens in it right
after the first paint. ``gui --exit-after-show`` prints when the window is shown, when the
patient list is ready and when the Today screen has drawn.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import STARTED
from ..config import resource_path
from ..desktop_entry import APP_ID
from . import errors

if TYPE_CHECKING:
    from ..db import Database

ORG = "MASH Desktop"
APP = "mash-desktop"


NO_WINDOW = ("the app window needs a desktop session{why}; the commands work without one "
             "(mash-desktop --help)")


def display_problem() -> str | None:
    """Why no window can open here, found before Qt tries (and aborts), or None.

    On Linux Qt needs an X11 or Wayland session unless QT_QPA_PLATFORM names a platform
    that draws elsewhere (offscreen, vnc...); without one it aborts with exit 134.
    """
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return NO_WINDOW.format(why=" (neither DISPLAY nor WAYLAND_DISPLAY is set)")


def _create_application(argv: list[str]) -> QApplication:
    """QApplication, with Qt's start-up complaints turned into one line and exit 2.

    A display that is set but unreachable, or a missing system library of the platform
    plugin, makes Qt abort with several lines and exit 134. Qt's other start-up messages
    (such as the note about a non-UTF-8 locale) go to the log, not the terminal.
    """
    said: list[str] = []

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            reason = next((m for m in said if "display" in m or "needed" in m), message)
            why = " (" + " ".join(reason.split())[:200] + ")"
            print(f"mash-desktop: {NO_WINDOW.format(why=why)}", file=sys.stderr, flush=True)
            os._exit(2)
        said.append(message)

    previous = qInstallMessageHandler(handler)
    try:
        app = QApplication(argv)
    finally:
        qInstallMessageHandler(previous)
    for message in said:
        errors.log.info("Qt at start-up: %s", message)
    return app


def app_icon() -> QIcon:
    """The app icon from its rendered PNGs (crisp at every size, no SVG plugin needed)."""
    icon = QIcon()
    for png in sorted(resource_path("icons", "hicolor").glob(f"*/apps/{APP_ID}.png")):
        icon.addFile(str(png))
    return icon


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORG)
        QCoreApplication.setApplicationName(APP)
        app = _create_application(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    qss = resource_path("styles", "app.qss")
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    app.setWindowIcon(app_icon())
    # Ties the windows to the installed desktop entry (its icon and name on Wayland).
    app.setDesktopFileName(APP_ID)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    from . import geometry, typography

    geometry.install(app)  # every window and dialog fits the screen it is shown on
    typography.install(app)
    return app


def open_db_or_explain(url: str) -> Database | None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from ..config import is_server_url
    from ..db import NewerDatabaseError
    from ..db.encryption import KeyNeeded
    from ..services.startup import open_clinic

    key: str | None = None
    if is_server_url(url):  # a clinic server: sign-in only with the server, no local copy
        from ..db.credentials import ServerUnreachable, without_password
        from .server_dialog import connect_url

        try:
            chosen = connect_url(url)
        except ServerUnreachable as exc:
            first = str(exc)
            QMessageBox.critical(None, "Cannot reach the clinic server", (
                f"The clinic server {without_password(url)} does not answer:\n\n{first}\n\n"
                "Check the network and that the server is running, then start the app "
                "again. (File ▸ Connect to clinic server changes the address.)"))
            return None
        if chosen is None:
            return None
        url = chosen
    for _attempt in range(3):
        try:
            return open_clinic(url, key)
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
            from ..logs import describe_exception

            errors.log.error("cannot open the database\n%s", describe_exception(exc))
            from .operations import human_message  # no SQL text on screen

            QMessageBox.critical(None, "Cannot open the database",
                                 f"The database at {url} could not be opened:\n\n"
                                 f"{human_message(exc)}")
            return None
    return None


def _ms() -> str:
    return f"{(time.perf_counter() - STARTED) * 1000:.0f} ms"


def when_painted(window: QWidget, then: Callable[[], None]) -> None:
    """Call ``then`` once the window is exposed on screen and painted."""
    handle = window.windowHandle()
    if handle is None or not handle.isExposed():
        QTimer.singleShot(5, lambda: when_painted(window, then))
        return
    window.repaint()  # paint now, not after whatever ``then`` does
    then()


def sign_in(db: Database, user: object = None, smoke: bool = False) -> object:
    """The user for this session: the first start welcomes, later starts sign in.

    ``user`` is a SignedInUser already authenticated by the CLI (--user with a password), used by
    scripted starts. A database without accounts opens without one when there is nobody
    to sign in: a smoke start (--exit-after-show) and a demo database (``make demo``).
    Otherwise the welcome runs; it returns the new account, ``Choice.DEMO`` when the
    user wants the separate demo clinic, or False when the user chose to quit.
    """
    from ..demo.label import is_demo_database
    from ..services.users import has_users
    from .login import LoginDialog
    from .operations import Runner
    from .welcome import first_start

    if user is not None:
        return user
    runner = Runner(db)
    first = not runner.read(has_users)
    demo = first and runner.read(is_demo_database)
    if first:
        if smoke or demo:
            return None
        chosen = first_start(runner)
        return False if chosen is None else chosen
    login = LoginDialog(runner)
    return login.user if login.exec() and login.user else False


def run_gui(db_url: str, exit_after_show: bool = False, user: object = None,
            explicit: bool = True) -> int:
    """Start the app on ``db_url``; when the user did not choose one (``explicit`` False:
    no --db, no MASH_DESKTOP_DB) the clinic server saved on this workstation wins."""
    problem = display_problem()
    if problem:
        print(f"mash-desktop: {problem}", file=sys.stderr)
        return 2
    from ..files import private_umask

    private_umask()  # the database, drafts, exports and logs this run creates are private
    app = make_app()
    errors.install()
    if not explicit:
        from .server_dialog import saved_server

        db_url = saved_server() or db_url
    from .main_window import MainWindow  # Qt only: the database layer is not imported yet
    from .welcome import Choice, open_demo_database

    window = MainWindow(None)
    window.show()
    outcome: dict[str, Any] = {"code": 0, "db": None}

    def open_clinic() -> None:
        if exit_after_show:
            print(f"main window shown after {_ms()}", flush=True)
        db = open_db_or_explain(db_url)
        if db is None:
            outcome["code"] = 2
            app.exit(2)
            return
        outcome["db"] = db
        # the sign-in dialog opens over the window: nothing of the window's own text may
        # peek out beside it ("clinic…" of "Opening the clinic…" looked like part of it)
        window.ui.emptyLabel.clear()
        actor = sign_in(db, user, exit_after_show)
        if actor is Choice.DEMO:  # "Try with demo patients": the separate demo clinic
            db.dispose()
            outcome["db"] = db = open_demo_database()
            actor = None
            if db is None:
                outcome["code"] = 2
                app.exit(2)
                return
        if actor is False:
            window.skip_auto_backup = True
            app.exit(0)
            return
        window.attach(db, actor or None)  # type: ignore[arg-type]
        if exit_after_show:
            window.repaint()
            print(f"patient list ready after {_ms()}", flush=True)

            def today_ready() -> None:
                print(f"today screen ready after {_ms()}", flush=True)
                app.quit()

            window.when_today_ready(today_ready)

    QTimer.singleShot(0, lambda: when_painted(window, open_clinic))
    code = app.exec()
    if outcome["db"] is not None:
        outcome["db"].dispose()
    return code or int(outcome["code"])
