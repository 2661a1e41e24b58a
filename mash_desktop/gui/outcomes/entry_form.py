"""Item entry for one instrument at typing speed: a digit per item, the score shown live.

Questionnaire items get one small box each, labelled with the item's number and topic
(never the licensed item wording: topics are in the instrument data); a valid answer
moves the cursor to the next item by itself, so a whole QBPDS is 20 digits. Performance
tests get their measured fields and, where the instrument has one, the pace its series
defines. Every keystroke re-scores with the same code that saves, so the band and any
safety flag are visible before saving; a problem is only shown for a field the PT has
already left, in words for a clinician ("Item 3 (lifting): must be between 0 and 5"),
never the scorer's raw message.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
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
_RANGE = re.compile(r"is outside (\S+)–(\S+)")
ROWS_PER_COLUMN = 10


def _num(text: str) -> Any:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        x = float(text)
    except ValueError:
        return text  # let the scorer name it
    return int(x) if x.is_integer() else x


def _complete(text: str, hi: int) -> bool:
    """A whole answer: no further digit could make a valid one (0–5: any digit; 0–10:
    '1' may become '10', so only '0' and '2'–'9' and '10' are complete)."""
    if not text.isdigit():
        return False
    return int(text) * 10 > hi or len(text) >= len(str(hi))


def clinician_message(inst: Instrument, message: str) -> str:
    """The scorer's message in a clinician's words: item number and topic, field label,
    the instrument's short name instead of its key."""
    short = inst.short_name
    m = re.match(rf"^{re.escape(inst.key)} (item|activity) (\d+): (.*)$", message)
    if m:
        n = int(m.group(2))
        topic = inst.items[n - 1] if m.group(1) == "item" and n <= len(inst.items) else ""
        rest = m.group(3).replace(f"every {inst.key} item", f"every {short} item")
        rest = re.sub(r"^skipped, but every .* item must be answered.*$",
                      "needs an answer (no item of this questionnaire may be skipped)", rest)
        rest = re.sub(r"\s*\(.*\)$", "", rest) if "outside" in rest or "whole" in rest \
            else rest
        rest = _RANGE.sub(lambda r: f"must be between {r.group(1)} and {r.group(2)}", rest)
        rest = re.sub(r"^'?([^']*)'? must", r"\1 — must", rest)
        label = "Activity" if m.group(1) == "activity" else "Item"
        about = f" ({topic})" if topic and topic != f"item {n}" else ""
        return f"{label} {n}{about}: {rest}"
    f = re.match(rf"^{re.escape(inst.key)} (\w+): (.*)$", message)
    if f and (f.group(1) in inst.fields or f.group(1) in ("rating", "pace")):
        name = f.group(1)
        label = str(inst.fields[name]["label"]) if name in inst.fields else name
        rest = f.group(2)
        if rest.startswith("missing"):
            rest = "needed to score the test"
        rest = _RANGE.sub(lambda r: f"must be between {r.group(1)} and {r.group(2)}", rest)
        return f"{label[:1].upper()}{label[1:]}: {rest}"
    return message.replace(f"{inst.key}:", f"{short}:").replace(f"{inst.key} ", f"{short} ")


class EntryForm(QWidget):
    """Builds the boxes for an instrument; ``answers()`` gives what score() expects.

    ``changed`` fires on every keystroke, ``completed`` when the last item was answered
    (the tab then moves to Save).
    """

    changed = Signal()
    completed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(2)
        self.inst: Instrument | None = None
        self.boxes: list[QLineEdit] = []
        self.fields: dict[str, QLineEdit] = {}
        self.pace: QComboBox | None = None
        self.left: set[QWidget] = set()  # fields the PT has left: their problems may show

    def inputs(self) -> list[QWidget]:
        """Every input in the order the PT fills them (the tab order)."""
        out: list[QWidget] = [*self.boxes, *self.fields.values()]
        if self.pace is not None:
            out.append(self.pace)
        return out

    def set_instrument(self, inst: Instrument, focus: bool = True) -> None:
        """Fresh, empty boxes for ``inst``; ``focus`` puts the cursor in the first one
        (not wanted when the form is reset because another patient was opened)."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for col in range(self.grid.columnCount()):
            self.grid.setColumnStretch(col, 0)
        self.inst, self.boxes, self.fields, self.pace = inst, [], {}, None
        self.left = set()
        if inst.kind in ("sum", "percent", "mean"):
            self._items(inst)
        elif inst.kind == "rating":
            lo, hi = inst.item_range or (0, 10)
            box = self._box("rating", lo, hi, f"{inst.short_name} rating ({lo}–{hi})")
            label = QLabel(f"&Rating ({lo}–{hi})")
            label.setBuddy(box)
            self.grid.addWidget(label, 0, 0)
            self.grid.addWidget(box, 0, 1)
            self.boxes.append(box)
        else:
            for row, (name, spec) in enumerate(inst.fields.items()):
                box = QLineEdit()
                box.setObjectName(name)
                box.setMaximumWidth(self.fontMetrics().horizontalAdvance("00000.00") + 16)
                box.setAccessibleName(str(spec["label"]))
                if "default" in spec:
                    box.setText(str(spec["default"]))
                self._watch(box)
                label = QLabel(str(spec["label"])[:1].upper() + str(spec["label"])[1:] + ":")
                label.setBuddy(box)
                self.grid.addWidget(label, row, 0)
                self.grid.addWidget(box, row, 1)
                self.fields[name] = box
            for name, choices in inst.options.items():
                combo = QComboBox()
                combo.setObjectName(name)
                combo.addItems(choices)
                # the series' own pace (the fast-pace series is walked fast)
                default = inst.raw.get(f"default_{name}")
                if default in choices:
                    combo.setCurrentIndex(choices.index(default))
                combo.setAccessibleName(name.capitalize())
                combo.currentIndexChanged.connect(self.changed)
                label = QLabel(f"{name.capitalize()}:")
                label.setBuddy(combo)
                row = self.grid.rowCount()
                self.grid.addWidget(label, row, 0)
                self.grid.addWidget(combo, row, 1)
                self.pace = combo
        self.grid.setColumnStretch(self.grid.columnCount(), 1)
        first = next(iter(self.inputs()), None)
        if first is not None and focus:
            first.setFocus()
        self.changed.emit()

    def _items(self, inst: Instrument) -> None:
        count = inst.item_count or inst.max_items
        lo, hi = inst.item_range or (0, 10)
        for i in range(count):
            topic = inst.items[i] if i < len(inst.items) else f"activity {i + 1}"
            box = self._box(f"item{i + 1}", lo, hi, f"Item {i + 1}: {topic} ({lo}–{hi})")
            box.setToolTip(f"{i + 1}. {topic} ({lo}–{hi}); leave empty if skipped")
            label = QLabel(f"{i + 1}. {topic}")
            label.setBuddy(box)
            label.setToolTip(box.toolTip())
            r, c = i % ROWS_PER_COLUMN, (i // ROWS_PER_COLUMN) * 2
            self.grid.addWidget(label, r, c)
            self.grid.addWidget(box, r, c + 1)
            self.boxes.append(box)

    def _box(self, name: str, lo: int, hi: int, accessible: str) -> QLineEdit:
        box = QLineEdit()
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.setMaximumWidth(self.fontMetrics().horizontalAdvance("000") + 16)
        box.setMaxLength(len(str(hi)))
        box.setValidator(QIntValidator(lo, hi, box))
        box.textEdited.connect(lambda text, b=box, top=hi: self._advance(b, text, top))
        self._watch(box)
        return box

    def _watch(self, box: QLineEdit) -> None:
        box.textChanged.connect(self.changed)
        box.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """A field the PT leaves may now show what is wrong with it."""
        if event.type() == QEvent.Type.FocusOut and isinstance(obj, QWidget):
            if obj not in self.left:
                self.left.add(obj)
                self.changed.emit()
        return super().eventFilter(obj, event)

    def _advance(self, box: QLineEdit, text: str, hi: int) -> None:
        """A complete, valid answer moves on to the next item (the last one to Save)."""
        if not _complete(text, hi) or int(text) > hi:
            return
        i = self.boxes.index(box) if box in self.boxes else -1
        if 0 <= i < len(self.boxes) - 1:
            self.boxes[i + 1].setFocus()
            self.boxes[i + 1].selectAll()
        elif i == len(self.boxes) - 1:
            self.completed.emit()

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

    def widget_for(self, message: str) -> QWidget | None:
        """The item or field a scoring message names."""
        m = _ITEM.search(message)
        if m and int(m.group(1)) <= len(self.boxes):
            return self.boxes[int(m.group(1)) - 1]
        f = _FIELD.match(message)
        if f and f.group(1) in self.fields:
            return self.fields[f.group(1)]
        if self.inst and self.inst.kind == "rating" and self.boxes:
            return self.boxes[0]
        return None

    def mark(self, message: str | None) -> None:
        """Outline the item or field a scoring message names."""
        for w in self.inputs():
            w.setStyleSheet("")
        target = self.widget_for(message) if message else None
        if target is not None:
            target.setStyleSheet(BAD)

    def preview(self) -> tuple[outcomes.Score | None, str]:
        """Score what is typed so far, or the message that says what is wrong.

        The message is the scorer's own (the tests read it); :meth:`shown_problem` says
        whether the PT should see it yet and in which words.
        """
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

    def shown_problem(self, message: str) -> str:
        """The message for the PT, or "" while the field it names has not been left."""
        if not message or self.inst is None:
            return ""
        target = self.widget_for(message)
        if target is not None and target not in self.left:
            return ""
        if target is None and not set(self.inputs()) <= self.left:
            return ""  # about the whole form (too many skipped): once every field was left
        return clinician_message(self.inst, message)

    def answered(self) -> int:
        return sum(1 for b in self.boxes if b.text().strip())
