"""Reaching a clinic server: its address as settings keep it, and its password, if any.

The address saved on a workstation never holds a password. When the server asks for one
(not every server does: trust or peer authentication, a ``~/.pgpass`` file or
``PGPASSWORD`` need none) it comes from the operating system's keyring (the ``keyring``
library: GNOME Keyring / KWallet, macOS Keychain, Windows Credential Locker) or from a
prompt, and lives only in memory and, if the user asks, in that keyring.
"""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url

from ..config import normalise_url
from ..errors import ValidationError

KEYRING_SERVICE = "mash-desktop"
SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "disable")
_PASSWORD_WANTED = ("no password supplied", "password authentication failed",
                    "password is required")


def server_url(host: str, database: str, user: str, port: str | int | None = None,
               sslmode: str = "prefer") -> str:
    """The URL a workstation keeps for its clinic server (no password), checked field by
    field like any form."""
    errors: dict[str, str] = {}
    host, database, user = host.strip(), database.strip(), user.strip()
    if not host:
        errors["host"] = "is required (the server's name or address)"
    if not database:
        errors["database"] = "is required"
    if not user:
        errors["user"] = "is required (the clinic's database role)"
    number = None
    if port not in (None, ""):
        try:
            number = int(str(port).strip())
            if not 1 <= number <= 65535:
                raise ValueError
        except ValueError:
            errors["port"] = "must be a number from 1 to 65535"
    if sslmode not in SSL_MODES:
        errors["sslmode"] = f"must be one of {', '.join(SSL_MODES)}"
    if errors:
        raise ValidationError(errors)
    query = {} if sslmode == "prefer" else {"sslmode": sslmode}
    url = URL.create("postgresql+psycopg", user, None, host, number, database, query)
    return url.render_as_string(hide_password=False)


def without_password(url: str) -> str:
    """The URL as it may be stored or shown: any password removed."""
    u = make_url(normalise_url(url))
    return URL.create(u.drivername, u.username, None, u.host, u.port, u.database, u.query)\
        .render_as_string(hide_password=False)


def with_password(url: str, password: str) -> str:
    """The URL to connect with (kept in memory only)."""
    u = make_url(normalise_url(url))
    return u.set(password=password).render_as_string(hide_password=False)


def needs_password(exc: BaseException) -> bool:
    """Did the server refuse us for want of a (right) password?"""
    text = str(getattr(exc, "orig", None) or exc).lower()
    return any(p in text for p in _PASSWORD_WANTED)


def _account(url: str) -> str:
    u = make_url(normalise_url(url))
    return f"{u.username}@{u.host or 'localhost'}:{u.port or 5432}/{u.database}"


def stored_password(url: str) -> str | None:
    """The password kept in the OS keyring for this server and role, if any."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, _account(url))
    except Exception:  # noqa: BLE001 - no keyring on this system: ask instead
        return None


def remember_password(url: str, password: str) -> bool:
    """Keep the password in the OS keyring; False when this system has no keyring."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, _account(url), password)
        return True
    except Exception:  # noqa: BLE001 - no keyring: the password is simply not kept
        return False


def forget_password(url: str) -> None:
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, _account(url))
    except Exception:  # noqa: BLE001 - nothing kept, or no keyring
        pass


class ServerUnreachable(Exception):
    """The server did not answer (or refused us for a reason a password cannot fix)."""


class PasswordNeeded(Exception):
    """The server wants a (right) password for this role."""


def try_connect(url: str) -> None:
    """Open one connection and run ``SELECT 1``; raise PasswordNeeded or ServerUnreachable
    (with the driver's first line, which never holds the password)."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from .engine import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        if needs_password(exc):
            raise PasswordNeeded(str(exc.orig)) from None
        first = (str(exc.orig).strip().splitlines() or ["no answer"])[0]
        raise ServerUnreachable(first) from None
    finally:
        engine.dispose()


def url_parts(url: str) -> dict[str, str]:
    """Host, port, database, user and sslmode of a server URL, for forms and prompts."""
    u = make_url(normalise_url(url))
    return {"host": u.host or str(u.query.get("host", "")), "port": str(u.port or ""),
            "database": u.database or "", "user": u.username or "",
            "sslmode": str(u.query.get("sslmode", "prefer"))}
