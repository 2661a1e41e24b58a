"""Pointing a workstation at the clinic server: the address in settings (never a password),
the password from the OS keyring or a prompt, and only when the server asks for one."""

from __future__ import annotations

import os
from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QSettings

from mash_desktop.db import credentials
from mash_desktop.errors import ValidationError
from mash_desktop.gui import server_dialog
from mash_desktop.gui.app import make_app

SECRET = "correct horse battery staple"


class MemoryKeyring(KeyringBackend):
    """A stand-in for GNOME Keyring / Keychain: what the app stores, in memory."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


@pytest.fixture(scope="module")
def locked_server() -> Iterator[str]:
    """A private server whose role needs a password (scram-sha-256)."""
    from tools import private_pg

    try:
        server = private_pg.start(watch_pid=os.getpid(), password=SECRET)
    except private_pg.PostgresUnavailable as exc:
        if os.environ.get("MASH_TEST_POSTGRES") == "require":
            pytest.fail(f"PostgreSQL is required for this run: {exc}")
        pytest.skip(f"no PostgreSQL server here ({exc})")
    yield server.url()
    server.stop()


def test_the_saved_address_is_checked_like_a_form_and_holds_no_password() -> None:
    assert credentials.server_url("clinic-server", "mash", "mash_app", "", "require") == \
        "postgresql+psycopg://mash_app@clinic-server/mash?sslmode=require"
    with pytest.raises(ValidationError) as err:
        credentials.server_url("", "mash", "", "99999", "sometimes")
    assert set(err.value.errors) == {"host", "user", "port", "sslmode"}
    assert credentials.without_password("postgresql://pt:s3cret@h/mash") == \
        "postgresql+psycopg://pt@h/mash"
    make_app()
    server_dialog.save_server("postgresql://pt:s3cret@h/mash?sslmode=require")
    try:
        assert server_dialog.saved_server() == "postgresql+psycopg://pt@h/mash?sslmode=require"
        settings_file = QSettings().fileName()
        assert "s3cret" not in open(settings_file, encoding="utf-8").read()
    finally:
        server_dialog.save_server(None)
    assert server_dialog.saved_server() is None


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_no_prompt_when_the_server_needs_no_password(db, monkeypatch) -> None:  # noqa: ANN001
    """Trust, peer or .pgpass authentication: straight in, nothing asked or stored."""
    monkeypatch.setattr(server_dialog, "ask_password", lambda *a, **k: pytest.fail("asked"))
    assert server_dialog.connect_url(db.url) == db.url


def test_password_is_asked_once_then_kept_in_the_keyring(locked_server, memory_keyring,
                                                         monkeypatch) -> None:  # noqa: ANN001
    make_app()
    asked: list[str] = []

    def ask(url: str, message: str = "", parent: object = None) -> tuple[str, bool]:
        asked.append(message)
        return (SECRET if len(asked) > 1 else "wrong", True)

    monkeypatch.setattr(server_dialog, "ask_password", ask)
    url = server_dialog.connect_url(locked_server)
    assert url is not None and asked == ["", "That password was not accepted."]
    assert list(memory_keyring.kept.values()) == [SECRET]  # the wrong one was never kept
    asked.clear()
    assert server_dialog.connect_url(locked_server) == url and asked == []  # from the keyring


def test_no_keyring_on_this_system_means_asking_each_time(locked_server, monkeypatch) -> None:  # noqa: ANN001
    from keyring.backends.fail import Keyring as NoKeyring

    before = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        monkeypatch.setattr(server_dialog, "ask_password", lambda *a, **k: (SECRET, True))
        assert server_dialog.connect_url(locked_server) is not None
        assert credentials.stored_password(locked_server) is None
    finally:
        keyring.set_keyring(before)


def test_cancelling_the_password_prompt_opens_nothing(locked_server, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(server_dialog, "ask_password", lambda *a, **k: None)
    assert server_dialog.connect_url(locked_server) is None
