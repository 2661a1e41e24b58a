"""Keep an open form's contents as a draft while it is open, and offer it back after a crash.

Attach to any dialog that can report its values and take them back. The draft is saved
every few seconds when something changed, discarded when the dialog is saved
(accepted) or deliberately cancelled, and offered back when the same form is opened
again after the app was killed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox

from ..services.drafts import discard_draft, get_draft, save_draft
from .context import AppContext

DRAFT_EVERY_MS = 5000


class DraftKeeper(QObject):
    def __init__(self, dialog: QDialog, ctx: AppContext, form: str, key: str,
                 values: Callable[[], dict[str, Any]],
                 restore: Callable[[dict[str, Any]], None], offer: bool = True) -> None:
        super().__init__(dialog)
        self.dialog, self.ctx, self.form, self.key = dialog, ctx, form, key
        self.values, self.restore = values, restore
        self.user_id = ctx.user.id if ctx.user is not None else None
        self._last: dict[str, Any] | None = None
        if offer:
            self.offer()
        self._last = self._safe_values()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.keep)
        self.timer.start(DRAFT_EVERY_MS)
        dialog.finished.connect(lambda _result: self.discard())

    def _safe_values(self) -> dict[str, Any] | None:
        try:
            return self.values()
        except Exception:  # noqa: BLE001 - a half-built form has nothing to keep yet
            return None

    def offer(self) -> None:
        form, key = self.form, self.key
        found = self.ctx.runner.read(lambda s: get_draft(s, form, key))
        if found is None:
            return
        payload, when = found
        answer = QMessageBox.question(
            self.dialog, "Unsaved changes found",
            f"Unsaved changes to this form from {when:%Y-%m-%d %H:%M} UTC were kept (the app "
            "closed before they were saved). Restore them?")
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(payload)
        else:
            self.discard()

    def keep(self) -> None:
        values = self._safe_values()
        if values is None or values == self._last:
            return
        self._last = values
        form, key, user_id = self.form, self.key, self.user_id
        self.ctx.runner.op(self.dialog, lambda s: save_draft(s, form, key, values, user_id)).run()

    def discard(self) -> None:
        self.timer.stop()
        form, key = self.form, self.key
        self.ctx.runner.op(self.dialog, lambda s: discard_draft(s, form, key)).run()
