"""The main window as a PT uses it: find or create a patient, open an episode."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import func, select

from mash_desktop.gui.episode_dialog import EpisodeDialog
from mash_desktop.gui.patient_dialog import PatientDialog
from mash_desktop.models import Episode, Patient


def fill_patient(dlg: PatientDialog, qtbot, **values: str) -> None:  # noqa: ANN001
    ui = dlg.ui
    fields = {"mrn": ui.mrnEdit, "first_name": ui.firstNameEdit, "last_name": ui.lastNameEdit,
              "dob": ui.dobEdit, "phone": ui.phoneEdit, "email": ui.emailEdit}
    for key, text in values.items():
        fields[key].clear()
        qtbot.keyClicks(fields[key], text)


def with_dialog(cls, action) -> None:  # noqa: ANN001
    """Run ``action(dialog)`` on the modal dialog of type ``cls`` once it opens."""
    def poke() -> None:
        dlg = next((w for w in QApplication.topLevelWidgets()
                    if isinstance(w, cls) and w.isVisible()), None)
        if dlg is None:
            QTimer.singleShot(20, poke)
            return
        action(dlg)
    QTimer.singleShot(0, poke)


def test_create_a_patient_through_the_dialog_then_search_finds_it(window, qtbot) -> None:  # noqa: ANN001
    def act(dlg: PatientDialog) -> None:
        fill_patient(dlg, qtbot, mrn="A-100", first_name="Grace", last_name="Hopper",
                     dob="1950-12-09")
        dlg.ui.sexCombo.setCurrentIndex(0)
        dlg.save()

    with_dialog(PatientDialog, act)
    window.ui.actionNewPatient.trigger()
    with window.db.session() as s:
        assert s.scalar(select(Patient.last_name)) == "Hopper"
    assert window.patient_id is not None
    assert "Hopper, Grace" in window.ui.nameLabel.text()
    qtbot.keyClicks(window.ui.searchEdit, "hopp")
    assert window.model.rowCount() == 1
    window.ui.searchEdit.clear()
    qtbot.keyClicks(window.ui.searchEdit, "zzz")
    assert window.model.rowCount() == 0


def test_invalid_patient_shows_errors_next_to_fields_and_saves_nothing(window, qtbot) -> None:  # noqa: ANN001
    seen: dict[str, str] = {}

    def act(dlg: PatientDialog) -> None:
        fill_patient(dlg, qtbot, mrn="A-1", first_name="", last_name="Doe", dob="2999-01-01",
                     email="not-an-email")
        dlg.save()
        seen["dob"] = dlg.errors.message_for("date_of_birth")
        seen["first"] = dlg.errors.message_for("first_name")
        seen["email"] = dlg.errors.message_for("email")
        seen["kept"] = dlg.ui.dobEdit.text()
        seen["open"] = str(dlg.isVisible())
        dlg.reject()

    with_dialog(PatientDialog, act)
    window.ui.actionNewPatient.trigger()
    assert seen == {"dob": "Is in the future", "first": "Is required",
                    "email": "Is not an e-mail address", "kept": "2999-01-01", "open": "True"}
    with window.db.session() as s:
        assert s.scalar(select(func.count(Patient.id))) == 0


def test_escape_cancels_the_dialog(window, qtbot) -> None:  # noqa: ANN001
    result: dict[str, int] = {}

    def act(dlg: PatientDialog) -> None:
        qtbot.keyClicks(dlg.ui.mrnEdit, "X")
        qtbot.keyClick(dlg, Qt.Key.Key_Escape)
        result["code"] = dlg.result()

    with_dialog(PatientDialog, act)
    window.new_patient()
    assert result["code"] == QDialog.DialogCode.Rejected


def test_keyboard_search_then_enter_opens_the_chart(demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    win.ui.actionFind.trigger()
    qtbot.keyClicks(win.ui.searchEdit, "DEMO-004")
    qtbot.keyClick(win.ui.searchEdit, Qt.Key.Key_Return)
    assert "Kowalska, Łucja" in win.ui.nameLabel.text()
    assert "/ 16" in win.ui.visitsLabel.text()
    assert "episode" in win.ui.episodeLabel.text()


def test_new_episode_with_eligibility_screen(demo_window, qtbot) -> None:  # noqa: ANN001
    win = demo_window
    win.open_patient(1)
    seen: dict[str, str] = {}

    def act(dlg: EpisodeDialog) -> None:
        ui = dlg.ui
        ui.startEdit.setText("2026-01-05")
        ui.icdEdit.setText("M16.11")
        ui.diagnosisEdit.setText("Primary OA right hip")
        ui.certStartEdit.setText("2026-01-05")
        ui.certEndEdit.setText("2026-06-30")  # too long: > 90 days
        ui.lbpIntensityEdit.setText("6")
        ui.hoosEdit.setText("21312")
        dlg.save()
        seen["cert"] = dlg.plan_errors.message_for("cert_end")
        ui.certEndEdit.setText("2026-04-04")
        seen["live"] = ui.screenTable.item(3, 1).text()  # LBP intensity row, live
        dlg.save()

    with_dialog(EpisodeDialog, act)
    win.new_episode()
    assert "90" in seen["cert"]
    assert seen["live"] == "met"
    with win.db.session() as s:
        ep = s.scalar(select(Episode).where(Episode.icd10_code == "M16.11",
                                            Episode.patient_id == 1,
                                            Episode.start_date == "2026-01-05"))
        assert ep is not None and ep.screen.hoos_items == [2, 1, 3, 1, 2]


def test_window_geometry_is_remembered(window, qtbot, db) -> None:  # noqa: ANN001
    from mash_desktop.gui.main_window import MainWindow

    window.resize(700, 500)  # fits the offscreen 800x600 screen
    size = (window.width(), window.height())
    window.close()
    again = MainWindow(db)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == size != (1280, 800)


def test_discharging_with_goals_met_is_refused_at_the_field_while_a_goal_is_not(
        demo_window, qtbot) -> None:  # noqa: ANN001
    """The episode dialog's discharge outcome: 'Goals met' needs every long-term goal met;
    the message sits at the outcome field and nothing is saved."""
    from datetime import date

    from mash_desktop.services.goals import goal_rows

    win = demo_window
    with win.db.session() as s:
        eid = s.scalar(select(Episode.id).where(Episode.status != "discharged")
                       .order_by(Episode.id))
        pid = s.get(Episode, eid).patient_id
        assert any(g["status"] != "met" and g["term"] == "long" for g in goal_rows(s, eid))
    win.open_patient(pid, eid)
    seen: dict[str, str] = {}

    def act(dlg: EpisodeDialog) -> None:
        ui = dlg.ui
        ui.statusCombo.setCurrentIndex(ui.statusCombo.findData("discharged"))
        ui.dischargeDateEdit.setText(date.today().isoformat())
        ui.dischargeReasonEdit.setPlainText("Completed the program.")
        ui.dischargeKindCombo.setCurrentIndex(ui.dischargeKindCombo.findData("goals_met"))
        dlg.save()
        seen["error"] = dlg.plan_errors.message_for("discharge_kind")
        seen["open"] = str(dlg.isVisible())
        dlg.reject()

    with_dialog(EpisodeDialog, act)
    win.edit_episode(eid)
    assert seen["error"].startswith("Cannot be 'goals met': long-term goal")
    assert seen["open"] == "True"
    with win.db.session() as s:
        ep = s.get(Episode, eid)
        assert (ep.status, ep.discharge_kind) != ("discharged", "goals_met")
