"""The main window: patient list with instant search beside the open chart.

Importing this module needs only Qt: the database layer (SQLAlchemy, the models, the
services) is imported when the window attaches its database. ``run_gui`` uses that to
put the window on screen first and open the clinic right after, so a start feels as
quick as Qt itself; ``MainWindow(db)`` (tests, tools) attaches at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QWidget,
)

from .. import __version__
from ..changes import Changes, Kind
from .chart import load_tabs
from .context import AppContext, OpenChart
from .forms.ui_mainwindow import Ui_MainWindow
from .gc_pauses import freeze_started_app, release_started_app
from .operations import Runner
from .patient_model import PatientTableModel

if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType

    from ..db import Database
    from ..services.chart import ChartHeader
    from ..services.note_form import Signer
    from ..services.users import SignedInUser
    from .live_refresh import LiveRefresh
    from .login import IdleLock
    from .operations import DbSession

HEADER_SHOWS = frozenset({Kind.PATIENT, Kind.EPISODE, Kind.NOTE, Kind.DOCUMENT})
LIST_SHOWS = frozenset({Kind.PATIENT, Kind.EPISODE})


class MainWindow(QMainWindow):
    """The shell: patient list, chart header and tabs, menus. It owns no data.

    Tabs and dialogs get an :class:`AppContext` (user, operation runner, open chart); every
    read and write goes through the runner, and every view redraws itself from the
    ``Changes`` the runner announces.
    """

    def __init__(self, db: Database | None, actor: SignedInUser | None = None) -> None:
        """The window; with ``db`` None it shows an empty patient list until :meth:`attach`."""
        super().__init__()
        self.db: Database | None = None
        self.runner = Runner(None, parent=self)
        self.runner.user = lambda: self.actor.username if self.actor is not None else None
        self._closing = False
        self.ctx = AppContext(self.runner, OpenChart(self), actor,
                              open_patient=self.open_patient,
                              edit_episode=lambda eid: self.edit_episode(eid),
                              signer=self.signer)
        self.ui = ui = Ui_MainWindow()
        ui.setupUi(self)
        self._setup_busy_indicator()
        from .typography import scale

        scale(ui.nameLabel, 1.5)  # sizes follow the system font (no pixel sizes)
        scale(ui.patientsTitle, 1.15)
        self.model = PatientTableModel()
        table = ui.patientTable
        table.setModel(self.model)
        table.setAccessibleName("Patients")  # screen readers name every list and field
        ui.searchEdit.setAccessibleName("Search patients by name, MRN or date of birth")
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
        table.setTextElideMode(Qt.TextElideMode.ElideRight)  # a long name elides, not the MRN
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        ui.actionBackup.triggered.connect(lambda: self._admin().backup_now(
            self.ctx, self, self.db.path if self.db else None))
        ui.actionRestore.triggered.connect(self.restore)
        ui.actionConnectServer.triggered.connect(self.connect_server)
        ui.actionDueList.triggered.connect(
            lambda: self._admin().DueListDialog(self.ctx, self).exec())
        ui.actionAudit.triggered.connect(self.audit_log)
        ui.actionUsers.triggered.connect(self.manage_users)
        ui.actionCatalog.triggered.connect(
            lambda: self._admin().CatalogDialog(self.ctx, self).exec())
        ui.actionSecurity.triggered.connect(self.security_settings)
        ui.actionQuickPhrases.triggered.connect(self.quick_phrases)
        ui.actionLock.triggered.connect(self.lock_now)
        ui.actionExportFhir.triggered.connect(
            lambda: self._interop().export_fhir(self.ctx, self))
        ui.actionExportCsv.triggered.connect(
            lambda: self._interop().export_csv(self.ctx, self, False))
        ui.actionExportCsvDeid.triggered.connect(
            lambda: self._interop().export_csv(self.ctx, self, True))
        ui.actionCohort.triggered.connect(self.cohort_view)
        # Global shortcuts: they work from Today, every chart tab and the patient list.
        ui.actionToday.triggered.connect(self.show_today)
        ui.actionNewNote.triggered.connect(self.new_note)
        ui.actionOutcomeEntry.triggered.connect(self.outcome_entry)
        ui.actionReports.triggered.connect(lambda: self.show_tab("Reports"))
        self.today: Any = None
        self.idle_lock: IdleLock | None = None
        self.live: LiveRefresh | None = None
        self.skip_auto_backup = False
        self.dialog: QWidget | None = None
        ui.actionLock.setEnabled(False)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionAbout.triggered.connect(self.about)
        ui.splitter.setSizes([400, 880])
        ui.headerLayout.setColumnStretch(0, 1)
        self.tabs: list[QWidget] = []
        ui.chartTabs.currentChanged.connect(
            lambda i: QSettings().setValue("main/chart_tab", i) if self.tabs else None)
        self.runner.bus.changed.connect(self._on_changes)
        self.runner.message.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        self._set_chart_actions()
        self.restore_layout()
        ui.emptyLabel.setText("Opening the clinic…")
        ui.chartStack.setCurrentWidget(ui.emptyPage)
        if db is not None:
            self.attach(db, actor)

    def attach(self, db: Database, actor: SignedInUser | None = None) -> None:
        """Open the clinic in the window for ``actor``: chart tabs, patient list, last chart."""
        from ..demo.label import is_demo_database
        from ..services.security import security_settings
        from .login import IdleLock

        ui = self.ui
        self.db = self.runner.db = db
        # the runner's sessions carry ctx.user: services check and audit who is signed in
        self.actor = actor = actor or self.actor
        where = db.describe()  # never a password
        demo = self.runner.read(is_demo_database)
        self.setWindowTitle(f"MASH Desktop — DEMO clinic, sample patients only — {where}"
                            if demo else f"MASH Desktop — {where}")
        if demo:  # also inside the window: title bars get cut short or hidden
            badge = QLabel("DEMO clinic — sample patients only")
            badge.setObjectName("demoBadge")
            self.statusBar().addPermanentWidget(badge)
        if actor is not None:
            minutes = self.runner.read(security_settings).idle_lock_minutes
            self.idle_lock = IdleLock(self, self.ctx, float(minutes))
            is_admin = actor.role == "admin"
            ui.actionUsers.setEnabled(is_admin)
            ui.actionCatalog.setEnabled(is_admin)
            ui.actionSecurity.setEnabled(is_admin)
            ui.actionRestore.setEnabled(is_admin)
            from ..services.access import allowed

            ui.actionQuickPhrases.setEnabled(allowed(actor, "manage_phrases"))
        ui.actionLock.setEnabled(actor is not None)
        tab = QSettings().value("main/chart_tab")  # read before adding tabs changes it
        for factory in load_tabs():  # tab modules import the services (and SQLAlchemy)
            title, widget = factory(self.ctx)
            self.tabs.append(widget)
            ui.chartTabs.addTab(widget, title)
        if tab is not None and 0 <= int(tab) < ui.chartTabs.count():
            ui.chartTabs.setCurrentIndex(int(tab))
        self.reload_patients()
        if db.is_server:  # other workstations' saves redraw this one; a lost server is said
            from .live_refresh import LiveRefresh

            self.live = LiveRefresh(self.runner, self.runner.say, self).start()
        if actor is not None:
            self.statusBar().showMessage(
                f"Signed in as {actor.full_name}, {actor.credentials} ({actor.role})")
        from .today.screen import TodayScreen

        self.today = TodayScreen(self.ctx, self.open_visit, self.open_chart_at)
        ui.todayLayout.addWidget(self.today)
        last = QSettings().value("main/last_patient")
        if last is not None and self.model.row_of(int(last)) >= 0:
            self._select_patient_row(int(last))  # Enter in the list reopens it
        self.show_today()
        freeze_started_app()  # no later full collection walks the started app

    @staticmethod
    def _interop() -> ModuleType:
        from .interop import exports  # imports the export services: only when used

        return exports

    def cohort_view(self) -> None:
        from .interop.cohort_dialog import CohortDialog

        self.dialog = CohortDialog(self.ctx, self)
        self.dialog.open()

    @staticmethod
    def _admin() -> ModuleType:
        from . import admin_dialogs  # imports the services: only when a menu item is used

        return admin_dialogs

    # ---- the open chart and the signed-in user ----------------------------------------
    @property
    def patient_id(self) -> int | None:
        return self.ctx.chart.patient_id

    @property
    def episode_id(self) -> int | None:
        return self.ctx.chart.episode_id

    @property
    def actor(self) -> SignedInUser | None:
        return self.ctx.user

    @actor.setter
    def actor(self, user: SignedInUser | None) -> None:
        self.ctx.user = user

    # ---- operations -------------------------------------------------------------------
    def _setup_busy_indicator(self) -> None:
        """A busy bar and label in the status bar while a background operation runs."""
        self.busy_label = QLabel()
        self.busy_label.setObjectName("busyLabel")
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyBar")
        self.busy_bar.setRange(0, 0)  # indeterminate: it moves, so the app looks alive
        self.busy_bar.setMaximumWidth(160)
        for w in (self.busy_label, self.busy_bar):
            self.statusBar().addPermanentWidget(w)
            w.hide()
        self.runner.busy_changed.connect(self._show_busy)

    def _show_busy(self, labels: str) -> None:
        self.busy_label.setText(f"{labels}…" if labels else "")
        for w in (self.busy_label, self.busy_bar):
            w.setVisible(bool(labels))

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(LIST_SHOWS):
            self.reload_patients()
        pid = self.patient_id
        if pid is not None and changes.touches(HEADER_SHOWS, pid):
            self._fill_header()

    # ---- patient list -----------------------------------------------------------------
    def reload_patients(self) -> None:
        from ..services.patients import patient_rows

        rows = self.runner.read(patient_rows)
        self.model.set_rows(rows)
        self._fit_columns(rows)
        self._count_patients()
        from ..demo.label import is_demo_database

        # Loading the demo belongs in an empty or demo clinic, not a live one's File menu.
        self.ui.actionLoadDemo.setVisible(not rows or self.runner.read(is_demo_database))
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
        pad = 12
        longest_mrn = max((r.mrn for r in rows), key=len, default="MRN")
        fixed = 0
        for col, sample in ((1, longest_mrn), (2, "0000-00-00"), (3, "000")):
            header_text = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(sample),
                        metrics.horizontalAdvance(header_text) + 16) + pad
            table.setColumnWidth(col, width)
            fixed += width
        # The name column shrinks (and elides) but never to nothing: the list is never
        # narrower than the identifiers a PT checks (MRN, date of birth) plus a name.
        # Kept small so the window (list + Today or chart) fits an 800 px screen.
        name = max(60, metrics.horizontalAdvance("Wwwww, W")) + pad
        table.setMinimumWidth(fixed + name + table.verticalScrollBar().sizeHint().width() + 4)

    def _count_patients(self) -> None:
        """'Patients (12)', or 'Patients (3 of 12)' while a search narrows the list."""
        shown, total = self.model.rowCount(), len(self.model.rows)
        self.ui.patientsTitle.setText(f"Patients ({shown} of {total})" if shown != total
                                      else f"Patients ({total})")

    def _search(self, text: str) -> None:
        self.model.set_query(text)
        self._count_patients()
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
            if key == Qt.Key.Key_Escape and self._clear_search():
                return True
        return super().eventFilter(obj, event)

    def _clear_search(self) -> bool:
        """Clear the search box; False when it was empty already."""
        if not self.ui.searchEdit.text():
            return False
        self.ui.searchEdit.clear()
        return True

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

    # ---- Today and the global shortcuts ------------------------------------------------
    def show_today(self) -> None:
        """The start view: the day's visits and what is due."""
        if self.today is None:
            return
        if not self.model.rows:
            self.ui.chartStack.setCurrentWidget(self.ui.emptyPage)  # first start: how to begin
            return
        self.ui.chartStack.setCurrentWidget(self.ui.todayPage)
        self.today.visit_view.setFocus()

    def when_today_ready(self, then: Callable[[], None]) -> None:
        """Call ``then`` once the Today screen has drawn (at once if it is not shown)."""
        today = self.today
        if today is None or self.ui.chartStack.currentWidget() is not self.ui.todayPage \
                or not today.out_of_date:
            then()
            return

        def once() -> None:
            today.drawn.disconnect(once)
            then()

        today.drawn.connect(once)

    def show_tab(self, title: str) -> QWidget | None:
        """Bring the open chart's tab ``title`` to the front (nothing without a chart)."""
        if self.patient_id is None:
            self.statusBar().showMessage("Open a patient first (Ctrl+F finds one).", 5000)
            return None
        self.ui.chartStack.setCurrentWidget(self.ui.chartPage)
        tabs = self.ui.chartTabs
        for i in range(tabs.count()):
            if tabs.tabText(i).replace("&", "") == title:
                tabs.setCurrentIndex(i)
                return tabs.widget(i)
        return None

    def open_chart_at(self, patient_id: int, episode_id: int | None, tab: str) -> None:
        self.open_patient(patient_id, episode_id)
        self.show_tab(tab)

    def open_visit(self, patient_id: int, episode_id: int, note_id: int | None,
                   note_type: str | None) -> Any:
        """Open a patient's note from Today: an existing one, or a new one of a type."""
        self.open_patient(patient_id, episode_id)
        tab: Any = self.show_tab("Sessions")
        if tab is None:
            return None
        return tab.open_note_id(note_id) if note_id is not None else tab.new_note(note_type)

    def new_note(self) -> Any:
        if self.episode_id is None:
            self.statusBar().showMessage(
                "Open a patient with an episode of care first (Ctrl+F finds one).", 5000)
            return None
        tab: Any = self.show_tab("Sessions")
        return tab.new_note() if tab is not None else None

    def outcome_entry(self) -> None:
        tab: Any = self.show_tab("Outcomes")
        if tab is not None and hasattr(tab, "start_entry"):
            tab.start_entry()

    # ---- chart ------------------------------------------------------------------------
    def open_patient(self, patient_id: int, episode_id: int | None = None) -> None:
        """Open a chart: the header, then every tab, redraw for this patient.

        Another patient (or episode) is opened only once the views holding typed work for
        the open one (a half-entered assessment) agree: the PT saves, discards or keeps
        editing, and keeping leaves this chart open and selected.
        """
        from ..services.chart import default_episode
        from ..services.patients import open_chart

        chart = self.ctx.chart
        switching = chart.patient_id is not None and (
            patient_id != chart.patient_id
            or (episode_id is not None and episode_id != chart.episode_id))
        if switching and not chart.may_leave():
            if chart.patient_id is not None:
                self._select_patient_row(chart.patient_id)
            return

        def opened(s: Any) -> int | None:
            open_chart(s, patient_id)  # checks the user may read charts; audited as a view
            return episode_id if episode_id is not None else default_episode(s, patient_id)

        episode_id = self.runner.read(opened)
        QSettings().setValue("main/last_patient", patient_id)
        self._select_patient_row(patient_id)
        self.ui.chartStack.setCurrentWidget(self.ui.chartPage)
        self.ctx.chart.open(patient_id, episode_id)  # each visible tab redraws, hidden ones
        self._fill_header()                          # when shown
        self._set_chart_actions()

    def refresh_chart(self) -> None:
        """Redraw the header and every tab of the open chart (e.g. after a restore)."""
        if self.patient_id is not None:
            self.ctx.chart.open(self.patient_id, self.episode_id)
            self._fill_header()

    def _fill_header(self) -> None:
        from ..services.chart import chart_header

        pid, eid = self.patient_id, self.episode_id
        if pid is None:
            return
        header: ChartHeader = self.runner.read(lambda s: chart_header(s, pid, eid))
        ui = self.ui
        ui.nameLabel.setText(header.name)
        ui.detailsLabel.setText(header.details)
        if header.episode_id is None:
            ui.episodeLabel.setText("No active episode of care (Patient ▸ New episode).")
            ui.visitsLabel.setText("")
            return
        ui.episodeLabel.setText(header.episode)
        ui.visitsLabel.setText(
            f"<span style='font-size:x-large'><b>{header.visits_used}</b> / "
            f"{header.visits_planned}</span><br>visits used / planned")

    def _set_chart_actions(self) -> None:
        has_patient = self.patient_id is not None
        self.ui.actionEditPatient.setEnabled(has_patient)
        self.ui.actionExportFhir.setEnabled(has_patient)
        self.ui.actionNewEpisode.setEnabled(has_patient)
        self.ui.actionEditEpisode.setEnabled(self.episode_id is not None)

    # ---- dialogs ----------------------------------------------------------------------
    def _payers(self) -> list[str]:
        from ..services.chart import payer_names

        return self.runner.read(payer_names)

    def new_patient(self) -> None:
        from ..services.patients import create_patient
        from .patient_dialog import PatientDialog

        actor = self.actor
        dlg = PatientDialog(self.ctx, lambda s, values: create_patient(s, values, actor).id,
                            payers=self._payers(), parent=self)
        if dlg.exec() and dlg.saved_id is not None:
            self.ui.searchEdit.clear()
            self.open_patient(dlg.saved_id)
            self.ctx.notify("Patient created")

    def edit_patient(self) -> None:
        from ..services.chart import patient_form_versioned
        from ..services.patients import update_patient
        from .patient_dialog import PatientDialog

        pid, actor = self.patient_id, self.actor
        if pid is None:
            return
        values, version = self.runner.read(lambda s: patient_form_versioned(s, pid))
        dlg = PatientDialog(self.ctx, lambda s, new: update_patient(
            s, pid, new, actor, expected_version=version, opened=values).id,
            values, self._payers(), self)
        if dlg.exec():
            self.ctx.notify("Patient saved")

    def new_episode(self) -> None:
        self.edit_episode(None, new=True)

    def edit_episode(self, episode_id: int | None, new: bool = False) -> None:
        from ..services.chart import EpisodeForm, episode_form
        from ..services.goals import goal_rows, save_episode_with_goals
        from .episode_dialog import FORM_FIELDS, EpisodeDialog

        pid, actor = self.patient_id, self.actor
        if pid is None or (episode_id is None and not new):
            return
        form: EpisodeForm = self.runner.read(
            lambda s: episode_form(s, pid, episode_id, FORM_FIELDS))
        goals = self.runner.read(lambda s: goal_rows(s, episode_id)) if episode_id else []
        started = form.plan.get("start_date") if form.plan else "new"
        dlg = EpisodeDialog(self.ctx, lambda s, plan, screen: save_episode_with_goals(
            s, pid, episode_id, plan, screen, actor, expected_version=form.version,
            opened=dict(form.plan) if form.plan is not None else None).id,
            form.date_of_birth, form.plan, form.screen, self, draft_key=f"{pid}:{started}",
            goals=goals)
        if dlg.exec() and dlg.saved_id is not None:
            self.open_patient(pid, dlg.saved_id)
            self.ctx.notify("Episode saved")

    def signer(self) -> Signer | None:
        """Who signs: the signed-in user. A clinic without accounts cannot sign (a
        signature must name an account holder), so the user is told how to get one."""
        from ..services.note_form import Signer

        if self.actor is not None:
            return Signer(self.actor)
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(
            self, "Signature", "Signing needs a user account, so that the signature names "
            "who signed. Add the first account (it becomes the administrator) with "
            "`mash-desktop users add`, then sign in; until then, save the note as a draft.")
        return None

    def audit_log(self) -> None:
        from .audit_view import AuditDialog

        self.dialog = AuditDialog(self.ctx, self)
        self.dialog.open()

    def manage_users(self) -> None:
        from .login import UsersDialog

        UsersDialog(self.ctx, self).exec()

    def lock_now(self) -> None:
        if self.idle_lock is not None:
            self.idle_lock.lock()

    def clinic_settings(self) -> None:
        from .settings_dialog import ClinicSettingsDialog

        ClinicSettingsDialog(self.ctx, self).exec()

    def quick_phrases(self) -> None:
        from .quick_phrases_dialog import QuickPhrasesDialog

        QuickPhrasesDialog(self.ctx, self).exec()

    def load_demo(self) -> None:
        """Fill this database with the demo clinic (the same as `mash-desktop demo`)."""
        from ..demo.label import add_demo_clinic

        self.runner.op(self, add_demo_clinic).exclusive("Loading the demo clinic").success(
            lambda n: self.ctx.notify(f"Added {n} demo patients" if n else
                                      "The demo clinic is already here", 6000)).run()

    def security_settings(self) -> None:
        from .admin_dialogs import SecuritySettingsDialog

        dlg = SecuritySettingsDialog(self.ctx, self)
        if dlg.exec() and self.idle_lock is not None:
            self.idle_lock.set_minutes(dlg.idle.value())

    def restore(self) -> None:
        from .admin_dialogs import restore_from

        db = self.db
        if db is None:
            return

        def restored() -> None:
            self.skip_auto_backup = True
            self.close()

        restore_from(self.ctx, self, db, restored)

    def about(self) -> None:
        QMessageBox.about(
            self, "About MASH Desktop",
            f"<b>MASH Desktop {__version__}</b><p>Charting for the MASH program (Manual "
            "therapy And Strengthening for the Hip) for adults 60–85 with chronic low back "
            "pain. Works fully offline.</p><p>Database: "
            + (str(self.db.path or self.db.url) if self.db else "not open"))

    def auto_backup(self) -> bool:
        """On exit, at most one automatic backup a day of this database (keeping its newest N);
        never of a demo database. It runs through the runner like File ▸ Backup (off the
        GUI thread, behind a modal progress dialog) and returns when it has ended. A
        failure never keeps the app from closing: one the PT can act on (a full disk, a
        folder they may not write) is shown, any other is logged. False if not started."""
        if self.skip_auto_backup or self.db is None or self.db.path is None \
                or not self.db.path.exists():
            return False
        from ..demo.label import is_demo_database
        from ..services import backup
        from ..services.security import security_settings
        from .operations import USER_ERRORS, human_message

        path = self.db.path

        def back_up(s: DbSession) -> Path | None:
            if is_demo_database(s):
                return None  # sample patients only: nothing worth a backup slot
            return backup.auto_backup(path, security_settings(s).backups_keep)

        def failed(exc: Exception) -> None:
            if isinstance(exc, USER_ERRORS):
                QMessageBox.warning(self, "Automatic backup",
                                    f"The automatic backup was not made: {human_message(exc)}")

        started = self.runner.op(self, back_up).exclusive("Making the daily automatic backup") \
            .failure(failed, unexpected=True).run()
        self.runner.wait()
        return started

    # ---- window state -----------------------------------------------------------------
    def restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            from .geometry import restore_geometry

            restore_geometry(self, geometry)  # clamped to this screen (150 %, a laptop)
        elif self.screen() is not None:  # first start: use most of the screen
            area = self.screen().availableGeometry()
            self.resize(min(1600, int(area.width() * 0.96)), min(1000, int(area.height() * 0.94)))
        state = settings.value("main/splitter")
        if state is not None:
            self.ui.splitter.restoreState(state)

    def connect_server(self) -> None:
        """Choose the clinic server (or this computer's database) for the next start."""
        from .server_dialog import ConnectDialog

        dlg = ConnectDialog(self)
        if not dlg.exec():
            return
        where = "the clinic server" if dlg.chosen else "this computer's own database"
        QMessageBox.information(self, "Connect to clinic server",
                                f"Saved. The app now closes; start it again to open {where}.")
        self.close()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        """Close only after every operation has ended: a backup, restore or export in flight
        finishes (behind a modal "Finishing …" dialog) before the window goes, so quitting
        never leaves a half-written file or a worker emitting into a deleted window."""
        if self._closing:  # a second Quit while finishing: the first one closes
            event.ignore()
            return
        if not self.ctx.chart.may_leave():  # typed work for the open chart: kept editing
            event.ignore()
            return
        self._closing = True
        try:
            settings = QSettings()
            settings.setValue("main/geometry", self.saveGeometry())
            settings.setValue("main/splitter", self.ui.splitter.saveState())
            self._finish_operations()
            if self.live is not None:
                self.live.stop()  # stop listening to the clinic server before closing
            self.auto_backup()
        finally:
            self._closing = False
        super().closeEvent(event)
        if event.isAccepted():
            release_started_app()  # what the window held may be collected again

    def _finish_operations(self) -> None:
        """Wait, with the event loop running, until running operations have ended."""
        labels = list(self.runner.running)
        if not labels:
            return
        from PySide6.QtWidgets import QProgressDialog

        dialog = QProgressDialog(f"Finishing {' and '.join(labels).lower()}… MASH Desktop "
                                 "closes when it is done.", "", 0, 0, self)
        dialog.setObjectName("finishingProgress")
        dialog.setWindowTitle("Closing MASH Desktop")
        dialog.setCancelButton(None)  # no cancel: the operation must finish
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.show()
        try:
            self.runner.wait()
        finally:
            dialog.close()
            dialog.deleteLater()
