"""Embedded TrueType fonts, so names like Łucja, Müller or 李 print on any machine.

DejaVu Sans covers Latin, Greek and Cyrillic; Droid Sans Fallback covers CJK. ReportLab
does not fall back between fonts by itself, so :func:`rich` wraps runs of characters the
main font lacks in a ``<font>`` tag for the fallback font.
"""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

from ..config import resource_path

BODY, BOLD, CJK = "MashSans", "MashSans-Bold", "MashCJK"


@cache
def register() -> frozenset[int]:
    """Register the fonts once; returns the code points the body font can draw."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    body = TTFont(BODY, str(resource_path("fonts", "DejaVuSans.ttf")))
    pdfmetrics.registerFont(body)
    pdfmetrics.registerFont(TTFont(BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFont(TTFont(CJK, str(resource_path("fonts",
                                                          "DroidSansFallbackFull.ttf"))))
    addMapping(BODY, 0, 0, BODY)
    addMapping(BODY, 1, 0, BOLD)
    addMapping(BODY, 0, 1, BODY)
    addMapping(BODY, 1, 1, BOLD)
    return frozenset(body.face.charToGlyph)


def rich(text: object) -> str:
    """Escape text for a Paragraph and route characters DejaVu lacks to the CJK font."""
    covered = register()
    out: list[str] = []
    run: list[str] = []
    for ch in str(text if text is not None else ""):
        if ord(ch) in covered or ch in "\n\t ":
            if run:
                out.append(f'<font name="{CJK}">{escape("".join(run))}</font>')
                run = []
            out.append("<br/>" if ch == "\n" else escape(ch))
        else:
            run.append(ch)
    if run:
        out.append(f'<font name="{CJK}">{escape("".join(run))}</font>')
    return "".join(out)


def needs_cjk(text: str) -> bool:
    covered = register()
    return any(ord(ch) not in covered for ch in text if ch not in "\n\t ")
