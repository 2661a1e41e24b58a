"""Show a validation message right under the field it belongs to.

Dialogs map service field names to widgets; on a ValidationError each message appears
in red below its widget, the widget gets a red frame, and focus goes to the first bad
field. What the user typed is left untouched.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..field_labels import field_label
from .typography import scale

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum" for a widget's size


class FieldErrors:
    def __init__(self, form: QFormLayout, fields: dict[str, QWidget]) -> None:
        self.form = form
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
            grows = bool(widget.sizePolicy().verticalPolicy().value
                         & QSizePolicy.PolicyFlag.ExpandFlag.value)
            if not grows or widget.maximumHeight() < QWIDGETSIZE_MAX:
                # The box grows no taller than its field (and message): a taller row would
                # show the field (a height-limited address box, a combo) centred below
                # the level of its label.
                box.setSizePolicy(box.sizePolicy().horizontalPolicy(),
                                  QSizePolicy.Policy.Maximum)
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

    def mark(self, name: str, message: str) -> None:
        """Mark (or, with an empty message, unmark) one field while the PT types.

        Unlike :meth:`show`, the other fields keep their messages and focus stays where
        it is, so a box can say what is wrong with it as soon as it is wrong.
        """
        label = self.labels.get(name)
        if label is None:
            return
        label.setText(message[:1].upper() + message[1:])
        label.setVisible(bool(message))
        self.fields[name].setStyleSheet("border: 1px solid #b3261e;" if message else "")

    def message_for(self, name: str) -> str:
        label = self.labels.get(name)
        return label.text() if label and not label.isHidden() else ""
