"""The one path from the GUI to the core: operations, their threads, errors and changes.

In the spirit of Anki's ``CollectionOp``/``QueryOp``::

    ctx.runner.op(self, lambda s: record_assessment(s, ...)) \\
        .success(self.saved).failure(self.show_errors).run()

``fn`` gets a database session: one transaction, committed when ``fn`` returns. What
the transaction changed (:class:`~mash_desktop.services.changes.Changes`, noted by the
services themselves) goes to every subscribed view through the :class:`ChangeBus`
before ``success`` runs. ``with_progress(label)`` runs the operation on a worker thread
with a busy indicator, so a backup of a 240 MB clinic or a report build never freezes the
window, and refuses to start the same operation twice. ``exclusive(label)`` is for
whole-file and bulk work (backup, restore, demo load, import): a modal progress dialog
keeps the window from being edited while it runs (a save made meanwhile would be lost to
a restore, or wait on the database lock), and the runner refuses every other operation
until it ends — and refuses to start one while anything else runs.

Errors a user can act on (:class:`ValidationError`, :class:`PermissionDenied`,
:class:`NotFoundError`) go to the ``failure`` callback when there is one; everything else
reaches :meth:`Runner.report`, the single handler that logs the detail and shows a human
message. Refusals are logged with the signed-in user and the operation (never the
values typed); messages name fields by their labels and never show SQL or record ids.

Every session the runner opens carries the signed-in user (``Runner.acting``, which the
:class:`~mash_desktop.gui.context.AppContext` points at its ``user``): the services
check that user's role and audit their name even when a call passes no actor.

This is the only GUI module that opens a database session. Results that cross back to
the GUI must be plain values (the services' dataclasses, ids), never ORM objects.
Tests set ``Runner.synchronous`` to run background operations inline.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..changes import Changes
from ..errors import NotFoundError, PermissionDenied, ValidationError
from ..field_labels import labelled
from .gc_pauses import FullCollectionsDeferred

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..db import Database
    from ..services.users import SignedInUser

    # What operation functions receive; other GUI modules name it through this module.
    DbSession = Session

log = logging.getLogger(__name__)
T = TypeVar("T")
USER_ERRORS = (ValidationError, PermissionDenied, NotFoundError)
LOCKED = ("Another operation is writing to the database; try again in a moment. "
          "Nothing was saved.")
_NOT_FOUND = re.compile(r"^No (.+?) (?:with id )?'?\S*\d\S*'?$")


class OperationBusy(ValidationError):
    """Refused because an operation that needs the database to itself is running."""

    def __init__(self, message: str) -> None:
        super().__init__({"": message})


def _database_error(exc: BaseException) -> str | None:
    """A sentence for a database driver error, without its SQL statement; None if not one."""
    from sqlalchemy.exc import DBAPIError

    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if type(orig).__module__.split(".")[0] not in ("sqlite3", "sqlcipher3", "pysqlcipher3",
                                                  "psycopg", "psycopg2") \
            and not isinstance(exc, DBAPIError):
        return None
    text = str(orig).splitlines()[0] if str(orig) else type(orig).__name__
    if "locked" in text or "busy" in text:
        return LOCKED
    return f"The database could not complete this ({text}). Nothing was saved."


SERVER_LOST = ("The clinic server cannot be reached, so nothing was saved. What you typed "
               "is kept on this computer as a draft; try again when the server is back.")


def is_connection_lost(exc: BaseException) -> bool:
    """A database connection that failed or dropped (a clinic server gone away).

    Only a server's driver errors count: SQLite's OperationalError ("database is
    locked", a full disk) is about the file, and has its own sentence."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    if not isinstance(exc, DBAPIError):
        return False
    server = type(exc.orig).__module__.split(".")[0] in ("psycopg", "psycopg2")
    return bool(exc.connection_invalidated) or (isinstance(exc, OperationalError) and server)


def human_message(exc: BaseException) -> str:
    """What to tell the PT about an error: field labels, no record ids, no SQL."""
    if isinstance(exc, ValidationError):
        return labelled(exc.errors)
    if isinstance(exc, NotFoundError):
        match = _NOT_FOUND.match(str(exc))
        if match:
            return (f"That {match.group(1)} no longer exists (it may have been removed "
                    "meanwhile). Open the chart again and retry.")
    database = _database_error(exc)
    if database is not None:
        return database
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


# A worker's signal emitter lives here until its result is delivered, not on a runner or
# window: one being closed or deleted while a worker runs must not delete the object the
# worker emits from ("Signal source has been deleted").
_IN_FLIGHT: set[_Signals] = set()


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
        self.user = runner.acting()  # who started it, even if the lock changes the user
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[Exception], Any] | None = None
        self._after: Callable[[], Any] | None = None
        self._unexpected = False
        self.label: str | None = None
        self.is_exclusive = False
        self.extra = Changes()

    @property
    def name(self) -> str:
        """What the log calls this operation: its label, else where its function is."""
        if self.label:
            return self.label
        fn = self.fn or self.task
        return getattr(fn, "__qualname__", "operation").replace(".<locals>", "")

    def success(self, cb: Callable[[T], Any]) -> Op[T]:
        self._success = cb
        return self

    def failure(self, cb: Callable[[Exception], Any], unexpected: bool = False) -> Op[T]:
        """Called with a ValidationError, PermissionDenied or NotFoundError; with
        ``unexpected`` also with any other error, after it was logged with its traceback
        (for work whose failure must not stop what comes next, e.g. closing)."""
        self._failure = cb
        self._unexpected = unexpected
        return self

    def after(self, cb: Callable[[], Any]) -> Op[T]:
        """Called once the operation ended, whether it succeeded, failed or was refused."""
        self._after = cb
        return self

    def with_progress(self, label: str) -> Op[T]:
        """Run off the GUI thread with a busy indicator saying ``label``."""
        self.label = label
        return self

    def exclusive(self, label: str) -> Op[T]:
        """Run off the GUI thread behind a modal progress dialog; nothing else runs meanwhile."""
        self.label, self.is_exclusive = label, True
        return self

    def changes(self, extra: Changes) -> Op[T]:
        """Also announce ``extra`` (work done outside the services, e.g. a restore)."""
        self.extra = extra
        return self

    def _job(self) -> tuple[T, Changes]:
        if self.task is not None:
            return self.task(), self.extra
        assert self.fn is not None
        return self.runner.transaction(self.fn, self.user)

    def run(self) -> bool:
        """Start it; False (after saying why) when another operation stands in the way."""
        runner = self.runner
        refusal = runner.refusal(self)
        if refusal is not None:
            self._refused(refusal)
            return False
        if self.label is None or runner.synchronous:
            try:
                result, changes = self._job()
            except Exception as exc:  # noqa: BLE001 - sorted by _failed
                self._failed(exc, traceback.format_exc())
            else:
                self._done(result, changes)
            self._ended()
            return True
        runner.started(self)
        signals = _Signals()
        _IN_FLIGHT.add(signals)  # kept alive until delivered, whatever is closed meanwhile
        signals.done.connect(lambda r, c: self._finish(signals, lambda: self._done(r, c)),
                             Qt.ConnectionType.QueuedConnection)
        signals.failed.connect(lambda e, tb: self._finish(signals, lambda: self._failed(e, tb)),
                               Qt.ConnectionType.QueuedConnection)
        runner.pool.start(_Worker(self._job, signals))
        return True

    def _finish(self, signals: _Signals, then: Callable[[], None]) -> None:
        _IN_FLIGHT.discard(signals)
        try:
            self.runner.finished(self)
            then()
        finally:
            self._ended()
            self.runner.settle()

    def _ended(self) -> None:
        if self._after is not None:
            self._after()

    def _done(self, result: T, changes: Changes) -> None:
        self.runner.bus.publish(changes | self.extra)
        if self._success is not None:
            self._success(result)

    def _refused(self, message: str) -> None:
        """Not started: said in the status bar (a box would be one more thing to click
        away while the other operation's progress shows), logged, nothing changed."""
        self.runner.log_refusal(self, OperationBusy(message))
        self.runner.say(message, 8000)
        self._ended()

    def _failed(self, exc: BaseException, tb: str) -> None:
        if isinstance(exc, USER_ERRORS):
            self.runner.log_refusal(self, exc)
            if self._failure is not None:
                self._failure(exc)
                return
        elif self._unexpected and self._failure is not None and isinstance(exc, Exception):
            from ..logs import describe_exception

            log.error("%s failed\n%s", self.name, describe_exception(exc))
            self._failure(exc)
            return
        self.runner.report(exc, tb, self.parent, logged=isinstance(exc, USER_ERRORS))


class Runner(QObject):
    """Runs operations for one database and announces what they changed."""

    busy_changed = Signal(str)  # the labels of running operations, "" when idle
    idle = Signal()             # every background operation has ended and delivered
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
        self.acting: Callable[[], SignedInUser | None] = lambda: None
        self.exclusive_label: str | None = None
        self.user: Callable[[], str | None] = lambda: None  # who is signed in (for the log)
        self._progress: QProgressDialog | None = None
        # a full garbage collection in a worker holds the interpreter lock for 0.1–0.4 s:
        # none starts while a chart-sized background operation runs (gc_pauses)
        self.collections = FullCollectionsDeferred()

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
            s.info["actor"] = self.acting()
            return fn(s)

    def transaction(self, fn: Callable[[Session], T],
                    user: SignedInUser | None = None) -> tuple[T, Changes]:
        """``fn`` in one transaction as ``user`` (default: the signed-in user now)."""
        from ..changes import changes_of

        assert self.db is not None, "no database attached"
        with self.db.session() as s:
            s.info["actor"] = user if user is not None else self.acting()
            result = fn(s)
            changes = changes_of(s)
        return result, changes

    def wait(self) -> None:
        """Until every background operation has ended and delivered its result.

        The event loop keeps running meanwhile (the window paints, its progress moves);
        used when closing the window and by tests.
        """
        if not self.running:
            return
        loop = QEventLoop()
        self.idle.connect(loop.quit)
        try:
            if self.running:
                loop.exec()
        finally:
            self.idle.disconnect(loop.quit)

    # ---- who may run now ----------------------------------------------------------------
    def refusal(self, op: Op[Any]) -> str | None:
        """Why ``op`` may not start now, or None."""
        if self.exclusive_label is not None:
            return (f"{self.exclusive_label} is running; wait until it has finished, "
                    "then try again.")
        if op.is_exclusive and self.running:
            return (f"Wait until {' and '.join(self.running).lower()} has finished, then "
                    f"try again.")
        if op.label is not None and op.label in self.running:
            return f"{op.label} is already running."
        return None

    # ---- busy state and messages --------------------------------------------------------
    def started(self, op: Op[Any]) -> None:
        assert op.label is not None
        self.running.append(op.label)
        if op.is_exclusive:
            self.exclusive_label = op.label
            self._show_progress(op.parent, op.label)
        else:  # whole-file and bulk work (a demo clinic) may make garbage without bound
            self.collections.enter()
        self.busy_changed.emit(" · ".join(self.running))

    def finished(self, op: Op[Any]) -> None:
        if op.label in self.running:
            self.running.remove(op.label)
        if op.is_exclusive:
            self.exclusive_label = None
            self._close_progress()
        else:
            self.collections.leave()
        self.busy_changed.emit(" · ".join(self.running))

    def settle(self) -> None:
        """Say so when the last background operation has delivered."""
        if not self.running:
            self.idle.emit()

    def _show_progress(self, parent: QWidget | None, label: str) -> None:
        """A modal progress dialog: the window cannot be edited while ``label`` runs."""
        dialog = QProgressDialog(f"{label}…", "", 0, 0, parent.window() if parent else None)
        dialog.setObjectName("operationProgress")
        dialog.setWindowTitle("MASH Desktop")
        dialog.setCancelButton(None)  # no cancel: the operation must finish
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.show()
        self._progress = dialog

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    def say(self, text: str, timeout_ms: int = 5000) -> None:
        self.message.emit(text, timeout_ms)

    def log_refusal(self, op: Op[Any], exc: BaseException) -> None:
        """The log's record of a refusal: who, which operation, why (field names only,
        never the values typed or a patient's name)."""
        what = type(exc).__name__
        if isinstance(exc, ValidationError) and not isinstance(exc, OperationBusy):
            fields = ", ".join(k for k in exc.errors if k)
            what += f" in {fields}" if fields else ""
        log.warning("refused: user=%s operation=%s: %s", self.user() or "(no accounts)",
                    op.name, what)

    def report(self, exc: BaseException, tb: str = "", parent: QWidget | None = None,
               logged: bool = False) -> None:
        """The one failure handler: log the detail, show the PT a human message."""
        if isinstance(exc, USER_ERRORS):
            if not logged:
                log.warning("refused: user=%s: %s", self.user() or "(no accounts)",
                            type(exc).__name__)
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
        box.setText(f"This could not be done: {human_message(exc)}\n\nNothing was half-saved: "
                    "the change was rolled back. The details were written to the log file.")
        if tb and _database_error(exc) is None:  # SQL text is for the log, not the screen
            box.setDetailedText(tb)
        box.exec()
