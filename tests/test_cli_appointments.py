"""The day's appointment list from the command line: same rules, same people, same audit."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from mash_desktop.cli import main
from mash_desktop.models import Appointment, AuditEntry
from mash_desktop.services.startup import open_clinic
from mash_desktop.services.today import today_view
from mash_desktop.services.users import create_user

PASSWORD = "a long enough passphrase"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def clinic(demo_db) -> str:  # noqa: ANN001
    """The demo clinic with a PT, an assistant and an administrator without credentials."""
    with demo_db.session() as s:
        admin = create_user(s, {"username": "admin", "full_name": "Ada Admin",
                                "credentials": "Admin", "password": PASSWORD})
        create_user(s, {"username": "dana", "full_name": "Dana Whitaker",
                        "credentials": "DPT", "role": "clinician", "password": PASSWORD}, admin)
        create_user(s, {"username": "pat", "full_name": "Pat Assistant",
                        "credentials": "PTA", "role": "assistant", "password": PASSWORD},
                    admin)
    demo_db.dispose()
    return str(demo_db.path)


def _appointments(path: str) -> list[Appointment]:
    db = open_clinic(f"sqlite:///{path}")
    with db.session() as s:
        rows = list(s.scalars(select(Appointment).order_by(Appointment.id)))
        s.expunge_all()
    db.dispose()
    return rows


def test_pt_books_lists_and_cancels_a_visit(clinic: str, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)
    as_dana = ("--db", clinic, "--user", "dana")
    code, out, err = run(capsys, *as_dana, "appointments", "add", "--mrn", "demo-012",
                         "--time", "09:30", "--note", "bring walking shoes")
    assert (code, err) == (0, "") and "added appointment 1" in out and "09:30" in out
    code, out, _ = run(capsys, *as_dana, "appointments", "list")
    assert code == 0 and "09:30" in out and "DEMO-012" in out and "Planned" in out
    assert "bring walking shoes" in out and "1 appointment(s)" in out
    # The Today screen's own service sees the same visit, linked to the active episode.
    db = open_clinic(f"sqlite:///{clinic}")
    with db.session() as s:
        from mash_desktop.models import User

        dana = s.scalar(select(User).where(User.username == "dana"))
        view = today_view(s, dana)
    db.dispose()
    booked = [v for v in view.visits if v.appointment_id == 1]
    assert len(booked) == 1 and booked[0].mrn == "DEMO-012" and booked[0].episode_id == 12
    code, out, _ = run(capsys, *as_dana, "appointments", "cancel", "1", "--reason",
                       "patient has a cold")
    assert code == 0 and "cancelled appointment 1" in out
    listed = json.loads(run(capsys, *as_dana, "appointments", "list", "--json")[1])
    assert [(a["id"], a["status"], a["note"], a["time"]) for a in listed] == [
        (1, "cancelled", "patient has a cold", "09:30")]
    db = open_clinic(f"sqlite:///{clinic}")
    with db.session() as s:
        audit = s.execute(select(AuditEntry.username, AuditEntry.action, AuditEntry.entity)
                          .where(AuditEntry.entity.in_(["appointment", "appointment_list"]))
                          ).all()
    db.dispose()
    assert ("dana", "create", "appointment") in audit
    assert ("dana", "update", "appointment") in audit
    assert ("dana", "read", "appointment_list") in audit


def test_bad_input_is_one_line_and_changes_nothing(clinic: str, capsys, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)
    as_dana = ("--db", clinic, "--user", "dana", "appointments")
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert run(capsys, *as_dana, "add", "--mrn", "DEMO-012", "--day", tomorrow)[0] == 0
    for args, says in [
        (("add", "--mrn", "DEMO-012", "--day", tomorrow), "already has an appointment then"),
        (("add", "--mrn", "DEMO-011", "--time", "25:00"), "start time: must be a time"),
        (("add", "--mrn", "DEMO-011", "--day", "2026-13-01"), "day: must be a date"),
        (("add", "--mrn", "NOBODY"), "no patient with MRN NOBODY"),
        (("add", "--mrn", "DEMO-011", "--episode", "12"), "not an episode of this patient"),
        (("add", "--mrn", "DEMO-011", "--note", "x" * 201), "note: is too long"),
        (("cancel", "99"), "No appointment with id 99"),
    ]:
        code, out, err = run(capsys, *as_dana, *args)
        assert code == 1 and not out, args
        assert says in err and len(err.strip().splitlines()) == 1, (args, err)
    assert len(_appointments(clinic)) == 1
    assert run(capsys, *as_dana, "cancel", "1")[0] == 0
    code, _, err = run(capsys, *as_dana, "cancel", "1")
    assert code == 1 and "already cancelled" in err


def test_the_permission_table_applies(clinic: str, capsys, monkeypatch) -> None:  # noqa: ANN001
    code, out, err = run(capsys, "--db", clinic, "appointments", "list")
    assert code == 1 and "sign in with --user" in err and not out
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)
    code, _, err = run(capsys, "--db", clinic, "--user", "admin", "appointments", "add",
                       "--mrn", "DEMO-012")
    assert code == 1 and "Ada Admin (Administrator) may not" in err
    code, _, err = run(capsys, "--db", clinic, "--user", "admin", "appointments", "list")
    assert code == 1 and "may not read patient charts" in err
    assert _appointments(clinic) == []
    # An assistant documents visits, so keeps the list too.
    assert run(capsys, "--db", clinic, "--user", "pat", "appointments", "add", "--mrn",
               "DEMO-012")[0] == 0


def test_each_clinician_lists_their_own_day_unless_everyone(clinic: str, capsys,
                                                           monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("MASH_DESKTOP_PASSWORD", PASSWORD)
    assert run(capsys, "--db", clinic, "--user", "pat", "appointments", "add", "--mrn",
               "DEMO-012", "--time", "08:00")[0] == 0
    assert "0 appointment(s)" in run(capsys, "--db", clinic, "--user", "dana",
                                     "appointments", "list")[1]
    out = run(capsys, "--db", clinic, "--user", "dana", "appointments", "list",
              "--everyone")[1]
    assert "DEMO-012" in out and "1 appointment(s)" in out


def test_a_read_command_never_creates_a_database(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    code, _, err = run(capsys, "--db", str(tmp_path / "none.db"), "appointments", "list")
    assert code == 1 and "no database" in err and not (tmp_path / "none.db").exists()
