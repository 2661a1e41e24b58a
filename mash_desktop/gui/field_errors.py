"""Show a validation message right under the field it belongs to.

Dialogs map service field names to widgets; on a ValidationError each message appears
in red below its widget, the widget gets a red frame, and focus goes to the first bad
field. What the user typed is left untouched.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ..field_labels import field_label
from .typography import scale


class FieldErrors:
    def __init__(self, form: QFormLayout, fields: dict[str, QWidget]) -> None:
        self.fields = fields
        self.labels: dict[str, QLabel] = {}
        for name, widget in fields.items():
            idx = form.indexOf(widget)
            if idx < 0:
                continue
            row, role = cast("tuple[int, QFormLayout.ItemRole]",  # typed as object in the stubs
                             form.getItemPosition(idx))
            form.removeWidget(widget)
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(1)
            lay.addWidget(widget)
            label = QLabel()
            label.setObjectName(f"{name}Error")
            label.setProperty("role", "fieldError")
            label.setStyleSheet("color: #b3261e;")
            scale(label, 0.9)
            label.setWordWrap(True)
            label.hide()
            lay.addWidget(label)
            form.setWidget(row, role, box)
            self.labels[name] = label

    def clear(self) -> None:
        for name, label in self.labels.items():
            label.hide()
            label.clear()
            self.fields[name].setStyleSheet("")

    def show(self, errors: dict[str, str]) -> list[str]:
        """Display messages; returns those that have no field here (to show elsewhere)."""
        self.clear()
        unplaced: list[str] = []
        first: QWidget | None = None
        for name, message in errors.items():
            label = self.labels.get(name)
            if label is None:
                unplaced.append(f"{field_label(name)}: {message}" if name else message)
                continue
            label.setText(message[:1].upper() + message[1:])
            label.show()
            self.fields[name].setStyleSheet("border: 1px solid #b3261e;")
            first = first or self.fields[name]
        if first is not None:
            first.setFocus()
        return unplaced

    def message_for(self, name: str) -> str:
        label = self.labels.get(name)
        return label.text() if label and not label.isHidden() else ""
