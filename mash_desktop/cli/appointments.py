"""``mash-desktop appointments list|add|cancel``: the day's appointment list from a script.

The same service functions as the Today screen's Add appointment / Change buttons
(``services.appointments``), so the same checks, permissions and audit entries apply.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from ..services import ValidationError
from ..services.appointments import (
    add_appointment,
    cancel_appointment,
    list_appointments,
)
from ..services.patients import patient_rows
from .common import CliError, changes_data, dump_json, open_db, out


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "appointments", help="list, add or cancel the day's appointments",
        description="The day's appointment list, as on the Today screen: list it, put a "
                    "patient on it, or cancel an appointment (it stays on the list, marked "
                    "cancelled). Appointments are for the signed-in --user.")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    a = actions.add_parser("list", help="the day's appointments",
                           description="List a day's appointments (yours and those for "
                                       "nobody in particular; --everyone for the clinic's).")
    a.add_argument("--day", default="", help="YYYY-MM-DD (default: today)")
    a.add_argument("--everyone", action="store_true", help="every clinician's appointments")
    a.add_argument("--json", action="store_true", help="machine-readable output")
    a.set_defaults(func=cmd_list)

    a = actions.add_parser("add", help="put a patient on a day's list",
                           description="Add an appointment for a patient (by MRN); the "
                                       "patient's active episode is linked unless --episode "
                                       "names another of theirs.")
    a.add_argument("--mrn", required=True, help="the patient's MRN")
    a.add_argument("--day", default="", help="YYYY-MM-DD (default: today)")
    a.add_argument("--time", default="", help="HH:MM (default: no fixed time)")
    a.add_argument("--episode", type=int, default=None, help="the episode ID")
    a.add_argument("--note", default="", help="a short note (at most 200 characters)")
    a.set_defaults(func=cmd_add)

    a = actions.add_parser("cancel", help="mark an appointment cancelled",
                           description="Mark an appointment cancelled (it stays on the "
                                       "list, marked so); the reason becomes its note.")
    a.add_argument("id", type=int, help="the appointment ID (from appointments list)")
    a.add_argument("--reason", default="", help="why (kept as the appointment's note)")
    a.set_defaults(func=cmd_cancel)


def _day(text: str) -> date:
    if not text.strip():
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(f"invalid input: day: must be a date as YYYY-MM-DD, not {text!r}") \
            from None


def cmd_list(args: Any) -> int:
    db = open_db(args)
    day = _day(args.day)
    with db.session() as s:
        rows = list_appointments(s, day, args.actor, everyone=args.everyone)
    if args.json:
        out(dump_json([{"id": r.appointment.id, "day": r.appointment.day,
                        "time": r.appointment.start_time.strftime("%H:%M")
                        if r.appointment.start_time else None,
                        "patient_id": r.appointment.patient_id, "patient": r.patient,
                        "mrn": r.mrn, "episode_id": r.appointment.episode_id,
                        "status": r.appointment.status, "note": r.appointment.note}
                       for r in rows]))
        return 0
    for r in rows:
        when = r.appointment.start_time.strftime("%H:%M") if r.appointment.start_time \
            else "--:--"
        note = f"  {r.appointment.note}" if r.appointment.note else ""
        out(f"{r.appointment.id:>5}  {when}  {r.patient:<30} {r.mrn:<12} "
            f"{r.status_label}{note}")
    out(f"{len(rows)} appointment(s) on {day.isoformat()}")
    return 0


@changes_data
def cmd_add(args: Any) -> int:
    db = open_db(args)
    try:
        with db.session() as s:
            match = [r for r in patient_rows(s, args.actor)
                     if r.mrn.lower() == args.mrn.strip().lower()]
            if not match:
                raise CliError(f"no patient with MRN {args.mrn}")
            row = add_appointment(s, {
                "day": _day(args.day), "start_time": args.time, "patient_id": match[0].id,
                "episode_id": args.episode, "note": args.note}, args.actor)
    except ValidationError as exc:
        raise CliError("invalid input: " + exc.message) from exc
    when = f" at {row.start_time.strftime('%H:%M')}" if row.start_time else ""
    out(f"added appointment {row.id}: {match[0].name} on {row.day.isoformat()}{when}")
    return 0


@changes_data
def cmd_cancel(args: Any) -> int:
    db = open_db(args)
    try:
        with db.session() as s:
            row = cancel_appointment(s, args.id, args.reason, args.actor)
    except ValidationError as exc:
        raise CliError("invalid input: " + exc.message) from exc
    out(f"cancelled appointment {row.id} on {row.day.isoformat()}")
    return 0
