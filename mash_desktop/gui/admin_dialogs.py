"""Clinic-wide windows: the due list, security settings, backup and restore."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..services import ValidationError
from ..services.backup import DEFAULT_KEEP, inspect_backup, make_backup
from ..services.documentation import due_list
from ..services.settings import get_setting, set_setting
from .login import DEFAULT_IDLE_MINUTES

if TYPE_CHECKING:
    from .main_window import MainWindow


class DueListDialog(QDialog):
    """Everything due across all patients; double-click opens the chart."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle("Due list — all patients")
        with window.db.session() as s:
            self.items = due_list(s)
        table = QTableWidget(len(self.items), 4)
        table.setObjectName("dueTable")
        table.setHorizontalHeaderLabels(["Urgency", "Patient", "What", "Due"])
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for i, item in enumerate(self.items):
            for j, text in enumerate([item.urgency, item.patient, item.what,
                                      item.due.isoformat() if item.due else ""]):
                table.setItem(i, j, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.cellDoubleClicked.connect(self._open)
        self.table = table
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(f"{len(self.items)} item(s). Double-click a row to open the "
                             "chart."))
        lay.addWidget(table)
        self.resize(900, 500)

    def _open(self, row: int, _col: int) -> None:
        item = self.items[row]
        self.window.open_patient(item.patient_id, item.episode_id)
        self.accept()


class SecuritySettingsDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle("Security settings")
        with window.db.session() as s:
            idle = get_setting(s, "idle_lock_minutes", DEFAULT_IDLE_MINUTES)
            single = get_setting(s, "single_user")
            keep = get_setting(s, "backups_keep", DEFAULT_KEEP)
        self.idle = QSpinBox()
        self.idle.setRange(0, 240)
        self.idle.setSuffix(" min (0 = never)")
        self.idle.setValue(int(idle))
        self.single = QCheckBox("Single-user mode: sign in as me without choosing a user "
                                "(the password and auto-lock still apply)")
        self.single.setChecked(bool(single))
        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setValue(int(keep))
        from ..db.encryption import available as cipher_available

        self.encryption = QLabel(
            "Encryption at rest: " + ("available — use `mash-desktop encrypt` with the app "
                                      "closed." if cipher_available() else
                                      "not installed. Install the extra with "
                                      "<code>.venv/bin/pip install 'mash-desktop[encryption]'"
                                      "</code> (needs Debian's libsqlcipher-dev), then run "
                                      "<code>mash-desktop encrypt</code>."))
        self.encryption.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Lock after inactivity", self.idle)
        form.addRow("", self.single)
        form.addRow("Automatic backups to keep", self.keep)
        form.addRow("", self.encryption)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def save(self) -> None:
        from ..services.access import require

        actor = self.window.actor
        single = actor.username if (self.single.isChecked() and actor) else None

        def op(s: object) -> None:
            require(actor, "manage_users")
            set_setting(s, "idle_lock_minutes", self.idle.value(), actor)
            set_setting(s, "single_user", single, actor)
            set_setting(s, "backups_keep", self.keep.value(), actor)

        try:
            self.window.run(op, "settings")
        except Exception as exc:  # noqa: BLE001 - PermissionDenied and friends, shown
            QMessageBox.warning(self, "Not saved", str(exc))
            return
        if self.window.idle_lock is not None:
            self.window.idle_lock.set_minutes(self.idle.value())
        self.accept()


def backup_now(window: MainWindow) -> Path | None:
    db_file = window.db.path
    if db_file is None:
        return None
    path, _ = QFileDialog.getSaveFileName(window, "Back up to", str(
        db_file.with_name(f"mash-backup-{__import__('datetime').date.today()}.db")),
        "Database (*.db)")
    if not path:
        return None
    try:
        dest = make_backup(db_file, Path(path))
    except ValidationError as exc:
        QMessageBox.warning(window, "Backup", exc.message)
        return None
    window.statusBar().showMessage(f"Backed up to {dest}", 8000)
    return dest


def restore_from(window: MainWindow) -> None:
    """Preview a backup, confirm, keep the current file aside, restore, and restart."""
    from ..services.access import require
    from ..services.backup import restore_backup

    try:
        require(window.actor, "restore")
    except Exception as exc:  # noqa: BLE001
        QMessageBox.warning(window, "Restore", str(exc))
        return
    path, _ = QFileDialog.getOpenFileName(window, "Restore from backup", "", "Database (*.db)")
    if not path:
        return
    try:
        info = inspect_backup(Path(path))
    except ValidationError as exc:
        QMessageBox.warning(window, "Not restored", exc.message)
        return
    answer = QMessageBox.question(
        window, "Restore this backup?",
        f"{Path(path).name} holds:\n{info.summary()}\n\nThe current database will be kept "
        "aside, then replaced. The app will close; start it again to continue.")
    if answer != QMessageBox.StandardButton.Yes:
        return
    db_file = window.db.path
    assert db_file is not None
    window.db.dispose()
    aside = restore_backup(Path(path), db_file)
    QMessageBox.information(window, "Restored", f"Restored. The previous database is kept as "
                                                f"{aside}.")
    window.skip_auto_backup = True
    window.close()


class CatalogDialog(QDialog):
    """The clinic's protocol catalog (add, rename, retire) and each payer's billing rule."""

    def __init__(self, window: MainWindow) -> None:
        from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QTabWidget, QWidget

        from ..billing import RULES

        super().__init__(window)
        self.window = window
        self.setWindowTitle("Catalog and payers")
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("catalogTable")
        self.table.setHorizontalHeaderLabels(["Kind", "Name", "Arms", "Component",
                                              "Trial-named", "Status"])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        buttons = QHBoxLayout()
        for text, slot in (("Add…", self.add), ("Rename…", self.rename),
                           ("Retire / restore", self.toggle),
                           ("Handout picture…", self.choose_image),
                           ("Built-in drawing", self.reset_image)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.addWidget(QLabel("Retired entries stay in old notes but leave the pick lists. "
                             "Nothing a note refers to is ever deleted."))
        lay.addWidget(self.table)
        lay.addLayout(buttons)
        self.payer_table = QTableWidget(0, 2)
        self.payer_table.setHorizontalHeaderLabels(["Payer", "Billing rule"])
        self.payer_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.payer_table.verticalHeader().hide()
        self.rules = RULES
        self.combo_type = QComboBox
        tabs = QTabWidget()
        tabs.addTab(page, "Protocol catalog")
        tabs.addTab(self.payer_table, "Payers")
        outer = QVBoxLayout(self)
        outer.addWidget(tabs)
        self.resize(900, 560)
        self.reload()

    def reload(self) -> None:
        from ..services.catalog import entries, payers

        with self.window.db.session() as s:
            self.entries = entries(s, include_retired=True)
            self.payers = payers(s)
        self.table.setRowCount(len(self.entries))
        for i, e in enumerate(self.entries):
            cells = [e.kind.replace("_", " "), e.name, ", ".join(e.arms), e.component,
                     "yes" if e.trial_named else "our choice",
                     "retired" if e.retired else ("added by clinic" if e.custom else "active")]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(e.source)
                self.table.setItem(i, j, item)
        self.payer_table.setRowCount(len(self.payers))
        for i, p in enumerate(self.payers):
            self.payer_table.setItem(i, 0, QTableWidgetItem(p.name))
            combo = self.combo_type()
            for key, label in self.rules.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(combo.findData(p.billing_rule))
            combo.currentIndexChanged.connect(
                lambda _i, pid=p.id, c=combo: self._set_rule(pid, c.currentData()))
            self.payer_table.setCellWidget(i, 1, combo)

    def _run(self, op) -> bool:  # noqa: ANN001
        try:
            self.window.run(op, "catalog")
        except (ValidationError, Exception) as exc:  # noqa: BLE001 - shown to the user
            message = exc.message if isinstance(exc, ValidationError) else str(exc)
            QMessageBox.warning(self, "Not changed", message)
            return False
        return True

    def _set_rule(self, payer_id: int, rule: str) -> None:
        from ..services.catalog import set_payer_rule

        self._run(lambda s: set_payer_rule(s, payer_id, rule, self.window.actor))

    def _selected(self):  # noqa: ANN202
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def add(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        from ..catalog import KINDS
        from ..services.catalog import add_entry

        kinds = list(KINDS)
        label, ok = QInputDialog.getItem(self, "Add to catalog", "Kind:",
                                         [KINDS[k] for k in kinds], 1, False)
        if not ok:
            return
        kind = kinds[[KINDS[k] for k in kinds].index(label)]
        name, ok = QInputDialog.getText(self, "Add to catalog", "Name:")
        if ok and self._run(lambda s: add_entry(s, {"name": name, "kind": kind},
                                                self.window.actor)):
            self.reload()

    def rename(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        from ..services.catalog import rename_entry

        entry = self._selected()
        if entry is None:
            return
        name, ok = QInputDialog.getText(self, "Rename", "New name:", text=entry.name)
        if ok and self._run(lambda s: rename_entry(s, entry.id, name, self.window.actor)):
            self.reload()

    def choose_image(self, path: str | None = None) -> bool:
        """Replace the selected exercise's handout drawing with the clinic's own picture."""
        from ..services.home_program import set_exercise_image

        entry = self._selected()
        if entry is None or entry.kind != "exercise":
            QMessageBox.information(self, "Handout picture", "Choose an exercise first.")
            return False
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, f"Picture for {entry.name}", "",
                                                  "Pictures (*.png *.jpg *.jpeg)")
            if not path:
                return False
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            QMessageBox.warning(self, "Not changed", f"Could not read {path}: {exc.strerror}")
            return False
        return self._run(lambda s: set_exercise_image(s, entry.key, data, self.window.actor))

    def reset_image(self) -> None:
        from ..services.home_program import set_exercise_image

        entry = self._selected()
        if entry is not None and entry.kind == "exercise":
            self._run(lambda s: set_exercise_image(s, entry.key, None, self.window.actor))

    def toggle(self) -> None:
        from ..services.catalog import set_retired

        entry = self._selected()
        if entry is not None and self._run(
                lambda s: set_retired(s, entry.id, not entry.retired, self.window.actor)):
            self.reload()
