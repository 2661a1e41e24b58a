"""Reports tab: generate, preview, save and print the episode's reports."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ...changes import Kind
from ..context import AppContext
from ..operations import human_message
from . import register_tab
from .view import ChartView

if TYPE_CHECKING:
    from ..operations import DbSession
    from ..reports.preview_dialog import PreviewDialog

DESCRIPTIONS = {
    "discharge": "For the referring physician and payer: course of care, interventions and "
                 "doses, every outcome measure with the minimal important change, graphs, "
                 "adverse events, goals, discharge reason and home program.",
    "progress": "Due at least every 10 treatment days: visits in the period, changes since "
                "baseline, updated plan.",
    "hep": "Large-print handout for the patient: each home exercise with a drawing, dose and "
           "instructions, plus a 4-week log to tick.",
    "plan-of-care": "For the physician to certify: diagnoses, evaluation findings, goals "
                    "with their measures, type, amount, frequency and duration, home "
                    "program, and the certification block.",
}


class ReportsTab(ChartView):
    SHOWS = frozenset({Kind.EPISODE, Kind.DOCUMENT})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        from ...reports import KINDS

        self.buttons: dict[str, QPushButton] = {}
        lay = QVBoxLayout(self)
        for kind, title in KINDS.items():
            button = QPushButton(f"{title}…")
            button.setObjectName(f"{kind}ReportButton")
            button.setMinimumHeight(34)
            button.clicked.connect(lambda _c=False, k=kind: self.preview(k))
            desc = QLabel(DESCRIPTIONS[kind])
            desc.setWordWrap(True)
            desc.setProperty("role", "hint")
            lay.addWidget(button)
            lay.addWidget(desc)
            self.buttons[kind] = button
        self.record_button = QPushButton("Record progress report as written today")
        self.record_button.setObjectName("recordProgressButton")
        self.record_button.setToolTip("Resets the 10-treatment-day progress report clock")
        self.record_button.clicked.connect(self.record_progress)
        lay.addWidget(self.record_button)
        lay.addStretch(1)
        self.dialog: PreviewDialog | None = None

    def load(self, patient_id: int, episode_id: int | None) -> None:
        for b in [*self.buttons.values(), self.record_button]:
            b.setEnabled(episode_id is not None)

    def preview(self, kind: str) -> bool:
        """Build the report off the GUI thread, then show it; False if none could start."""
        from ...reports import KINDS, generate
        from ...services.chart import chart_header

        patient_id, episode_id, actor = self.patient_id, self.episode_id, self.ctx.user
        if patient_id is None or episode_id is None:
            return False

        def build(s: DbSession) -> tuple[bytes, str]:
            return generate(kind, s, episode_id, actor), chart_header(s, patient_id, None).name

        return self.ctx.runner.op(self, build) \
            .with_progress(f"Building the {KINDS[kind].lower()}") \
            .success(lambda built: self._show(kind, patient_id, episode_id, *built)) \
            .failure(lambda exc: QMessageBox.information(self, "No report", human_message(exc))) \
            .run()

    def _show(self, kind: str, patient_id: int, episode_id: int, pdf: bytes,
              name: str) -> None:
        """Preview the report, titled with the patient it is about; a report built for a
        chart that is no longer open is not shown over another patient's chart."""
        from ...reports import KINDS
        from ..reports.preview_dialog import PreviewDialog

        title = f"{KINDS[kind]} — {name}, episode {episode_id}"
        if (self.patient_id, self.episode_id) != (patient_id, episode_id):
            self.ctx.notify(f"{title} not shown: another chart was opened while it was "
                            "built. Open that chart and build it again.", 15000)
            return
        slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "patient"
        self.dialog = PreviewDialog(pdf, title, f"{kind}-{slug}-episode-{episode_id}.pdf", self)
        self.dialog.open()

    def record_progress(self) -> None:
        from datetime import date

        from ...services.documentation import record_progress_report

        episode_id, actor = self.episode_id, self.ctx.user
        if episode_id is None:
            return
        self.ctx.runner.op(self, lambda s: record_progress_report(
            s, episode_id, date.today(), actor=actor).id) \
            .success(lambda _id: self.ctx.notify("Progress report recorded", 5000)) \
            .failure(lambda exc: QMessageBox.information(self, "Not recorded",
                                                         human_message(exc))) \
            .run()


@register_tab(40)
def make_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Reports", ReportsTab(ctx)
