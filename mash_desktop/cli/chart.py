"""Subcommands for the chart: patients, episodes, demo data and health checks."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from ..config import demo_db_path, sqlite_file
from ..demo.label import add_demo_clinic, is_demo_database
from ..services import ValidationError, audit
from ..services.access import authorize
from ..services.checks import run_checks
from ..services.episodes import ARMS, MASH_PLAN, create_episode, list_episodes
from ..services.patients import SEXES, PatientForm, create_patient, patient_rows, search_patients
from .common import CliError, changes_data, creates_database, dump_json, open_db, out


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("patients", help="list patients", description="List patients.")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--search", default="", help="filter by name, MRN or date of birth")
    p.set_defaults(func=cmd_patients)

    p = sub.add_parser("add-patient", help="create a patient",
                       description="Create a patient (validated like the dialog).")
    for name in ("mrn", "first-name", "last-name", "dob"):
        p.add_argument(f"--{name}", required=True)
    p.add_argument("--sex", required=True, choices=list(SEXES))
    for name in ("phone", "email", "address", "referring-physician", "payer", "member-id",
                 "notes"):
        p.add_argument(f"--{name}", default="")
    p.set_defaults(func=cmd_add_patient)

    p = sub.add_parser("episodes", help="list episodes of care",
                       description="List episodes of care (IDs for reports and exports).")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--mrn", help="only this patient's episodes")
    p.set_defaults(func=cmd_episodes)

    p = sub.add_parser("add-episode", help="open an episode of care for a patient",
                       description="Open an episode of care (validated like the dialog).")
    p.add_argument("--mrn", required=True, help="the patient's MRN")
    p.add_argument("--start", required=True, help="start date YYYY-MM-DD")
    p.add_argument("--icd10", required=True)
    p.add_argument("--diagnosis", required=True)
    p.add_argument("--arm", required=True, choices=list(ARMS))
    p.add_argument("--planned-visits", type=int, default=None,
                   help="visits in the plan of care (default: sessions a week x weeks)")
    p.add_argument("--sessions-per-week", type=int, default=None,
                   help="the plan's frequency (default 2, MASH)")
    p.add_argument("--duration-weeks", type=int, default=None,
                   help="the plan's duration in weeks (default 8, MASH)")
    p.add_argument("--cert-start", default="")
    p.add_argument("--cert-end", default="")
    p.add_argument("--overlap-reason", default="",
                   help="why the patient needs a second open episode alongside one "
                        "still open (required then)")
    p.set_defaults(func=cmd_add_episode)

    p = sub.add_parser("demo", help="fill the demo database with a demo clinic",
                       description="Add a realistic demo MASH clinic (patients, episodes, "
                                   "sessions, outcomes). Does nothing if already present. "
                                   "Without --db or $MASH_DESKTOP_DB it fills the separate "
                                   f"demo database ({demo_db_path()}), never the clinic's "
                                   "own mash.db.")
    p.add_argument("--clinic-years", type=float, metavar="N",
                   help="instead, generate a large clinic of N years for benchmarks (10 years "
                        "= 5 000 patients, 100 000 signed session notes); fractions allowed")
    p.add_argument("--seed", type=int, default=2022, help="random seed for --clinic-years")
    p.set_defaults(func=cmd_demo, default_database=demo_db_path)

    p = sub.add_parser("check", help="check the database for problems",
                       description="Run SQLite integrity and foreign-key checks and the "
                                   "app's consistency checks. Exits 1 on any problem.")
    p.set_defaults(func=cmd_check)


def cmd_patients(args: Any) -> int:
    db = open_db(args)
    with db.session() as s:
        rows = search_patients(s, args.search) if args.search else patient_rows(s)
        audit.record(s, None, "read", "patient_list", None,
                     changes={"patients": [None, len(rows)]})
    today = date.today()
    if args.json:
        out(dump_json([{"id": r.id, "mrn": r.mrn, "last_name": r.last_name,
                        "first_name": r.first_name, "date_of_birth": r.date_of_birth,
                        "age": r.age(today), "sex": r.sex, "active_arm": r.active_episode}
                       for r in rows]))
    else:
        for r in rows:
            out(f"{r.id:>5}  {r.mrn:<12} {r.name:<32} {r.date_of_birth}  age {r.age(today)}")
        out(f"{len(rows)} patient(s)")
    return 0


def _validation(exc: ValidationError) -> CliError:
    return CliError("invalid input: " + exc.message)


@creates_database
@changes_data
def cmd_add_patient(args: Any) -> int:
    db = open_db(args)
    data: PatientForm = {
            "mrn": args.mrn, "first_name": args.first_name, "last_name": args.last_name,
            "date_of_birth": args.dob, "sex": args.sex, "phone": args.phone,
            "email": args.email, "address": args.address,
            "referring_physician": args.referring_physician, "payer": args.payer,
            "member_id": args.member_id, "notes": args.notes}
    try:
        with db.session() as s:
            patient = create_patient(s, data, getattr(args, "actor", None))
            out(f"created patient {patient.id} ({patient.mrn})")
    except ValidationError as exc:
        raise _validation(exc) from exc
    return 0


def cmd_episodes(args: Any) -> int:
    db = open_db(args)
    with db.session() as s:
        rows = []
        for ep in list_episodes(s):
            if args.mrn and ep.patient.mrn.lower() != args.mrn.lower():
                continue
            rows.append({"id": ep.id, "patient_id": ep.patient_id, "mrn": ep.patient.mrn,
                         "patient": ep.patient.display_name, "start_date": ep.start_date,
                         "arm": ep.arm, "status": ep.status, "icd10_code": ep.icd10_code,
                         "diagnosis": ep.diagnosis_text, "planned_visits": ep.planned_visits})
        audit.record(s, None, "read", "episode_list", None,
                     changes={"episodes": [None, len(rows)]})
    if args.json:
        out(dump_json(rows))
    else:
        for r in rows:
            out(f"{r['id']:>5}  {r['mrn']:<12} {r['patient']:<30} {r['start_date']}  "
                f"{r['arm']:<14} {r['status']}")
        out(f"{len(rows)} episode(s)")
    return 0


@creates_database
@changes_data
def cmd_add_episode(args: Any) -> int:
    db = open_db(args)
    try:
        with db.session() as s:
            match = [r for r in patient_rows(s) if r.mrn.lower() == args.mrn.lower()]
            if not match:
                raise CliError(f"no patient with MRN {args.mrn}")
            per_week = (MASH_PLAN["sessions_per_week"] if args.sessions_per_week is None
                        else args.sessions_per_week)
            weeks = (MASH_PLAN["duration_weeks"] if args.duration_weeks is None
                     else args.duration_weeks)
            ep = create_episode(s, match[0].id, {
                "start_date": args.start, "icd10_code": args.icd10,
                "diagnosis_text": args.diagnosis, "arm": args.arm,
                "planned_visits": (per_week * weeks if args.planned_visits is None
                                   else args.planned_visits),
                "sessions_per_week": per_week, "duration_weeks": weeks,
                "cert_start": args.cert_start, "cert_end": args.cert_end,
                "overlap_reason": args.overlap_reason}, getattr(args, "actor", None))
            out(f"created episode {ep.id}")
    except ValidationError as exc:
        raise _validation(exc) from exc
    return 0


@creates_database
@changes_data
def cmd_demo(args: Any) -> int:
    db = open_db(args)
    if args.clinic_years is not None:
        from ..demo.clinic import build_clinic, describe

        with db.session() as s:
            authorize(s, None, "write_chart")

        try:
            stats = build_clinic(db, args.clinic_years, seed=args.seed)
        except ValueError as exc:
            raise CliError(str(exc)) from exc
        if stats is None:
            out("a generated clinic is already present")
        else:
            for line in describe(stats):
                out(line)
        return 0
    with db.session() as s:
        n = add_demo_clinic(s)
        demo = is_demo_database(s)
    if not n:
        out("demo data is already present")
    else:
        out(f"added a demo clinic with {n} patients"
            + (" (a new database: it opens labelled DEMO, without sign-in)" if demo else ""))
    where = sqlite_file(args.db_url)
    if where is not None:
        out(f"database: {where}")
    return 0


def cmd_check(args: Any) -> int:
    db = open_db(args)
    with db.session() as s:
        authorize(s, None, "check")
        results = run_checks(s)
    bad = 0
    for r in results:
        out(f"{'ok ' if r.ok else 'FAIL'} {r.name}")
        for problem in r.problems:
            out(f"     - {problem}")
        bad += len(r.problems)
    out("database is consistent" if not bad else f"{bad} problem(s) found")
    return 0 if not bad else 1
