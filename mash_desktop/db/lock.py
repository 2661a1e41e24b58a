"""One writer at a time for whole-file operations on a SQLite database.

SQLite itself makes single transactions safe between processes, but replacing or
converting the whole file (restore, encrypt, decrypt, a schema migration) under a
process that has it open loses that process's saves or damages the file. So every
process that opens a database holds an OS lock on ``<database>.lock`` beside it:

* SHARED by everyone who opens it (the app from start-up, sign-in dialog included,
  and every command), so any number of them work side by side;
* EXCLUSIVE by restore, encrypt, decrypt and migrations, which refuse at once, naming
  what to close, while anybody else holds it.

The lock is advisory and released by the OS when a process ends, so a crash never
leaves a stale lock behind. Locking uses ``portalocker`` (flock on POSIX, LockFileEx
on Windows). Within one process the lock is counted: several Database objects on the
same file share one lock, and an exclusive operation needs them all closed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import portalocker

from ..files import FileError, describe_os_error

log = logging.getLogger(__name__)

#: How long a command waits for a restore or conversion in another process to finish.
SHARED_WAIT_S = 10.0


class DatabaseBusy(FileError):
    """The database is in use elsewhere (or being replaced); the message says what to close."""


@dataclass
class _Held:
    handle: IO[str]
    shared: int = 0
    exclusive: bool = False
    notes: list[str] = field(default_factory=list)


_held: dict[Path, _Held] = {}


def lock_path(db_file: Path) -> Path:
    return Path(db_file).with_name(Path(db_file).name + ".lock")


def _key(db_file: Path) -> Path:
    return lock_path(Path(db_file).resolve())


def _open(path: Path) -> IO[str]:
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise FileError(f"cannot create the lock file {path}: "
                        f"{describe_os_error(exc, path).split(': ', 1)[0]}") from None
    return os.fdopen(fd, "r+")


def holders(db_file: Path) -> list[str]:
    """Which other processes hold the lock, as 'pid N (command)' (Linux only; else [])."""
    try:
        inode = os.stat(_key(db_file)).st_ino
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return []
    found: list[str] = []
    for line in lines:
        parts = line.split()
        if len(parts) < 6 or parts[1] != "FLOCK" or "->" in parts:
            continue
        pid, ident = parts[4], parts[5]
        if ident.rsplit(":", 1)[-1] != str(inode) or pid == str(os.getpid()):
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(
                "utf-8", "replace").strip()
        except OSError:
            cmd = ""
        label = f"process {pid}" + (f" ({_short(cmd)})" if cmd else "")
        if label not in found:
            found.append(label)
    return found


def _short(cmd: str) -> str:
    words = cmd.split()
    for i, w in enumerate(words):
        if "mash" in w and ("desktop" in w or "mash_desktop" in w):
            return "mash-desktop " + " ".join(words[i + 1:i + 4]).strip()
    return cmd[:60]


def _busy_message(db_file: Path, what: str) -> str:
    others = holders(db_file)
    who = ("; it is open in " + ", ".join(others)) if others else ""
    return (f"cannot {what}: {Path(db_file).name} is open in another MASH Desktop window or "
            f"command{who}. Close the app and any running mash-desktop commands on this "
            "database, then try again; nothing was changed")


def acquire_shared(db_file: Path, wait: float = SHARED_WAIT_S) -> None:
    """Hold the shared lock for this process (counted); waits briefly for a restore."""
    key = _key(db_file)
    held = _held.get(key)
    if held is not None:
        if held.exclusive:
            raise DatabaseBusy(f"{Path(db_file).name} is being replaced or converted; try "
                               "again when that has finished")
        held.shared += 1
        return
    handle = _open(key)
    deadline = time.monotonic() + wait
    while True:
        try:
            portalocker.lock(handle, portalocker.LockFlags.SHARED |
                             portalocker.LockFlags.NON_BLOCKING)
            break
        except portalocker.exceptions.LockException:
            if time.monotonic() >= deadline:
                handle.close()
                raise DatabaseBusy(f"{Path(db_file).name} is being restored or converted "
                                   "by another program; try again when it has finished"
                                   ) from None
            time.sleep(0.1)
    _held[key] = _Held(handle, shared=1)


def release_shared(db_file: Path) -> None:
    key = _key(db_file)
    held = _held.get(key)
    if held is None or held.shared <= 0:
        return
    held.shared -= 1
    if held.shared == 0 and not held.exclusive:
        _close(key)


def _close(key: Path) -> None:
    held = _held.pop(key)
    with contextlib.suppress(Exception):
        portalocker.unlock(held.handle)
    held.handle.close()


def shared_count(db_file: Path) -> int:
    held = _held.get(_key(db_file))
    return held.shared if held else 0


@contextlib.contextmanager
def exclusive(db_file: Path, what: str, *, keep_shared: int = 0) -> Iterator[None]:
    """Hold the database alone for a whole-file operation, or raise :class:`DatabaseBusy`.

    ``keep_shared`` is how many of this process's own shared holds belong to the caller
    (a migration run by the Database being opened); any other open Database on this
    file in this process counts as a user to close first. Afterwards the lock returns
    to shared if this process still holds it that way.
    """
    key = _key(db_file)
    held = _held.get(key)
    if held is not None and held.exclusive:
        raise DatabaseBusy(f"cannot {what}: another operation on {Path(db_file).name} is "
                           "already running")
    if held is not None and held.shared > keep_shared:
        raise DatabaseBusy(f"cannot {what}: {Path(db_file).name} is still open in this "
                           "program; close it first")
    if held is None:
        held = _Held(_open(key))
        _held[key] = held
    try:
        portalocker.lock(held.handle, portalocker.LockFlags.EXCLUSIVE |
                         portalocker.LockFlags.NON_BLOCKING)
    except portalocker.exceptions.LockException:
        message = _busy_message(db_file, what)
        _restore_shared(key, held)
        log.warning("refused to %s: the database is in use elsewhere", what)
        raise DatabaseBusy(message) from None
    held.exclusive = True
    try:
        yield
    finally:
        held.exclusive = False
        _restore_shared(key, held)


def _restore_shared(key: Path, held: _Held) -> None:
    if held.shared == 0:
        _close(key)
        return
    try:  # back to shared for the Database objects of this process that stay open
        portalocker.lock(held.handle, portalocker.LockFlags.SHARED |
                         portalocker.LockFlags.NON_BLOCKING)
    except portalocker.exceptions.LockException:  # pragma: no cover - a racing restore
        log.warning("could not return to a shared lock on %s", key)
