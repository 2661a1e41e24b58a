"""Subcommand: install-desktop (the application-menu entry and icons for this user)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .common import CliError, out, uses_no_database


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "install-desktop", help="add MASH Desktop to this user's application menu",
        description="Install the desktop entry, AppStream metainfo and icons into "
                    "$XDG_DATA_HOME (~/.local/share) for this user; no root needed. The "
                    "entry starts this installation of the app (the bundle, or the "
                    "environment it is installed in).")
    p.add_argument("--remove", action="store_true", help="take the entry and icons out again")
    p.set_defaults(func=cmd_install_desktop)


@uses_no_database
def cmd_install_desktop(args: Any) -> int:
    from .. import desktop_entry

    if sys.platform in ("win32", "darwin"):
        raise CliError("install-desktop adds a freedesktop menu entry (Linux and BSD "
                       "desktops); on Windows and macOS pin or drag the app instead")
    if args.remove:
        removed = desktop_entry.remove()
        out(f"removed {len(removed)} files from {desktop_entry.data_home()}")
        return 0
    written = desktop_entry.install()
    entry = next(p for p in written if p.suffix == ".desktop")
    out(f"installed {entry} and {len(written) - 1} icon and metainfo files")
    out(f"the menu entry runs: {desktop_entry.launcher()[0]}")
    return 0
