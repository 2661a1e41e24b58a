"""A first start for a PT who has never seen the app: the welcome explains the choices,
Cancel never quits without asking, and the demo clinic is separate and labelled DEMO."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from mash_desktop.cli import main
from mash_desktop.config import demo_db_path
from mash_desktop.db import open_database
from mash_desktop.demo.label import is_demo_database
from mash_desktop.gui import app as gui_app
from mash_desktop.gui.login import UserDialog
from mash_desktop.gui.main_window import MainWindow
from mash_desktop.gui.operations import Runner
from mash_desktop.gui.welcome import Choice, WelcomeDialog, first_start, open_demo_database
from mash_desktop.services.settings import get_setting
from mash_desktop.services.users import create_user

ROOT = Path(__file__).resolve().parent.parent


def _answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent: object, title: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_the_welcome_explains_each_way_in(qtbot) -> None:  # noqa: ANN001
    dlg = WelcomeDialog("/clinic/mash.db")
    qtbot.addWidget(dlg)
    ui = dlg.ui
    assert "administrator" in ui.clinicLabel.text()
    assert "Sign-in then skips choosing a user" in ui.singleUserLabel.text()
    assert "DEMO" in ui.demoLabel.text() and "separate" in ui.demoLabel.text()
    assert "/clinic/mash.db" in ui.databaseLabel.text()


def test_cancel_on_the_welcome_asks_before_quitting(qtbot, monkeypatch) -> None:  # noqa: ANN001
    dlg = WelcomeDialog("x.db")
    qtbot.addWidget(dlg)
    dlg.show()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    dlg.reject()
    assert asked == ["Quit MASH Desktop?"] and dlg.isVisible()
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dlg.reject()
    assert not dlg.isVisible() and dlg.result() == 0


def _fill_account(dialog: UserDialog, username: str) -> int:
    ui = dialog.ui
    ui.usernameEdit.setText(username)
    ui.fullNameEdit.setText("Dana Whitaker")
    ui.passwordEdit.setText("correct horse")
    ui.repeatEdit.setText("correct horse")
    dialog.save()
    return int(dialog.created is not None)


def test_single_user_practice_creates_one_admin_and_skips_choosing_a_user(
        db, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(WelcomeDialog, "exec",
                        lambda self: self.choose(Choice.SINGLE_USER) or 1)
    titles: list[str] = []

    def fill(dialog: UserDialog) -> int:
        titles.append(dialog.windowTitle())
        return _fill_account(dialog, "dana")

    monkeypatch.setattr(UserDialog, "exec", fill)
    user = first_start(Runner(db))
    assert user is not None and user.role == "admin"
    assert titles == ["Single-user practice — create your account"]
    with db.session() as s:
        assert get_setting(s, "single_user") == "dana"


def test_cancelling_the_account_form_goes_back_to_the_welcome(db, monkeypatch) -> None:  # noqa: ANN001
    shown: list[int] = []

    def welcome_exec(self: WelcomeDialog) -> int:
        shown.append(1)
        self.choose(Choice.CLINIC)
        return 1

    attempts = iter([0, 1])  # cancel the first account form, fill the second
    monkeypatch.setattr(WelcomeDialog, "exec", welcome_exec)
    monkeypatch.setattr(UserDialog, "exec",
                        lambda self: _fill_account(self, "dana") if next(attempts) else 0)
    user = first_start(Runner(db))
    assert len(shown) == 2 and user is not None and user.username == "dana"
    with db.session() as s:
        assert get_setting(s, "single_user") is None  # a clinic: everyone chooses a user


def test_quitting_from_the_welcome_creates_nothing(db, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(WelcomeDialog, "exec", lambda self: 0)
    assert gui_app.sign_in(db) is False
    with db.session() as s:
        assert get_setting(s, "single_user") is None


def test_try_with_demo_patients_opens_a_separate_labelled_demo_clinic(
        db, qtbot, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(WelcomeDialog, "exec", lambda self: self.choose(Choice.DEMO) or 1)
    assert gui_app.sign_in(db) is Choice.DEMO
    demo = open_demo_database()
    assert demo is not None and demo.path == demo_db_path()
    assert demo.path != db.path
    with demo.session() as s:
        assert is_demo_database(s)
    assert gui_app.sign_in(demo) is None  # no administrator dialog in the demo
    win = MainWindow(demo, None)
    qtbot.addWidget(win)
    assert "DEMO" in win.windowTitle()
    assert "DEMO" in win.findChild(QLabel, "demoBadge").text()  # in the window itself too
    with db.session() as s:
        assert not is_demo_database(s)  # the real clinic is untouched
    real = MainWindow(db, None)
    qtbot.addWidget(real)
    assert "DEMO" not in real.windowTitle() and real.findChild(QLabel, "demoBadge") is None
    demo.dispose()


def test_closing_the_demo_clinic_never_takes_the_clinics_automatic_backup(
        db, qtbot, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from mash_desktop.services import backup

    made: list[Path] = []
    monkeypatch.setattr(backup, "auto_backup", lambda path, keep: made.append(path))
    assert main(["--db", str(tmp_path / "demo.db"), "demo"]) == 0
    demo = open_database(f"sqlite:///{tmp_path / 'demo.db'}")
    win = MainWindow(demo, None)
    qtbot.addWidget(win)
    win.auto_backup()
    assert made == []  # the demo clinic is never backed up automatically
    real = MainWindow(db, None)
    qtbot.addWidget(real)
    real.auto_backup()
    assert made == [db.path]
    demo.dispose()


def test_a_new_file_filled_by_the_demo_command_is_a_demo_database(tmp_path: Path) -> None:
    assert main(["--db", str(tmp_path / "demo.db"), "demo"]) == 0
    database = open_database(f"sqlite:///{tmp_path / 'demo.db'}")
    with database.session() as s:
        assert is_demo_database(s)
    database.dispose()


def test_demo_patients_loaded_into_a_real_clinic_do_not_relabel_it(
        db, monkeypatch) -> None:  # noqa: ANN001
    from mash_desktop.demo import label

    monkeypatch.setattr(label, "build_demo", lambda session, today=None: 12)  # the rule only
    with db.session() as s:
        create_user(s, {"username": "dana", "full_name": "Dana Whitaker",
                        "credentials": "DPT", "password": "correct horse"})
    with db.session() as s:
        assert label.add_demo_clinic(s) == 12
    with db.session() as s:
        assert not is_demo_database(s)


def _start_gui(env_changes: dict[str, str | None], tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run([sys.executable, "-m", "mash_desktop", "--db", str(tmp_path / "c.db")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_without_a_desktop_session_the_app_says_so_in_one_line(tmp_path: Path) -> None:
    result = _start_gui({"DISPLAY": None, "WAYLAND_DISPLAY": None, "QT_QPA_PLATFORM": None},
                        tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "needs a desktop session" in result.stderr and "--help" in result.stderr
    assert not (tmp_path / "c.db").exists()


def test_an_unreachable_display_is_one_line_too_not_a_qt_abort(tmp_path: Path) -> None:
    result = _start_gui({"DISPLAY": ":987", "WAYLAND_DISPLAY": None, "QT_QPA_PLATFORM": "xcb"},
                        tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "could not connect to display :987" in result.stderr


def test_the_welcome_says_what_a_database_without_accounts_already_holds(
        db, qtbot, monkeypatch) -> None:  # noqa: ANN001
    from mash_desktop.services.patients import create_patient

    said: list[str] = []
    monkeypatch.setattr(WelcomeDialog, "exec",
                        lambda self: said.append(self.ui.introLabel.text()) or 0)
    first_start(Runner(db))
    assert "This clinic database is new and empty." in said[0]
    with db.session() as s:
        create_patient(s, {"mrn": "W-1", "first_name": "Ann", "last_name": "Lee",
                           "date_of_birth": "1950-01-02", "sex": "female"})
    first_start(Runner(db))
    assert "new and empty" not in said[1]
    assert "This clinic database holds 1 patient, 0 episodes of care and 0 session notes." \
        in said[1]
    assert "charts stay as they are" in said[1]
