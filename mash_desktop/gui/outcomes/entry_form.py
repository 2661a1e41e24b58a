"""Compact item entry for one instrument: digits then Tab, with the score shown live.

Questionnaire items get one small box each (numbered, topic as tooltip); performance
tests get their measured fields. Every keystroke re-scores with the same code that saves,
so the band and any safety flag are visible before saving, and a bad item is marked.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ... import outcomes
from ...outcomes import Instrument

BAD = "border: 1px solid #b3261e; background: #fde7e6;"
_ITEM = re.compile(r"(?:item|activity) (\d+)")
_FIELD = re.compile(r"^\S+ (\w+):")


def _num(text: str) -> Any:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        x = float(text)
    except ValueError:
        return text  # let the scorer name it
    return int(x) if x.is_integer() else x


class EntryForm(QWidget):
    """Builds the boxes for an instrument; ``answers()`` gives what score() expects."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.inst: Instrument | None = None
        self.boxes: list[QLineEdit] = []
        self.fields: dict[str, QLineEdit] = {}
        self.pace: QComboBox | None = None

    def set_instrument(self, inst: Instrument, focus: bool = True) -> None:
        """Fresh, empty boxes for ``inst``; ``focus`` puts the cursor in the first one
        (not wanted when the form is reset because another patient was opened)."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.inst, self.boxes, self.fields, self.pace = inst, [], {}, None
        if inst.kind in ("sum", "percent", "mean"):
            count = inst.item_count or inst.max_items
            per_row = 10
            lo, hi = inst.item_range or (0, 10)
            for i in range(count):
                label = QLabel(str(i + 1))
                box = QLineEdit()
                box.setObjectName(f"item{i + 1}")
                box.setMaximumWidth(38)
                box.setMaxLength(2)
                box.setValidator(QIntValidator(lo, hi, box))
                topic = inst.items[i] if i < len(inst.items) else f"activity {i + 1}"
                box.setToolTip(f"{i + 1}. {topic} ({lo}–{hi}); leave empty if skipped")
                label.setToolTip(box.toolTip())
                box.textChanged.connect(self.changed)
                r, c = divmod(i, per_row)
                self.grid.addWidget(label, r * 2, c)
                self.grid.addWidget(box, r * 2 + 1, c)
                self.boxes.append(box)
        elif inst.kind == "rating":
            box = QLineEdit()
            box.setObjectName("rating")
            box.setMaximumWidth(60)
            lo, hi = inst.item_range or (0, 10)
            box.setPlaceholderText(f"{lo}–{hi}")
            box.textChanged.connect(self.changed)
            self.grid.addWidget(QLabel("Rating"), 0, 0)
            self.grid.addWidget(box, 1, 0)
            self.boxes.append(box)
        else:
            for col, (name, spec) in enumerate(inst.fields.items()):
                box = QLineEdit()
                box.setObjectName(name)
                box.setMaximumWidth(110)
                if "default" in spec:
                    box.setText(str(spec["default"]))
                box.textChanged.connect(self.changed)
                self.grid.addWidget(QLabel(spec["label"]), 0, col)
                self.grid.addWidget(box, 1, col)
                self.fields[name] = box
            for name, choices in inst.options.items():
                combo = QComboBox()
                combo.addItems(choices)
                combo.currentIndexChanged.connect(self.changed)
                self.grid.addWidget(QLabel(name), 0, len(self.fields))
                self.grid.addWidget(combo, 1, len(self.fields))
                self.pace = combo
        self.grid.setColumnStretch(self.grid.columnCount(), 1)
        first = self.boxes[0] if self.boxes else next(iter(self.fields.values()), None)
        if first is not None and focus:
            first.setFocus()
        self.changed.emit()

    def answers(self) -> Any:
        inst = self.inst
        assert inst is not None
        if inst.kind == "rating":
            return _num(self.boxes[0].text())
        if inst.kind == "mean":
            values = [_num(b.text()) for b in self.boxes]
            while values and values[-1] is None:
                values.pop()
            return values
        if inst.kind in ("sum", "percent"):
            return [_num(b.text()) for b in self.boxes]
        out = {name: _num(box.text()) for name, box in self.fields.items()}
        if self.pace is not None:
            out["pace"] = self.pace.currentText()
        return out

    def mark(self, message: str | None) -> None:
        """Outline the item or field a scoring message names."""
        for w in [*self.boxes, *self.fields.values()]:
            w.setStyleSheet("")
        if not message:
            return
        m = _ITEM.search(message)
        if m and int(m.group(1)) <= len(self.boxes):
            self.boxes[int(m.group(1)) - 1].setStyleSheet(BAD)
            return
        f = _FIELD.match(message)
        if f and f.group(1) in self.fields:
            self.fields[f.group(1)].setStyleSheet(BAD)
        elif self.inst and self.inst.kind == "rating":
            self.boxes[0].setStyleSheet(BAD)

    def preview(self) -> tuple[outcomes.Score | None, str]:
        """Score what is typed so far, or the message that says what is wrong."""
        assert self.inst is not None
        answers = self.answers()
        empty = answers in (None, []) or (isinstance(answers, list) and
                                          all(a is None for a in answers))
        if empty:
            return None, ""
        try:
            return outcomes.score(self.inst.key, answers), ""
        except ValueError as exc:
            return None, str(exc)
