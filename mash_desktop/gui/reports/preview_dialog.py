"""Preview a generated PDF, save it, or print it through Qt's print dialog.

Pages are rendered with pdfium (the pypdfium2 wheel): PySide6-Essentials has no QtPdf
module, and pdfium renders exactly what will print, fonts included. Printing draws the
same page images onto the printer at the printer's resolution.

Rendering a long report takes a second or more, so callers rasterize the pages in the
operation that builds (or reads) the PDF, on the runner's worker thread
(:func:`rasterize` uses no Qt), and hand the pixels to the dialog; only the cheap
conversion to images happens on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter  # loaded when printing, not at start


SCREEN_SCALE = 1.4  # about 100 dpi: a page fits the preview's width
PAPER_SCALE = 3.0   # about 216 dpi for the printer


@dataclass(frozen=True)
class PagePixels:
    """One rendered page: RGB bytes, three per pixel, row after row."""

    width: int
    height: int
    rgb: bytes


def rasterize(pdf: bytes, scale: float = SCREEN_SCALE) -> list[PagePixels]:
    """Render every page of ``pdf`` (no Qt: safe on a worker thread)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for i in range(len(doc)):
            pil = doc[i].render(scale=scale).to_pil().convert("RGB")
            pages.append(PagePixels(pil.width, pil.height, pil.tobytes("raw", "RGB")))
    finally:
        doc.close()
    return pages


def to_images(pages: list[PagePixels]) -> list[QImage]:
    """The pages as images (GUI thread; a copy of the pixels, milliseconds a page)."""
    return [QImage(p.rgb, p.width, p.height, p.width * 3,
                   QImage.Format.Format_RGB888).copy() for p in pages]


def render_pages(pdf: bytes, scale: float = SCREEN_SCALE) -> list[QImage]:
    """Rasterize and convert in one go (for callers already off the event loop's path)."""
    return to_images(rasterize(pdf, scale))


class PreviewDialog(QDialog):
    def __init__(self, pdf: bytes, title: str, filename: str,
                 parent: QWidget | None = None,
                 pages: list[PagePixels] | None = None) -> None:
        """``pages``: the PDF rasterized at :data:`SCREEN_SCALE` off the GUI thread; without
        them the dialog renders here, on the GUI thread."""
        super().__init__(parent)
        self.pdf = pdf
        self.filename = filename
        self.setWindowTitle(f"Preview — {title}")
        self.pages = to_images(pages) if pages is not None else render_pages(pdf)
        column = QWidget()
        col = QVBoxLayout(column)
        col.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        for i, img in enumerate(self.pages, 1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(img))
            label.setStyleSheet("background: white; border: 1px solid #c9d2dd;")
            col.addWidget(label)
            col.addWidget(QLabel(f"page {i} of {len(self.pages)}"),
                          alignment=Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidget(column)
        scroll.setWidgetResizable(True)
        self.save_button = QPushButton("Save as PDF…")
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton("Print…")
        self.print_button.clicked.connect(self.print_)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(f"{len(self.pages)} page(s)"))
        buttons.addStretch(1)
        for b in (self.save_button, self.print_button, close):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll)
        lay.addLayout(buttons)
        self.resize(980, 860)

    def save(self, path: str | None = None) -> str | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Save report", self.filename,
                                                  "PDF (*.pdf)")
        if path:
            from ...files import FileError, write_atomic

            try:  # the file dialog already asked before replacing an existing file
                write_atomic(path, self.pdf, force=True)
            except FileError as exc:
                QMessageBox.warning(self, "Not saved", exc.message)
                return None
        return path or None

    def print_(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.filename)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        pages = render_pages(self.pdf, scale=PAPER_SCALE)
        painter = QPainter(printer)
        try:
            for i, img in enumerate(pages):
                if i:
                    printer.newPage()
                target = painter.viewport()
                size = img.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), size.width(), size.height())
                painter.setWindow(img.rect())
                painter.drawImage(0, 0, img)
        finally:
            painter.end()
