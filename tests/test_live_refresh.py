"""Two workstations on one clinic server: one saves, the other's screen follows within
seconds; a server that goes away is said in words and comes back by itself."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.engine import make_url

from mash_desktop.changes import Kind
from mash_desktop.db import open_database
from mash_desktop.gui import live_refresh
from mash_desktop.services.live import changes_since, latest_change
from mash_desktop.services.patients import create_patient, open_chart, update_patient

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)


def other_workstation(win):  # noqa: ANN001, ANN201
    """The same clinic opened by a second process would see the same server."""
    return open_database(win.db.url)


def test_changes_since_names_kind_and_patient(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        start = latest_change(s)
        pid = create_patient(s, {"mrn": "LIVE-1", "first_name": "Ida", "last_name": "Nkemelu",
                                 "date_of_birth": "1949-07-30", "sex": "female"}).id
    with demo_db.session() as s:
        changes, last = changes_since(s, start)
        assert last > start
        assert changes.touches({Kind.PATIENT}, pid) and not changes.touches({Kind.NOTE}, pid)
        assert changes_since(s, last)[0].items == frozenset()


def test_a_chart_read_elsewhere_wakes_no_workstation(demo_db) -> None:  # noqa: ANN001
    """Opening a chart is audited, but it changes nothing another workstation shows: no
    notification is sent and the poll reports nothing, so a clinic reading charts all day
    does not redraw every screen. A write still wakes everyone."""
    from mash_desktop.db.listen import ChangeListener

    listener = ChangeListener(demo_db.engine)
    try:
        with demo_db.session() as s:
            start = latest_change(s)
            pid = create_patient(s, {"mrn": "LIVE-3", "first_name": "Bea",
                                     "last_name": "Osei", "date_of_birth": "1948-02-11",
                                     "sex": "female"}).id
        assert len(list(listener.conn.notifies(timeout=5.0, stop_after=1))) == 1
        assert listener.drain() == 0  # one write, one notification
        with demo_db.session() as s:
            _changes, after_write = changes_since(s, start)
            open_chart(s, pid)  # read on another PC: audited as "view"
        with demo_db.session() as s:
            changes, last = changes_since(s, after_write)
            assert not changes and last > after_write  # read past, nothing to redraw
        assert list(listener.conn.notifies(timeout=1.0)) == []
    finally:
        listener.close()


def test_a_new_patient_appears_on_the_other_workstation(demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    assert win.live is not None and win.live.listener is not None
    before = len(win.model.rows)
    other = other_workstation(win)
    try:
        with other.session() as s:
            create_patient(s, {"mrn": "LIVE-2", "first_name": "Olu", "last_name": "Adeyemi",
                               "date_of_birth": "1950-03-14", "sex": "male"})
        qtbot.waitUntil(lambda: len(win.model.rows) == before + 1, timeout=3000)
    finally:
        other.dispose()


def test_the_open_chart_follows_an_edit_made_elsewhere(demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    pid = win.model.rows[0].id
    win.open_patient(pid)
    other = other_workstation(win)
    try:
        with other.session() as s:
            update_patient(s, pid, {"last_name": "Followed-Elsewhere"})
        qtbot.waitUntil(lambda: "Followed-Elsewhere" in win.ui.nameLabel.text(),
                        timeout=3000)
    finally:
        other.dispose()


def test_a_lost_server_is_said_in_words_and_retried(demo_window, qtbot, pg_server,
                                                   monkeypatch) -> None:  # noqa: ANN001
    win = demo_window
    monkeypatch.setattr(live_refresh, "RETRY_MS", 200)
    said: list[str] = []
    win.runner.message.connect(lambda text, _ms: said.append(text))
    name = make_url(win.db.url).database
    with pg_server.admin() as admin:  # the server refuses this clinic, drops its sessions
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = %s", (name,))
    qtbot.waitUntil(lambda: win.live.lost, timeout=5000)
    assert said and said[-1] == live_refresh.LOST
    with pg_server.admin() as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    qtbot.waitUntil(lambda: not win.live.lost, timeout=5000)
    assert said[-1] == live_refresh.BACK and win.live.listener is not None


def test_a_save_while_the_server_is_gone_is_a_message_not_a_traceback(
        demo_window, pg_server, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    win = demo_window
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a:
                        shown.append((title, text)))
    name = make_url(win.db.url).database
    with pg_server.admin() as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = %s", (name,))
    try:
        win.runner.op(win, lambda s: create_patient(s, {
            "mrn": "GONE-1", "first_name": "A", "last_name": "B",
            "date_of_birth": "1950-01-01", "sex": "male"})).run()
    finally:
        with pg_server.admin() as admin:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    assert shown and shown[-1][0] == "Clinic server unreachable"
    assert "nothing was saved" in shown[-1][1]
    assert psycopg  # the driver the app ships with is what the test talks to
