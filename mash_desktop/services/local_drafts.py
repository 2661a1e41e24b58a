"""Drafts kept on this workstation's own disk, beside the ones in the database.

On a clinic server the database may be unreachable exactly when a draft matters most (the
network or the server went away mid-note). The open form's contents are therefore also
written to a private file in the user's data folder, one per form, so a note typed while
the server was gone survives closing the app and is offered back when the form is opened
again. Files are per clinic database (named by a hash of its address, without password)
and readable only by the user (0600 in a 0700 folder).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from ..config import data_dir
from ..models import utcnow
from .drafts import _plain


def drafts_folder(database_label: str) -> Path:
    digest = hashlib.sha256(database_label.encode("utf-8")).hexdigest()[:16]
    return data_dir() / "local-drafts" / digest


def _file(folder: Path, form: str, key: str) -> Path:
    name = hashlib.sha256(f"{form}\0{key}".encode()).hexdigest()[:24]
    return folder / f"{name}.json"


def save_local(folder: Path, form: str, key: str, payload: dict[str, Any]) -> Path:
    """Write the draft atomically (a crash mid-write leaves the previous one intact)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = _file(folder, form, key)
    body = json.dumps({"form": form, "key": key, "saved_at": utcnow().isoformat(),
                       "payload": _plain(payload)}, ensure_ascii=False)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".draft-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def get_local(folder: Path, form: str, key: str) -> tuple[dict[str, Any], datetime] | None:
    path = _file(folder, form, key)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data["payload"], datetime.fromisoformat(data["saved_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none kept, or a damaged file: nothing to offer


def discard_local(folder: Path, form: str, key: str) -> None:
    _file(folder, form, key).unlink(missing_ok=True)
