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

from ..services.errors import ValidationError


def _refuse(path: Path, exc: OSError) -> ValidationError:
    reason = exc.strerror or str(exc)
    return ValidationError({"out": f"cannot write {path}: {reason}; nothing was written"})


def check_file_target(path: str | Path) -> Path:
    """Refuse before any work: a folder, or a file whose folder does not exist."""
    path = Path(path)
    if path.is_dir():
        raise ValidationError({"out": f"{path} is a folder; give a file name"})
    if not path.parent.is_dir():
        raise ValidationError({"out": f"the folder {path.parent} does not exist"})
    if not os.access(path.parent, os.W_OK):
        raise ValidationError({"out": f"cannot write in {path.parent}: permission denied"})
    return path


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (old file or complete new one, never half)."""
    path = check_file_target(path)
    tmp = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        tmp = Path(name)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise _refuse(path, exc) from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return path


def check_folder_target(folder: str | Path) -> Path:
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ValidationError({"out": f"{folder} is a file, not a folder"})
    if not folder.parent.is_dir():
        raise ValidationError({"out": f"the folder {folder.parent} does not exist (the "
                                      "export folder is created, its parent must exist)"})
    where = folder if folder.is_dir() else folder.parent
    if not os.access(where, os.W_OK):
        raise ValidationError({"out": f"cannot write in {where}: permission denied"})
    return folder


def write_folder(folder: str | Path, fill: Callable[[Path], None]) -> Path:
    """Create (or update) ``folder`` with the files ``fill(tmpdir)`` writes into a temporary
    folder beside it; nothing reaches ``folder`` unless ``fill`` completed."""
    folder = check_folder_target(folder)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError as exc:
        raise _refuse(folder, exc) from None
    try:
        fill(tmp)
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
