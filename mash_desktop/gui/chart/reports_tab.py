"""Reports tab: generate, preview, save and print the episode's reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ...services import NotFoundError, PermissionDenied, ValidationError
from . import register_tab

if TYPE_CHECKING:
    from ..main_window import MainWindow

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


class ReportsTab(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        from ...reports import KINDS

        self.window = window
        self.episode_id: int | None = None
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
        self.dialog = None

    def load(self, patient_id: int, episode_id: int | None) -> None:
        self.episode_id = episode_id
        for b in [*self.buttons.values(), self.record_button]:
            b.setEnabled(episode_id is not None)

    def make(self, kind: str) -> bytes | None:
        from ...reports import generate

        if self.episode_id is None:
            return None
        try:
            return self.window.run(lambda s: generate(kind, s, self.episode_id,
                                                      self.window.actor), "report")
        except (ValidationError, NotFoundError, PermissionDenied) as exc:
            message = exc.message if isinstance(exc, ValidationError) else str(exc)
            QMessageBox.information(self, "No report", message)
            return None

    def record_progress(self) -> None:
        from datetime import date

        from ...services.documentation import record_progress_report

        if self.episode_id is None:
            return
        try:
            self.window.run(lambda s: record_progress_report(
                s, self.episode_id, date.today(), actor=self.window.actor), "report")
        except (ValidationError, NotFoundError, PermissionDenied) as exc:
            message = exc.message if isinstance(exc, ValidationError) else str(exc)
            QMessageBox.information(self, "Not recorded", message)
            return
        self.window.statusBar().showMessage("Progress report recorded", 5000)

    def preview(self, kind: str) -> None:
        from ...reports import KINDS
        from ..reports.preview_dialog import PreviewDialog

        pdf = self.make(kind)
        if pdf is None:
            return
        name = f"{kind}-episode-{self.episode_id}.pdf"
        self.dialog = PreviewDialog(pdf, KINDS[kind], name, self)
        self.dialog.open()


@register_tab(40)
def make_tab(window: MainWindow) -> tuple[str, QWidget]:
    return "Reports", ReportsTab(window)
