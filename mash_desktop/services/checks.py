"""Database health checks run by ``mash-desktop check``.

The engine's own checks (SQLite: integrity and foreign keys; PostgreSQL: invalid
indexes, unvalidated constraints, id sequences behind their tables, the amcheck
extension's B-tree checks where a clinic installed it), then the app's rules re-checked
over stored data (dates in order, signatures complete, scores that recompute). Features
register extra checks with :func:`register`.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sqlite3
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ..models import Episode, Patient

log = logging.getLogger(__name__)
CheckFn = Callable[[Session], Iterable[str]]
_REGISTRY: list[tuple[str, CheckFn]] = []


@dataclass(frozen=True)
class CheckResult:
    name: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def register(name: str) -> Callable[[CheckFn], CheckFn]:
    def deco(fn: CheckFn) -> CheckFn:
        _REGISTRY.append((name, fn))
        return fn
    return deco


RESTORE_HINT = ("restore the newest backup (File ▸ Restore from backup, or mash-desktop "
                "restore FILE) and enter again what was saved after it")


@register("sqlite integrity")
def _integrity(session: Session) -> Iterable[str]:
    """SQLite's page-level check, told in words: which tables are damaged, what to do."""
    if session.get_bind().dialect.name != "sqlite":
        return []
    try:
        rows = [str(r[0]) for r in session.execute(text("PRAGMA integrity_check(20)"))]
    except DBAPIError as exc:
        session.rollback()
        rows = [str(exc.orig)]
    if rows == ["ok"]:
        return []
    log.error("integrity check found damage: %s", rows[0].splitlines()[-1][:200])
    detail = next((line for row in rows for line in row.splitlines()
                   if line and not line.startswith("***")), "damaged pages")
    damaged = _unreadable_tables(session)
    if damaged:
        return [f"table {name} is damaged: SQLite cannot read all of its rows ({detail}); "
                f"{RESTORE_HINT}" for name in damaged]
    return [f"the database file is damaged ({detail}); the tables still read, so the damage "
            f"is in an index or in free space; {RESTORE_HINT}"]


def _unreadable_tables(session: Session) -> list[str]:
    """Tables whose rows cannot all be read (only run once damage is known)."""
    try:
        names = [r[0] for r in session.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))]
    except DBAPIError:
        session.rollback()
        return ["sqlite_master (the list of tables)"]
    bad = []
    for name in names:
        try:
            quoted = '"' + name.replace('"', '""') + '"'
            for _row in session.execute(text(f"SELECT * FROM {quoted}")):  # noqa: S608
                pass
        except DBAPIError:
            session.rollback()
            bad.append(name)
    return bad


@register("foreign keys")
def _foreign_keys(session: Session) -> Iterable[str]:
    if session.get_bind().dialect.name != "sqlite":
        return []
    return [f"{r[0]} row {r[1]} points to a missing {r[2]}"
            for r in session.execute(text("PRAGMA foreign_key_check"))]


@register("postgresql integrity")
def _postgres(session: Session) -> Iterable[str]:
    if session.get_bind().dialect.name != "postgresql":
        return
    yield from _postgres_catalog(session)
    yield from _postgres_sequences(session)
    yield from _postgres_amcheck(session)


def _postgres_catalog(session: Session) -> Iterable[str]:
    for (name,) in session.execute(text(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready)")):
        yield f"index {name} is invalid (an interrupted build): REINDEX it"
    for name, table in session.execute(text(
            "SELECT con.conname, cl.relname FROM pg_constraint con "
            "JOIN pg_class cl ON cl.oid = con.conrelid "
            "JOIN pg_namespace n ON n.oid = cl.relnamespace "
            "WHERE n.nspname = current_schema() AND NOT con.convalidated")):
        yield f"constraint {name} on {table} was never validated"
    encoding = session.execute(text("SELECT pg_encoding_to_char(encoding) FROM pg_database "
                                    "WHERE datname = current_database()")).scalar()
    if encoding != "UTF8":
        yield f"the database encoding is {encoding}, not UTF8: names like Łucja or 李 may be lost"


def _postgres_sequences(session: Session) -> Iterable[str]:
    """An id sequence behind its table makes the next insert collide with an old row."""
    from ..models import Base

    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not pk[0].autoincrement or pk[0].type.python_type is not int:
            continue
        seq = session.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                              {"t": table.name, "c": pk[0].name}).scalar()
        if seq is None:
            continue
        last, called = session.execute(text(f"SELECT last_value, is_called FROM {seq}")).one()
        nxt = last + 1 if called else last
        top = session.execute(select(func.max(pk[0]))).scalar()
        if top is not None and nxt <= top:
            yield (f"table {table.name}: the next id ({nxt}) is not past the largest id "
                   f"({top}); new records would collide")


def _postgres_amcheck(session: Session) -> Iterable[str]:
    """B-tree structure checks, when the clinic's administrator installed amcheck."""
    if not session.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'"))\
            .scalar():
        return
    rows = session.execute(text(
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE am.amname = 'btree' AND n.nspname = current_schema() AND i.indisvalid"))
    for (name,) in rows.all():
        try:
            with session.begin_nested():
                session.execute(text("SELECT bt_index_check(CAST(:i AS regclass))"),
                                {"i": name})
        except DBAPIError as exc:
            yield f"index {name} is damaged: {str(exc.orig).splitlines()[0]}"


def _type_problems(table: Any) -> list[tuple[str, str, str]]:
    """(column, SQL that is true when the stored value is not of the column's type, what
    the column holds) for every typed column of ``table`` (storage form as SQLite keeps
    what SQLAlchemy writes)."""
    from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, LargeBinary, String
    from sqlalchemy import Time as TimeType

    out = []
    for col in table.columns:
        if col.primary_key or isinstance(col.type, LargeBinary):
            continue
        c = '"' + col.name.replace('"', '""') + '"'
        kind = col.type
        if isinstance(kind, Boolean):
            bad, what = f"{c} NOT IN (0, 1)", "yes or no"
        elif isinstance(kind, Integer):
            bad, what = f"typeof({c}) != 'integer'", "a whole number"
        elif isinstance(kind, Float):
            bad, what = (f"typeof({c}) NOT IN ('real', 'integer') OR abs({c}) > 1e308",
                         "a finite number")
        elif isinstance(kind, DateTime):
            # the date part through a modifier, which rolls 02-30 over (a bare date()
            # keeps it); the time on its own (the whole value would round its microseconds)
            day, clock = f"substr({c}, 1, 10)", f"substr({c}, 12, 8)"
            bad = (f"date({day}, '+0 days') IS NOT {day} OR "
                   f"(length({c}) > 10 AND time({clock}) IS NOT {clock})")
            what = "a date and time"
        elif isinstance(kind, Date):
            bad, what = f"date({c}, '+0 days') IS NOT {c}", "a date"
        elif isinstance(kind, TimeType):
            bad, what = f"time({c}) IS NOT substr({c}, 1, 8)", "a time of day"
        elif isinstance(kind, JSON):
            bad, what = f"NOT json_valid({c})", "JSON data"
        elif isinstance(kind, String):  # Text is a String
            bad, what = f"typeof({c}) != 'text'", "text"
        else:
            continue
        out.append((col.name, f"({c} IS NOT NULL AND ({bad}))", what))
    return out


@register("stored values")
def _stored_types(session: Session) -> Iterable[str]:
    """Every value of every column is of its column's type (a date is a date, a number a
    finite number, JSON parses): a value written with SQL behind the app's back is named
    here, instead of stopping the checks below (or the app) when it cannot be read."""
    from ..models import Base

    if session.get_bind().dialect.name != "sqlite":
        return
    for table in Base.metadata.sorted_tables:
        columns = _type_problems(table)
        if not columns:
            continue
        name = '"' + table.name.replace('"', '""') + '"'
        flags = ", ".join(sql for _c, sql, _w in columns)
        where = " OR ".join(sql for _c, sql, _w in columns)
        sql = f"SELECT rowid, {flags} FROM {name} WHERE {where} LIMIT 10"  # noqa: S608
        for row in session.execute(text(sql)):
            wrong = [f"{col.replace('_', ' ')} is not {what}"
                     for (col, _s, what), flag in zip(columns, row[1:], strict=True) if flag]
            yield (f"{table.name} row {row[0]}: {'; '.join(wrong)} (changed outside the "
                   "app); correct it or restore the newest backup")


@register("patients")
def _patients(session: Session) -> Iterable[str]:
    """Every patient through the form's own rules, and MRNs unique whatever their case."""
    from .errors import ValidationError
    from .patients import clean_patient, patient_form_values
    from .sessions import sentence

    dupes = session.execute(
        select(func.lower(Patient.mrn), func.count()).group_by(func.lower(Patient.mrn))
        .having(func.count() > 1))
    yield from (f"MRN {m} is used by {n} patients (MRNs are unique whatever their case)"
                for m, n in dupes)
    for patient in session.scalars(select(Patient).order_by(Patient.id)):
        try:
            clean_patient(patient_form_values(patient))
        except ValidationError as exc:
            yield f"patient {patient.id} (MRN {patient.mrn}): {sentence(exc)}"


@register("episodes")
def _episodes(session: Session) -> Iterable[str]:
    """Every episode through the form's own rules (dates, codes, status, discharge)."""
    from .episodes import clean_episode, stored_values
    from .errors import ValidationError
    from .sessions import sentence

    q = (select(Episode, Patient.date_of_birth, Patient.mrn)
         .join(Patient, Patient.id == Episode.patient_id).order_by(Episode.id))
    for ep, dob, mrn in session.execute(q):
        try:
            clean_episode(stored_values(ep), dob)
        except ValidationError as exc:
            yield f"episode {ep.id} (MRN {mrn}): {sentence(exc)}"


def _import_feature_checks() -> None:
    """Service modules register their own checks when imported; import them all."""
    from .. import services

    for info in pkgutil.iter_modules(services.__path__):
        importlib.import_module(f"{services.__name__}.{info.name}")


def _run(session: Session, fn: CheckFn) -> list[str]:
    """One check; a table that cannot be read is a problem to report, not a crash."""
    try:
        return list(fn(session))
    except (DBAPIError, sqlite3.Error) as exc:  # raw DB-API errors: the fast readers' cursors
        session.rollback()
        reason = exc.orig if isinstance(exc, DBAPIError) else exc
        return [f"could not be checked: the database file is damaged ({reason}); "
                f"{RESTORE_HINT}"]
    except (ValueError, TypeError, OverflowError) as exc:  # a value the ORM cannot read
        session.rollback()
        log.error("a check could not read a stored value: %s", type(exc).__name__)
        return ["could not be checked: a stored value cannot be read as what its column "
                f"holds ({type(exc).__name__}; see 'stored values' above); {RESTORE_HINT}"]


# SQLite's own page and foreign-key checks are C code that releases the GIL: on a database
# file they run on a connection of their own in a thread, beside the app's rules checked in
# Python (on two cores the 10-year clinic's integrity check then costs no extra time).
ALONGSIDE = ("sqlite integrity", "foreign keys", "stored values")


def run_checks(session: Session) -> list[CheckResult]:
    _import_feature_checks()
    engine = session.get_bind()
    url = getattr(engine, "url", None)
    alone = (engine.dialect.name == "sqlite" and url is not None
             and url.database not in (None, "", ":memory:"))
    found: dict[int, list[str]] = {}
    with ThreadPoolExecutor(max_workers=1) as pool:
        ahead = {i: pool.submit(_run_alone, engine, fn) for i, (name, fn) in
                 enumerate(_REGISTRY) if alone and name in ALONGSIDE}
        for i, (_name, fn) in enumerate(_REGISTRY):
            if i not in ahead:
                found[i] = _run(session, fn)
        for i, future in ahead.items():
            found[i] = future.result()
    return [CheckResult(name, found[i]) for i, (name, _fn) in enumerate(_REGISTRY)]


def _run_alone(engine: Any, fn: CheckFn) -> list[str]:
    """One check on its own session and connection (for a worker thread)."""
    with Session(engine) as s:
        return _run(s, fn)
