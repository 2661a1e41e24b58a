"""Fonts: sizes in points relative to the system font, and a CJK fallback for names.

No size is fixed in pixels (in the stylesheet or in code): a PT who set a larger system
font, or a 150 % scale, gets larger text everywhere, headings included. The bundled
Droid Sans Fallback (resources/fonts, Apache 2.0) is registered with Qt and named as a
substitute of the system font, so a name such as 李 shows in the patient list and the
chart even on a system without CJK fonts (the printed reports embed the same font).
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from ..config import resource_path

log = logging.getLogger(__name__)
CJK_FONT = "DroidSansFallbackFull.ttf"


def install(app: QApplication) -> str | None:
    """Register the CJK fallback once; the family name, or None when it is missing."""
    done = app.property("mash_cjk_family")
    if done is not None:
        return str(done) or None
    family = ""
    path = resource_path("fonts", CJK_FONT)
    if path.exists():
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
            base = app.font().family()
            QFont.insertSubstitution(base, family)
            for generic in ("Sans Serif", "sans-serif", "DejaVu Sans"):
                QFont.insertSubstitution(generic, family)
    if not family:
        log.warning("CJK fallback font not available")
    app.setProperty("mash_cjk_family", family)
    return family or None


def scale(widget: QWidget, factor: float, bold: bool | None = None) -> None:
    """Set ``widget``'s font to ``factor`` × the application's point size."""
    font = QFont(widget.font())
    base = QApplication.font().pointSizeF()
    if base > 0:
        font.setPointSizeF(base * factor)
    if bold is not None:
        font.setBold(bold)
    widget.setFont(font)
