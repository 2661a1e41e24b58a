"""Figures rendered to PNG once, cached by what they show, and prepared ahead of time.

A graph is a pure function of its points, so the PNG of a graph whose points have not
changed can be reused: reopening the overview, printing a second report for the same
episode, or redrawing after a resize costs a PNG decode instead of a matplotlib render
(9 small graphs take about 300 ms on a 2-core laptop, nearly all of it text layout).
:func:`prefetch_overview` renders in a background thread while the PT is still reading
the outcome table, so the overview is usually ready when asked for.

Rendering is single-pass: ``savefig`` on a figure with a layout engine draws it twice
(once to lay out, once to paint); drawing the Agg canvas once lays out and paints.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .outcome import Point

CACHE_SIZE = 48  # PNGs of 30-150 KB each: a few MB at most


def figure_png(fig: Figure, dpi: float | None = None) -> bytes:
    """The figure as PNG bytes, drawn once (layout included) on an Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    if dpi is not None:
        fig.set_dpi(dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=1, dpi=(fig.dpi, fig.dpi))
    return buf.getvalue()


def _points_key(points: Sequence[Point]) -> tuple[Any, ...]:
    return tuple((getattr(p, "timepoint", ""), p.label, p.assessed_on, p.value) for p in points)


class _PngCache:
    """A small LRU of rendered PNGs; concurrent requests for one key render it once."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self.pending: dict[tuple[Any, ...], threading.Event] = {}
        self.lock = threading.Lock()
        self.renders = 0  # how many times we actually drew (for tests and benchmarks)

    def get(self, key: tuple[Any, ...], render: Any) -> bytes:
        while True:
            with self.lock:
                if key in self.items:
                    self.items.move_to_end(key)
                    return self.items[key]
                event = self.pending.get(key)
                if event is None:
                    event = self.pending[key] = threading.Event()
                    break
            event.wait()  # another thread is drawing this very graph
        try:
            png = render()
            with self.lock:
                self.renders += 1
                self.items[key] = png
                while len(self.items) > self.size:
                    self.items.popitem(last=False)
            return png
        finally:
            with self.lock:
                self.pending.pop(key, None)
            event.set()

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


_CACHE = _PngCache(CACHE_SIZE)


def outcome_png(instrument: str, points: Sequence[Point], *,
                figsize: tuple[float, float] = (6, 3.2), dpi: float = 100) -> bytes:
    from .outcome import outcome_figure

    key = ("outcome", instrument, _points_key(points), figsize, dpi)
    return _CACHE.get(key, lambda: figure_png(outcome_figure(instrument, points,
                                                             figsize=figsize), dpi))


def overview_png(series: Mapping[str, Sequence[Point]], *,
                 figsize: tuple[float, float] = (10, 6), dpi: float = 100) -> bytes:
    from .outcome import overview_figure

    key = ("overview", tuple(sorted((k, _points_key(v)) for k, v in series.items())),
           figsize, dpi)
    return _CACHE.get(key, lambda: figure_png(overview_figure(series, figsize=figsize), dpi))


def prefetch_overview(series: Mapping[str, Sequence[Point]], **kwargs: Any) -> threading.Thread:
    """Render the overview in the background (daemon thread) so it is cached when asked for."""
    snapshot = {k: list(v) for k, v in series.items()}
    thread = threading.Thread(target=overview_png, args=(snapshot,), kwargs=kwargs,
                              name="overview-prefetch", daemon=True)
    thread.start()
    return thread


def clear_cache() -> None:
    _CACHE.clear()


def render_count() -> int:
    return _CACHE.renders
