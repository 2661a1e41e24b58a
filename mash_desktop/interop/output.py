"""Writing export files so that a failure leaves no partial output.

Bytes go to a temporary file in the target folder, which is flushed, synced and renamed
over the target in one step; any OSError removes the temporary file and becomes one
ValidationError sentence naming the file. A folder export is built in a temporary folder
beside the target and moved into place file by file only once every file is complete.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import ValidationError
from ..files import FileError, check_target, describe_os_error, write_atomic


def _refuse(path: Path, exc: OSError) -> ValidationError:
    return FileError(describe_os_error(exc, path))


def check_file_target(path: str | Path, force: bool = False) -> Path:
    """Refuse before any work: a folder, a missing folder, the database, an existing file
    without ``force`` (the app-wide rules of :mod:`mash_desktop.files`)."""
    check_target(path, force=force)
    return Path(path)


def write_bytes(path: str | Path, data: bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically (old file or complete new one, never half)."""
    return write_atomic(path, data, force=force)


def check_folder_target(folder: str | Path, force: bool = False) -> Path:
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ValidationError({"out": f"{folder} is a file, not a folder"})
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise FileError(f"{folder} already holds files; choose a new folder (or add --force "
                        "to replace the files in it)")
    if not folder.parent.is_dir():
        raise ValidationError({"out": f"the folder {folder.parent} does not exist (the "
                                      "export folder is created, its parent must exist)"})
    where = folder if folder.is_dir() else folder.parent
    if not os.access(where, os.W_OK):
        raise ValidationError({"out": f"cannot write in {where}: permission denied"})
    return folder


def write_folder(folder: str | Path, fill: Callable[[Path], None], force: bool = False) -> Path:
    """Create (or update) ``folder`` with the files ``fill(tmpdir)`` writes into a temporary
    folder beside it; nothing reaches ``folder`` unless ``fill`` completed."""
    folder = check_folder_target(folder, force)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError as exc:
        raise _refuse(folder, exc) from None
    try:
        fill(tmp)
        for f in tmp.iterdir():  # patient data: private whatever the caller's umask
            f.chmod(0o600)
        if not folder.exists():
            os.replace(tmp, folder)
            return folder
        for f in sorted(tmp.iterdir()):
            os.replace(f, folder / f.name)
    except OSError as exc:
        raise _refuse(folder, exc) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder
