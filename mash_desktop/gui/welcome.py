"""The first start of a new clinic database, for someone who has never seen the app.

It says what the app is and offers three ways in: a clinic with several users (create
the administrator), a single-user practice (one account, sign-in without choosing a
user), or a look around a separate demo clinic. Cancel anywhere comes back here, and
leaving asks first, so nobody loses their way out of a half-finished set-up.
"""

from __future__ import annotations

import enum
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from .forms.ui_welcomedialog import Ui_WelcomeDialog
from .typography import scale

if TYPE_CHECKING:
    from ..db import Database
    from ..services.users import SignedInUser
    from .operations import DbSession, Runner


class Choice(enum.Enum):
    CLINIC = "clinic"
    SINGLE_USER = "single-user"
    DEMO = "demo"


INTRO = ("MASH Desktop keeps your patients' charts, session notes, outcome measures and "
         "reports on this computer; it needs no internet. This clinic database {holds}. "
         "{then}How will you use it?")
KEPT = ("Its charts stay as they are: setting up accounts only decides who signs in. ")


class WelcomeDialog(QDialog):
    """The three choices of a first start; closing it asks before the app quits."""

    def __init__(self, where: str, parent: QWidget | None = None,
                 holds: str = "is new and empty") -> None:
        """``holds``: what the database holds, as :meth:`ClinicContents.sentence` says it
        (a database without accounts may already hold charts)."""
        super().__init__(parent)
        self.choice: Choice | None = None
        self.ui = ui = Ui_WelcomeDialog()
        ui.setupUi(self)
        ui.introLabel.setText(INTRO.format(
            holds=holds, then="" if holds == "is new and empty" else KEPT))
        ui.titleLabel.setStyleSheet("color: #12355b;")
        scale(ui.titleLabel, 1.4, bold=True)  # relative to the system font, never pixels
        ui.databaseLabel.setProperty("role", "hint")
        ui.databaseLabel.setText(f"Clinic database: {where}")
        ui.buttonBox.button(ui.buttonBox.StandardButton.Cancel).setText("&Quit…")
        ui.clinicButton.clicked.connect(lambda: self.choose(Choice.CLINIC))
        ui.singleUserButton.clicked.connect(lambda: self.choose(Choice.SINGLE_USER))
        ui.demoButton.clicked.connect(lambda: self.choose(Choice.DEMO))
        ui.buttonBox.rejected.connect(self.reject)

    def choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    def reject(self) -> None:
        """Quit only when the user says so: Escape or a stray click must not end the set-up."""
        answer = QMessageBox.question(
            self, "Quit MASH Desktop?",
            "Nothing has been set up yet. Quit MASH Desktop now?\n\n"
            "The next start shows this welcome again.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            super().reject()


def first_start(runner: Runner, parent: QWidget | None = None) -> SignedInUser | Choice | None:
    """Run the welcome until the user has an account, wants the demo, or chose to quit.

    Returns the new account, ``Choice.DEMO``, or None when the user confirmed quitting.
    """
    from ..services.contents import clinic_contents
    from .login import UserDialog

    assert runner.db is not None
    holds = runner.read(clinic_contents).sentence()
    while True:
        welcome = WelcomeDialog(str(runner.db.path or runner.db.url), parent, holds)
        if not welcome.exec():
            return None
        if welcome.choice is Choice.DEMO:
            return Choice.DEMO
        single = welcome.choice is Choice.SINGLE_USER
        dialog = UserDialog(runner, None, None, parent, first=True, single_user=single)
        if dialog.exec() and dialog.created is not None:
            if single:
                _single_user_mode(runner, dialog.created)
            return dialog.created
        # Cancelled the account form: back to the three choices.


def _single_user_mode(runner: Runner, admin: SignedInUser) -> None:
    """Turn on single-user mode for the new account, through the security service."""
    from ..services.security import save_security_settings, security_settings

    def turn_on(s: DbSession) -> object:
        current = security_settings(s)
        return save_security_settings(s, replace(current, single_user=admin.username), admin)

    runner.op(None, turn_on).run()


def open_demo_database() -> Database | None:
    """Open (building it the first time) the separate demo clinic, with visible progress.

    The demo clinic takes a few seconds to build, so the runner builds it off the GUI
    thread behind a modal progress dialog (the event loop keeps running).
    """
    from ..config import demo_db_path
    from ..demo.label import add_demo_clinic
    from ..files import make_private_dir
    from .app import open_db_or_explain
    from .operations import Runner

    path = demo_db_path()
    make_private_dir(path.parent)
    db = open_db_or_explain(f"sqlite:///{path}")
    if db is None:
        return None
    runner = Runner(db)
    built: list[int] = []
    # Exclusive: a modal progress dialog says what is happening while it builds.
    runner.op(None, add_demo_clinic).exclusive("Setting up the demo clinic with sample "
                                               "patients").success(built.append).run()
    runner.wait()
    if not built:  # the runner has shown what went wrong
        db.dispose()
        return None
    return db
