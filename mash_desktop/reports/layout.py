"""Shared page furniture for every report: styles, clinic header, patient name and
"page X of Y" on every page, tables that split across pages, figures from charts/."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .data import Clinic, EpisodeReport
from .fonts import BODY, BOLD, register, rich

NAVY = "#12355b"
GREY = "#5f6b7a"
LIGHT = "#eaeff5"
if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

RED = "#b3261e"
DRAFT_MARK = "DRAFT — not signed"
GREEN = "#1b6e35"


@dataclass(frozen=True)
class Styles:
    title: Any
    h2: Any
    body: Any
    small: Any
    cell: Any
    cell_bold: Any
    big: Any
    big_bold: Any


def styles(scale: float = 1.0) -> Styles:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    register()
    base = 9.5 * scale
    body = ParagraphStyle("body", fontName=BODY, fontSize=base, leading=base * 1.3)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=base * 1.7,
                             leading=base * 2.1, textColor=HexColor(NAVY), spaceAfter=4),
        h2=ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=base * 1.2,
                          leading=base * 1.5, textColor=HexColor(NAVY), spaceBefore=8,
                          spaceAfter=3, keepWithNext=1),  # never a heading alone at a page end
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=base * 0.8, leading=base * 1.0,
                             textColor=HexColor(GREY)),
        cell=ParagraphStyle("cell", parent=body, fontSize=base * 0.9, leading=base * 1.1),
        cell_bold=ParagraphStyle("cellb", parent=body, fontName=BOLD, fontSize=base * 0.9,
                                 leading=base * 1.1),
        big=ParagraphStyle("big", parent=body, fontSize=16, leading=21),
        big_bold=ParagraphStyle("bigb", parent=body, fontName=BOLD, fontSize=18, leading=23,
                                textColor=HexColor(NAVY)),
    )


def para(text: object, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(rich(text), style)


def markup(html: str, style: Any) -> Any:
    """A paragraph from trusted markup built here (values inside must already be rich())."""
    from reportlab.platypus import Paragraph

    return Paragraph(html, style)


def table(rows: list[list[Any]], widths: list[float], st: Styles, *, header: bool = True,
          zebra: bool = True, extra: list[tuple] | None = None) -> Any:
    """A table of Paragraph cells that wraps text and repeats its header on new pages."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Table, TableStyle

    cells = [[c if not isinstance(c, str) else para(c, st.cell_bold if header and i == 0
                                                   else st.cell) for c in row]
             for i, row in enumerate(rows)]
    t = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
    cmds: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                         ("GRID", (0, 0), (-1, -1), 0.3, HexColor("#c9d2dd")),
                         ("TOPPADDING", (0, 0), (-1, -1), 2),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if header:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), HexColor(LIGHT)))
    if zebra:
        for r in range(2 if header else 1, len(rows), 2):
            cmds.append(("BACKGROUND", (0, r), (-1, r), HexColor("#f7f9fc")))
    t.setStyle(TableStyle(cmds + (extra or [])))
    return t


def figure_image(fig: Any, width: float) -> Any:
    """A matplotlib Figure (from mash_desktop.charts) embedded as a crisp PNG image."""
    from ..charts import figure_png

    w, h = fig.get_size_inches()
    return png_image(figure_png(fig, dpi=150), width, (w, h))


def png_image(png: bytes, width: float, size_inches: tuple[float, float]) -> Any:
    """A rendered graph (PNG bytes, e.g. from charts.outcome_png) at ``width`` points."""
    from reportlab.platypus import Image

    w, h = size_inches
    return Image(io.BytesIO(png), width=width, height=width * h / w)


def _numbered_canvas(who: str, title: str, draft: bool = False) -> type[Canvas]:
    """A canvas class whose pages all end with "<title> — <who> … page X of Y"; a
    ``draft`` also says "DRAFT — not signed" at the top and bottom of every page."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfgen import canvas

    class NumberedCanvas(canvas.Canvas):
        """Defers page output so every page can say 'page X of Y'."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.page_width = float((kwargs.get("pagesize") or LETTER)[0])

        def showPage(self) -> None:  # noqa: N802
            self._pages.append(dict(self.__dict__))
            # the standard "page X of Y" recipe: start the next page without emitting this
            # one; a private ReportLab method the stubs do not list
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int) -> None:
            w = self.page_width
            self.setStrokeColor(HexColor("#c9d2dd"))
            self.line(40, 40, w - 40, 40)
            self.setFillColor(HexColor(GREY))
            self.setFont(BODY, 7.5)
            from reportlab.pdfbase.pdfmetrics import stringWidth

            if draft:
                # Ordinary horizontal text on every page, so it survives printing, copying
                # and text extraction (issue 12): nothing unsigned may look signed.
                h = float(getattr(self, "_pagesize", LETTER)[1])
                self.setFillColor(HexColor(RED))
                self.setFont(BOLD, 10)
                self.drawString(40, h - 26, DRAFT_MARK)
                self.drawRightString(w - 40, h - 26, DRAFT_MARK)
                self.setFillColor(HexColor(GREY))
                self.setFont(BODY, 7.5)
            lead = f"{title} — {DRAFT_MARK} — " if draft else f"{title} — "
            self.drawString(40, 29, lead)
            x = 40 + stringWidth(lead, BODY, 7.5)
            self._draw_mixed(x, 29, who, 7.5)
            self.drawRightString(w - 40, 29, f"page {self.getPageNumber()} of {total}")

        def _draw_mixed(self, x: float, y: float, text: str, size: float) -> None:
            """Draw text in runs, switching to the CJK font for characters DejaVu lacks."""
            from itertools import groupby

            from reportlab.pdfbase.pdfmetrics import stringWidth

            from .fonts import CJK, register

            covered = register()
            for font, chars in groupby(text, lambda c: BODY if ord(c) in covered or c == " "
                                       else CJK):
                run = "".join(chars)
                self.setFont(font, size)
                self.drawString(x, y, run)
                x += stringWidth(run, font, size)

    return NumberedCanvas


def header_block(report: EpisodeReport, st: Styles, title: str) -> list[Any]:
    """Clinic letterhead (logo, name, address, phone) and the report title."""
    return letterhead(report.clinic, st, title)


def letterhead(c: Clinic, st: Styles, title: str) -> list[Any]:
    """The clinic's letterhead and a title, for reports about a patient or the clinic."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Spacer, Table, TableStyle

    lines = [f"<font name='{BOLD}' size='12' color='{NAVY}'>{rich(c.name)}</font>"]
    if c.address:
        lines.append(rich(c.address))
    if c.phone:
        lines.append("Phone " + rich(c.phone))
    text = markup("<br/>".join(lines), st.body)
    logo: Any = ""
    if c.logo_png:
        try:
            img = Image(io.BytesIO(c.logo_png))
            ratio = img.imageHeight / max(1, img.imageWidth)
            logo = Image(io.BytesIO(c.logo_png), width=22 * mm, height=22 * mm * ratio)
        except Exception:  # noqa: BLE001 - a broken logo must not stop a report
            logo = ""
    head = Table([[logo, text]], colWidths=[26 * mm, None]) if logo else Table([[text]])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [head, Spacer(1, 4), para(title, st.title)]


def build_pdf(report: EpisodeReport, title: str, story: list[Any],
              margins_mm: float = 18) -> bytes:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=LETTER, leftMargin=margins_mm * mm,
                            rightMargin=margins_mm * mm, topMargin=16 * mm, bottomMargin=22 * mm,
                            title=f"{title} — {report.patient_name}", author=report.clinic.name,
                            subject=f"Episode {report.episode_id}")
    who = f"{report.last_name}, {report.first_name} · DOB {report.dob.isoformat()} " \
          f"· MRN {report.mrn}"
    doc.build(story, canvasmaker=_numbered_canvas(who, title, report.draft))
    return buf.getvalue()


def build_clinic_pdf(c: Clinic, title: str, story: list[Any], *, landscape: bool = False,
                     margins_mm: float = 15) -> bytes:
    """A report about the clinic as a whole (no patient in the page footer)."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.pagesizes import landscape as turned
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=turned(LETTER) if landscape else LETTER,
                            leftMargin=margins_mm * mm, rightMargin=margins_mm * mm,
                            topMargin=14 * mm, bottomMargin=20 * mm, title=title,
                            author=c.name)
    doc.build(story, canvasmaker=_numbered_canvas(c.name, title))
    return buf.getvalue()


Builder = Callable[[EpisodeReport], bytes]
