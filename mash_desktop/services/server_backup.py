"""Backups of a clinic server with PostgreSQL's own tools: ``pg_dump`` / ``pg_restore``.

A backup is one custom-format archive (compressed, restorable table by table), taken as
one consistent snapshot while every workstation keeps working. Restoring keeps the same
promises as for a file: the archive is checked and summarised first (patients, episodes,
notes, assessments, newest note, schema), refused if a newer version wrote it, the
current database is dumped aside before anything changes, and the restore runs in one
transaction (``--single-transaction``), so it either completes or changes nothing.

The password (if the URL has one) reaches the tools through ``PGPASSWORD`` in their
environment, never on a command line other users could read; ``.pgpass``, peer and
trust authentication need nothing. TLS options in the URL (``sslmode=require``…) are
passed on as they are.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from .access import Acting, require
from .backup import BackupInfo, backup_dir, known_revisions, stamp
from .errors import ValidationError

SUFFIX = ".dump"
_TOOLS_HINT = ("the PostgreSQL client tools are missing: `apt-get install postgresql-client` "
               "(the same major version as the server, or newer)")
_COUNTED = {"patients": "patients", "episodes": "episodes", "visit_notes": "notes",
            "assessments": "assessments"}


def tool(name: str) -> str:
    """Path of pg_dump / pg_restore: on PATH, else the newest in Debian's folders."""
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                         key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit()
                         else 0, reverse=True):
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    raise ValidationError({"backup": _TOOLS_HINT})


def connection(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and the environment carrying it."""
    u = make_url(url)
    env = {**os.environ}
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    plain = URL.create("postgresql", u.username, None, u.host, u.port, u.database, u.query)
    return plain.render_as_string(hide_password=False), env


def _run(args: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess[str]:
    try:
        res = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise ValidationError({"backup": f"{what} could not run: {exc.strerror}"}) from None
    if res.returncode != 0:
        detail = (res.stderr.strip().splitlines() or ["no message"])[-1]
        raise ValidationError({"backup": f"{what} failed: {detail}"})
    return res


def make_server_backup(url: str, dest: Path | None = None, force: bool = False) -> Path:
    """Dump the clinic server's database to ``dest`` (a new file; an existing one is
    replaced only with ``force``, and only once the dump is complete)."""
    from ..files import make_private_dir

    dest = Path(dest) if dest is not None else backup_dir() / f"mash-{stamp()}{SUFFIX}"
    if dest.exists() and not force:
        raise ValidationError({"out": f"{dest} already exists; choose a new file name "
                                      "(or --force to replace it)"})
    make_private_dir(dest.parent)
    conninfo, env = connection(url)
    tmp = dest.with_name(dest.name + ".partial")
    tmp.unlink(missing_ok=True)
    try:
        _run([tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
              f"--file={tmp}", f"--dbname={conninfo}"], env, "pg_dump")
        os.chmod(tmp, 0o600)  # patient records: readable by this user only
        tmp.replace(dest)
    finally:
        tmp.unlink(missing_ok=True)
    return dest


def _copy_blocks(sql: str) -> dict[str, tuple[list[str], list[str]]]:
    """Table -> (columns, data lines) from pg_restore's plain-SQL output of COPY blocks."""
    blocks: dict[str, tuple[list[str], list[str]]] = {}
    header = re.compile(r"^COPY (?:[\w\"]+\.)?\"?(\w+)\"? \((.*)\) FROM stdin;$")
    current: tuple[list[str], list[str]] | None = None
    for line in sql.splitlines():
        if current is None:
            m = header.match(line)
            if m:
                current = ([c.strip().strip('"') for c in m.group(2).split(",")], [])
                blocks[m.group(1)] = current
        elif line == "\\.":
            current = None
        else:
            current[1].append(line)
    return blocks


def inspect_server_backup(path: Path) -> BackupInfo:
    """What a pg_dump archive holds; ValidationError if it is not one of ours we can read."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError({"file": f"{path} does not exist"})
    env = {**os.environ}
    try:
        listing = _run([tool("pg_restore"), "--list", str(path)], env, "pg_restore").stdout
    except ValidationError:
        raise ValidationError({"file": f"{path.name} is not a PostgreSQL backup "
                                       "(pg_dump custom format) or is damaged"}) from None
    if "TABLE DATA" not in listing or " alembic_version " not in listing:
        raise ValidationError({"file": f"{path.name} is not a MASH Desktop server backup"})
    tables = ["alembic_version", *_COUNTED]
    args = [tool("pg_restore"), "--data-only", "--file=-"]
    args += [f"--table={t}" for t in tables] + [str(path)]
    blocks = _copy_blocks(_run(args, env, "pg_restore").stdout)
    revision = blocks.get("alembic_version", ([], [""]))[1]
    rev = revision[0].strip() if revision else ""
    if rev not in known_revisions():
        raise ValidationError({"file": f"{path.name} was written by a newer or unknown version "
                                       f"(schema {rev!r})"})
    counts = {label: len(blocks.get(table, ([], []))[1]) for table, label in _COUNTED.items()}
    newest = None
    cols, rows = blocks.get("visit_notes", ([], []))
    if rows and "visit_date" in cols:
        i = cols.index("visit_date")
        newest = max(r.split("\t")[i] for r in rows)
    return BackupInfo(path, rev, counts["patients"], counts["episodes"], counts["notes"],
                      counts["assessments"], newest, path.stat().st_size / 1e6)


def restore_server_backup(backup: Path, url: str, actor: Acting | None = None) -> Path:
    """Replace the server database's contents with ``backup``, in one transaction.

    The current contents are dumped aside first; returns that file. Administrators only
    (checked here, so every path obeys it).
    """
    require(actor, "restore")
    inspect_server_backup(backup)
    aside = make_server_backup(url, backup_dir() / f"mash-before-restore-{stamp()}{SUFFIX}")
    conninfo, env = connection(url)
    _run([tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
          "--single-transaction", "--exit-on-error", f"--dbname={conninfo}", str(backup)],
         env, "pg_restore")
    return aside
