"""Export -> import round trip, and import files that must be refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mash_desktop.cli import main
from mash_desktop.services.startup import open_clinic


def cli(*args: str) -> int:
    return main(list(args))


def load(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("exported_at")
    return data


def test_demo_export_import_restores_exactly(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert cli("--db", str(a), "demo") == 0
    assert cli("--db", str(a), "export", "--out", str(tmp_path / "1.json")) == 0
    assert cli("--db", str(b), "import", str(tmp_path / "1.json")) == 0
    assert cli("--db", str(b), "export", "--out", str(tmp_path / "2.json")) == 0
    first, second = load(tmp_path / "1.json"), load(tmp_path / "2.json")
    # the second file's audit also records the import itself, appended at the end
    assert second["audit"][:len(first["audit"])] == first["audit"]
    assert second["audit"][-1]["action"] == "import"
    first.pop("audit")
    second.pop("audit")
    first.pop("audit_chain")  # the head moved on with the import's own entry
    second.pop("audit_chain")
    # the demo mark describes the file the demo was built in, not the records: an import
    # never takes it (it would turn off the new file's automatic backups)
    assert {"key": "demo_database", "value": True} in first["settings"]
    first["settings"].remove({"key": "demo_database", "value": True})
    assert first == second
    sessions = [s for p in first["patients"] for e in p["episodes"] for s in e["sessions"]]
    assert sessions and all("exercises" in s and "manual_therapy" in s for s in sessions)
    assert {"sets", "reps", "hold_s", "load_type", "band"} <= set(sessions[0]["exercises"][0])
    assert cli("--db", str(b), "check") == 0


@pytest.mark.parametrize("content", [
    b'{"format": "mash-desktop-export", "format_version": 1, "patients": [',  # truncated
    b'{"format": "something-else"}',
    b'{"format": "mash-desktop-export", "format_version": 99}',
    b'[1, 2, 3]',
    b'\xff\xfe not utf8',
    b'{"format": "mash-desktop-export", "format_version": 1, "settings": [], "users": [],'
    b' "payers": [], "catalog": [], "audit": [], "patients": [{"mrn": "X", "first_name":'
    b' "A", "last_name": "B", "date_of_birth": "2999-01-01", "sex": "male"}]}',
    b'{"format": "mash-desktop-export", "format_version": 1, "settings": [], "users": [],'
    b' "payers": [], "catalog": [], "audit": [], "patients": "nope"}',
])
def test_bad_import_file_is_refused_and_changes_nothing(tmp_path: Path, content: bytes,
                                                        capsys) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    db = tmp_path / "x.db"
    assert cli("--db", str(db), "import", str(bad)) == 1
    assert "import refused, nothing changed" in capsys.readouterr().err
    d = open_clinic(f"sqlite:///{db}")
    with d.engine.connect() as conn:
        assert conn.exec_driver_sql("select count(*) from patients").scalar() == 0
    d.dispose()


def test_huge_import_file_is_refused_without_reading_it(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse 100 MB file
    assert cli("--db", str(tmp_path / "x.db"), "import", str(big)) == 1
    assert "MB" in capsys.readouterr().err


def test_import_into_a_database_with_patients_is_refused(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    a = tmp_path / "a.db"
    cli("--db", str(a), "demo")
    cli("--db", str(a), "export", "--out", str(tmp_path / "1.json"))
    assert cli("--db", str(a), "import", str(tmp_path / "1.json")) == 1
    assert "empty database" in capsys.readouterr().err
