"""Outcome graphs as matplotlib Figures (object-oriented API, never pyplot).

The same functions draw the graphs in the app (embedded with the QtAgg canvas) and in
the PDF reports, so what a physician reads is what the PT saw. matplotlib is imported
inside the functions to keep it off the start-up path.
"""

from __future__ import annotations

from .outcome import outcome_figure, overview_figure, save_figure
from .render import clear_cache, figure_png, outcome_png, overview_png, prefetch_overview

__all__ = ["clear_cache", "figure_png", "outcome_figure", "outcome_png", "overview_figure",
           "overview_png", "prefetch_overview", "save_figure"]
