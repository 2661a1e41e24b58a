"""The home program a 75-year-old reads: plain-words doses, the plan's frequency, and one
correct, distinct drawing for every exercise that can be on it (issue 12)."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from mash_desktop.catalog import load_catalog
from mash_desktop.reports import generate
from mash_desktop.reports.drawings import EXERCISE_DRAWINGS
from mash_desktop.services.home_program import HomeProgram, plain_dose


def dose(**kw: object) -> SimpleNamespace:
    base = {"sets": None, "reps": None, "hold_s": None, "minutes": None,
            "load_type": "body_weight", "band": "", "load_kg": None, "side": ""}
    return SimpleNamespace(**{**base, **kw})


@pytest.mark.parametrize(("d", "words"), [
    (dose(sets=3, reps=15, load_type="band", band="yellow"),
     "15 repetitions with the yellow band, 3 sets."),
    (dose(sets=3, hold_s=30), "Hold 30 seconds. Do this 3 times."),
    (dose(sets=2, reps=10, hold_s=5), "Hold 5 seconds each time. 10 repetitions, 2 sets."),
    (dose(sets=1, reps=8), "8 repetitions."),
    (dose(sets=2, reps=12, load_type="kg", load_kg=1.5),
     "12 repetitions holding 1.5 kg, 2 sets."),
    (dose(minutes=10, load_type="none"), "10 minutes."),
])
def test_doses_read_as_plain_sentences(d: SimpleNamespace, words: str) -> None:
    assert plain_dose(d) == words


def test_frequency_words() -> None:
    assert HomeProgram(1, 3).frequency == "Once a day, 3 days a week"
    assert HomeProgram(2, 7).frequency == "Twice a day, every day"
    assert HomeProgram(None, 3).frequency == "" and not HomeProgram(None, 3).prescribed


def test_every_catalog_exercise_has_its_own_drawing() -> None:
    exercises = {e.key for e in load_catalog() if e.kind == "exercise"}
    assert exercises <= set(EXERCISE_DRAWINGS)
    shapes = [repr(v) for v in EXERCISE_DRAWINGS.values()]
    assert len(set(shapes)) == len(shapes)  # no two exercises share a picture


def test_side_lying_exercises_are_drawn_lying_on_the_side() -> None:
    """The clamshell and side-lying abduction start from the side-lying figure (head on
    the lower arm); the bridge lies on the back with the hips lifted."""
    side = EXERCISE_DRAWINGS["clamshell"][:4]
    assert EXERCISE_DRAWINGS["sidelying_hip_abduction"][:4] == side
    assert EXERCISE_DRAWINGS["bridge"][:4] != side


def test_handout_prints_plain_doses_and_no_placeholder(demo_db) -> None:  # noqa: ANN001
    with demo_db.session() as s:
        pdf = generate("hep", s, 1)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    text = text.replace("\n", " ")
    assert "illustration" not in text and "sets of" not in text
    assert "repetitions" in text and "How often: Once a day, 5 days a week." in text


def _flat(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
                    .split())


def test_an_exercise_can_have_its_own_frequency_and_every_document_prints_it(demo_db) -> None:  # noqa: ANN001
    """The plan's home-program prescription: the program's frequency by default, an
    exercise's own where the PT sets one; the handout, the discharge summary and the plan of
    care print the same words from the same data."""
    from mash_desktop.models import Episode
    from mash_desktop.services.episodes import update_episode
    from mash_desktop.services.home_program import home_exercises, prescription

    with demo_db.session() as s:
        home = home_exercises(s, 1)
        assert len(home) >= 2
        (own_key, own_name), (other_key, _other) = home[0], home[1]
        update_episode(s, 1, {"hep_times_per_day": 1, "hep_days_per_week": 5,
                              "hep_exercises": {own_key: {"times_per_day": "2",
                                                          "days_per_week": "7"},
                                                other_key: {"times_per_day": "",
                                                            "days_per_week": ""}}})
        ep = s.get(Episode, 1)
        assert ep.hep_exercises == {own_key: {"times_per_day": 2, "days_per_week": 7}}
        hp = prescription(ep)
        assert hp.frequency_for(own_key) == "Twice a day, every day"
        assert hp.frequency_for(other_key) == "Once a day, 5 days a week"
        handout = _flat(generate("hep", s, 1))
        summary = _flat(generate("discharge", s, 1))
        plan = _flat(generate("plan-of-care", s, 1))
    assert "How often: Once a day, 5 days a week, unless an exercise below says otherwise." \
        in handout
    assert handout.count("How often for this exercise: Twice a day, every day.") == 1
    # under its own exercise: the exercise's name comes just before it
    own_at = handout.index("How often for this exercise")
    assert handout.rindex(own_name.split(" (")[0], 0, own_at) > own_at - 200
    assert "how often: Once a day, 5 days a week." in summary
    assert "How often: Twice a day, every day." in summary
    assert f"{own_name.split(' (')[0]}" in plan and "(twice a day, every day)" in plan


def test_the_plans_prescription_is_the_home_program_without_a_ticked_visit_dose(
        demo_db, tmp_path) -> None:  # noqa: ANN001
    """The plan of care prescribes the home program (BPM ch. 15 §220.1.2: type, amount,
    frequency); a visit's "Home" tick adds to it. With nothing ticked in any visit, the
    plan's exercises still make the handout (it was refused), the discharge summary (it
    said "No recommendations recorded") and the plan of care (it printed only the
    program's frequency), each with its own frequency."""
    from sqlalchemy import select, update

    from mash_desktop.cli import main
    from mash_desktop.models import Episode, ExerciseDose, VisitNote
    from mash_desktop.services.episodes import update_episode

    with demo_db.session() as s:
        done = s.scalars(select(Episode).where(Episode.status == "discharged")
                         .order_by(Episode.id)).first()
        visits = select(VisitNote.id).where(VisitNote.episode_id == done.id)
        s.execute(update(ExerciseDose).where(ExerciseDose.visit_id.in_(visits))
                  .values(home_program=False))
        update_episode(s, done.id, {
            "recommendations": "", "hep_times_per_day": 1, "hep_days_per_week": 5,
            "hep_exercises": {"bridge": {"times_per_day": 2, "days_per_week": 3},
                              "standing_hip_abduction": {"times_per_day": 1, "days_per_week": 7}}})
        handout = _flat(generate("hep", s, done.id))
        summary = _flat(generate("discharge", s, done.id))
        plan = _flat(generate("plan-of-care", s, done.id))
        eid = done.id
    for name in ("Bridge", "Standing hip abduction with band"):
        assert name in handout and name in summary and name in plan
    assert handout.count("How often for this exercise: Twice a day, 3 days a week.") == 1
    assert handout.count("How often for this exercise: Once a day, every day.") == 1
    # never done in clinic: the catalog's starting dose, in plain words
    assert "10 repetitions with the yellow band, 2 sets." in handout
    assert "No recommendations recorded" not in summary
    assert "How often: Twice a day, 3 days a week." in summary
    assert "(twice a day, 3 days a week)" in plan and "(once a day, every day)" in plan
    out = tmp_path / "hep.pdf"
    assert main(["--db", str(demo_db.path), "report", "hep", "--episode", str(eid),
                 "--out", str(out)]) == 0
    assert "Bridge" in _flat(out.read_bytes())


@pytest.mark.parametrize(("frequencies", "field"), [
    ({"no_such_exercise": {"times_per_day": 1, "days_per_week": 3}},
     "hep_exercises.no_such_exercise"),
    ({"{key}": {"times_per_day": 2}}, "hep_exercises.{key}.days_per_week"),
    ({"{key}": {"times_per_day": 9, "days_per_week": 3}}, "hep_exercises.{key}.times_per_day"),
    ({"{key}": {"times_per_day": 1, "days_per_week": 8}}, "hep_exercises.{key}.days_per_week"),
    ({"{key}": "daily"}, "hep_exercises.{key}"),
    ("twice a day", "hep_exercises"),
])
def test_a_bad_exercise_frequency_is_refused_at_its_field(demo_db, frequencies, field) -> None:  # noqa: ANN001
    from mash_desktop.models import Episode
    from mash_desktop.services import ValidationError
    from mash_desktop.services.episodes import update_episode
    from mash_desktop.services.home_program import home_exercises

    with demo_db.session() as s:
        key = home_exercises(s, 1)[0][0]
        before = s.get(Episode, 1).hep_exercises
    if isinstance(frequencies, dict):
        frequencies = {k.replace("{key}", key): x for k, x in frequencies.items()}
    with pytest.raises(ValidationError) as info, demo_db.session() as s:
        update_episode(s, 1, {"hep_days_per_week": 5, "hep_exercises": frequencies})
    assert field.replace("{key}", key) in info.value.errors
    with demo_db.session() as s:
        assert s.get(Episode, 1).hep_exercises == before


def test_an_exercise_frequency_needs_the_programs_as_the_default(db) -> None:  # noqa: ANN001
    from mash_desktop.services import ValidationError
    from mash_desktop.services.episodes import create_episode
    from mash_desktop.services.patients import create_patient

    with db.session() as s:
        pid = create_patient(s, {"mrn": "H1", "first_name": "Ann", "last_name": "Lee",
                                 "date_of_birth": "1950-02-03", "sex": "female"}).id
    with pytest.raises(ValidationError) as info, db.session() as s:
        create_episode(s, pid, {"start_date": "2026-01-05", "icd10_code": "M54.50",
                                "arm": "hip_focused",
                                "hep_exercises": {"clamshell": {"days_per_week": 3}}})
    assert "hep_days_per_week" in info.value.errors


def test_the_plan_page_edits_each_home_exercises_frequency(qtbot) -> None:  # noqa: ANN001
    from mash_desktop.gui.episode_plan_page import PlanOfCarePanel

    panel = PlanOfCarePanel()
    qtbot.addWidget(panel)
    panel.set_values({"hep_days_per_week": 5, "hep_exercises": {
        "bridge": {"times_per_day": 2, "days_per_week": 7}},
        "home_exercises": [("clamshell", "Clamshell"), ("bridge", "Bridge")]}, [])
    table = panel.ui.hepExerciseTable
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["Clamshell", "Bridge"]
    assert (table.item(1, 1).text(), table.item(1, 2).text()) == ("2", "7")
    table.item(0, 2).setText("3")
    assert panel.plan_values()["hep_exercises"] == {
        "clamshell": {"times_per_day": "", "days_per_week": "3"},
        "bridge": {"times_per_day": "2", "days_per_week": "7"}}
    rest = panel.show_errors({"hep_exercises.clamshell.days_per_week": "must be at most 7"})
    assert rest == ["home exercise Clamshell, days per week: must be at most 7"]
    assert table.item(0, 2).toolTip() == "must be at most 7"
