"""Keep an open form's contents as a draft while it is open, and offer it back after a crash.

Attach to any dialog that can report its values and take them back. The draft is saved
every few seconds when something changed, discarded when the dialog is saved
(accepted) or deliberately cancelled, and offered back when the same form is opened
again after the app was killed.

On a clinic server the draft is also written to a private file on this workstation
(``services/local_drafts``), so typing survives the server going away; drafts in the
shared database are kept per user, so one PT is never offered another's typing. A save
refused because someone else changed the record meanwhile (a conflict) keeps the draft
past closing the form, to be offered back when it is opened again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, cast

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ..services.drafts import discard_draft, get_draft, save_draft
from ..services.local_drafts import discard_local, drafts_folder, get_local, save_local
from .context import AppContext

DRAFT_EVERY_MS = 5000
log = logging.getLogger(__name__)


class DraftKeeper(QObject):
    def __init__(self, dialog: QDialog, ctx: AppContext, form: str, key: str,
                 values: Callable[[], Mapping[str, Any]],
                 restore: Callable[[dict[str, Any]], None], offer: bool = True) -> None:
        super().__init__(dialog)
        self.user_id = ctx.user.id if ctx.user is not None else None
        db = ctx.runner.db
        self.local = drafts_folder(db.describe()) if db is not None and db.is_server else None
        if self.local is not None and self.user_id is not None:
            key = f"{key}@user{self.user_id}"  # a shared database: each user's own drafts
        self.dialog, self.ctx, self.form, self.key = dialog, ctx, form, key
        self.values, self.restore = values, restore
        self._last: dict[str, Any] | None = None
        self.restored = False  # values brought back from a crash are unsaved too
        if offer:
            self.offer()
        self._last = self._safe_values()
        self.baseline = self._last  # the form as opened (or restored): "changed" is against it
        self.kept = False  # "Save draft" or a conflict: keep it when the form closes
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.keep)
        self.timer.start(DRAFT_EVERY_MS)
        dialog.finished.connect(lambda _result: self.discard())

    def _safe_values(self) -> dict[str, Any] | None:
        try:
            return dict(self.values())
        except (AttributeError, RuntimeError) as exc:  # a form half built or being closed
            log.debug("draft of %s not taken: %s", self.form, type(exc).__name__)
            return None
        except Exception as exc:  # noqa: BLE001 - logged in full; typing goes on undisturbed
            from ..logs import describe_exception

            log.error("draft of %s not taken\n%s", self.form, describe_exception(exc))
            return None

    def _stored(self) -> tuple[dict[str, Any], datetime] | None:
        """The newest kept draft: in the database, or (server) on this workstation."""
        form, key = self.form, self.key
        found = None
        try:
            found = self.ctx.runner.read(lambda s: get_draft(s, form, key))
        except Exception:  # noqa: BLE001 - the server is gone: the local copy still counts
            if self.local is None:
                raise
            log.warning("cannot read drafts from the server; using this workstation's copy")
        local = get_local(self.local, form, key) if self.local is not None else None
        if local is not None and (found is None or local[1] > found[1]):
            return local
        return found

    def offer(self) -> None:
        found = self._stored()
        if found is None:
            return
        payload, when = found
        answer = QMessageBox.question(
            self.dialog, "Unsaved changes found",
            f"Unsaved changes to this form from {when:%Y-%m-%d %H:%M} UTC were kept (the app "
            "closed, the server was unreachable or someone else saved first). Restore them?")
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(payload)
            self.restored = True
        else:
            self.discard()

    def keep(self) -> None:
        values = self._safe_values()
        if values is None or values == self._last:
            return
        self._last = values
        form, key, user_id = self.form, self.key, self.user_id
        if self.local is not None:
            try:
                save_local(self.local, form, key, values)
            except OSError:
                log.exception("cannot write this workstation's draft copy")
            try:  # quietly: the local copy holds the typing while the server is away
                self.ctx.runner.transaction(lambda s: save_draft(s, form, key, values, user_id))
            except Exception:  # noqa: BLE001 - reported by the connection monitor
                log.warning("draft not saved on the server (unreachable?); kept locally")
            return
        self.ctx.runner.op(self.dialog, lambda s: save_draft(s, form, key, values, user_id)).run()

    def changed(self) -> bool:
        """Has the PT changed anything since the form opened?"""
        return self.restored or self._safe_values() != self.baseline

    def keep_and_close(self) -> None:
        """Save the typed values now and keep them after the form closes; the same form
        offers them back when it is opened again (also when someone else saved first)."""
        self._last = None
        self.keep()
        self.kept = True

    def discard(self) -> None:
        self.timer.stop()
        if self.kept:
            return
        form, key = self.form, self.key
        if self.local is not None:
            try:
                self.ctx.runner.transaction(lambda s: discard_draft(s, form, key))
            except Exception:  # noqa: BLE001 - the server is gone: keep this PC's copy
                log.warning("server unreachable: the draft stays on this workstation")
                return
            discard_local(self.local, form, key)
            return
        self.ctx.runner.op(self.dialog, lambda s: discard_draft(s, form, key)).run()


def ask_unsaved(parent: QWidget, what: str, draft_label: str = "Save &draft") -> str:
    """Ask what to do with unsaved changes: "save", "discard" or "keep" (editing).

    Keep editing is the default and what Esc answers, so a stray key never loses work.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"{what} has changes that are not saved.")
    box.setInformativeText("Save them as a draft, discard them, or keep editing?")
    save = box.addButton(draft_label, QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Discard changes", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("&Keep editing", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "keep"


class AsksBeforeDiscarding:
    """For dialogs with a :class:`DraftKeeper` in ``self.drafts``: Esc, Cancel and the
    window's close button on a changed form ask first (Save draft / Discard / Keep
    editing). QDialog routes all three through ``reject()``.

    ``UNSAVED_WHAT`` names the form in the question; ``save_draft()`` is what "Save
    draft" does (by default: keep the typed values, offered back when the form opens
    again; the note editor saves an unsigned note instead).
    """

    UNSAVED_WHAT = "This form"
    drafts: DraftKeeper | None

    def save_draft(self) -> bool:
        """Keep the typed values; True when the form may close."""
        if self.drafts is not None:
            self.drafts.keep_and_close()
        return True

    def has_unsaved_changes(self) -> bool:
        return self.drafts is not None and self.drafts.changed()

    def reject(self) -> None:
        dialog = cast(QDialog, self)
        if self.has_unsaved_changes():
            answer = ask_unsaved(dialog, self.UNSAVED_WHAT)
            if answer == "keep" or (answer == "save" and not self.save_draft()):
                return
            if answer == "discard" and self.drafts is not None:
                self.drafts.kept = False  # a draft kept after a conflict goes too
        QDialog.reject(dialog)
