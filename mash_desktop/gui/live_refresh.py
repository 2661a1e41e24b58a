"""Live refresh on a clinic server, and what happens when the server goes away.

Other workstations' saves reach this one as the typed ``Changes`` every view already
redraws from (the change bus): the server's notification (LISTEN/NOTIFY) wakes us at
once, and a poll every few seconds catches anything a notification missed (a proxy that
drops them, a listener that reconnected). Either way the rows come from the audit trail
(:mod:`mash_desktop.services.live`), so nothing depends on a notification arriving.

When the server cannot be reached the status bar says so in words (never a traceback),
open forms keep their typing on this computer (``DraftKeeper``), and we retry every few
seconds; once it answers again every view redraws from the server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from ..changes import Changes
from .operations import Runner

if TYPE_CHECKING:
    from ..db.listen import ChangeListener

log = logging.getLogger(__name__)

POLL_MS = 2000          # without notifications
SAFETY_POLL_MS = 15000  # with notifications: only a safety net
RETRY_MS = 5000         # while the server is unreachable
LOST = ("Cannot reach the clinic server — retrying every 5 s. Nothing is lost: open "
        "forms keep your typing on this computer until it is back.")
BACK = "Connected to the clinic server again; everything shown is up to date."


class LiveRefresh(QObject):
    """Announces other workstations' changes on the runner's bus; watches the server."""

    connection_changed = Signal(bool)  # False: server lost, True: back

    def __init__(self, runner: Runner, say: Callable[[str, int], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner, self.say = runner, say
        self.lost = False
        self.listener: ChangeListener | None = None
        self.notifier: QSocketNotifier | None = None
        self.last_id = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.poll)

    def start(self) -> LiveRefresh:
        from ..services.live import latest_change

        self.last_id = self.runner.read(latest_change)
        self._listen()
        self.timer.start(SAFETY_POLL_MS if self.listener is not None else POLL_MS)
        return self

    def stop(self) -> None:
        self.timer.stop()
        self._unlisten()

    def _listen(self) -> None:
        from ..db.listen import ChangeListener

        db = self.runner.db
        if db is None or not db.is_server:
            return
        try:
            listener = ChangeListener(db.engine)
        except Exception:  # noqa: BLE001 - no notifications: the poll still refreshes
            log.warning("LISTEN not available; refreshing by polling every %d ms", POLL_MS)
            self.listener = None
            return
        self.listener = listener
        self.notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._notified)

    def _unlisten(self) -> None:
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        if self.listener is not None:
            self.listener.close()
            self.listener = None

    def _notified(self) -> None:
        try:
            if self.listener is not None and self.listener.drain():
                self.poll()
        except Exception as exc:  # noqa: BLE001 - the server closed the connection
            self._lost(exc)

    def poll(self) -> None:
        """Read what changed since the last look and tell every view."""
        from ..services.live import changes_since

        after = self.last_id
        try:
            changes, self.last_id = self.runner.read(lambda s: changes_since(s, after))
        except Exception as exc:  # noqa: BLE001 - any database error here means "gone"
            self._lost(exc)
            return
        if self.lost:
            self._back()
            changes = Changes.everything()
        if changes:
            self.runner.bus.publish(changes)

    def _lost(self, exc: BaseException) -> None:
        if self.lost:
            return
        log.warning("clinic server unreachable: %s", str(exc).splitlines()[0] if str(exc)
                    else type(exc).__name__)
        self.lost = True
        self._unlisten()
        self.timer.start(RETRY_MS)
        self.say(LOST, 0)
        self.connection_changed.emit(False)

    def _back(self) -> None:
        self.lost = False
        self._listen()
        self.timer.start(SAFETY_POLL_MS if self.listener is not None else POLL_MS)
        self.say(BACK, 8000)
        self.connection_changed.emit(True)
