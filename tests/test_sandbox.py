"""Tests never touch the real user's folders: data, settings, logs and automatic backups
all go to a throw-away sandbox, in this process and in every subprocess a test starts."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

from conftest import _SANDBOX, real_user_folders, touched_real_files

from mash_desktop.config import data_dir, log_dir
from mash_desktop.services.backup import backup_dir


def test_every_folder_the_app_uses_is_in_the_sandbox() -> None:
    for folder in (data_dir(), log_dir(), backup_dir(), Path("~").expanduser()):
        assert folder.resolve().is_relative_to(_SANDBOX.resolve()), folder
    assert all(not f.resolve().is_relative_to(_SANDBOX.resolve()) for f in real_user_folders())


def test_subprocesses_inherit_the_sandbox() -> None:
    out = subprocess.run([sys.executable, "-c", "from mash_desktop.config import data_dir, "
                          "log_dir; import os; print(data_dir()); print(log_dir()); "
                          "print(os.path.expanduser('~'))"],
                         capture_output=True, text=True, timeout=60, check=True)
    for line in out.stdout.split():
        assert Path(line).resolve().is_relative_to(_SANDBOX.resolve()), line


def test_an_automatic_backup_goes_to_the_sandbox(db_path: Path) -> None:
    from mash_desktop.db import open_database
    from mash_desktop.services.backup import auto_backup

    open_database(f"sqlite:///{db_path}").dispose()
    made = auto_backup(db_path, now=datetime(2001, 2, 3, 4, 5))  # a day with no backup yet
    assert made is not None and made.resolve().is_relative_to(_SANDBOX.resolve())


def test_no_backup_or_log_reached_the_real_user_folders() -> None:
    """Where the tests once left a 236 MB automatic backup; conftest checks every real
    app folder again when the whole run ends (pytest_sessionfinish, failing in CI)."""
    real = [f for f in real_user_folders() if f.name == "mash-desktop"]
    assert touched_real_files([sub for f in real for sub in (f / "backups", f / "log")]) == []
