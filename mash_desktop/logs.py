"""The app's log: one rotating, private file in the user's state folder.

Every module logs through ``logging.getLogger(__name__)``; this module only decides
where the records go. What is logged is what an administrator needs to reconstruct
an incident — migrations, backups, restores, imports, exports, sign-in failures,
integrity problems and unexpected errors with their traceback — and never patient
data: messages name files, counts and record ids, not names, birth dates or note text.
"""

from __future__ import annotations

import contextlib
import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from .config import log_dir

ROOT = "mash_desktop"
PRIVATE_FILE = 0o600
LOG_NAME = "mash-desktop.log"
MAX_BYTES = 1_000_000
BACKUPS = 5


class _PrivateRotatingFileHandler(RotatingFileHandler):
    """A RotatingFileHandler whose files are created 0600 (they may name accounts)."""

    def _open(self):  # noqa: ANN202 - the stream type of the base class
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_FILE)
        with contextlib.suppress(OSError):
            os.chmod(self.baseFilename, PRIVATE_FILE)
        return os.fdopen(fd, "a", encoding=self.encoding, errors="backslashreplace")


def describe_exception(exc: BaseException) -> str:
    """A traceback for the log without the exception's message.

    Messages can quote the data being processed (a name, a date of birth, a note); the
    frames say where it failed, which is what a bug report needs. The user sees the
    full message on screen.
    """
    import traceback

    frames = "".join(traceback.format_tb(exc.__traceback__))
    kind = f"{type(exc).__module__}.{type(exc).__qualname__}"
    return (f"Traceback (most recent call last):\n{frames}{kind} (message not logged: it "
            "may hold patient data)")


def log_file() -> Path:
    return log_dir() / LOG_NAME


def setup_logging() -> Path | None:
    """Send the app's records to the rotating log file (once per process).

    Returns the file, or None when it cannot be written (a read-only home folder):
    the app still works, it only cannot keep a log.
    """
    logger = logging.getLogger(ROOT)
    path = log_file()
    for handler in logger.handlers:
        if isinstance(handler, RotatingFileHandler) and handler.baseFilename == str(path):
            return path
    from .files import make_private_dir  # not at import: the app's window comes first

    try:
        make_private_dir(path.parent)
        handler = _PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                              encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in logger.handlers if isinstance(h, RotatingFileHandler)]:
        logger.removeHandler(old)
        old.close()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path
