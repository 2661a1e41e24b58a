"""Export -> import round trip, and import files that must be refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mash_desktop.cli import main
from mash_desktop.services.startup import open_clinic

pytestmark = pytest.mark.both_engines


def cli(*args: str) -> int:
    return main(list(args))


def load(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("exported_at")
    return data


def test_demo_export_import_restores_exactly(tmp_path: Path, demo_db, new_db_url,
                                             capsys) -> None:  # noqa: ANN001
    a, b = demo_db.url, new_db_url("b")
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
    first["settings"] = [x for x in first["settings"] if x["key"] != "demo_database"]
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
                                                        new_db_url, capsys) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    db = new_db_url("x")
    assert cli("--db", db, "import", str(bad)) == 1
    assert "import refused, nothing changed" in capsys.readouterr().err
    d = open_clinic(db)
    with d.engine.connect() as conn:
        assert conn.exec_driver_sql("select count(*) from patients").scalar() == 0
    d.dispose()


def test_huge_import_file_is_refused_without_reading_it(tmp_path: Path, new_db_url,
                                                       capsys) -> None:  # noqa: ANN001
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse 100 MB file
    assert cli("--db", new_db_url("x"), "import", str(big)) == 1
    assert "MB" in capsys.readouterr().err


def test_import_into_a_database_with_patients_is_refused(tmp_path: Path, demo_db,
                                                         capsys) -> None:  # noqa: ANN001
    a = demo_db.url
    cli("--db", str(a), "export", "--out", str(tmp_path / "1.json"))
    assert cli("--db", str(a), "import", str(tmp_path / "1.json")) == 1
    assert "empty database" in capsys.readouterr().err


def test_imported_clinic_takes_new_records_after_the_imported_ones(
        tmp_path: Path, demo_db, new_db_url, capsys) -> None:  # noqa: ANN001
    """Imported rows keep their ids; the next patient and note must not collide with them."""
    a, b = demo_db.url, new_db_url("b")
    assert cli("--db", a, "export", "--out", str(tmp_path / "1.json")) == 0
    assert cli("--db", b, "import", str(tmp_path / "1.json")) == 0
    assert cli("--db", b, "add-patient", "--mrn", "NEW-1", "--first-name", "Ada",
               "--last-name", "Lovelace", "--dob", "1950-12-10", "--sex", "female") == 0
    d = open_clinic(b)
    with d.engine.connect() as conn:
        assert conn.exec_driver_sql("select count(*) from patients").scalar() == \
            len(load(tmp_path / "1.json")["patients"]) + 1
    d.dispose()


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_solo_clinic_moves_onto_the_clinic_server(tmp_path: Path, new_db_url,
                                                    capsys) -> None:  # noqa: ANN001
    """SQLite file -> export -> import into PostgreSQL: the same records arrive."""
    solo, server = f"sqlite:///{tmp_path / 'solo.db'}", new_db_url("server")
    assert cli("--db", solo, "demo") == 0
    assert cli("--db", solo, "export", "--out", str(tmp_path / "1.json")) == 0
    assert cli("--db", server, "import", str(tmp_path / "1.json")) == 0
    assert cli("--db", server, "export", "--out", str(tmp_path / "2.json")) == 0
    first, second = load(tmp_path / "1.json"), load(tmp_path / "2.json")
    for data in (first, second):  # the server's trail adds the import (and its own chain)
        data.pop("audit")
        data.pop("audit_chain")
    # the demo mark describes the file the demo was built in: an import never takes it
    first["settings"].remove({"key": "demo_database", "value": True})
    assert first == second
    assert cli("--db", server, "check") == 0


VOLATILE = {"created_at", "updated_at", "at", "exported_at", "signed_at", "revised_at", "id"}


def _content(value):  # noqa: ANN001, ANN202
    """An export without clock times and row ids (they differ between two builds)."""
    if isinstance(value, dict):
        return {k: _content(v) for k, v in value.items() if k not in VOLATILE
                and not k.endswith("_id")}
    if isinstance(value, list):
        return [_content(v) for v in value]
    return value


def test_the_demo_clinic_is_the_same_on_both_engines(demo_template, pg_demo_url,
                                                     tmp_path: Path) -> None:  # noqa: ANN001
    from mash_desktop.db.migrate import backup_sqlite
    from mash_desktop.services.transfer import export_data

    copy = backup_sqlite(demo_template, tmp_path / "demo.db")  # the template stays as built
    exports = []
    for url in (f"sqlite:///{copy}", pg_demo_url):
        d = open_clinic(url)
        try:
            with d.session() as s:
                data = export_data(s)
                data.pop("audit")
                data.pop("audit_chain")  # hashes over the trail's clock times
                exports.append(_content(data))
        finally:
            d.dispose()
    sqlite_demo, server_demo = exports
    assert sqlite_demo["patients"] and sqlite_demo == server_demo
