"""The Evaluation tab of the note editor (Designer form ui/evaluationpage.ui).

Shown for initial evaluations and re-evaluations: the exclusion and red-flag screen (items
and sources from resources/evaluation.json), body weight, hip strength per side with the
value per kg body weight worked out as it is typed, hip range of motion, systems review,
impairments, rehabilitation potential, and for a re-evaluation the reason for it. When a
screen item is answered yes, the reason to treat in the MASH program all the same.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidgetItem, QWidget

from ...services.evaluation import (
    ANSWERS,
    SIDES,
    rehab_potentials,
    rom_directions,
    screen_items,
    strength_directions,
)
from ..field_errors import FieldErrors
from ..forms.ui_evaluationpage import Ui_EvaluationPage

RED = "color: #b3261e;"


def _number(text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text  # the service names the field


class EvaluationPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_EvaluationPage()
        ui.setupUi(self)
        self.items = screen_items()
        table = ui.screenTable
        table.setColumnCount(2)
        table.setHorizontalHeaderLabels(["Item", "Answer"])
        table.setRowCount(len(self.items))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        self.answers: list[QComboBox] = []
        for row, item in enumerate(self.items):
            cell = QTableWidgetItem(item["label"])
            cell.setToolTip(item["source"])
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, 0, cell)
            combo = QComboBox()
            combo.addItem("—", "")
            for key, label in ANSWERS.items():
                combo.addItem(label, key)
            combo.currentIndexChanged.connect(self._screen_changed)
            table.setCellWidget(row, 1, combo)
            self.answers.append(combo)
        ui.allNoButton.clicked.connect(self.all_no)
        self.strength = strength_directions()
        st = ui.strengthTable
        st.setColumnCount(4)
        st.setHorizontalHeaderLabels(["Left kgf", "Right kgf", "Left kgf/kg", "Right kgf/kg"])
        st.setRowCount(len(self.strength))
        st.setVerticalHeaderLabels(list(self.strength.values()))
        for row in range(len(self.strength)):
            for col in range(4):
                cell = QTableWidgetItem("")
                if col >= 2:
                    cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                st.setItem(row, col, cell)
        st.itemChanged.connect(self._normalise)
        ui.bodyWeightEdit.textChanged.connect(self._normalise)
        self.rom = rom_directions()
        rt = ui.romTable
        rt.setColumnCount(2)
        rt.setHorizontalHeaderLabels(["Left °", "Right °"])
        rt.setRowCount(len(self.rom))
        rt.setVerticalHeaderLabels([d["label"] for d in self.rom.values()])
        for row in range(len(self.rom)):
            for col in range(2):
                rt.setItem(row, col, QTableWidgetItem(""))
        ui.rehabCombo.addItem("—", "")
        for key, label in rehab_potentials().items():
            ui.rehabCombo.addItem(label, key)
        self.errors = FieldErrors(ui.findingsForm, {
            "evaluation.systems_review": ui.systemsReviewEdit,
            "evaluation.impairments": ui.impairmentsEdit,
            "evaluation.rehab_potential": ui.rehabCombo,
            "evaluation.reason": ui.reasonEdit,
            "evaluation.exclusion_override": ui.overrideEdit})
        self.weight_errors = FieldErrors(ui.weightForm,
                                         {"evaluation.body_weight_kg": ui.bodyWeightEdit})
        self.initial = True
        ui.overrideEdit.textChanged.connect(self._screen_changed)
        self.headings = {"evaluation.exclusion": (ui.screenLabel, ui.screenLabel.text()),
                         "evaluation.hip_strength": (ui.strengthLabel, ui.strengthLabel.text()),
                         "evaluation.hip_rom": (ui.romLabel, ui.romLabel.text())}
        self._screen_changed()

    def set_mode(self, note_type: str) -> None:
        """A re-evaluation asks why; the initial evaluation asks for everything else."""
        reeval = note_type == "re-evaluation"
        self.initial = not reeval
        self.ui.reasonEdit.setVisible(reeval)
        self.ui.reasonEditLabel.setVisible(reeval)
        self._screen_changed()

    def all_no(self) -> None:
        for combo in self.answers:
            combo.setCurrentIndex(combo.findData("no"))

    def _screen_changed(self, *_args: Any) -> None:
        yes = [self.items[i]["label"] for i, c in enumerate(self.answers)
               if c.currentData() == "yes"]
        unanswered = sum(1 for c in self.answers if not c.currentData())
        text = (f"Present: {'; '.join(yes)}" if yes else "No item present") + \
            (f" · {unanswered} unanswered" if unanswered else "")
        self.ui.screenResultLabel.setText(text)
        self.ui.screenResultLabel.setStyleSheet(RED if yes else "")
        # an item present asks for the reason to treat in the MASH program all the same
        present = bool(yes) or bool(self.ui.overrideEdit.toPlainText().strip())
        self.ui.overrideEdit.setVisible(present and self.initial)
        self.ui.overrideEditLabel.setVisible(present and self.initial)

    def _normalise(self, *_args: Any) -> None:
        weight = _number(self.ui.bodyWeightEdit.text())
        st = self.ui.strengthTable
        st.blockSignals(True)
        for row in range(st.rowCount()):
            for col in (0, 1):
                kgf = _number(st.item(row, col).text())
                ok = isinstance(kgf, float) and isinstance(weight, float) and weight > 0
                st.item(row, col + 2).setText(f"{kgf / weight:.2f}" if ok else "")
        st.blockSignals(False)

    def set_values(self, ev: dict[str, Any]) -> None:
        answers = ev.get("exclusion") or {}
        for item, combo in zip(self.items, self.answers, strict=True):
            combo.setCurrentIndex(max(0, combo.findData(answers.get(item["key"], ""))))
        self.ui.bodyWeightEdit.setText(f"{ev['body_weight_kg']:g}"
                                       if isinstance(ev.get("body_weight_kg"), (int, float))
                                       else "")
        st = self.ui.strengthTable
        st.blockSignals(True)
        for row, key in enumerate(self.strength):
            for col, side in enumerate(SIDES):
                x = (ev.get("hip_strength") or {}).get(key, {}).get(side)
                st.item(row, col).setText(f"{x:g}" if isinstance(x, (int, float)) else "")
        st.blockSignals(False)
        for row, key in enumerate(self.rom):
            for col, side in enumerate(SIDES):
                x = (ev.get("hip_rom") or {}).get(key, {}).get(side)
                self.ui.romTable.item(row, col).setText(
                    f"{x:g}" if isinstance(x, (int, float)) else "")
        self.ui.systemsReviewEdit.setPlainText(ev.get("systems_review", ""))
        self.ui.impairmentsEdit.setPlainText(ev.get("impairments", ""))
        self.ui.rehabCombo.setCurrentIndex(
            max(0, self.ui.rehabCombo.findData(ev.get("rehab_potential", ""))))
        self.ui.reasonEdit.setPlainText(ev.get("reason", ""))
        self.ui.overrideEdit.setPlainText(ev.get("exclusion_override", ""))
        self._normalise()
        self._screen_changed()

    def values(self, note_type: str) -> dict[str, Any]:
        ui = self.ui

        def grid(table: Any, keys: list[str]) -> dict[str, dict[str, Any]]:
            out: dict[str, dict[str, Any]] = {}
            for row, key in enumerate(keys):
                sides = {side: _number(table.item(row, col).text())
                         for col, side in enumerate(SIDES)}
                sides = {k: x for k, x in sides.items() if x is not None}
                if sides:
                    out[key] = sides
            return out

        ev: dict[str, Any] = {
            "exclusion": {item["key"]: c.currentData()
                          for item, c in zip(self.items, self.answers, strict=True)
                          if c.currentData()},
            "systems_review": ui.systemsReviewEdit.toPlainText(),
            "impairments": ui.impairmentsEdit.toPlainText(),
            "rehab_potential": ui.rehabCombo.currentData(),
            "body_weight_kg": _number(ui.bodyWeightEdit.text()),
            "hip_strength": grid(ui.strengthTable, list(self.strength)),
            "hip_rom": grid(ui.romTable, list(self.rom)),
        }
        if note_type == "re-evaluation":
            ev["reason"] = ui.reasonEdit.toPlainText()
        elif ui.overrideEdit.toPlainText().strip():
            ev["exclusion_override"] = ui.overrideEdit.toPlainText()
        return ev

    def show_errors(self, errors: dict[str, str]) -> set[str]:
        """Mark the evaluation's fields; returns the error keys placed here."""
        mine = {k: v for k, v in errors.items() if k.startswith("evaluation")}
        self.errors.show({k: v for k, v in mine.items() if k in self.errors.labels})
        self.weight_errors.show({k: v for k, v in mine.items()
                                 if k in self.weight_errors.labels})
        for prefix, (label, text) in self.headings.items():
            found = [v for k, v in mine.items() if k.startswith(prefix)]
            label.setText(text + (f" — {found[0]}" if found else ""))
            label.setStyleSheet(RED if found else "")
        return set(mine)
