"""Render the app icon (mash_desktop/resources/icons/mash.svg) in the usual sizes.

Writes PNGs for the freedesktop icon theme (16 to 512 px) into
mash_desktop/resources/icons/hicolor/<N>x<N>/apps/, and the Windows .ico and macOS .icns
that the PyInstaller spec uses into packaging/. Run after changing the SVG; the outputs
are committed, and tests/test_desktop_entry.py checks that every size is there.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "mash_desktop" / "resources" / "icons"
APP_ID = "org.mashdesktop.MashDesktop"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(ICONS / "mash.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        out = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(out))
        print(f"wrote {out.relative_to(ROOT)}")
    largest = Image.open(ICONS / "hicolor" / "512x512" / "apps" / f"{APP_ID}.png")
    largest.save(ROOT / "packaging" / "mash.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    largest.save(ROOT / "packaging" / "mash.icns")
    print("wrote packaging/mash.ico, packaging/mash.icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
