"""Settings hold only what their own editors accept, whichever way they arrive (issue 11
review): an import brings only known settings through the same rules, `check` names a
stored value that breaks its rule, and a bad stored value never stops the app."""

from __future__ import annotations

import copy
import json
import sqlite3
from typing import Any

import pytest

from mash_desktop.cli import main
from mash_desktop.db import Database
from mash_desktop.services.errors import ValidationError
from mash_desktop.services.security import DEFAULT_IDLE_MINUTES, security_settings
from mash_desktop.services.settings import get_setting
from mash_desktop.services.transfer import export_data, import_data


def store(db: Database, key: str, value: Any) -> None:
    db.dispose()
    with sqlite3.connect(db.path) as conn:
        conn.execute("insert or replace into settings (key, value) values (?, ?)",
                     (key, json.dumps(value)))


@pytest.fixture
def export(demo_db) -> dict[str, Any]:  # noqa: ANN001
    with demo_db.session() as s:
        return export_data(s)


def with_setting(data: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    data["settings"] = [r for r in data["settings"] if r["key"] != key]
    data["settings"].append({"key": key, "value": value})
    return data


@pytest.mark.parametrize("key, value, says", [
    ("idle_lock_minutes", -5, "between 0 and 240"),
    ("idle_lock_minutes", "never", "must be a number"),
    ("backups_keep", 100000, "between 1 and 365"),
    ("__evil__", {"x": [1]}, "is not a setting this app knows"),
    ("clinic_logo", "bm90IGFuIGltYWdl", "PNG or JPEG"),
    ("quick_phrases", {"assessment": "not a list"}, "must be a list of phrases"),
])
def test_an_import_refuses_a_setting_its_editor_would_refuse(db, export, key, value,
                                                             says) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as info, db.session() as s:
        import_data(s, with_setting(export, key, value))
    assert says in " ".join(info.value.errors.values())
    with db.session() as s:
        assert get_setting(s, key) is None


def test_an_imported_demo_mark_does_not_turn_off_backups(db, export) -> None:  # noqa: ANN001
    with db.session() as s:
        import_data(s, with_setting(export, "demo_database", True))
    with db.session() as s:
        assert get_setting(s, "demo_database") is None


def test_a_bad_stored_idle_lock_falls_back_and_check_names_it(db, capsys) -> None:  # noqa: ANN001
    for value in (-5, "never"):
        store(db, "idle_lock_minutes", value)
        with db.session() as s:
            assert security_settings(s).idle_lock_minutes == DEFAULT_IDLE_MINUTES
        db.dispose()
        assert main(["--db", str(db.path), "check"]) == 1
        out = capsys.readouterr().out
        assert "FAIL settings" in out and "setting idle_lock_minutes must be" in out


def test_good_settings_pass_check(demo_db, capsys) -> None:  # noqa: ANN001
    store(demo_db, "idle_lock_minutes", 0)
    assert main(["--db", str(demo_db.path), "check"]) == 0
    assert "ok  settings" in capsys.readouterr().out
