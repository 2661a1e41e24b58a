"""The operation runner: one path for every read and write the GUI makes."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from mash_desktop.changes import Changes, Kind
from mash_desktop.errors import ValidationError
from mash_desktop.gui.operations import Runner
from mash_desktop.models import Patient
from mash_desktop.services.patients import create_patient

ANN = {"mrn": "OP-1", "first_name": "Ann", "last_name": "Lee", "date_of_birth": "1950-01-02",
       "sex": "female"}


@pytest.fixture
def runner(qtbot, db):  # noqa: ANN001, ANN201
    from mash_desktop.gui.app import make_app

    make_app()
    return Runner(db)


@pytest.fixture
def shown_errors(monkeypatch) -> list[str]:  # noqa: ANN001
    """Message boxes the runner shows, captured instead of waiting for a click."""
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(box.text()) or 0)
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _p, _t, text: seen.append(text) or 0))
    return seen


def test_a_write_announces_what_changed_for_which_patient(runner) -> None:  # noqa: ANN001
    heard: list[Changes] = []
    runner.bus.changed.connect(heard.append)
    saved: list[int] = []
    runner.op(None, lambda s: create_patient(s, ANN).id).success(saved.append).run()
    assert saved and len(heard) == 1
    assert heard[0].touches({Kind.PATIENT}, saved[0])
    assert not heard[0].touches({Kind.PATIENT}, saved[0] + 1)  # another chart is not touched
    assert not heard[0].touches({Kind.NOTE, Kind.ASSESSMENT}, saved[0])


def test_bad_input_reaches_the_failure_callback_and_saves_nothing(runner, db) -> None:  # noqa: ANN001
    failed: list[Exception] = []
    heard: list[Changes] = []
    runner.bus.changed.connect(heard.append)
    runner.op(None, lambda s: create_patient(s, {**ANN, "date_of_birth": "2999-01-01"})) \
        .failure(failed.append).run()
    assert isinstance(failed[0], ValidationError) and "date_of_birth" in failed[0].errors
    assert not heard
    with db.session() as s:
        assert s.scalar(select(func.count(Patient.id))) == 0


def test_an_unexpected_error_is_logged_and_explained_once(runner, db, shown_errors,  # noqa: ANN001
                                                          caplog) -> None:  # noqa: ANN001
    def broken(s):  # noqa: ANN001, ANN202
        create_patient(s, ANN)
        raise RuntimeError("disk on fire")

    with caplog.at_level(logging.ERROR):
        runner.op(None, broken).failure(lambda exc: pytest.fail("not a user error")).run()
    assert len(shown_errors) == 1 and "disk on fire" in shown_errors[0]
    assert "rolled back" in shown_errors[0]
    assert any("disk on fire" in r.getMessage() for r in caplog.records)
    with db.session() as s:  # the half-done write was rolled back
        assert s.scalar(select(func.count(Patient.id))) == 0


def test_a_long_operation_runs_off_the_gui_thread_and_the_window_keeps_ticking(
        runner, qtbot) -> None:  # noqa: ANN001
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    where: list[threading.Thread] = []
    busy: list[str] = []
    runner.busy_changed.connect(busy.append)

    def slow() -> str:
        where.append(threading.current_thread())
        time.sleep(0.4)
        return "done"

    result: list[str] = []
    assert runner.task(None, slow).with_progress("Backing up").success(result.append).run()
    assert busy == ["Backing up"] and not result  # running, and run() returned at once
    assert not runner.task(None, slow).with_progress("Backing up").run()  # not twice
    runner.wait()
    timer.stop()
    assert result == ["done"] and busy[-1] == ""
    assert where and where[0] is not threading.main_thread()
    assert len(ticks) >= 10, "the GUI thread kept running its timers"
    assert max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) < 0.2


def test_synchronous_mode_runs_background_operations_inline(runner, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(Runner, "synchronous", True)
    result: list[int] = []
    runner.task(None, lambda: threading.current_thread() is threading.main_thread()) \
        .with_progress("Building the report").success(result.append).run()
    assert result == [True]
