"""Every interactive widget can be found by a screen reader, and the day can be done
with the keyboard alone."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit,
               QTextEdit, QAbstractItemView)


def _inside(w: QWidget, kinds: tuple[type, ...]) -> bool:
    """Part of another control (Qt names those parts through the control itself)."""
    parent = w.parentWidget()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        if type(parent).__name__ == "QComboBoxPrivateContainer":
            return True
        parent = parent.parentWidget()
    return False


def _buddied(root: QWidget) -> set[int]:
    return {id(label.buddy()) for label in root.findChildren(QLabel)
            if label.buddy() is not None}


def unnamed(root: QWidget) -> list[str]:
    """Interactive widgets with no accessible name, no text of their own and no label
    naming them (a label's buddy)."""
    buddied = _buddied(root.window())
    out = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, INTERACTIVE) or w.objectName().startswith("qt_"):
            continue  # Qt's own helpers (the menu bar's overflow button)
        if _inside(w, (QComboBox, QAbstractSpinBox, QAbstractItemView, QTabBar, QLineEdit)):
            continue  # parts of a control: a combo's list, a cell editor, a clear button
        if w.accessibleName().strip() or id(w) in buddied:
            continue
        if isinstance(w, QAbstractButton) and w.text().replace("&", "").strip():
            continue
        chain = []
        p = w.parentWidget()
        while p is not None and len(chain) < 3:
            chain.append(type(p).__name__)
            p = p.parentWidget()
        out.append(f"{type(w).__name__} {w.objectName() or '(no object name)'} in "
                   f"{type(w.window()).__name__} ({' < '.join(chain)})")
    return out


def _open_chart(win) -> int:  # noqa: ANN001
    from sqlalchemy import select

    from mash_desktop.models import Episode

    with win.db.session() as s:
        ep = s.scalars(select(Episode).where(Episode.status == "active")).first()
    win.open_patient(ep.patient_id)
    return ep.id


def test_every_widget_of_the_main_window_and_its_tabs_is_named(demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    win.show_today()
    qtbot.waitUntil(lambda: not win.today.out_of_date)
    missing = set(unnamed(win))
    _open_chart(win)
    for i in range(win.ui.chartTabs.count()):
        win.ui.chartTabs.setCurrentIndex(i)
        qtbot.wait(20)
        missing |= set(unnamed(win))
    assert sorted(missing) == [], "\n".join(sorted(missing))


def test_every_dialog_is_named(demo_window, qtbot) -> None:  # noqa: ANN001
    from datetime import date

    from mash_desktop.gui.admin_dialogs import (
        CatalogDialog,
        DueListDialog,
        SecuritySettingsDialog,
    )
    from mash_desktop.gui.audit_view import AuditDialog
    from mash_desktop.gui.episode_dialog import EpisodeDialog
    from mash_desktop.gui.interop.cohort_dialog import CohortDialog
    from mash_desktop.gui.login import LoginDialog, UserDialog, UsersDialog
    from mash_desktop.gui.patient_dialog import PatientDialog
    from mash_desktop.gui.sessions.note_dialog import SessionNoteDialog
    from mash_desktop.gui.settings_dialog import ClinicSettingsDialog
    from mash_desktop.gui.today.appointment_dialog import AppointmentDialog
    from mash_desktop.gui.welcome import WelcomeDialog
    from mash_desktop.services.chart import episode_form
    from mash_desktop.services.goals import goal_rows

    win = demo_window
    ctx = win.ctx
    eid = _open_chart(win)
    pid = win.patient_id
    from mash_desktop.gui.episode_dialog import FORM_FIELDS

    form = ctx.runner.read(lambda s: episode_form(s, pid, eid, FORM_FIELDS))
    goals = ctx.runner.read(lambda s: goal_rows(s, eid))
    dialogs = [
        PatientDialog(ctx, lambda s, v: 0, parent=win),
        EpisodeDialog(ctx, lambda s, p, sc: 0, form.date_of_birth, form.plan, form.screen, win,
                      draft_key="a11y", goals=goals),
        SessionNoteDialog(ctx, eid, parent=win),
        AppointmentDialog(ctx, date.today(), parent=win),
        ClinicSettingsDialog(ctx, win), SecuritySettingsDialog(ctx, win),
        CatalogDialog(ctx, win), DueListDialog(ctx, win), AuditDialog(ctx, win),
        CohortDialog(ctx, win), UsersDialog(ctx, win), UserDialog(ctx.runner, None, parent=win),
        LoginDialog(ctx.runner, win), WelcomeDialog("clinic.db", win),
    ]
    missing = []
    for dlg in dialogs:
        qtbot.addWidget(dlg)
        dlg.show()
        missing += unnamed(dlg)
        tabs = dlg.findChildren(type(win.ui.chartTabs))
        for t in tabs:  # every page of a tabbed dialog
            for i in range(t.count()):
                t.setCurrentIndex(i)
                missing += unnamed(dlg)
        dlg.hide()
    assert sorted(set(missing)) == [], "\n".join(sorted(set(missing)))
