"""Put MASH Desktop in the desktop's application menu, for this user only.

Installs the committed freedesktop entry, AppStream metainfo and icons from
``mash_desktop/resources`` into ``$XDG_DATA_HOME`` (``~/.local/share``), with the
entry's ``Exec`` pointing at the program that runs this code: the bundle's own
executable, or the ``mash-desktop-gui`` command of the environment the app is installed
in. No root, nothing outside the user's data folder; ``remove`` takes it all back out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .config import resource_path

APP_ID = "org.mashdesktop.MashDesktop"


def data_home() -> Path:
    """``$XDG_DATA_HOME`` or ``~/.local/share`` (the freedesktop default)."""
    value = os.environ.get("XDG_DATA_HOME")
    return Path(value) if value else Path.home() / ".local" / "share"


def launcher() -> list[str]:
    """The command a menu entry runs to open the app, as an argument list."""
    if getattr(sys, "frozen", False):  # the PyInstaller bundle
        return [sys.executable]
    folder = Path(sys.executable).parent
    for name in ("mash-desktop-gui", "mash-desktop-gui.exe", "mash-desktop"):
        if (folder / name).exists():
            return [str(folder / name)]
    return [sys.executable, "-m", "mash_desktop"]


def _exec_line(argv: list[str]) -> str:
    """The ``Exec=`` value for ``argv`` per the Desktop Entry spec (1.5, "The Exec key").

    Three layers, each from the spec: ``%`` is doubled (a lone one starts a field code);
    an argument with a reserved character is double-quoted with ``"`` `` ` `` ``$`` ``\\``
    backslash-escaped inside; then the whole value gets the string escapes (``\\`` for a
    backslash, ``\\n``/``\\t``/``\\r``), which the reader undoes first. So a folder such as
    ``/opt/50% off\\x`` still starts the app.
    """
    def quote(arg: str) -> str:
        arg = arg.replace("%", "%%")
        if not any(c in arg for c in ' \t\n\r"\'\\><~|&;$*?#()`'):
            return arg
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        return f'"{escaped}"'
    line = " ".join(quote(a) for a in argv)
    return (line.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


def targets(home: Path) -> dict[Path, Path]:
    """Where each shipped file goes under ``home`` (the XDG data folder)."""
    icons = resource_path("icons")
    files = {
        home / "applications" / f"{APP_ID}.desktop":
            resource_path("desktop", f"{APP_ID}.desktop"),
        home / "metainfo" / f"{APP_ID}.metainfo.xml":
            resource_path("desktop", f"{APP_ID}.metainfo.xml"),
        home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg": icons / "mash.svg",
    }
    for png in sorted((icons / "hicolor").glob(f"*/apps/{APP_ID}.png")):
        files[home / "icons" / png.relative_to(icons)] = png
    return files


def install(home: Path | None = None, command: list[str] | None = None) -> list[Path]:
    """Copy the entry, metainfo and icons into place; returns the files written."""
    home = home or data_home()
    argv = command or launcher()
    written = []
    for dest, src in targets(home).items():
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.suffix == ".desktop":
            lines = [f"Exec={_exec_line(argv)}" if line.startswith("Exec=") else line
                     for line in src.read_text(encoding="utf-8").splitlines()]
            dest.write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            shutil.copyfile(src, dest)
        written.append(dest)
    _refresh_caches(home)
    return written


def remove(home: Path | None = None) -> list[Path]:
    """Delete what ``install`` wrote; returns the files removed."""
    home = home or data_home()
    removed = [dest for dest in targets(home) if dest.exists()]
    for dest in removed:
        dest.unlink()
    _refresh_caches(home)
    return removed


def _refresh_caches(home: Path) -> None:
    """Tell the menu and icon caches, where those tools exist (most desktops watch anyway)."""
    for tool, arg in (("update-desktop-database", home / "applications"),
                      ("gtk-update-icon-cache", home / "icons" / "hicolor")):
        exe = shutil.which(tool)
        if exe and arg.exists():
            subprocess.run([exe, "-q", str(arg)] if tool == "update-desktop-database"
                           else [exe, "-q", "-t", str(arg)], capture_output=True, check=False)
