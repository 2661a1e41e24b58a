"""Every file the app writes goes through here, so an output can never destroy an input.

Reports, exports, backups, graphs and safety copies hold patient data and are often
written next to the database itself. The rules, the same for the GUI, the CLI and a
direct service call:

* the target is checked *before* any work is done: a folder, a missing parent folder,
  an open database (or its -wal/-shm/-journal/.lock companions, compared by resolved
  path and by inode, so a hard link or a symlink cannot fool it) and an existing file
  (unless the caller confirmed replacing it: ``--force`` on the CLI, the file dialog's
  question in the GUI) are refused with one clear sentence;
* the bytes go to a private (0600) temporary file in the target folder, which is
  fsynced, renamed into place and the folder fsynced, so a crash or a full disk leaves
  either the old file or the complete new one, never a partial file;
* any OSError (disk full, permission denied, read-only disk) removes the temporary file
  and becomes a :class:`FileError` whose message says what happened and that nothing
  was written.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import ValidationError

log = logging.getLogger(__name__)

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
#: Files SQLite keeps beside a database; writing over any of them damages it.
SIDECARS = ("", "-wal", "-shm", "-journal", ".lock")

_open_databases: set[Path] = set()


class FileError(ValidationError):
    """A file could not be written (or must not be); the message is one sentence."""

    def __init__(self, message: str) -> None:
        super().__init__({"": message})


def register_database(path: Path) -> None:
    """Remember a database this process has open: no output may be written over it."""
    _open_databases.add(Path(path).resolve())


def unregister_database(path: Path) -> None:
    _open_databases.discard(Path(path).resolve())


def private_umask() -> None:
    """Make everything this process creates from now on private (files 0600, dirs 0700)."""
    os.umask(0o077)


def make_private_dir(folder: Path) -> Path:
    """Create ``folder`` (and missing parents) as 0700; an existing folder is left as is."""
    folder = Path(folder)
    if not folder.is_dir():
        folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            folder.chmod(PRIVATE_DIR)
    return folder


def make_private(path: Path) -> None:
    """Take group and other permissions off a file this process created (e.g. by SQLite)."""
    with contextlib.suppress(OSError):
        mode = path.stat().st_mode
        if mode & 0o077:
            path.chmod(mode & 0o700)


def describe_os_error(exc: OSError, path: Path | str) -> str:
    """One sentence for an OSError while writing ``path``."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full: there is no room to write {path}; nothing was written"
    if code in (errno.EACCES, errno.EPERM):
        return f"permission denied: cannot write {path}; nothing was written"
    if code == errno.EROFS:
        return f"{path} is on a read-only disk; nothing was written"
    if code == errno.ENAMETOOLONG:
        return f"the file name {path} is too long; nothing was written"
    reason = exc.strerror or type(exc).__name__
    return f"cannot write {path}: {reason}; nothing was written"


def describe_folder_error(exc: OSError, folder: Path | str) -> str:
    """One sentence for an OSError while creating a file in ``folder``: it names the folder
    and the reason, since the file itself does not exist yet."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full: there is no room in the folder {folder}; nothing was written"
    if code in (errno.EACCES, errno.EPERM):
        return (f"permission denied: you may not create files in the folder {folder}; "
                "nothing was written")
    if code == errno.EROFS:
        return f"the folder {folder} is on a read-only disk; nothing was written"
    reason = exc.strerror or type(exc).__name__
    return (f"the folder {folder} does not take new files ({reason}); choose another "
            "folder; nothing was written")


def _read_only_disk(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows)
        return False


def _protected(extra: Iterable[Path]) -> set[Path]:
    bases = set(_open_databases) | {Path(p).resolve() for p in extra}
    return {b.with_name(b.name + suffix) for b in bases for suffix in SIDECARS}


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_target(path: str | Path, *, force: bool = False,
                 protect: Iterable[Path] = ()) -> Path:
    """Refuse an output target that must not (or cannot) be written; returns it resolved.

    Call this before doing any work, so a refused command changes nothing. ``protect``
    names databases (besides the ones this process has open) that must never be
    overwritten, with their companion files.
    """
    if not str(path).strip():
        raise FileError("no output file given")
    target = Path(path).expanduser()
    if target.is_dir():
        raise FileError(f"{target} is a folder: give a file name inside it")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        if parent.exists():
            raise FileError(f"{parent} is not a folder")
        raise FileError(f"the folder {parent} does not exist; create it first or choose "
                        "another place")
    resolved = target.resolve()
    for guarded in _protected(protect):
        if resolved == guarded or (target.exists() and _same_file(target, guarded)):
            raise FileError(f"{target} is a database file in use (or one of its companion "
                            "files); choose another file name")
    if target.exists() or target.is_symlink():
        if not force:
            raise FileError(f"{target} already exists; choose a new file name (or add "
                            "--force to replace it)")
        if not target.is_file():
            raise FileError(f"{target} is not a regular file; choose another file name")
    if not os.access(parent, os.W_OK | os.X_OK):
        if _read_only_disk(parent):
            raise FileError(f"the folder {parent} is on a read-only disk; nothing was written")
        raise FileError(f"permission denied: you may not create files in the folder {parent}; "
                        "nothing was written")
    return resolved


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _place(tmp: Path, target: Path, force: bool) -> None:
    """Move the finished temporary file into place without clobbering unless ``force``."""
    if force:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)  # fails if the target appeared meanwhile: never clobbers
    except FileExistsError:
        raise FileError(f"{target} already exists; choose a new file name (or add --force "
                        "to replace it)") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK,
                             getattr(errno, "EOPNOTSUPP", errno.ENOTSUP)):
            raise
        if target.exists():  # a file system without hard links: check, then rename
            raise FileError(f"{target} already exists; choose a new file name") from None
        os.replace(tmp, target)
        return
    tmp.unlink()


@contextlib.contextmanager
def atomic_path(path: str | Path, *, force: bool = False,
                protect: Iterable[Path] = ()) -> Iterator[Path]:
    """Yield a private temporary path in the target folder; on success it becomes ``path``.

    For writers that want a file name (SQLite's backup API, matplotlib). If the block
    raises, or the data cannot be made durable, the temporary file is removed and the
    target is untouched.
    """
    protect = list(protect)
    target = check_target(path, force=force, protect=protect)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                    dir=target.parent)
    except OSError as exc:
        raise FileError(describe_folder_error(exc, target.parent)) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        for suffix in ("-wal", "-shm", "-journal"):  # what SQLite may leave beside it
            tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)
        os.chmod(tmp, PRIVATE_FILE)
        fsync_file(tmp)
        check_target(target, force=force, protect=protect)  # still safe to write?
        _place(tmp, target, force)
        fsync_dir(target.parent)
    except OSError as exc:
        _discard(tmp)
        log.warning("could not write a %s file: %s", target.suffix or "new",
                    exc.strerror or type(exc).__name__)
        raise FileError(describe_os_error(exc, target)) from None
    except BaseException as exc:
        _discard(tmp)
        if _sqlite_disk_full(exc):  # SQLite's backup API reports ENOSPC in its own words
            log.warning("could not write a %s file: disk full", target.suffix or "new")
            raise FileError(describe_os_error(OSError(errno.ENOSPC, "disk full"), target)) \
                from None
        raise


def _sqlite_disk_full(exc: BaseException) -> bool:
    import sqlite3

    return isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower()


def _discard(tmp: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            tmp.with_name(tmp.name + suffix).unlink()


def write_atomic(path: str | Path, data: bytes | Callable[[BinaryIO], None], *,
                 force: bool = False, protect: Iterable[Path] = ()) -> Path:
    """Write ``data`` (bytes, or a function writing to a binary file) to ``path`` safely."""
    target = Path(path).expanduser()
    with atomic_path(target, force=force, protect=protect) as tmp:
        try:
            with open(tmp, "wb") as f:
                if isinstance(data, (bytes, bytearray)):
                    f.write(data)
                else:
                    data(f)
                f.flush()
        except RecursionError:
            raise FileError(f"the data for {target} is nested too deeply to write") from None
    return target
