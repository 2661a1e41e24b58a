"""A layout that fits: small screens, large fonts and scaling, names in any script."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog

ROOT = Path(__file__).resolve().parents[1]


def _screen(widget):  # noqa: ANN001, ANN202
    return (widget.screen() or QApplication.primaryScreen()).availableGeometry()


def test_a_saved_window_larger_than_the_screen_is_restored_to_fit(window, qtbot, db) -> None:  # noqa: ANN001
    from mash_desktop.gui.main_window import MainWindow

    area = _screen(window)
    window.resize(area.width() * 2, area.height() * 2)  # as saved on a bigger screen
    QSettings().setValue("main/geometry", window.saveGeometry())
    again = MainWindow(db)
    qtbot.addWidget(again)
    assert again.width() <= area.width() and again.height() <= area.height()


def test_every_dialog_is_fitted_to_the_screen_when_shown(window, qtbot) -> None:  # noqa: ANN001
    area = _screen(window)
    dlg = QDialog(window)
    qtbot.addWidget(dlg)
    dlg.resize(area.width() + 300, area.height() + 200)  # the old 1100×720 note editor
    dlg.show()
    frame = dlg.frameGeometry()
    assert area.contains(frame) or (frame.width() <= area.width()
                                    and frame.height() <= area.height())


def test_the_note_editor_keeps_save_and_sign_in_view_on_a_small_screen(demo_window,
                                                                      qtbot) -> None:  # noqa: ANN001
    from sqlalchemy import select

    from mash_desktop.gui.sessions.note_dialog import SessionNoteDialog
    from mash_desktop.models import Episode

    with demo_window.db.session() as s:
        eid = s.scalars(select(Episode.id).where(Episode.status == "active")).first()
    dlg = SessionNoteDialog(demo_window.ctx, eid)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.resize(640, 480)  # smaller than the form: the fields scroll, the buttons stay
    qtbot.wait(10)
    sign = dlg.ui.signButton
    top_left = sign.mapTo(dlg, sign.rect().topLeft())
    assert sign.isVisible()
    assert 0 <= top_left.y() and top_left.y() + sign.height() <= dlg.height()
    dlg.reject()


def test_no_font_size_is_fixed_in_pixels() -> None:
    px = re.compile(r"font-size\s*:\s*\d+(\.\d+)?px|setPixelSize\(")
    files = [ROOT / "mash_desktop" / "resources" / "styles" / "app.qss",
             *[p for p in (ROOT / "mash_desktop" / "gui").rglob("*.py") if "forms" not in p.parts]]
    offenders = [str(p.relative_to(ROOT)) for p in files if px.search(p.read_text("utf-8"))]
    assert offenders == []


def test_the_patient_list_always_has_room_for_name_mrn_and_birth_date(demo_window) -> None:  # noqa: ANN001
    table = demo_window.ui.patientTable
    table.resize(table.minimumWidth(), table.height())
    widths = [table.columnWidth(c) for c in range(4)]
    assert widths[1] > 0 and widths[2] > 0
    assert table.minimumWidth() >= sum(widths[1:]) + 60  # a name column stays readable


def test_a_cjk_fallback_font_is_registered_for_names(window) -> None:  # noqa: ANN001
    from PySide6.QtGui import QFont

    from mash_desktop.gui import typography

    family = typography.install(QApplication.instance())
    assert family
    assert family.lower() in [f.lower() for f in QFont.substitutes(QApplication.font().family())]


def test_the_patient_count_follows_the_search(demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    total = len(win.model.rows)
    assert win.ui.patientsTitle.text() == f"Patients ({total})"
    qtbot.keyClicks(win.ui.searchEdit, "DEMO-001")
    assert win.ui.patientsTitle.text() == f"Patients (1 of {total})"


def test_load_demo_is_not_offered_in_a_clinic_with_patients(window, demo_window) -> None:  # noqa: ANN001
    from mash_desktop.demo.label import is_demo_database

    assert window.ui.actionLoadDemo.isVisible()  # an empty clinic: a way to explore
    assert not demo_window.runner.read(is_demo_database)  # patients, not labelled demo
    assert not demo_window.ui.actionLoadDemo.isVisible()
