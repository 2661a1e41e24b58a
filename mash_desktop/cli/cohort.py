"""Subcommand: the cohort view (the clinic's MASH results by arm beside the trial's)."""

from __future__ import annotations

import argparse
from typing import Any

from ..services import ValidationError
from .common import CliError, check_out, dump_json, open_db, out


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("cohort", help="the clinic's MASH results by arm beside the trial",
                       description="For each arm, MASH primary and secondary measure and "
                                   "follow-up (8 weeks, 6 months): n, mean change from "
                                   "baseline with 95%% CI (none below n = 3), share reaching "
                                   "the minimal important change, attendance, and the "
                                   "trial's registry mean (registry means, pairing "
                                   "inferred). Every episode with a baseline and that "
                                   "timepoint counts unless filtered.")
    p.add_argument("--json", action="store_true",
                   help="print an object whose 'rows' is the list of rows")
    p.add_argument("--out", metavar="FILE.pdf", help="also write the cohort view as PDF")
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD",
                   help="only episodes starting on or after this date")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD",
                   help="only episodes starting on or before this date")
    p.add_argument("--clinician", metavar="NAME",
                   help="only this clinician's episodes (user name or full name; episodes "
                        "without a therapist on record: the name that signed their notes)")
    p.set_defaults(func=cmd_cohort)


def _text(c: Any) -> str:
    from ..reports.cohort import attendance_cell, change_cell, responders_cell, trial_cell

    lines = [f"Cohort view: {c.filters.describe()}",
             "Episodes: " + (", ".join(f"{a} {n}" for a, n in c.episodes.items()) or "none")]
    for r in c.rows:
        lines.append(f"{r.arm:14} {r.instrument:16} {r.timepoint:9} n={r.n:<3} "
                     f"change {change_cell(r)}; MIC reached {responders_cell(r)}; "
                     f"attendance {attendance_cell(r)}; trial {trial_cell(r)}")
    lines.append(f"Trial figures: {c.caveat}.")
    return "\n".join(lines)


def cmd_cohort(args: Any) -> int:
    from ..services.cohort import cohort

    if args.out:  # before opening anything: a refusal changes nothing
        check_out(args, args.out, args.force)
    db = open_db(args)
    actor = getattr(args, "actor", None)
    try:
        with db.session() as s:
            c = cohort(s, args.date_from, args.date_to, args.clinician)
            if args.out:
                from ..reports.cohort import write_cohort

                write_cohort(s, args.out, args.date_from, args.date_to, args.clinician, actor,
                             args.force)
    except ValidationError as exc:
        raise CliError(f"no cohort view: {exc.message}") from exc
    out(dump_json(c.as_json()) if args.json else _text(c))
    if args.out and not args.json:
        out(f"wrote the cohort view to {args.out}")
    return 0
