"""The app appears in the desktop's menu like any other: a valid entry and metainfo, icons
in every usual size, installed for one user without root and removable again."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from mash_desktop import desktop_entry
from mash_desktop.cli import main
from mash_desktop.config import default_db_path, resource_path
from mash_desktop.desktop_entry import APP_ID

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_the_icon_ships_in_every_usual_size() -> None:
    for size in SIZES:
        png = resource_path("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png")
        assert _png_size(png) == (size, size)
    assert resource_path("icons", "mash.svg").read_text().startswith("<svg")


def test_install_puts_entry_metainfo_and_icons_under_the_users_data_folder(
        tmp_path: Path) -> None:
    command = [str(tmp_path / "My Apps" / "mash-desktop-gui")]
    written = desktop_entry.install(tmp_path, command)
    entry = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert entry in written
    assert (tmp_path / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (tmp_path / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    for size in SIZES:
        assert (tmp_path / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file()
    lines = entry.read_text(encoding="utf-8").splitlines()
    assert f'Exec="{command[0]}"' in lines  # quoted: the path has a space
    assert f"Icon={APP_ID}" in lines
    assert all(p.resolve().is_relative_to(tmp_path.resolve()) for p in written)
    removed = desktop_entry.remove(tmp_path)
    assert set(removed) == set(written) and not entry.exists()


def test_the_installed_entry_and_metainfo_validate(tmp_path: Path) -> None:
    validate = shutil.which("desktop-file-validate")
    appstream = shutil.which("appstreamcli")
    if not (validate and appstream):
        pytest.skip("desktop-file-utils and appstream are installed by tools/setup.sh test")
    desktop_entry.install(tmp_path, ["/opt/mash desktop/mash-desktop"])
    entry = tmp_path / "applications" / f"{APP_ID}.desktop"
    result = subprocess.run([validate, str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout
    meta = tmp_path / "metainfo" / f"{APP_ID}.metainfo.xml"
    result = subprocess.run([appstream, "validate", "--no-net", str(meta)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_the_entry_runs_the_gui_command_of_this_environment() -> None:
    command = desktop_entry.launcher()
    assert Path(command[0]).name in {"mash-desktop-gui", "mash-desktop", "python", "python3"}


def test_install_desktop_command_uses_the_xdg_folder_and_creates_no_database(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["install-desktop"]) == 0
    assert (tmp_path / "data" / "applications" / f"{APP_ID}.desktop").is_file()
    assert "the menu entry runs:" in capsys.readouterr().out
    assert not default_db_path().exists()
    assert main(["install-desktop", "--remove"]) == 0
    assert not (tmp_path / "data" / "applications" / f"{APP_ID}.desktop").exists()


def test_the_window_uses_the_app_icon_at_every_size(qapp) -> None:  # noqa: ANN001
    from mash_desktop.gui.app import app_icon, make_app

    sizes = {s.width() for s in app_icon().availableSizes()}
    assert sizes == set(SIZES)
    assert not make_app().windowIcon().isNull()
    assert make_app().desktopFileName() == APP_ID


def _read_exec(value: str) -> list[str]:
    """What a launcher does with an Exec= value (Desktop Entry spec 1.5): string escapes
    first, then the quoting, then %% → %."""
    text = value.replace("\\\\", "\0").replace("\\s", " ").replace("\\n", "\n") \
        .replace("\\t", "\t").replace("\\r", "\r").replace("\0", "\\")
    args, current, quoted, i, started = [], "", False, 0, False
    while i < len(text):
        c = text[i]
        if quoted and c == "\\":
            current, i = current + text[i + 1], i + 2
            continue
        if c == '"':
            quoted, started = not quoted, True
        elif c == " " and not quoted:
            if started or current:
                args.append(current)
            current, started = "", False
        else:
            current += c
        i += 1
    if started or current:
        args.append(current)
    return [a.replace("%%", "%") for a in args]


@pytest.mark.parametrize("folder", ["/opt/50% off", "/opt/back\\slash", "/opt/my apps",
                                    '/opt/"quoted" $HOME `x`', "/opt/plain"])
def test_the_exec_line_survives_awkward_install_folders(tmp_path: Path, folder: str) -> None:
    command = [f"{folder}/mash-desktop-gui", "--db", f"{folder}/a%b.db"]
    desktop_entry.install(tmp_path, command)
    entry = tmp_path / "applications" / f"{APP_ID}.desktop"
    value = next(line[5:] for line in entry.read_text(encoding="utf-8").splitlines()
                 if line.startswith("Exec="))
    assert _read_exec(value) == command
    assert "%" not in value.replace("%%", "")  # no stray field code
    validate = shutil.which("desktop-file-validate")
    if validate:
        result = subprocess.run([validate, str(entry)], capture_output=True, text=True)
        assert result.returncode == 0 and "error" not in result.stdout, result.stdout
