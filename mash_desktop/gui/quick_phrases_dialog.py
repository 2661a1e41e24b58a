"""Admin ▸ Quick phrases: the clinic's assessment and plan snippets (Designer form
ui/quickphrasesdialog.ui).

The list order is the key order in the note editor (Ctrl+1…9 for the assessment, Alt+1…9
for the plan), so moving a phrase up changes its key. Nothing is stored until Save, and
the service (``services.quick_phrases.set_phrases``) checks the user's permission and
every phrase; its messages name the phrase, which is selected to be fixed. A note editor
opened afterwards offers the saved phrases.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QDialog, QListWidgetItem, QMessageBox, QWidget

from ..services import ValidationError
from ..services.quick_phrases import DEFAULTS, FIELDS, MAX_PHRASES, get_phrases, set_phrases
from .context import AppContext
from .forms.ui_quickphrasesdialog import Ui_QuickPhrasesDialog
from .operations import human_message

LABELS = {"assessment": "Assessment (Ctrl+1…9)", "plan": "Plan (Alt+1…9)"}
PREFIX = {"assessment": "Ctrl", "plan": "Alt"}
RED = "color: #b3261e;"


class QuickPhrasesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = ui = Ui_QuickPhrasesDialog()
        ui.setupUi(self)
        self.phrases: dict[str, list[str]] = ctx.runner.read(get_phrases)
        for field in FIELDS:
            ui.fieldCombo.addItem(LABELS[field], field)
        ui.fieldCombo.currentIndexChanged.connect(lambda _i: self._fill())
        ui.phraseList.currentRowChanged.connect(self._show_current)
        ui.phraseEdit.textChanged.connect(self._edited)
        ui.addButton.clicked.connect(self.add)
        ui.deleteButton.clicked.connect(self.delete)
        ui.upButton.clicked.connect(lambda: self.move_phrase(-1))
        ui.downButton.clicked.connect(lambda: self.move_phrase(1))
        ui.defaultsButton.clicked.connect(self.shipped_examples)
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        self._fill()

    # ---- the list of the chosen field ---------------------------------------------------
    @property
    def field(self) -> str:
        return str(self.ui.fieldCombo.currentData())

    def _label(self, row: int, text: str) -> str:
        key = f"{PREFIX[self.field]}+{row + 1}" if row < MAX_PHRASES else "(no key)"
        return f"{key}   {text}"

    def _fill(self, select: int = 0) -> None:
        lst = self.ui.phraseList
        lst.blockSignals(True)
        lst.clear()
        for row, text in enumerate(self.phrases[self.field]):
            lst.addItem(QListWidgetItem(self._label(row, text)))
        lst.blockSignals(False)
        rows = lst.count()
        lst.setCurrentRow(min(select, rows - 1) if rows else -1)
        self._show_current(lst.currentRow())
        self.ui.addButton.setEnabled(rows < MAX_PHRASES)

    def _show_current(self, row: int) -> None:
        items = self.phrases[self.field]
        ui = self.ui
        ui.phraseEdit.blockSignals(True)
        ui.phraseEdit.setPlainText(items[row] if 0 <= row < len(items) else "")
        ui.phraseEdit.blockSignals(False)
        ui.phraseEdit.setEnabled(0 <= row < len(items))
        for button in (ui.deleteButton, ui.upButton, ui.downButton):
            button.setEnabled(0 <= row < len(items))

    def _edited(self) -> None:
        row = self.ui.phraseList.currentRow()
        items = self.phrases[self.field]
        if 0 <= row < len(items):
            items[row] = self.ui.phraseEdit.toPlainText()
            self.ui.phraseList.item(row).setText(self._label(row, items[row]))

    # ---- add, delete, reorder ------------------------------------------------------------
    def add(self) -> None:
        items = self.phrases[self.field]
        if len(items) >= MAX_PHRASES:
            return
        items.append("")
        self._fill(len(items) - 1)
        self.ui.phraseEdit.setFocus()

    def delete(self) -> None:
        row = self.ui.phraseList.currentRow()
        items = self.phrases[self.field]
        if 0 <= row < len(items):
            del items[row]
            self._fill(row)

    def move_phrase(self, step: int) -> None:
        row = self.ui.phraseList.currentRow()
        items = self.phrases[self.field]
        to = row + step
        if 0 <= row < len(items) and 0 <= to < len(items):
            items[row], items[to] = items[to], items[row]
            self._fill(to)

    def shipped_examples(self) -> None:
        self.phrases[self.field] = list(DEFAULTS[self.field])
        self._fill()

    # ---- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        # a phrase left empty is not a phrase: dropped, as the service would
        phrases = {f: [p for p in items if p.strip()] for f, items in self.phrases.items()}
        actor = self.ctx.user
        self.ctx.runner.op(self, lambda s: set_phrases(s, phrases, actor)) \
            .success(lambda _saved: self.accept()).failure(self._not_saved).run()

    def _not_saved(self, exc: Exception) -> None:
        if not isinstance(exc, ValidationError):
            QMessageBox.warning(self, "Quick phrases not saved", human_message(exc))
            return
        key, message = next(iter(exc.errors.items()))
        found = re.fullmatch(r"(assessment|plan)(?:\[(\d+)\])?", key)
        if found:
            self.ui.fieldCombo.setCurrentIndex(self.ui.fieldCombo.findData(found[1]))
            kept = [p for p in self.phrases[found[1]] if p.strip()]
            self.phrases[found[1]] = kept
            self._fill(int(found[2]) if found[2] else 0)
        where = f"{LABELS.get(found[1], key) if found else key}" + (
            f", phrase {int(found[2]) + 1}" if found and found[2] else "")
        self.ui.errorLabel.setText(f"Not saved — {where}: {message}")
        self.ui.errorLabel.setStyleSheet(RED)
