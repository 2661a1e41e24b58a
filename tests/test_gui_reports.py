"""Reports from the chart: preview, save, print; clinic settings."""

from __future__ import annotations

from pathlib import Path

from conftest import open_tab
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from mash_desktop.gui.reports.preview_dialog import PreviewDialog
from mash_desktop.gui.settings_dialog import ClinicSettingsDialog
from mash_desktop.services.settings import get_setting


def reports_tab(win):  # noqa: ANN001, ANN201
    return open_tab(win, "Reports")


def test_preview_save_and_print_a_discharge_summary(demo_window, qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    demo_window.open_patient(1)
    tab = reports_tab(demo_window)
    tab.buttons["discharge"].click()  # built off the GUI thread, with a busy indicator
    assert demo_window.busy_bar.isVisible()
    assert "Building the discharge summary" in demo_window.busy_label.text()
    assert not tab.preview("discharge"), "the same report cannot be started twice"
    demo_window.runner.wait()
    assert not demo_window.busy_bar.isVisible()
    dlg = tab.dialog
    assert isinstance(dlg, PreviewDialog) and len(dlg.pages) >= 2
    assert dlg.pages[0].width() > 500
    saved = dlg.save(str(tmp_path / "d.pdf"))
    assert Path(saved).read_bytes().startswith(b"%PDF")
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dlg.print_to(printer)
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000
    dlg.reject()


def test_clinic_settings_are_saved_and_bad_input_refused(window, qtbot, tmp_path: Path,
                                                         monkeypatch) -> None:  # noqa: ANN001
    warnings: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning",
                        lambda _p, _t, text, *a: warnings.append(text))
    dlg = ClinicSettingsDialog(window.ctx, window)
    qtbot.addWidget(dlg)
    dlg.ui.nameEdit.setText("")
    dlg.save()
    assert dlg.errors.message_for("clinic_name") == "Is required"
    logo = tmp_path / "logo.png"
    img = QImage(900, 300, QImage.Format.Format_RGB32)
    img.fill(0x12355B)
    img.save(str(logo))
    assert dlg.load_logo(str(logo))
    (tmp_path / "fake.png").write_text("not an image")
    assert not dlg.load_logo(str(tmp_path / "fake.png"))
    assert warnings and "not an image" in warnings[0]
    dlg.ui.nameEdit.setText("Hillside PT")
    dlg.save()
    with window.db.session() as s:
        assert get_setting(s, "clinic_name") == "Hillside PT"
        assert get_setting(s, "clinic_logo")


def test_recording_a_progress_report_resets_the_clock(demo_window, qtbot) -> None:  # noqa: ANN001
    from sqlalchemy import select

    from mash_desktop.models import Episode, ProgressReport

    with demo_window.db.session() as s:
        ep = s.scalars(select(Episode).where(Episode.status == "active")).first()
        before = len(ep.progress_reports)
    demo_window.open_patient(ep.patient_id, ep.id)
    tab = reports_tab(demo_window)
    tab.record_button.click()
    with demo_window.db.session() as s:
        assert len(list(s.scalars(select(ProgressReport).where(
            ProgressReport.episode_id == ep.id)))) == before + 1


def test_a_report_built_for_one_patient_never_opens_over_another_chart(demo_window) -> None:  # noqa: ANN001
    demo_window.open_patient(1)
    tab = reports_tab(demo_window)
    tab.buttons["hep"].click()
    row_a = demo_window.model.rows[demo_window.model.row_of(1)]
    row_b = demo_window.model.rows[demo_window.model.row_of(2)]
    demo_window.open_patient(2)  # the PT moves on while the report builds
    demo_window.runner.wait()
    assert tab.dialog is None
    message = demo_window.statusBar().currentMessage()
    assert "not shown" in message and "another chart was opened" in message
    assert f"{row_a.last_name}, {row_a.first_name}" in message
    tab.buttons["hep"].click()  # built and shown for the chart that stays open
    demo_window.runner.wait()
    dlg = tab.dialog
    assert isinstance(dlg, PreviewDialog)
    assert f"{row_b.last_name}, {row_b.first_name}" in dlg.windowTitle()
    assert dlg.filename.startswith(f"hep-{row_b.last_name.lower()}-")
    dlg.reject()


def test_sign_the_draft_list_it_and_reopen_the_stored_bytes(demo_window, qtbot,
                                                            tmp_path: Path,
                                                            monkeypatch) -> None:  # noqa: ANN001
    """Reports tab: a PT signs the current draft, it appears in the signed list, and
    opening it shows the stored document, which saves byte-identical."""
    from mash_desktop.services.documents import get_document
    from mash_desktop.services.users import create_user

    infos: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information",
                        lambda _p, _t, text, *a: infos.append(text))
    with demo_window.db.session() as s:
        admin = create_user(s, {"username": "boss", "full_name": "Alex Admin",
                                "password": "correct horse 1"})
        pta = create_user(s, {"username": "pat", "full_name": "Pat Assistant",
                              "credentials": "PTA", "role": "assistant",
                              "password": "correct horse 1"}, admin)
        pt = create_user(s, {"username": "dana", "full_name": "Dana Whitaker",
                             "credentials": "PT, DPT", "password": "correct horse 1"}, admin)
    demo_window.ctx.user = pta
    demo_window.open_patient(1)
    tab = reports_tab(demo_window)
    assert tab.sign("discharge", texts={}) is None
    assert infos and "may not sign a discharge summary" in infos[-1]
    assert tab.documents.rowCount() == 0
    demo_window.ctx.user = pt
    doc_id = tab.sign("discharge", texts={})
    assert doc_id is not None and tab.documents.rowCount() == 1
    assert "Dana Whitaker, PT, DPT" in tab.documents.item(0, 2).text()
    tab.documents.selectRow(0)
    assert tab.open_selected()  # read and rendered off the GUI thread
    demo_window.runner.wait()
    saved = tab.dialog.save(str(tmp_path / "signed.pdf"))
    with demo_window.db.session() as s:
        _info, stored = get_document(s, doc_id, pt)
    assert Path(saved).read_bytes() == stored
    tab.dialog.reject()


def test_the_preview_pages_are_rendered_off_the_gui_thread(demo_window, monkeypatch) -> None:  # noqa: ANN001
    import threading

    from mash_desktop.gui.chart import reports_tab as module
    from mash_desktop.gui.reports import preview_dialog

    where: list[threading.Thread] = []
    real = module.rasterize

    def rasterize(pdf: bytes, scale: float = preview_dialog.SCREEN_SCALE):  # noqa: ANN202
        where.append(threading.current_thread())
        return real(pdf, scale)

    def not_here(*_a: object, **_k: object) -> None:
        raise AssertionError("pages rendered on the GUI thread")

    monkeypatch.setattr(module, "rasterize", rasterize)
    monkeypatch.setattr(preview_dialog, "render_pages", not_here)
    demo_window.open_patient(1)
    tab = reports_tab(demo_window)
    assert tab.preview("discharge")
    demo_window.runner.wait()
    assert where and all(t is not threading.main_thread() for t in where)
    assert isinstance(tab.dialog, PreviewDialog) and len(tab.dialog.pages) >= 2
    tab.dialog.reject()
