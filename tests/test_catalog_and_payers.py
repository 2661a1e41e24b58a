"""The protocol catalog as data, edited by admins without losing what notes refer to."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from mash_desktop.catalog import band_levels, load_catalog
from mash_desktop.gui.admin_dialogs import CatalogDialog
from mash_desktop.models import CatalogEntry, Payer, User, VisitNote
from mash_desktop.services import PermissionDenied, ValidationError
from mash_desktop.services.catalog import (
    add_entry,
    entries,
    rename_entry,
    set_payer_rule,
    set_retired,
)
from mash_desktop.services.sessions import note_values, payer_rule, sign_note, units_for_note

pytestmark = pytest.mark.both_engines


ADMIN = User(id=None, username="a", full_name="Ada", role="admin", active=True)
PTA = User(id=None, username="p", full_name="Pat", role="assistant", credentials="PTA",
           active=True)


def test_shipped_catalog_covers_both_arms_and_marks_its_sources() -> None:
    items = load_catalog()
    assert len({i.key for i in items}) == len(items)
    kinds = {i.kind for i in items}
    assert kinds == {"manual_therapy", "exercise", "education"}
    for arm in ("hip_focused", "spine_focused"):
        assert any(arm in i.arms and i.kind == "exercise" for i in items)
        assert any(arm in i.arms and i.kind == "manual_therapy" for i in items)
    assert all(i.source for i in items)
    assert any(i.trial_named for i in items) and any(not i.trial_named for i in items)
    assert any(i.key == "stationary_cycling" and i.trial_named for i in items)
    assert band_levels()[0] == "yellow"


def test_admin_adds_renames_and_retires_but_never_deletes(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        new = add_entry(s, {"name": "Hip hinge with dowel", "kind": "exercise",
                            "arms": ["hip_focused"]}, ADMIN)
        with pytest.raises(ValidationError, match="already exists"):
            add_entry(s, {"name": "hip hinge with DOWEL", "kind": "exercise"}, ADMIN)
        rename_entry(s, new.id, "Hip hinge (dowel)", ADMIN)
        bridge = s.scalar(select(CatalogEntry).where(CatalogEntry.key == "bridge"))
        set_retired(s, bridge.id, True, ADMIN)
        assert "Bridge" not in [e.name for e in entries(s, "exercise")]
        from mash_desktop.models import ExerciseDose

        dose = s.scalars(select(ExerciseDose).where(ExerciseDose.exercise_id == bridge.id)).first()
        old = note_values(dose.visit)
        assert "bridge" in [x["exercise"] for x in old["exercises"]]  # old notes keep it
        assert s.get(CatalogEntry, bridge.id) is not None


def test_only_admins_manage_the_catalog(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        with pytest.raises(PermissionDenied):
            add_entry(s, {"name": "X", "kind": "exercise"}, PTA)
        with pytest.raises(PermissionDenied):
            set_retired(s, 1, True, PTA)


def test_payer_rule_changes_the_units_on_notes(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        payer = s.scalar(select(Payer).where(Payer.name == "BlueCross PPO"))
        set_payer_rule(s, payer.id, "per_code", ADMIN)
        note = s.scalars(select(VisitNote).join(VisitNote.episode)
                         .where(VisitNote.status == "attended")).all()
        bc = [n for n in note if n.episode.patient.payer_id == payer.id][-1]
        assert payer_rule(bc.episode) == "per_code"
        minutes = {b.code: b.minutes for b in bc.billing_lines}
        from mash_desktop.billing import per_code_units

        assert units_for_note(bc, "per_code") == per_code_units(minutes)
        with pytest.raises(ValidationError):
            set_payer_rule(s, payer.id, "whatever", ADMIN)


def test_an_assistant_cannot_sign_an_evaluation(demo_db) -> None:  # noqa: ANN001
    from mash_desktop.services.sessions import save_note

    pta = User(username="p", full_name="Pat", role="assistant", credentials="PTA",
               active=True)  # a new row in this database (each engine's test has its own)
    with demo_db.session() as s:
        s.add(pta)
        s.flush()
        note = save_note(s, 12, {"visit_date": date.today() - timedelta(days=1),
                                 "total_minutes": 60, "billing": {"97162": 40, "97110": 15}},
                         actor=pta)
        with pytest.raises(PermissionDenied, match="evaluations"):
            sign_note(s, note.id, pta)


def test_catalog_dialog_lists_entries_and_payers(demo_window, qtbot) -> None:  # noqa: ANN001
    dlg = CatalogDialog(demo_window.ctx, demo_window)
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() >= 40
    assert dlg.payer_table.rowCount() >= 3


def test_a_clinic_replaces_an_exercise_drawing_with_its_own_picture(demo_window, qtbot,
                                                                    tmp_path,
                                                                    monkeypatch) -> None:  # noqa: ANN001
    """Catalog dialog: the clinic's picture replaces the built-in clamshell drawing on the
    handout; a file that is not a picture is refused with a message, changing nothing."""
    import io

    from pypdf import PdfReader
    from PySide6.QtGui import QImage

    from mash_desktop.reports import generate
    from mash_desktop.services.home_program import exercise_images

    warnings: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning",
                        lambda _p, _t, text, *a: warnings.append(text))
    dlg = CatalogDialog(demo_window.ctx, demo_window)
    qtbot.addWidget(dlg)
    def images_on_handout() -> int:
        with demo_window.db.session() as s:
            pdf = generate("hep", s, 1)
        return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)

    before = images_on_handout()   # the clinic logo only: the drawings are vector lines
    row = next(i for i, e in enumerate(dlg.entries) if e.key == "clamshell")
    dlg.table.selectRow(row)
    (tmp_path / "fake.png").write_text("not a picture")
    assert not dlg.choose_image(str(tmp_path / "fake.png"))
    assert warnings and "PNG or JPEG" in warnings[-1]
    picture = tmp_path / "clam.png"
    img = QImage(300, 200, QImage.Format.Format_RGB32)
    img.fill(0x336699)
    img.save(str(picture))
    assert dlg.choose_image(str(picture))
    with demo_window.db.session() as s:
        assert exercise_images(s, ["clamshell"])["clamshell"] == picture.read_bytes()
    assert images_on_handout() == before + 1  # the clinic's picture is on the handout
    dlg.reset_image()
    with demo_window.db.session() as s:
        assert exercise_images(s, ["clamshell"]) == {}
