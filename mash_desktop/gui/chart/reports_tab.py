"""Reports tab: preview drafts, sign the current draft, and open the signed documents.

A draft is generated fresh each time and says "DRAFT — not signed" on every page.
Signing (a service call that checks the user's role and credentials) stores the exact
PDF; the signed list re-opens those stored bytes, so printing one years later gives the
same document, byte for byte.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...changes import Kind
from ...services import NotFoundError, PermissionDenied, ValidationError
from ..context import AppContext
from ..operations import human_message
from ..reports.preview_dialog import PagePixels, rasterize
from . import register_tab
from .view import ChartView

if TYPE_CHECKING:
    from ...services.documents import DocumentInfo
    from ..operations import DbSession


def _error_label(name: str) -> QLabel:
    """The line under a signing form where a refusal is shown, at the form."""
    label = QLabel()
    label.setObjectName(name)
    label.setStyleSheet("color: #b3261e")
    label.setWordWrap(True)
    return label


def _sign_buttons(dialog: QDialog) -> QDialogButtonBox:
    """OK reads "Sign and store": what pressing it does to the record."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign and store")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class SignDialog(QDialog):
    """What the clinician writes when signing (a progress report's assessment and plan
    changes); errors are shown at the field and nothing is stored."""

    def __init__(self, title: str, needs_text: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Sign {title.lower()}")
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(f"Signing stores this {title.lower()} as a record with your "
                             "name, credentials and the moment of signing. A signed "
                             "document is never changed; a correction is a new version."))
        form = QFormLayout()
        self.assessment = QPlainTextEdit()
        self.assessment.setObjectName("assessmentEdit")
        self.plan = QPlainTextEdit()
        self.plan.setObjectName("planEdit")
        self.error = _error_label("signError")
        if needs_text:
            form.addRow("Assessment of progress\ntoward each goal", self.assessment)
            form.addRow("Goal and plan changes", self.plan)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(_sign_buttons(self))

    def texts(self) -> dict[str, str]:
        return {"assessment": self.assessment.toPlainText(), "plan": self.plan.toPlainText()}


class AddendumDialog(QDialog):
    """The text of a signed addendum to a stored document; errors at the field."""

    def __init__(self, document: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a signed addendum")
        lay = QVBoxLayout(self)
        intro = QLabel(f"An addendum to {document}. The signed document stays exactly as "
                       "it was signed; the addendum is signed and stored as a document of its "
                       "own, dated now, naming the document it amends.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.text = QPlainTextEdit()
        self.text.setObjectName("addendumEdit")
        self.text.setAccessibleName("Addendum text")
        form.addRow("What is corrected or\nadded, and why", self.text)
        lay.addLayout(form)
        self.error = _error_label("addendumError")
        lay.addWidget(self.error)
        lay.addWidget(_sign_buttons(self))


class ReportsTab(ChartView):
    SHOWS = frozenset({Kind.EPISODE, Kind.DOCUMENT})

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        from ...reports import DOCUMENT_KINDS

        self.buttons: dict[str, QPushButton] = {}
        self.sign_buttons: dict[str, QPushButton] = {}
        lay = QVBoxLayout(self)
        grid = QGridLayout()
        for row, (kind, spec) in enumerate(DOCUMENT_KINDS.items()):
            button = QPushButton(f"{spec.title} (draft)…")
            button.setObjectName(f"{kind}ReportButton")
            button.setMinimumHeight(30)
            button.clicked.connect(lambda _c=False, k=kind: self.preview(k))
            sign = QPushButton("Sign…")
            sign.setObjectName(f"{kind}SignButton")
            sign.clicked.connect(lambda _c=False, k=kind: self.sign(k))
            desc = QLabel(spec.description)
            desc.setWordWrap(True)
            desc.setProperty("role", "hint")
            grid.addWidget(button, row, 0)
            grid.addWidget(sign, row, 1)
            grid.addWidget(desc, row, 2)
            self.buttons[kind], self.sign_buttons[kind] = button, sign
        grid.setColumnStretch(2, 1)
        lay.addLayout(grid)
        self.record_button = QPushButton("Record a progress report written on paper today")
        self.record_button.setObjectName("recordProgressButton")
        self.record_button.setToolTip("Resets the 10-treatment-day progress report clock")
        self.record_button.clicked.connect(self.record_progress)
        lay.addWidget(self.record_button)
        lay.addWidget(QLabel("Signed documents of this episode (stored exactly as signed):"))
        self.documents = QTableWidget(0, 5)
        self.documents.setObjectName("signedDocuments")
        self.documents.setAccessibleName("Signed documents of this episode")
        self.documents.setHorizontalHeaderLabels(["Document", "Version / link", "Signed by",
                                                  "Signed (UTC)", "SHA-256"])
        self.documents.verticalHeader().hide()
        self.documents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.documents.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.documents.horizontalHeader().setStretchLastSection(True)
        self.documents.doubleClicked.connect(lambda _i: self.open_selected())
        lay.addWidget(self.documents, 1)
        self.open_button = QPushButton("Open, print or save the signed document…")
        self.open_button.setObjectName("openDocumentButton")
        self.open_button.clicked.connect(self.open_selected)
        self.addendum_button = QPushButton("Add a signed addendum to the selected document…")
        self.addendum_button.setObjectName("addendumButton")
        self.addendum_button.setToolTip("A correction or late entry: the signed document "
                                        "stays as it is")
        self.addendum_button.clicked.connect(lambda: self.add_addendum())
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.addendum_button)
        lay.addLayout(actions)
        self.doc_ids: list[int] = []
        self.dialog: QDialog | None = None

    def load(self, patient_id: int, episode_id: int | None) -> None:
        for b in [*self.buttons.values(), *self.sign_buttons.values(), self.record_button,
                  self.open_button, self.addendum_button]:
            b.setEnabled(episode_id is not None)
        self._load_documents()

    def _load_documents(self) -> None:
        from ...services.documents import list_documents

        episode_id, actor = self.episode_id, self.ctx.user
        docs = [] if episode_id is None else \
            self.ctx.runner.read(lambda s: list_documents(s, episode_id, actor))
        self.doc_ids = [d.id for d in docs]
        self.documents.setRowCount(len(docs))
        for i, d in enumerate(docs):
            period = (f" {d.period_start.isoformat()} – {d.period_end.isoformat()}"
                      if d.period_start and d.period_end else "")
            for j, text in enumerate([f"{d.title}{period}", d.label, d.signed_by,
                                      f"{d.signed_at:%Y-%m-%d %H:%M}", d.sha256[:16] + "…"]):
                item = QTableWidgetItem(text)
                item.setToolTip(d.sha256)
                self.documents.setItem(i, j, item)

    def _message(self, exc: Exception) -> str:
        return human_message(exc)

    def sign(self, kind: str, texts: dict[str, str] | None = None) -> int | None:
        """Sign the current draft of ``kind``; returns the stored document's id."""
        from ...reports import DOCUMENT_KINDS
        from ...services.documents import signing_refusal

        spec = DOCUMENT_KINDS[kind]
        if self.episode_id is None:
            return None
        refusal = signing_refusal(self.ctx.user, kind)
        if refusal is not None:
            QMessageBox.information(self, "Cannot sign", f"Not signed: {refusal}.")
            return None
        if texts is None:
            dlg = SignDialog(spec.title, spec.needs_assessment, self)
            self.dialog = dlg
            while True:
                if dlg.exec() != QDialog.DialogCode.Accepted:
                    return None
                try:
                    return self._sign(kind, dlg.texts())
                except ValidationError as exc:
                    dlg.error.setText(self._message(exc))  # at the field; nothing stored
                except (NotFoundError, PermissionDenied) as exc:
                    QMessageBox.information(self, "Not signed", self._message(exc))
                    return None
        try:
            return self._sign(kind, texts)
        except (ValidationError, NotFoundError, PermissionDenied) as exc:
            QMessageBox.information(self, "Not signed", self._message(exc))
            return None

    def _sign(self, kind: str, texts: dict[str, str]) -> int:
        """Sign in one transaction (inline: the clinician waits for their signature)."""
        from ...services.documents import sign_document

        episode_id, actor = self.episode_id, self.ctx.user
        if episode_id is None:
            raise NotFoundError("No episode is open")
        doc_id, changes = self.ctx.runner.transaction(lambda s: sign_document(
            s, episode_id, kind, actor, texts=texts).id)
        self.ctx.bus.publish(changes)
        self.ctx.notify("Signed and stored", 5000)
        self._load_documents()
        return doc_id

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

    def preview(self, kind: str) -> bool:
        """Build the draft off the GUI thread, then show it; False if none could start."""
        from ...reports import DOCUMENT_KINDS, generate
        from ...services.chart import chart_header

        patient_id, episode_id, actor = self.patient_id, self.episode_id, self.ctx.user
        if patient_id is None or episode_id is None:
            return False

        def build(s: DbSession) -> tuple[bytes, str, list[PagePixels]]:
            pdf = generate(kind, s, episode_id, actor)
            return pdf, chart_header(s, patient_id, None).name, rasterize(pdf)  # worker thread

        return self.ctx.runner.op(self, build) \
            .with_progress(f"Building the {DOCUMENT_KINDS[kind].title.lower()}") \
            .success(lambda built: self._show(kind, patient_id, episode_id, *built)) \
            .failure(lambda exc: QMessageBox.information(self, "No report", human_message(exc))) \
            .run()

    def _show(self, kind: str, patient_id: int, episode_id: int, pdf: bytes,
              name: str, pages: list[PagePixels]) -> None:
        """Preview the draft, titled with the patient it is about; a draft built for a
        chart that is no longer open is not shown over another patient's chart."""
        from ...reports import DOCUMENT_KINDS
        from ..reports.preview_dialog import PreviewDialog

        title = f"{DOCUMENT_KINDS[kind].title} — {name}, episode {episode_id}"
        if (self.patient_id, self.episode_id) != (patient_id, episode_id):
            self.ctx.notify(f"{title} not shown: another chart was opened while it was "
                            "built. Open that chart and build it again.", 15000)
            return
        slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "patient"
        self.dialog = PreviewDialog(pdf, f"{title} — draft",
                                    f"{kind}-{slug}-episode-{episode_id}-draft.pdf", self, pages)
        self.dialog.open()

    def add_addendum(self, text: str | None = None) -> int | None:
        """Sign an addendum to the selected signed document; returns its id. With ``text``
        (tests, scripts) no dialog is shown."""
        from ...services.documents import get_info, sign_addendum, signing_refusal

        row = self.documents.currentRow()
        if not 0 <= row < len(self.doc_ids):
            QMessageBox.information(self, "Add an addendum", "Select a signed document in "
                                    "the list first.")
            return None
        doc_id, actor = self.doc_ids[row], self.ctx.user
        info = self.ctx.runner.read(lambda s: get_info(s, doc_id, actor))
        original = info.addendum_to_id or doc_id
        refusal = signing_refusal(actor, info.kind)
        if refusal is not None:
            QMessageBox.information(self, "Cannot sign", f"Not signed: {refusal}.")
            return None

        def store(body: str) -> int:
            new_id, changes = self.ctx.runner.transaction(
                lambda s: sign_addendum(s, original, body, actor).id)
            self.ctx.bus.publish(changes)
            self.ctx.notify("Addendum signed and stored", 5000)
            self._load_documents()
            return new_id

        if text is not None:
            try:
                return store(text)
            except (ValidationError, NotFoundError, PermissionDenied) as exc:
                QMessageBox.information(self, "Not signed", self._message(exc))
                return None
        what = f"{info.title.lower()} (document {original})" if original == doc_id else \
            f"the document {original} that the selected addendum amends"
        dlg = AddendumDialog(what, self)
        self.dialog = dlg
        while dlg.exec() == QDialog.DialogCode.Accepted:
            try:
                return store(dlg.text.toPlainText())
            except ValidationError as exc:
                dlg.error.setText(self._message(exc))  # at the field; nothing stored
            except (NotFoundError, PermissionDenied) as exc:
                QMessageBox.information(self, "Not signed", self._message(exc))
                return None
        return None

    def open_selected(self) -> bool:
        """Read the signed document and render its pages off the GUI thread, then show it;
        False when nothing was started."""
        from ...services.documents import get_document

        row = self.documents.currentRow()
        if not 0 <= row < len(self.doc_ids):
            return False
        doc_id, actor = self.doc_ids[row], self.ctx.user

        def read(s: DbSession) -> tuple[DocumentInfo, bytes, list[PagePixels]]:
            info, data = get_document(s, doc_id, actor)
            return info, data, rasterize(data)

        return self.ctx.runner.op(self, read).with_progress("Opening the signed document") \
            .success(lambda got: self._show_signed(*got)) \
            .failure(lambda exc: QMessageBox.warning(self, "Document not available",
                                                     self._message(exc))) \
            .run()

    def _show_signed(self, info: DocumentInfo, data: bytes, pages: list[PagePixels]) -> None:
        from ..reports.preview_dialog import PreviewDialog

        name = f"{info.kind}-episode-{info.episode_id}-v{info.version}-signed.pdf"
        self.dialog = PreviewDialog(data, f"{info.title} (signed by {info.signed_by})", name,
                                    self, pages)
        self.dialog.open()


@register_tab(40)
def make_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Reports", ReportsTab(ctx)
