"""What tabs and dialogs receive instead of the main window.

An :class:`AppContext` holds the signed-in user, the operation runner (with its change
bus), the open chart and a few navigation callbacks. Widgets get it explicitly, so none
reaches into a main-window object for data, and a test can build a tab with a context
of its own.

The :class:`OpenChart` is the single source of truth for which patient is open: every
chart view reads the patient from it when it draws, never from a value it kept, so
switching patients can never leave a tab showing the previous patient's data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Signal

from .operations import ChangeBus, Runner

if TYPE_CHECKING:
    from ..services.users import SignedInUser


class OpenChart(QObject):
    """The patient and episode open in the chart; ``changed`` fires when either changes."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.patient_id: int | None = None
        self.episode_id: int | None = None

    def open(self, patient_id: int | None, episode_id: int | None) -> None:
        self.patient_id, self.episode_id = patient_id, episode_id
        self.changed.emit()


def _nothing(*_args: Any) -> None:
    return None


@dataclass
class AppContext:
    """The app as a widget sees it. ``user`` is None only when the clinic has no accounts."""

    runner: Runner
    chart: OpenChart
    user: SignedInUser | None = None
    # navigation the main window provides (a tab never imports the main window)
    open_patient: Callable[[int, int | None], None] = _nothing
    edit_episode: Callable[[int | None], None] = _nothing
    signer: Callable[[], Any] = _nothing

    @property
    def bus(self) -> ChangeBus:
        return self.runner.bus

    def __post_init__(self) -> None:
        # every session the runner opens carries this context's signed-in user, read when
        # the operation starts, so the services check and audit who is at the keyboard
        self.runner.acting = lambda: self.user

    @staticmethod
    def settings() -> QSettings:
        """This workstation's preferences (window layout, last chart); clinic settings
        live in the database and are read through the services."""
        return QSettings()

    def notify(self, text: str, timeout_ms: int = 4000) -> None:
        """A short message in the status bar."""
        self.runner.say(text, timeout_ms)
