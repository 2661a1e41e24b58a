"""Clinic-wide windows: the due list, security settings, backup and restore."""

from __future__ import annotations

from collections.abc import Callable
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
    QWidget,
)

from ..services import ValidationError
from ..services.backup import BackupInfo, inspect_backup, make_backup
from ..services.catalog import CatalogRow, PayerRow
from ..services.documentation import DueItem, due_list
from ..services.security import SecuritySettings, save_security_settings, security_settings
from .context import AppContext
from .operations import human_message

if TYPE_CHECKING:
    from ..db import Database
    from .operations import DbSession


class DueListDialog(QDialog):
    """Everything due across all patients; double-click opens the chart."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Due list — all patients")
        self.items: list[DueItem] = ctx.runner.read(due_list)
        table = QTableWidget(len(self.items), 4)
        table.setObjectName("dueTable")
        table.setAccessibleName("What is due, all patients")
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
        self.ctx.open_patient(item.patient_id, item.episode_id)
        self.accept()


class SecuritySettingsDialog(QDialog):
    """Idle lock, single-user mode, automatic backups kept; the service checks the role."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Security settings")
        current: SecuritySettings = ctx.runner.read(security_settings)
        self.idle = QSpinBox()
        self.idle.setRange(0, 240)
        self.idle.setSuffix(" min (0 = never)")
        self.idle.setValue(current.idle_lock_minutes)
        self.single = QCheckBox("Single-user mode: sign in as me without choosing a user "
                                "(the password and auto-lock still apply)")
        self.single.setChecked(bool(current.single_user))
        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setValue(current.backups_keep)
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
        actor = self.ctx.user
        new = SecuritySettings(self.idle.value(),
                               actor.username if actor and self.single.isChecked() else None,
                               self.keep.value())
        self.ctx.runner.op(self, lambda s: save_security_settings(s, new, actor)) \
            .success(lambda _saved: self.accept()) \
            .failure(lambda exc: QMessageBox.warning(self, "Not saved", human_message(exc))) \
            .run()


def backup_now(ctx: AppContext, parent: QWidget, db_file: Path | None) -> bool:
    """Ask where, then back up off the GUI thread; False when nothing started."""
    from datetime import date

    db = ctx.runner.db
    if db_file is None and db is not None and db.is_server:
        return _backup_server(ctx, parent, db.url)
    if db_file is None:
        return False
    path, _ = QFileDialog.getSaveFileName(parent, "Back up to", str(
        db_file.with_name(f"mash-backup-{date.today()}.db")), "Database (*.db)")
    return bool(path) and start_backup(ctx, parent, db_file, Path(path))


def start_backup(ctx: AppContext, parent: QWidget, db_file: Path, dest: Path) -> bool:
    """Back up on a worker thread behind a modal progress dialog (the window keeps
    painting, nothing is edited meanwhile); False if another operation is running.

    ``dest`` was confirmed in a file dialog (which asks before replacing): force=True.
    """
    key = ctx.runner.db.key if ctx.runner.db is not None else None
    return ctx.runner.task(parent, lambda: make_backup(db_file, dest, force=True,
                                                       key=key)) \
        .exclusive("Backing up") \
        .success(lambda made: ctx.notify(f"Backed up to {made}", 8000)) \
        .failure(lambda exc: QMessageBox.warning(parent, "Backup", human_message(exc))) \
        .run()


def _backup_server(ctx: AppContext, parent: QWidget, url: str) -> bool:
    """A clinic server: pg_dump to a file this user chooses, off the GUI thread."""
    from datetime import date

    from ..services.backup import backup_dir
    from ..services.server_backup import make_server_backup

    path, _ = QFileDialog.getSaveFileName(parent, "Back up the clinic server to", str(
        backup_dir() / f"mash-backup-{date.today()}.dump"), "PostgreSQL backup (*.dump)")
    if not path:
        return False
    return ctx.runner.task(parent, lambda: make_server_backup(url, Path(path))) \
        .with_progress("Backing up the clinic server") \
        .success(lambda dest: ctx.notify(f"Backed up to {dest}", 8000)) \
        .failure(lambda exc: QMessageBox.warning(parent, "Backup", human_message(exc))) \
        .run()


def _restore_server(ctx: AppContext, parent: QWidget, db: Database,
                    restored: Callable[[], None]) -> None:
    """The same preview and confirmation as for a file; pg_restore in one transaction."""
    from ..services.server_backup import inspect_server_backup, restore_server_backup

    path, _ = QFileDialog.getOpenFileName(parent, "Restore the clinic server from", "",
                                          "PostgreSQL backup (*.dump)")
    if not path:
        return
    try:
        info = inspect_server_backup(Path(path))
    except ValidationError as exc:
        QMessageBox.warning(parent, "Not restored", exc.message)
        return
    answer = QMessageBox.question(
        parent, "Restore this backup on the clinic server?",
        f"{Path(path).name} holds:\n{info.summary()}\n\nThe server's current data will be "
        "dumped aside, then replaced for every workstation. Other PCs should close the app "
        "first. The app will close; start it again to continue.")
    if answer != QMessageBox.StandardButton.Yes:
        return
    actor, url = ctx.user, db.url

    def work() -> Path:
        db.dispose()
        return restore_server_backup(Path(path), url, actor)

    def done(aside: Path) -> None:
        QMessageBox.information(parent, "Restored",
                                f"Restored. The server's previous data is kept as {aside}.")
        restored()

    ctx.runner.task(parent, work).exclusive("Restoring the clinic server").success(done) \
        .failure(lambda exc: QMessageBox.warning(parent, "Not restored", human_message(exc))) \
        .run()


def restore_from(ctx: AppContext, parent: QWidget, db: Database,
                 restored: Callable[[], None]) -> None:
    """Preview a backup, confirm, keep the current file aside, restore, then ``restored``."""
    from ..services.access import allowed

    if not allowed(ctx.user, "restore"):  # say so before the file dialog; the service decides
        QMessageBox.warning(parent, "Restore", "Only an administrator can restore backups.")
        return
    if db.is_server:
        _restore_server(ctx, parent, db, restored)
        return
    path, _ = QFileDialog.getOpenFileName(parent, "Restore from backup", "", "Database (*.db)")
    if not path:
        return
    backup = Path(path)

    def refused(exc: Exception) -> None:
        QMessageBox.warning(parent, "Not restored", human_message(exc))

    # Reading a backup runs its integrity check over the whole file: off the GUI thread.
    ctx.runner.task(parent, lambda: inspect_backup(backup, db.key)) \
        .exclusive("Checking the backup") \
        .success(lambda info: _confirm_restore(ctx, parent, db, info, restored)) \
        .failure(refused).run()


def _confirm_restore(ctx: AppContext, parent: QWidget, db: Database, info: BackupInfo,
                     restored: Callable[[], None]) -> None:
    """Say what the backup holds; on Yes restore it, with the window closed to edits."""
    from ..services.backup import restore_backup

    actor = ctx.user
    answer = QMessageBox.question(
        parent, "Restore this backup?",
        f"{info.path.name} holds:\n{info.summary()}\n\nThe current database will be kept "
        "aside, then replaced. The app will close; start it again to continue.")
    if answer != QMessageBox.StandardButton.Yes:
        return
    db_file = db.path
    assert db_file is not None

    def work() -> Path:
        db.dispose()  # this app's own connections and lock, or the restore refuses
        try:
            return restore_backup(info.path, db_file, actor, key=db.key)
        except BaseException:  # open elsewhere, an encrypted mix, a full disk …
            db.relock()
            raise

    def done(aside: Path) -> None:
        QMessageBox.information(parent, "Restored",
                                f"Restored. The previous database is kept as {aside}.")
        restored()

    ctx.runner.task(parent, work).exclusive("Restoring the backup").success(done) \
        .failure(lambda exc: QMessageBox.warning(parent, "Not restored", human_message(exc))) \
        .run()


class CatalogDialog(QDialog):
    """The clinic's protocol catalog (add, rename, retire) and each payer's billing rule."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QTabWidget

        from ..billing import RULES

        super().__init__(parent)
        self.ctx = ctx
        self.entries: list[CatalogRow] = []
        self.payers: list[PayerRow] = []
        self.setWindowTitle("Catalog and payers")
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("catalogTable")
        self.table.setAccessibleName("Protocol catalog")
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
        self.payer_table.setAccessibleName("Payers and their billing rules")
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
        from ..services.catalog import catalog_rows, payer_rows
        from ..services.episodes import ARMS

        self.entries = self.ctx.runner.read(catalog_rows)
        self.payers = self.ctx.runner.read(payer_rows)
        self.table.setRowCount(len(self.entries))
        for i, e in enumerate(self.entries):
            cells = [e.kind.replace("_", " "), e.name,
                     ", ".join(ARMS.get(a, a.replace("_", " ")) for a in e.arms), e.component,
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

    def _run(self, op: Callable[[DbSession], object]) -> bool:
        """Run one change; False (after saying why) when refused."""
        done: list[bool] = []
        self.ctx.runner.op(self, op).success(lambda _r: done.append(True)) \
            .failure(lambda exc: QMessageBox.warning(self, "Not changed", human_message(exc))) \
            .run()
        return bool(done)

    def _set_rule(self, payer_id: int, rule: str) -> None:
        from ..services.catalog import set_payer_rule

        self._run(lambda s: set_payer_rule(s, payer_id, rule, self.ctx.user))

    def _selected(self) -> CatalogRow | None:
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
                                                self.ctx.user)):
            self.reload()

    def rename(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        from ..services.catalog import rename_entry

        entry = self._selected()
        if entry is None:
            return
        name, ok = QInputDialog.getText(self, "Rename", "New name:", text=entry.name)
        if ok and self._run(lambda s: rename_entry(s, entry.id, name, self.ctx.user)):
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
        actor = self.ctx.user
        return self._run(lambda s: set_exercise_image(s, entry.key, data, actor))

    def reset_image(self) -> None:
        from ..services.home_program import set_exercise_image

        entry, actor = self._selected(), self.ctx.user
        if entry is not None and entry.kind == "exercise":
            self._run(lambda s: set_exercise_image(s, entry.key, None, actor))

    def toggle(self) -> None:
        from ..services.catalog import set_retired

        entry = self._selected()
        if entry is not None and self._run(
                lambda s: set_retired(s, entry.id, not entry.retired, self.ctx.user)):
            self.reload()
