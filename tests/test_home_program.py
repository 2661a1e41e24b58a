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
