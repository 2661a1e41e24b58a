"""The one path from the GUI to the core: operations, their threads, errors and changes.

In the spirit of Anki's ``CollectionOp``/``QueryOp``::

    ctx.runner.op(self, lambda s: record_assessment(s, ...)) \\
        .success(self.saved).failure(self.show_errors).run()

``fn`` gets a database session: one transaction, committed when ``fn`` returns. What
the transaction changed (:class:`~mash_desktop.services.changes.Changes`, noted by the
services themselves) goes to every subscribed view through the :class:`ChangeBus`
before ``success`` runs. ``with_progress(label)`` runs the operation on a worker thread
with a busy indicator, so a backup of a 240 MB clinic or a report build never freezes the
window, and refuses to start the same operation twice. Errors a user can act on
(:class:`ValidationError`, :class:`PermissionDenied`, :class:`NotFoundError`) go to the
``failure`` callback when there is one; everything else reaches :meth:`Runner.report`,
the single handler that logs the detail and shows a human message.

This is the only GUI module that opens a database session. Results that cross back to
the GUI must be plain values (the services' dataclasses, ids), never ORM objects.
Tests set ``Runner.synchronous`` to run background operations inline.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ..changes import Changes
from ..errors import NotFoundError, PermissionDenied, ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..db import Database

    # What operation functions receive; other GUI modules name it through this module.
    DbSession = Session

log = logging.getLogger(__name__)
T = TypeVar("T")
USER_ERRORS = (ValidationError, PermissionDenied, NotFoundError)


SERVER_LOST = ("The clinic server cannot be reached, so nothing was saved. What you typed "
               "is kept on this computer as a draft; try again when the server is back.")


def is_connection_lost(exc: BaseException) -> bool:
    """A database connection that failed or dropped (a clinic server gone away)."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    return isinstance(exc, OperationalError) or (
        isinstance(exc, DBAPIError) and bool(exc.connection_invalidated))


def human_message(exc: BaseException) -> str:
    """What to tell the PT about an error they can act on."""
    if isinstance(exc, ValidationError):
        return exc.message
    return str(exc) or type(exc).__name__


class ChangeBus(QObject):
    """Tells every subscribed view what an operation changed (a ``Changes`` value)."""

    changed = Signal(object)

    def publish(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)


class _Signals(QObject):
    done = Signal(object, object)  # result, Changes
    failed = Signal(object, str)   # exception, formatted traceback


class _Worker(QRunnable):
    def __init__(self, job: Callable[[], tuple[Any, Changes]], signals: _Signals) -> None:
        super().__init__()
        self.job, self.signals = job, signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result, changes = self.job()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread's handler
            self.signals.failed.emit(exc, traceback.format_exc())
            return
        self.signals.done.emit(result, changes)


class Op(Generic[T]):
    """One operation; configure with the chained methods, then :meth:`run`."""

    def __init__(self, runner: Runner, parent: QWidget | None,
                 fn: Callable[[Session], T] | None = None,
                 task: Callable[[], T] | None = None) -> None:
        self.runner, self.parent = runner, parent
        self.fn, self.task = fn, task
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[Exception], Any] | None = None
        self.label: str | None = None
        self.extra = Changes()

    def success(self, cb: Callable[[T], Any]) -> Op[T]:
        self._success = cb
        return self

    def failure(self, cb: Callable[[Exception], Any]) -> Op[T]:
        """Called with a ValidationError, PermissionDenied or NotFoundError."""
        self._failure = cb
        return self

    def with_progress(self, label: str) -> Op[T]:
        """Run off the GUI thread with a busy indicator saying ``label``."""
        self.label = label
        return self

    def changes(self, extra: Changes) -> Op[T]:
        """Also announce ``extra`` (work done outside the services, e.g. a restore)."""
        self.extra = extra
        return self

    def _job(self) -> tuple[T, Changes]:
        if self.task is not None:
            return self.task(), self.extra
        assert self.fn is not None
        return self.runner.transaction(self.fn)

    def run(self) -> bool:
        """Start it; False when the same operation is still running."""
        runner = self.runner
        if self.label is None or runner.synchronous:
            try:
                result, changes = self._job()
            except Exception as exc:  # noqa: BLE001 - sorted by _failed
                self._failed(exc, traceback.format_exc())
                return True
            self._done(result, changes)
            return True
        if self.label in runner.running:
            runner.say(f"{self.label} is already running.")
            return False
        runner.started(self.label)
        signals = _Signals()
        runner._signals.add(signals)  # keep alive until delivered
        signals.done.connect(lambda r, c: self._finish(signals, lambda: self._done(r, c)),
                             Qt.ConnectionType.QueuedConnection)
        signals.failed.connect(lambda e, tb: self._finish(signals, lambda: self._failed(e, tb)),
                               Qt.ConnectionType.QueuedConnection)
        runner.pool.start(_Worker(self._job, signals))
        return True

    def _finish(self, signals: _Signals, then: Callable[[], None]) -> None:
        self.runner._signals.discard(signals)
        assert self.label is not None
        self.runner.finished(self.label)
        then()

    def _done(self, result: T, changes: Changes) -> None:
        self.runner.bus.publish(changes | self.extra)
        if self._success is not None:
            self._success(result)

    def _failed(self, exc: BaseException, tb: str) -> None:
        if isinstance(exc, USER_ERRORS) and self._failure is not None:
            self._failure(exc)
            return
        self.runner.report(exc, tb, self.parent)


class Runner(QObject):
    """Runs operations for one database and announces what they changed."""

    busy_changed = Signal(str)  # the labels of running operations, "" when idle
    message = Signal(str, int)  # a status-bar message and its timeout in ms
    synchronous = False          # tests: run background operations inline

    def __init__(self, db: Database | None, bus: ChangeBus | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.bus = bus or ChangeBus(self)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.running: list[str] = []
        self._signals: set[_Signals] = set()

    # ---- the API ----------------------------------------------------------------------
    def op(self, parent: QWidget | None, fn: Callable[[Session], T]) -> Op[T]:
        """An operation in one transaction."""
        return Op(self, parent, fn=fn)

    def task(self, parent: QWidget | None, fn: Callable[[], T]) -> Op[T]:
        """An operation that needs no session (file copies, a backup)."""
        return Op(self, parent, task=fn)

    def read(self, fn: Callable[[Session], T]) -> T:
        """A query for a view, inline; it returns plain values built inside the session."""
        assert self.db is not None, "no database attached"
        with self.db.session() as s:
            return fn(s)

    def transaction(self, fn: Callable[[Session], T]) -> tuple[T, Changes]:
        from ..changes import changes_of

        assert self.db is not None, "no database attached"
        with self.db.session() as s:
            result = fn(s)
            changes = changes_of(s)
        return result, changes

    def wait(self, timeout_ms: int = 30_000) -> None:
        """Block until background operations finished and delivered (tests, shutdown)."""
        import time

        deadline = time.monotonic() + timeout_ms / 1000
        while self.running and time.monotonic() < deadline:
            self.pool.waitForDone(20)
            QApplication.processEvents()

    # ---- busy state and messages --------------------------------------------------------
    def started(self, label: str) -> None:
        self.running.append(label)
        self.busy_changed.emit(" · ".join(self.running))

    def finished(self, label: str) -> None:
        if label in self.running:
            self.running.remove(label)
        self.busy_changed.emit(" · ".join(self.running))

    def say(self, text: str, timeout_ms: int = 5000) -> None:
        self.message.emit(text, timeout_ms)

    def report(self, exc: BaseException, tb: str = "", parent: QWidget | None = None) -> None:
        """The one failure handler: log the detail, show the PT a human message."""
        if isinstance(exc, USER_ERRORS):
            log.info("operation refused: %s", type(exc).__name__)
            QMessageBox.warning(parent, "Not done", human_message(exc))
            return
        if is_connection_lost(exc):  # words, not a traceback: the server went away
            log.warning("operation failed, server unreachable: %s", type(exc).__name__)
            QMessageBox.warning(parent, "Clinic server unreachable", SERVER_LOST)
            return
        from ..logs import describe_exception

        log.error("operation failed\n%s", describe_exception(exc))
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Something went wrong")
        box.setText(f"This could not be done: {exc}\n\nNothing was half-saved: the change "
                    "was rolled back. The details were written to the log file.")
        if tb:
            box.setDetailedText(tb)
        box.exec()
