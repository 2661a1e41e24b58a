"""A chart tab bound to the open patient.

Each tab says which kinds of data it shows (``SHOWS``). It redraws when the open chart
changes or when an operation changed one of those kinds for the open patient, and only
while it is on screen: a hidden tab just remembers that it is out of date and redraws
when it is shown. It always reads the patient from :class:`~..context.OpenChart` at the
moment it draws, so it cannot show the previous patient's data.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from ...changes import Changes, Kind
from ..context import AppContext


class ChartView(QWidget):
    SHOWS: frozenset[Kind] = frozenset()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.out_of_date = True
        self.drawn_for: tuple[int | None, int | None] | None = None
        ctx.chart.changed.connect(self.invalidate)
        ctx.bus.changed.connect(self._on_changes)

    @property
    def patient_id(self) -> int | None:
        return self.ctx.chart.patient_id

    @property
    def episode_id(self) -> int | None:
        return self.ctx.chart.episode_id

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(self.SHOWS, self.ctx.chart.patient_id):
            self.invalidate()

    def invalidate(self, *_args: Any) -> None:
        """Out of date: redraw now if on screen, else when shown."""
        self.out_of_date = True
        if self.isVisible():
            self.redraw()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.out_of_date:
            self.redraw()

    def redraw(self) -> None:
        chart = self.ctx.chart
        self.out_of_date = False
        self.drawn_for = (chart.patient_id, chart.episode_id)
        if chart.patient_id is not None:
            self.load(chart.patient_id, chart.episode_id)

    def load(self, patient_id: int, episode_id: int | None) -> None:
        """Fill every table, label and graph of the tab for this patient and episode."""
        raise NotImplementedError
