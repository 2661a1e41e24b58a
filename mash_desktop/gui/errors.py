"""Unexpected errors: logged to a rotating file and shown in a dialog, never a silent crash."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from ..config import log_dir

log = logging.getLogger("mash_desktop")


def setup_logging() -> str:
    """Log to <user log dir>/mash-desktop.log, 1 MB x 5 files."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mash-desktop.log"
    if not any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return str(path)


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
    log.error("unexpected error\n%s", report)
    if QApplication.instance() is None:
        sys.__excepthook__(kind, exc, tb)
        return
    show_error("Unexpected error",
               f"Something went wrong: {exc}\n\nYour saved data is safe. The details below "
               "were also written to the log file; please copy them into a bug report.",
               report)


def install() -> str:
    path = setup_logging()
    sys.excepthook = excepthook
    return path
