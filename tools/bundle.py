"""Build the self-contained app folder and its release archive (``make bundle``).

Runs PyInstaller with the committed spec (packaging/mash-desktop.spec), which puts the
one-folder app in dist/mash-desktop/, then packs that folder as
dist/mash-desktop-<version>-<system>-<machine>.tar.gz (.zip on Windows) and prints both
sizes, so a change that bloats the bundle shows at once.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "mash-desktop.spec"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def archive_name(version: str) -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"mash-desktop-{version}-{system}-{platform.machine().lower()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--no-archive", action="store_true", help="only build the folder")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from mash_desktop import __version__

    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(args.dist),
                    "--workpath", str(ROOT / "build" / "pyinstaller"), str(SPEC)],
                   check=True, cwd=ROOT)
    folder = args.dist / "mash-desktop"
    print(f"bundle: {folder} ({folder_size(folder) / 1e6:.0f} MB) "
          f"in {time.perf_counter() - started:.0f} s")
    if not args.no_archive:
        fmt = "zip" if sys.platform == "win32" else "gztar"
        archive = shutil.make_archive(str(args.dist / archive_name(__version__)), fmt,
                                      root_dir=args.dist, base_dir="mash-desktop")
        print(f"archive: {archive} ({Path(archive).stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
