"""A private, throw-away PostgreSQL server for tests, benchmarks and trying the clinic setup.

It lives in a temporary folder, listens only on a unix socket inside that folder (no TCP
port, nothing reachable from the network) and trusts the one local role ``mash``. The
server binaries come from Debian's ``postgresql`` package (``tools/setup.sh test`` installs
it). PostgreSQL refuses to run as root, so under root the folder is handed to the
``postgres`` system user the package creates and the server runs as that user.

    python tools/private_pg.py start [DIR]   # prints the URL; DIR kept until `stop`
    python tools/private_pg.py stop DIR

Durability is switched off (fsync=off): this server holds test data only.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROLE = "mash"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries on this machine (install Debian's postgresql)."""


def server_bindir() -> Path:
    """The folder holding initdb/pg_ctl/postgres (Debian keeps them off PATH)."""
    override = os.environ.get("MASH_PG_BINDIR")
    candidates = [override] if override else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                         key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit()
                         else 0, reverse=True)
    which = shutil.which("pg_ctl")
    if which:
        candidates.append(str(Path(which).resolve().parent))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    raise PostgresUnavailable("PostgreSQL server binaries not found: "
                              "`apt-get install postgresql` (or set MASH_PG_BINDIR)")


def _run_as() -> list[str]:
    """The prefix that runs a server command as a non-root user when we are root."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresUnavailable("running as root and there is no `postgres` user to run "
                                  "the server as") from None
    return ["runuser", "-u", "postgres", "--"]


@dataclass
class PrivateServer:
    folder: Path
    bindir: Path
    password: str | None = None  # None: trust; else the role needs it (scram-sha-256)

    @property
    def socket_dir(self) -> Path:
        return self.folder / "sock"

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://{ROLE}@/{dbname}?host={self.socket_dir}"

    def libpq_env(self) -> dict[str, str]:
        """Environment for psql/pg_dump/pg_restore talking to this server."""
        return {"PGHOST": str(self.socket_dir), "PGUSER": ROLE}

    def _cmd(self, *args: str) -> None:
        subprocess.run([*_run_as(), *args], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, cwd="/")

    def start(self) -> PrivateServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            os.chmod(self.folder, 0o755)
            for p in (self.folder, self.socket_dir):
                os.chown(p, entry.pw_uid, entry.pw_gid)
        try:
            if not (self.data_dir / "PG_VERSION").exists():
                auth = ["-A", "trust"]
                if self.password is not None:
                    pwfile = self.folder / "pwfile"
                    pwfile.write_text(self.password + "\n", encoding="utf-8")
                    if os.geteuid() == 0:
                        entry = pwd.getpwnam("postgres")
                        os.chown(pwfile, entry.pw_uid, entry.pw_gid)
                    auth = ["-A", "scram-sha-256", f"--pwfile={pwfile}"]
                self._cmd(str(self.bindir / "initdb"), "-D", str(self.data_dir), "-U", ROLE,
                          *auth, "-E", "UTF8", "--locale=C", "--no-sync")
            options = (f"-k {self.socket_dir} -c listen_addresses='' -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off "
                       "-c max_connections=200")
            self._cmd(str(self.bindir / "pg_ctl"), "-D", str(self.data_dir), "-l",
                      str(self.folder / "server.log"), "-o", options, "-w", "-t", "60", "start")
        except subprocess.CalledProcessError as exc:
            log = self.folder / "server.log"
            detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise PostgresUnavailable(f"could not start a private PostgreSQL server: "
                                      f"{exc.stderr.decode(errors='replace')}{detail}") from exc
        return self

    def stop(self, remove: bool = True) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            subprocess.run([*_run_as(), str(self.bindir / "pg_ctl"), "-D", str(self.data_dir),
                            "-m", "immediate", "-w", "stop"], check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/")
        if remove:
            shutil.rmtree(self.folder, ignore_errors=True)


def start(folder: Path | None = None, watch_pid: int | None = None,
          password: str | None = None) -> PrivateServer:
    """Start a private server in ``folder`` (a new temporary folder by default).

    With ``watch_pid`` a small watchdog stops the server and removes its folder once that
    process is gone, even if it was killed before it could clean up (a test run stopped
    by a timeout must not leave a server running on the CI machine).
    """
    bindir = server_bindir()
    folder = folder or Path(tempfile.mkdtemp(prefix="mash-pg-"))
    server = PrivateServer(folder, bindir, password).start()
    if watch_pid is not None:
        subprocess.Popen([sys.executable, __file__, "watch", str(watch_pid), str(folder)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, cwd="/")
    return server


def _watch(pid: int, folder: Path) -> None:
    import time

    while (folder / "data").exists():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            PrivateServer(folder, server_bindir()).stop()
            return
        except PermissionError:
            pass
        time.sleep(2)


def main(argv: list[str]) -> int:
    if len(argv) < 1 or argv[0] not in ("start", "stop", "watch"):
        print(__doc__)
        return 2
    if argv[0] == "watch" and len(argv) == 3:
        _watch(int(argv[1]), Path(argv[2]))
        return 0
    try:
        if argv[0] == "start":
            server = start(Path(argv[1]).resolve() if len(argv) > 1 else None)
            print(server.url())
        else:
            if len(argv) < 2:
                print("stop needs the server's folder", file=sys.stderr)
                return 2
            PrivateServer(Path(argv[1]).resolve(), server_bindir()).stop()
    except PostgresUnavailable as exc:
        print(f"private_pg: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
