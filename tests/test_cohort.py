"""Cohort view: the clinic's MASH results by arm, checked against numbers worked by hand."""

from __future__ import annotations

import json
import math
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from mash_desktop.cli import main
from mash_desktop.models import User, VisitNote
from mash_desktop.services import ValidationError
from mash_desktop.services.assessments import record_assessment
from mash_desktop.services.cohort import cohort
from mash_desktop.services.episodes import create_episode
from mash_desktop.services.patients import create_patient
from mash_desktop.stats import mean_ci, t_quantile_975

START = date(2025, 3, 3)


PASSWORD = "a long enough passphrase"


def qbpds(total: int) -> list[int]:
    """20 QBPDS item answers (0-5) adding up to ``total``."""
    items = [5] * (total // 5) + ([total % 5] if total % 5 else [])
    return items + [0] * (20 - len(items))


def add_episode(s, n: int, arm: str, back: tuple[float, ...], qb: tuple[int, ...] = (),  # noqa: ANN001
                attended: int = 0, missed: int = 0, start: date = START,
                therapist: int | None = None) -> int:
    """An episode with NPRS-back (and QBPDS) at baseline, 8 weeks, 6 months as given."""
    p = create_patient(s, {"mrn": f"C{n}", "first_name": "Pat", "last_name": f"Cohort{n}",
                           "date_of_birth": "1955-05-05", "sex": "female"})
    ep = create_episode(s, p.id, {"start_date": start.isoformat(), "icd10_code": "M54.50",
                                  "diagnosis_text": "Low back pain", "arm": arm})
    ep.therapist_id = therapist
    for value, tp, days in zip(back, ("baseline", "8_weeks", "6_months"), (0, 56, 182),
                               strict=False):
        record_assessment(s, ep.id, tp, start + timedelta(days=days), "nprs_back", value)
    for value, tp, days in zip(qb, ("baseline", "8_weeks", "6_months"), (0, 56, 182),
                               strict=False):
        record_assessment(s, ep.id, tp, start + timedelta(days=days), "qbpds", qbpds(value))
    for i in range(attended + missed):
        s.add(VisitNote(episode_id=ep.id, visit_date=start + timedelta(days=i * 3),
                        visit_number=i + 1,
                        status="attended" if i < attended else "no_show"))
    s.flush()
    return ep.id


@pytest.fixture
def clinic(db):  # noqa: ANN001, ANN201
    """Four hip-focused and two spine-focused episodes with hand-picked scores."""
    with db.session() as s:
        dana = User(username="dana", full_name="Dana Whitaker", role="clinician",
                    credentials="DPT", active=True,
                    password_hash=PasswordHasher().hash(PASSWORD))
        s.add(dana)
        s.flush()
        db.actor = s.info["actor"] = dana  # accounts exist: Dana is signed in
        add_episode(s, 1, "hip_focused", (6, 3, 2), (30, 16), attended=16, therapist=dana.id)
        add_episode(s, 2, "hip_focused", (7, 6), (28, 26), attended=12, missed=2,
                    therapist=dana.id)
        add_episode(s, 3, "hip_focused", (5, 1), (25, 15), attended=14)
        add_episode(s, 4, "hip_focused", (8, 4), attended=16, start=date(2024, 6, 1))
        add_episode(s, 5, "spine_focused", (6, 6), attended=10)
        add_episode(s, 6, "spine_focused", (5, 2), attended=16)
        add_episode(s, 7, "spine_focused", (7,))  # baseline only: never counted
    return db


def row(c, arm: str, instrument: str, timepoint: str):  # noqa: ANN001, ANN201
    return next(r for r in c.rows if (r.arm, r.instrument, r.timepoint) ==
                (arm, instrument, timepoint))


def test_mean_change_ci_and_responders_match_the_hand_computation(clinic) -> None:  # noqa: ANN001
    with clinic.session() as s:
        c = cohort(s)
    r = row(c, "hip_focused", "nprs_back", "8_weeks")
    # changes −3, −1, −4, −4: mean −3, SD √(6/3) = 1.4142, SE 0.7071, t(0.975, 3) 3.1824
    assert r.n == 4
    assert r.mean_change == pytest.approx(-3.0)
    assert r.sd_change == pytest.approx(math.sqrt(2))
    assert r.ci_low == pytest.approx(-3 - 3.1824 * math.sqrt(2) / 2, abs=1e-4)
    assert r.ci_high == pytest.approx(-3 + 3.1824 * math.sqrt(2) / 2, abs=1e-4)
    # the minimal important change for NPRS is 2 points: 3 of the 4 improved that much
    assert r.responders_n == 3 and r.responders == pytest.approx(0.75)
    # visits attended of planned (16 each): 16 + 12 + 14 + 16 of 64
    assert (r.attended, r.planned) == (58, 64) and r.attendance == pytest.approx(58 / 64)
    assert r.trial_mean is None and r.trial_caveat == ""


def test_no_confidence_interval_below_three(clinic) -> None:  # noqa: ANN001
    with clinic.session() as s:
        c = cohort(s)
    spine = row(c, "spine_focused", "nprs_back", "8_weeks")
    assert spine.n == 2 and spine.mean_change == pytest.approx(-1.5)
    assert spine.ci_low is None and spine.ci_high is None
    assert spine.responders_n == 1
    six = row(c, "hip_focused", "nprs_back", "6_months")
    assert six.n == 1 and six.mean_change == pytest.approx(-4) and six.sd_change is None
    assert c.episodes == {"hip_focused": 4, "spine_focused": 3}


def test_trial_registry_mean_sits_beside_the_clinic_with_its_caveat(clinic) -> None:  # noqa: ANN001
    with clinic.session() as s:
        c = cohort(s)
    r = row(c, "hip_focused", "qbpds", "8_weeks")
    assert r.n == 3 and r.mean_change == pytest.approx((-14 - 2 - 10) / 3)
    assert r.responders_n == 2  # −14 and −10 reach the 6-point MIC, −2 does not
    assert (r.trial_baseline, r.trial_mean) == (27.9, 16.7)
    assert r.trial_mean_change == pytest.approx(-11.2)
    assert r.trial_caveat == "registry means, pairing inferred" == c.caveat
    assert row(c, "spine_focused", "qbpds", "6_months").trial_mean == 17.3


def test_filters_by_date_range_and_clinician(clinic) -> None:  # noqa: ANN001
    with clinic.session() as s:
        recent = cohort(s, date_from="2025-01-01")
        old = cohort(s, date_to="2024-12-31")
        dana = cohort(s, clinician="Dana Whitaker")
        with pytest.raises(ValidationError, match="no user or note signer"):
            cohort(s, clinician="Nobody")
        with pytest.raises(ValidationError, match="before the start"):
            cohort(s, date_from="2025-02-01", date_to="2025-01-01")
        with pytest.raises(ValidationError, match="YYYY-MM-DD"):
            cohort(s, date_from="March")
    assert row(recent, "hip_focused", "nprs_back", "8_weeks").n == 3
    assert old.episodes == {"hip_focused": 1}
    assert dana.episodes == {"hip_focused": 2}
    assert row(dana, "hip_focused", "nprs_back", "8_weeks").mean_change == pytest.approx(-2)


def test_empty_clinic_has_no_rows(db) -> None:  # noqa: ANN001
    with db.session() as s:
        c = cohort(s)
    assert c.rows == [] and c.episodes == {}


@pytest.mark.parametrize("df, printed", [(1, 12.706), (2, 4.303), (5, 2.571), (10, 2.228),
                                         (30, 2.042), (100, 1.984)])
def test_t_quantiles_match_the_printed_table(df: int, printed: float) -> None:
    assert round(t_quantile_975(df), 3) == printed


def test_t_quantiles_between_and_beyond_the_table_rows() -> None:
    values = [t_quantile_975(df) for df in range(1, 5001)]
    assert all(a > b for a, b in zip(values, values[1:], strict=False))
    assert 1.96 < t_quantile_975(100_000) < 1.9601
    with pytest.raises(ValueError):
        t_quantile_975(0)
    scipy_stats = pytest.importorskip("scipy.stats")
    for df in (101, 110, 135, 175, 250, 400, 750, 2000, 10_000):
        assert t_quantile_975(df) == pytest.approx(scipy_stats.t.ppf(0.975, df), abs=5e-4)


def test_mean_ci_of_small_samples() -> None:
    assert mean_ci([]).mean is None
    one = mean_ci([4.0])
    assert (one.n, one.mean, one.sd, one.ci_low) == (1, 4.0, None, None)
    three = mean_ci([1.0, 2.0, 3.0])  # SD 1, SE 1/√3, t(2) 4.3027
    assert three.ci_low == pytest.approx(2 - 4.3027 / math.sqrt(3), abs=1e-4)


def run(capsys: pytest.CaptureFixture[str], *args: str,
        user: str | None = None) -> tuple[int, str, str]:
    """The command, signed in as ``user`` when given (a clinic with accounts needs it)."""
    os.environ["MASH_DESKTOP_PASSWORD"] = PASSWORD
    try:
        code = main(["--user", user, *args] if user else list(args))
    finally:
        os.environ.pop("MASH_DESKTOP_PASSWORD", None)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json_rows_carry_the_documented_keys(clinic, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "--db", str(clinic.path), "cohort", "--json", user="dana")
    data = json.loads(out)
    assert code == 0 and isinstance(data["rows"], list)
    keys = {"arm", "instrument", "timepoint", "n", "mean_change", "ci_low", "ci_high",
            "responders", "trial_mean"}
    assert all(keys <= set(r) for r in data["rows"])
    r = next(r for r in data["rows"] if (r["arm"], r["instrument"], r["timepoint"]) ==
             ("hip_focused", "nprs_back", "8_weeks"))
    assert r["n"] == 4 and r["mean_change"] == pytest.approx(-3)


def test_cli_pdf_shows_arms_beside_the_trial(demo_db, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from pypdf import PdfReader

    out = tmp_path / "cohort.pdf"
    code, text, _ = run(capsys, "--db", str(demo_db.path), "cohort", "--out", str(out))
    assert code == 0 and "wrote the cohort view" in text
    pdf = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    for words in ("MASH cohort view", "Hip-focused", "Spine-focused", "registry means",
                  "pairing inferred", "Quebec Back Pain Disability Scale", "page 1 of"):
        assert words in pdf


def test_cli_bad_filters_and_unwritable_out_give_one_line(clinic, tmp_path: Path,
                                                          capsys) -> None:  # noqa: ANN001
    db = str(clinic.path)
    code, _, err = run(capsys, "--db", db, "cohort", "--from", "2025-13-01", user="dana")
    assert code == 1 and "YYYY-MM-DD" in err and len(err.strip().splitlines()) == 1
    target = tmp_path / "missing" / "c.pdf"
    code, _, err = run(capsys, "--db", db, "cohort", "--out", str(target), user="dana")
    assert code == 1 and "does not exist" in err and len(err.strip().splitlines()) == 1
    assert not target.parent.exists()


def test_cohort_pdf_of_an_empty_clinic_says_there_is_nothing_yet(db, tmp_path: Path,
                                                                 capsys) -> None:  # noqa: ANN001
    from pypdf import PdfReader

    out = tmp_path / "empty.pdf"
    code, _, _ = run(capsys, "--db", str(db.path), "cohort", "--out", str(out))
    assert code == 0
    assert "No episodes match" in PdfReader(out).pages[0].extract_text()
