"""The main window: patient list with instant search beside the open chart.

Importing this module needs only Qt: the database layer (SQLAlchemy, the models, the
services) is imported when the window attaches its database. ``run_gui`` uses that to
put the window on screen first and open the clinic right after, so a start feels as
quick as Qt itself; ``MainWindow(db)`` (tests, tools) attaches at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QMainWindow, QMessageBox, QWidget

from .. import __version__
from .chart import load_tabs
from .forms.ui_mainwindow import Ui_MainWindow
from .patient_model import PatientTableModel

if TYPE_CHECKING:
    from types import ModuleType

    from sqlalchemy.orm import Session

    from ..db import Database
    from ..models import User
    from .login import IdleLock

T = TypeVar("T")
HeaderExtra = Callable[["Session", int], str]


def _documentation_header(session: Session, episode_id: int) -> str:
    from ..services.documentation import header_line  # imported when a chart opens

    return header_line(session, episode_id)


# Lines under the episode in the chart header; features may add theirs.
HEADER_EXTRAS: list[HeaderExtra] = [_documentation_header]


class MainWindow(QMainWindow):
    """Owns the database handle and the open chart; dialogs and tabs call services via run()."""

    data_changed = Signal(str)  # what changed: "patient", "episode", "visit", "assessment"...

    def __init__(self, db: Database | None, actor: User | None = None) -> None:
        """The window; with ``db`` None it shows an empty patient list until :meth:`attach`."""
        super().__init__()
        self.db: Database = None  # type: ignore[assignment]  # set by attach()
        self.actor = actor
        self.patient_id: int | None = None
        self.episode_id: int | None = None
        self.ui = ui = Ui_MainWindow()
        ui.setupUi(self)
        self.model = PatientTableModel()
        table = ui.patientTable
        table.setModel(self.model)
        # Fixed row heights and column widths: the view then touches only the rows on
        # screen, never all 5 000 (ResizeToContents would measure every row each keystroke).
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(26)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setWordWrap(False)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        table.activated.connect(lambda _i: self.open_selected())
        table.clicked.connect(lambda _i: self.open_selected())
        ui.searchEdit.textChanged.connect(self._search)
        ui.searchEdit.installEventFilter(self)
        ui.newPatientButton.clicked.connect(self.new_patient)
        ui.actionNewPatient.triggered.connect(self.new_patient)
        ui.actionFind.triggered.connect(self.focus_search)
        ui.actionEditPatient.triggered.connect(self.edit_patient)
        ui.actionNewEpisode.triggered.connect(self.new_episode)
        ui.actionEditEpisode.triggered.connect(lambda: self.edit_episode(self.episode_id))
        ui.actionLoadDemo.triggered.connect(self.load_demo)
        ui.actionClinicSettings.triggered.connect(self.clinic_settings)
        ui.actionBackup.triggered.connect(lambda: self._admin().backup_now(self))
        ui.actionRestore.triggered.connect(lambda: self._admin().restore_from(self))
        ui.actionDueList.triggered.connect(lambda: self._admin().DueListDialog(self).exec())
        ui.actionAudit.triggered.connect(self.audit_log)
        ui.actionUsers.triggered.connect(self.manage_users)
        ui.actionCatalog.triggered.connect(lambda: self._admin().CatalogDialog(self).exec())
        ui.actionSecurity.triggered.connect(
            lambda: self._admin().SecuritySettingsDialog(self).exec())
        ui.actionLock.triggered.connect(self.lock_now)
        self.idle_lock: IdleLock | None = None
        self.skip_auto_backup = False
        self.dialog: QWidget | None = None
        ui.actionLock.setEnabled(False)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionAbout.triggered.connect(self.about)
        ui.splitter.setSizes([400, 880])
        ui.headerLayout.setColumnStretch(0, 1)
        self.tabs: list[QWidget] = []
        self._dirty: set[int] = set()
        ui.chartTabs.currentChanged.connect(self._load_current_tab)
        ui.chartTabs.currentChanged.connect(
            lambda i: QSettings().setValue("main/chart_tab", i) if self.tabs else None)
        self.data_changed.connect(self._on_data_changed)
        self._set_chart_actions()
        self.restore_layout()
        ui.emptyLabel.setText("Opening the clinic…")
        if db is not None:
            self.attach(db, actor)

    def attach(self, db: Database, actor: User | None = None) -> None:
        """Open the clinic in the window for ``actor``: chart tabs, patient list, last chart."""
        from ..services.settings import get_setting
        from .login import DEFAULT_IDLE_MINUTES, IdleLock

        ui = self.ui
        self.db = db
        self.actor = actor = actor or self.actor
        db.actor = actor  # every session now carries who is signed in (services check it)
        self.setWindowTitle(f"MASH Desktop — {db.path or db.url}")
        if actor is not None:
            with db.session() as s:
                minutes = get_setting(s, "idle_lock_minutes", DEFAULT_IDLE_MINUTES)
            self.idle_lock = IdleLock(self, float(minutes))
            is_admin = actor.role == "admin"
            ui.actionUsers.setEnabled(is_admin)
            ui.actionCatalog.setEnabled(is_admin)
            ui.actionSecurity.setEnabled(is_admin)
            ui.actionRestore.setEnabled(is_admin)
        ui.actionLock.setEnabled(actor is not None)
        tab = QSettings().value("main/chart_tab")  # read before adding tabs changes it
        for factory in load_tabs():  # tab modules import the services (and SQLAlchemy)
            title, widget = factory(self)
            self.tabs.append(widget)
            ui.chartTabs.addTab(widget, title)
        if tab is not None and 0 <= int(tab) < ui.chartTabs.count():
            ui.chartTabs.setCurrentIndex(int(tab))
        self.reload_patients()
        if actor is not None:
            self.statusBar().showMessage(
                f"Signed in as {actor.full_name}, {actor.credentials} ({actor.role})")
        last = QSettings().value("main/last_patient")
        if last is not None and self.model.row_of(int(last)) >= 0:
            self.open_patient(int(last))

    @staticmethod
    def _admin() -> ModuleType:
        from . import admin_dialogs  # imports the services: only when a menu item is used

        return admin_dialogs

    # ---- operations -------------------------------------------------------------------
    def run(self, op: Callable[[Session], T], changed: str) -> T:
        """Run one service call in one transaction, then tell every view what changed.

        ValidationError propagates to the calling dialog so it can mark fields.
        """
        with self.db.session() as s:
            result = op(s)
        self.data_changed.emit(changed)
        return result

    def _on_data_changed(self, what: str) -> None:
        if what in {"patient", "episode"}:
            self.reload_patients()
        self.refresh_chart()

    # ---- patient list -----------------------------------------------------------------
    def reload_patients(self) -> None:
        from ..services.patients import patient_rows

        with self.db.session() as s:
            rows = patient_rows(s)
        self.model.set_rows(rows)
        self._fit_columns(rows)
        self.ui.patientsTitle.setText(f"Patients ({len(rows)})")
        self.ui.emptyLabel.setText(
            "Select a patient on the left, or press Ctrl+N to add one." if rows else
            "No patients yet. Press Ctrl+N to add your first patient,<br>or choose "
            "File ▸ Load demo clinic to explore the app with demo data.")
        if self.patient_id is not None:
            self._select_patient_row(self.patient_id)

    def _fit_columns(self, rows: list[Any]) -> None:
        """Widths for MRN, birth date and age from the widest value, measured once."""
        table = self.ui.patientTable
        metrics = table.fontMetrics()
        pad = 24
        longest_mrn = max((r.mrn for r in rows), key=len, default="MRN")
        for col, sample in ((1, longest_mrn), (2, "0000-00-00"), (3, "Age 000")):
            header_text = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(sample),
                        metrics.horizontalAdvance(header_text) + 16) + pad
            table.setColumnWidth(col, width)

    def _search(self, text: str) -> None:
        self.model.set_query(text)
        if self.model.rowCount() and not self.ui.patientTable.selectionModel().hasSelection():
            self.ui.patientTable.selectRow(0)

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """Keyboard-first search: arrows move in the list, Enter opens, Esc clears."""
        if obj is self.ui.searchEdit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move_selection(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_selected()
                return True
            if key == Qt.Key.Key_Escape and self.ui.searchEdit.text():
                self.ui.searchEdit.clear()
                return True
        return super().eventFilter(obj, event)

    def _move_selection(self, step: int) -> None:
        table = self.ui.patientTable
        n = self.model.rowCount()
        if not n:
            return
        current = table.currentIndex().row()
        row = min(max(0, current + step), n - 1) if current >= 0 else 0
        table.selectRow(row)

    def _select_patient_row(self, patient_id: int) -> None:
        src = self.model.row_of(patient_id)
        if src < 0:
            return
        idx = self.model.index(src, 0)
        if idx.isValid():
            self.ui.patientTable.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def open_selected(self) -> None:
        idx = self.ui.patientTable.currentIndex()
        if not idx.isValid() and self.model.rowCount():
            idx = self.model.index(0, 0)
        if idx.isValid():
            self.open_patient(int(idx.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)))

    # ---- chart ------------------------------------------------------------------------
    def open_patient(self, patient_id: int, episode_id: int | None = None) -> None:
        from ..services.episodes import active_episode, get_episode, latest_episode
        from ..services.patients import open_chart

        self.patient_id = patient_id
        QSettings().setValue("main/last_patient", patient_id)
        with self.db.session() as s:
            open_chart(s, patient_id)  # checks the user may read charts; audited
            ep = get_episode(s, episode_id) if episode_id else (
                active_episode(s, patient_id) or latest_episode(s, patient_id))
            self.episode_id = ep.id if ep else None
        self._select_patient_row(patient_id)
        self.ui.chartStack.setCurrentWidget(self.ui.chartPage)
        self.refresh_chart()

    def refresh_chart(self) -> None:
        if self.patient_id is None:
            return
        self._fill_header()
        self._dirty = set(range(len(self.tabs)))
        self._load_current_tab()
        self._set_chart_actions()

    def _load_current_tab(self) -> None:
        i = self.ui.chartTabs.currentIndex()
        if i in self._dirty and self.patient_id is not None:
            self._dirty.discard(i)
            self.tabs[i].load(self.patient_id, self.episode_id)  # type: ignore[attr-defined]

    def _fill_header(self) -> None:
        from ..services.episodes import ARMS, STATUSES, get_episode
        from ..services.patients import age_on, get_patient, visits_used

        assert self.patient_id is not None
        ui = self.ui
        with self.db.session() as s:
            p = get_patient(s, self.patient_id)
            age = age_on(p.date_of_birth, date.today())
            ui.nameLabel.setText(f"{p.last_name}, {p.first_name}")
            payer = f" · {p.payer.name}" if p.payer else ""
            ui.detailsLabel.setText(
                f"MRN {p.mrn} · born {p.date_of_birth.isoformat()} · age {age} · "
                f"{p.sex}{payer}")
            ep = get_episode(s, self.episode_id) if self.episode_id else None
            if ep is None:
                ui.episodeLabel.setText("No active episode of care (Patient ▸ New episode).")
                ui.visitsLabel.setText("")
                return
            status = "" if ep.status == "active" else f" ({STATUSES[ep.status].lower()})"
            extras = [line for fn in HEADER_EXTRAS if (line := fn(s, ep.id))]
            ui.episodeLabel.setText(
                f"<b>{ARMS.get(ep.arm, ep.arm)} episode</b>{status} · {ep.icd10_code} "
                f"{ep.diagnosis_text} · since {ep.start_date.isoformat()}"
                + (f" · certified to {ep.cert_end.isoformat()}" if ep.cert_end else "")
                + "".join(f"<br>{x}" for x in extras))
            used = visits_used(s, ep.id)
            ui.visitsLabel.setText(
                f"<span style='font-size:20px'><b>{used}</b> / {ep.planned_visits}</span>"
                "<br>visits used / planned")

    def _set_chart_actions(self) -> None:
        has_patient = self.patient_id is not None
        self.ui.actionEditPatient.setEnabled(has_patient)
        self.ui.actionNewEpisode.setEnabled(has_patient)
        self.ui.actionEditEpisode.setEnabled(self.episode_id is not None)

    # ---- dialogs ----------------------------------------------------------------------
    def _payers(self) -> list[str]:
        from sqlalchemy import select

        from ..models import Payer

        with self.db.session() as s:
            return list(s.scalars(select(Payer.name).order_by(Payer.name)))

    def new_patient(self) -> None:
        from ..services.patients import create_patient
        from .patient_dialog import PatientDialog

        created: dict[str, int] = {}

        def save(values: dict[str, Any]) -> None:
            created["id"] = self.run(lambda s: create_patient(s, values, self.actor).id,
                                     "patient")

        dlg = PatientDialog(save, payers=self._payers(), parent=self)
        if dlg.exec() and "id" in created:
            self.ui.searchEdit.clear()
            self.open_patient(created["id"])
            self.statusBar().showMessage("Patient created", 4000)

    def edit_patient(self) -> None:
        from ..services.patients import get_patient, patient_form_values, update_patient
        from .patient_dialog import PatientDialog

        pid = self.patient_id
        if pid is None:
            return
        with self.db.session() as s:
            values = patient_form_values(get_patient(s, pid))

        def save(new: dict[str, Any]) -> None:
            self.run(lambda s: update_patient(s, pid, new, self.actor), "patient")

        if PatientDialog(save, values, self._payers(), self).exec():
            self.statusBar().showMessage("Patient saved", 4000)

    def new_episode(self) -> None:
        self.edit_episode(None, new=True)

    def edit_episode(self, episode_id: int | None, new: bool = False) -> None:
        from ..services.episodes import get_episode, save_episode
        from ..services.patients import get_patient
        from .episode_dialog import PLAN_FIELDS, EpisodeDialog

        pid = self.patient_id
        if pid is None or (episode_id is None and not new):
            return
        plan = screen = None
        with self.db.session() as s:
            dob = get_patient(s, pid).date_of_birth
            if episode_id is not None:
                ep = get_episode(s, episode_id)
                plan = {k: getattr(ep, k) for k in PLAN_FIELDS}
                if ep.screen is not None:
                    sc = ep.screen
                    screen = {k: getattr(sc, k) for k in (
                        "screened_on", "lbp_duration_months", "lbp_half_days_6mo",
                        "lbp_intensity", "body_weight_kg", "hip_ir_left", "hip_ir_right",
                        "hip_ir_unit", "hoos_items")}
        saved: dict[str, int] = {}

        def save(plan_values: dict[str, Any], screen_values: dict[str, Any] | None) -> None:
            saved["id"] = self.run(lambda s: save_episode(
                s, pid, episode_id, plan_values, screen_values, self.actor).id, "episode")

        if EpisodeDialog(save, dob, plan, screen, self).exec() and "id" in saved:
            self.open_patient(pid, saved["id"])
            self.statusBar().showMessage("Episode saved", 4000)

    def signer(self) -> tuple[User | None, str | None, str | None] | None:
        """Who signs: the signed-in user. A clinic without accounts cannot sign (a
        signature must name an account holder), so the user is told how to get one."""
        if self.actor is not None:
            return self.actor, None, None
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(
            self, "Signature", "Signing needs a user account, so that the signature names "
            "who signed. Add the first account (it becomes the administrator) with "
            "`mash-desktop users add`, then sign in; until then, save the note as a draft.")
        return None

    def audit_log(self) -> None:
        from .audit_view import AuditDialog

        self.dialog = AuditDialog(self)
        self.dialog.open()

    def manage_users(self) -> None:
        from .login import UsersDialog

        UsersDialog(self).exec()

    def lock_now(self) -> None:
        if self.idle_lock is not None:
            self.idle_lock.lock()

    def clinic_settings(self) -> None:
        from .settings_dialog import ClinicSettingsDialog

        ClinicSettingsDialog(self).exec()

    def load_demo(self) -> None:
        """Fill this database with the demo clinic (the same as `mash-desktop demo`)."""
        from ..demo import build_demo

        n = self.run(build_demo, "patient")
        self.statusBar().showMessage(
            f"Added {n} demo patients" if n else "The demo clinic is already here", 6000)

    def about(self) -> None:
        QMessageBox.about(
            self, "About MASH Desktop",
            f"<b>MASH Desktop {__version__}</b><p>Charting for the MASH program (Manual "
            "therapy And Strengthening for the Hip) for adults 60–85 with chronic low back "
            "pain. Works fully offline.</p><p>Database: " + str(self.db.path or self.db.url))

    def auto_backup(self) -> None:
        """On exit, at most one automatic backup a day (keeping the newest N)."""
        if self.skip_auto_backup or self.db is None or self.db.path is None \
                or not self.db.path.exists():
            return
        from ..services.backup import DEFAULT_KEEP, auto_backup
        from ..services.settings import get_setting

        try:
            with self.db.session() as s:
                keep = int(get_setting(s, "backups_keep", DEFAULT_KEEP))
            auto_backup(self.db.path, keep)
        except Exception:  # noqa: BLE001 - a failed backup must not block closing; log it
            from .errors import log

            log.exception("automatic backup failed")

    # ---- window state -----------------------------------------------------------------
    def restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        elif self.screen() is not None:  # first start: use most of the screen
            area = self.screen().availableGeometry()
            self.resize(min(1600, int(area.width() * 0.96)), min(1000, int(area.height() * 0.94)))
        state = settings.value("main/splitter")
        if state is not None:
            self.ui.splitter.restoreState(state)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.auto_backup()
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/splitter", self.ui.splitter.saveState())
        super().closeEvent(event)
