"""A signed addendum to a signed document: the correction is a record of its own.

What was signed is kept exactly as signed (documentation.md, "Signatures and records");
a correction or late entry is a separate, signed and dated page that names the document
it amends by its number, version, signer, moment of signing and SHA-256, so a reader can
find and check the original it refers to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .data import EpisodeReport
from .fonts import BOLD
from .layout import build_pdf, header_block, markup, para, styles, table
from .sections import identification, signature


@dataclass(frozen=True)
class Amended:
    """The signed document an addendum refers to."""

    id: int
    title: str
    version: int
    signed_by: str
    signed_at: datetime
    sha256: str


def title_of(original: Amended, number: int) -> str:
    return f"Addendum {number} to the {original.title.lower()}"


def build(r: EpisodeReport, original: Amended, number: int, text: str) -> bytes:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    st = styles()
    width = LETTER[0] - 36 * mm
    title = title_of(original, number)
    story: list[Any] = header_block(r, st, title)
    story += [identification(r, st, width), Spacer(1, 6),
              para("The document this addendum amends", st.h2)]
    rows: list[list[Any]] = [
        ["Document", f"{original.title}, version {original.version} (document "
                     f"{original.id})"],
        ["Signed by", original.signed_by],
        ["Signed", f"{original.signed_at:%Y-%m-%d %H:%M} UTC"],
        ["SHA-256 of the signed file", markup(f"<font size='7'>{original.sha256}</font>",
                                              st.cell)],
    ]
    story.append(table(rows, [width * 0.28, width * 0.72], st, header=False, zebra=False,
                       extra=[("FONTNAME", (0, 0), (0, -1), BOLD)]))
    story.append(para("The original stays exactly as it was signed; read it together with "
                      "this addendum.", st.small))
    written = r.signature.signed_at if r.signature else None
    story += [para("Addendum", st.h2),
              para(f"Written {written:%Y-%m-%d %H:%M} UTC." if written else
                   "Not written yet.", st.small)]
    for block in text.strip().split("\n\n"):
        story += [para(block, st.body), Spacer(1, 4)]
    story += signature(r, st, width)
    return build_pdf(r, title, story)
