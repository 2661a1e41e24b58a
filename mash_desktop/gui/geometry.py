"""Windows that fit the screen they are on: 1024×700 laptops and 150 % scaling included.

- :class:`ScreenFitter` (installed on the application): every window and dialog, when
  shown, is made no larger than the screen's available area and moved fully onto it,
  so no Save button is ever off-screen, whatever size a form asks for.
- :func:`scroll_body`: a dialog's fields go into a scroll area, its button row stays at
  the bottom, so a tall form shrinks to a small screen instead of being cut off.
- :func:`restore_geometry`: a saved window geometry (taken on a bigger screen, or at
  another scale) is restored clamped to the screen available now (after Picard's
  ``PreserveGeometry``).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect
from PySide6.QtWidgets import QApplication, QFrame, QLayout, QScrollArea, QVBoxLayout, QWidget


def available(widget: QWidget) -> QRect | None:
    screen = widget.screen() or QApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(widget: QWidget) -> None:
    """No larger than the available screen area, and fully on it."""
    area = available(widget)
    if area is None or area.isEmpty():
        return
    frame = widget.frameGeometry()
    extra_w = max(0, frame.width() - widget.width())   # title bar and borders
    extra_h = max(0, frame.height() - widget.height())
    width = min(widget.width(), area.width() - extra_w)
    height = min(widget.height(), area.height() - extra_h)
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(max(1, width), max(1, height))
    frame = widget.frameGeometry()
    x = min(max(frame.x(), area.x()), area.x() + area.width() - frame.width())
    y = min(max(frame.y(), area.y()), area.y() + area.height() - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        widget.move(max(area.x(), x), max(area.y(), y))


def restore_geometry(widget: QWidget, saved: QByteArray | bytes | None) -> bool:
    """Restore a saved geometry clamped to the screen available now; False if none."""
    if saved is None:
        return False
    ok = widget.restoreGeometry(QByteArray(saved) if isinstance(saved, bytes) else saved)
    fit_to_screen(widget)
    return bool(ok)


class ScreenFitter(QObject):
    """Application event filter: each window is fitted to its screen when shown."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            fit_to_screen(obj)
        return False


def install(app: QApplication) -> None:
    if app.property("mash_screen_fitter") is None:
        fitter = ScreenFitter(app)
        app.installEventFilter(fitter)
        app.setProperty("mash_screen_fitter", True)


def scroll_body(dialog: QWidget, keep_last: int = 1) -> QScrollArea:
    """Move the dialog's layout into a scroll area, keeping the last ``keep_last`` items
    (the button row) below it, always visible."""
    layout = dialog.layout()
    assert layout is not None, "scroll_body needs a dialog with a layout"
    body = QWidget()
    body.setObjectName("scrollBody")
    inner = QVBoxLayout(body)
    inner.setContentsMargins(0, 0, 0, 0)
    items = [layout.takeAt(0) for _ in range(layout.count())]
    kept = items[len(items) - keep_last:] if keep_last else []
    for item in items[:len(items) - keep_last] if keep_last else items:
        if item is None:
            continue
        widget = item.widget()
        if widget is not None:
            inner.addWidget(widget)
        elif item.layout() is not None:
            sub = item.layout()
            assert isinstance(sub, QLayout)
            inner.addLayout(sub)
        else:
            inner.addItem(item)
    area = QScrollArea()
    area.setObjectName("dialogScroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(body)
    layout.addWidget(area)
    for item in kept:
        if item is None:
            continue
        widget = item.widget()
        if widget is not None:
            layout.addWidget(widget)
        elif item.layout() is not None:
            sub = item.layout()
            assert isinstance(sub, QLayout)
            layout.addItem(sub)
        else:
            layout.addItem(item)
    return area
