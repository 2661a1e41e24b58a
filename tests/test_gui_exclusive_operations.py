"""Whole-file and bulk operations (backup, restore, demo load) have the database to themselves.

While one runs, a modal progress dialog keeps the window from being edited, the runner
refuses every other operation with a sentence, and nothing a PT types meanwhile can be
lost to the restore or stall on the database lock. Quitting waits for it to end.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from mash_desktop.errors import NotFoundError, ValidationError
from mash_desktop.gui import admin_dialogs
from mash_desktop.gui.operations import LOCKED, human_message
from mash_desktop.services import backup
from mash_desktop.services.backup import make_backup
from mash_desktop.services.patients import create_patient

pytestmark = pytest.mark.gui
ANN = {"mrn": "EX-1", "first_name": "Ann", "last_name": "Lee", "date_of_birth": "1950-01-02",
       "sex": "female"}


@pytest.fixture
def boxes(monkeypatch) -> dict[str, list[str]]:  # noqa: ANN001
    """Message boxes answered and recorded instead of waiting for a click."""
    seen: dict[str, list[str]] = {"warning": [], "information": [], "question": []}

    def record(kind: str, answer: object = 0):  # noqa: ANN202
        return staticmethod(lambda _p, _t, text, *a, **k: seen[kind].append(text) or answer)

    monkeypatch.setattr(QMessageBox, "warning", record("warning"))
    monkeypatch.setattr(QMessageBox, "information", record("information"))
    monkeypatch.setattr(QMessageBox, "question",
                        record("question", QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen["warning"].append(box.text()) or 0)
    return seen


def held_task(window, label: str):  # noqa: ANN001, ANN201
    """Start an exclusive task that runs until the returned event is set."""
    release = threading.Event()
    assert window.runner.task(window, lambda: release.wait(10)).exclusive(label).run()
    return release


def test_during_a_restore_the_window_cannot_be_edited_and_every_other_operation_waits(
        window, qtbot) -> None:  # noqa: ANN001
    release = held_task(window, "Restoring the backup")
    modal = QApplication.activeModalWidget()
    assert isinstance(modal, QProgressDialog) and "Restoring the backup" in modal.labelText()
    saved: list[int] = []
    started = window.runner.op(window, lambda s: create_patient(s, ANN).id) \
        .success(saved.append).run()
    assert not started and not saved  # the save never reached the database
    assert window.statusBar().currentMessage() == (
        "Restoring the backup is running; wait until it has finished, then try again.")
    assert not window.runner.task(window, lambda: None).with_progress("Exporting").run()
    release.set()
    window.runner.wait()
    assert QApplication.activeModalWidget() is None  # the window is editable again
    assert window.runner.op(window, lambda s: create_patient(s, ANN).id) \
        .success(saved.append).run() and saved


def test_a_bulk_operation_waits_for_one_already_running(window, qtbot) -> None:  # noqa: ANN001
    release = threading.Event()
    assert window.runner.task(window, lambda: release.wait(10)) \
        .with_progress("Exporting research tables").run()
    said: list[str] = []
    window.runner.message.connect(lambda text, _ms: said.append(text))
    assert not window.runner.task(window, lambda: None).exclusive("Loading the demo clinic").run()
    assert said == ["Wait until exporting research tables has finished, then try again."]
    release.set()
    window.runner.wait()


def test_loading_the_demo_clinic_is_modal_and_a_save_meanwhile_is_refused_not_locked(
        window, qtbot, boxes) -> None:  # noqa: ANN001
    window.load_demo()
    modal = QApplication.activeModalWidget()
    assert isinstance(modal, QProgressDialog) and "demo clinic" in modal.labelText()
    assert not window.runner.op(window, lambda s: create_patient(s, ANN)).run()
    window.runner.wait()
    assert "Added 12 demo patients" in window.statusBar().currentMessage()
    assert window.model.rowCount() == 12
    assert not boxes["warning"]


def test_restore_reads_the_backup_off_the_gui_thread_then_restores_behind_a_modal_dialog(
        window, qtbot, boxes, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    window.runner.op(window, lambda s: create_patient(s, ANN)).run()
    copy = make_backup(window.db.path, tmp_path / "copy.db")
    monkeypatch.setattr(admin_dialogs.QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(copy), "")))
    threads: dict[str, threading.Thread] = {}
    modal_while: dict[str, object] = {}
    real_inspect, real_restore = admin_dialogs.inspect_backup, backup.restore_backup

    def inspect(path, key=None):  # noqa: ANN001, ANN202
        threads["inspect"] = threading.current_thread()
        return real_inspect(path, key)

    def restore(*a, **k):  # noqa: ANN002, ANN003, ANN202
        threads["restore"] = threading.current_thread()
        modal_while["restore"] = QApplication.activeModalWidget()
        return real_restore(*a, **k)

    monkeypatch.setattr(admin_dialogs, "inspect_backup", inspect)
    monkeypatch.setattr(backup, "restore_backup", restore)
    window.restore()
    window.runner.wait()  # the check of the backup
    window.runner.wait()  # the restore itself
    assert threads["inspect"] is not threading.main_thread()
    assert threads["restore"] is not threading.main_thread()
    assert isinstance(modal_while["restore"], QProgressDialog)
    assert "1 patients" in boxes["question"][0]
    assert boxes["information"] and "Restored" in boxes["information"][0]
    assert not window.isVisible()  # the app closes after a restore, without a backup


def test_a_locked_database_is_a_sentence_not_sql(window, boxes) -> None:  # noqa: ANN001
    import sqlite3

    from sqlalchemy.exc import OperationalError

    def locked(_s):  # noqa: ANN001, ANN202
        raise OperationalError("INSERT INTO patients (mrn) VALUES (?)", ("EX-1",),
                               sqlite3.OperationalError("database is locked"))

    window.runner.op(window, locked).run()
    assert boxes["warning"] and LOCKED in boxes["warning"][0]
    assert "INSERT" not in boxes["warning"][0] and "?" not in boxes["warning"][0]


def test_refusals_are_logged_with_the_user_and_operation_but_not_the_values(
        window, caplog) -> None:  # noqa: ANN001
    window.runner.user = lambda: "dana"
    failed: list[Exception] = []
    with caplog.at_level(logging.INFO, logger="mash_desktop"):
        window.runner.op(window, lambda s: create_patient(
            s, {**ANN, "date_of_birth": "2999-01-01"})).failure(failed.append).run()
    assert isinstance(failed[0], ValidationError)
    records = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert len(records) == 1
    assert "user=dana" in records[0] and "date_of_birth" in records[0]
    assert "create_patient" in records[0] or "test_refusals" in records[0]
    assert "2999" not in records[0] and "Ann" not in records[0]


def test_messages_name_fields_by_their_labels_and_never_show_record_ids() -> None:
    text = human_message(ValidationError({"date_of_birth": "is in the future",
                                          "icd10_code": "is a category"}))
    assert text == "Date of birth: is in the future; ICD-10-CM code: is a category"
    assert "Goals 2 — Target date" in human_message(
        ValidationError({"goals[1].target_date": "is before the start"}))
    gone = human_message(NotFoundError("No episode with id 4711"))
    assert "4711" not in gone and "episode" in gone


def test_backup_to_a_folder_that_takes_no_files_names_the_folder_and_why(
        window, boxes, tmp_path: Path) -> None:  # noqa: ANN001
    assert admin_dialogs.start_backup(window.ctx, window, window.db.path,
                                      Path("/proc/mash-backup.db"))
    window.runner.wait()
    assert len(boxes["warning"]) == 1
    message = boxes["warning"][0]
    assert message.startswith("the folder /proc does not take new files")  # not "no such file"
    assert "nothing was written" in message


def test_the_automatic_backup_on_quit_runs_off_the_gui_thread(window, boxes,
                                                             monkeypatch) -> None:  # noqa: ANN001
    where: list[threading.Thread] = []
    monkeypatch.setattr(backup, "auto_backup",
                        lambda path, keep: where.append(threading.current_thread()))
    window.close()
    assert where and where[0] is not threading.main_thread()
    assert not window.isVisible()


def test_a_failed_automatic_backup_is_said_and_the_app_still_closes(window, boxes,
                                                                    monkeypatch) -> None:  # noqa: ANN001
    from mash_desktop.files import FileError

    def full(path, keep):  # noqa: ANN001, ANN202
        raise FileError("the disk is full: there is no room to write the backup")

    monkeypatch.setattr(backup, "auto_backup", full)
    window.close()
    assert not window.isVisible()
    assert boxes["warning"] == ["The automatic backup was not made: the disk is full: there "
                                "is no room to write the backup"]


QUIT_DURING_EXPORT = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from mash_desktop.gui.app import make_app
from mash_desktop.gui.main_window import MainWindow
from mash_desktop.services.startup import open_clinic

app = make_app()
db = open_clinic(sys.argv[1])
win = MainWindow(db)
win.skip_auto_backup = True
win.show()

def slow():
    time.sleep(1.5)
    return "written"

win.runner.task(win, slow).with_progress("Exporting research tables") \
    .success(lambda r: print("delivered", r, flush=True)).run()
seen = []
QTimer.singleShot(100, win.close)
QTimer.singleShot(600, lambda: seen.append(getattr(QApplication.activeModalWidget(),
                                                   "objectName", lambda: None)()))
code = app.exec()
print("while closing:", seen[0], flush=True)
db.dispose()
sys.exit(code)
"""


def test_quitting_during_a_long_operation_finishes_it_then_exits_cleanly(
        tmp_path: Path, db_path: Path, db) -> None:  # noqa: ANN001
    db.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    t0 = time.monotonic()
    done = subprocess.run([sys.executable, "-c", QUIT_DURING_EXPORT, f"sqlite:///{db_path}"],
                          env=env, capture_output=True, text=True, timeout=120,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert time.monotonic() - t0 >= 1.5  # it waited for the export
    lines = done.stdout.splitlines()
    assert lines == ["delivered written", "while closing: finishingProgress"]
    assert "Signal source has been deleted" not in done.stderr
