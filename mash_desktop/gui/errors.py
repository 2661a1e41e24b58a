"""Unexpected errors: logged to a rotating file and shown in a dialog, never a silent crash."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from ..logs import describe_exception, setup_logging

log = logging.getLogger(__name__)


def show_error(title: str, summary: str, details: str = "") -> None:
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setText(summary)
    if details:
        box.setDetailedText(details)  # selectable, so it can be copied into a report
    box.exec()


def excepthook(kind: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
    report = "".join(traceback.format_exception(kind, exc, tb))
    log.error("unexpected error\n%s", describe_exception(exc))
    if QApplication.instance() is None:
        sys.__excepthook__(kind, exc, tb)
        return
    show_error("Unexpected error",
               f"Something went wrong: {exc}\n\nYour saved data is safe. The details below "
               "were also written to the log file; please copy them into a bug report.",
               report)


def install() -> str:
    """Log to the rotating file and route every uncaught exception to :func:`excepthook`."""
    path = setup_logging()
    sys.excepthook = excepthook
    return str(path or "")
