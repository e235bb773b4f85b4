"""Radiation sources (natural key make + serial number), their DSA status history, leak tests
and disposal.

Sources are never deleted: they are disposed with a record (date, how, receipt) and keep
their history. Every change has an audit entry with the actor; every DSA status a source has
had is in ``radiation_source_status``. ``prepare_source`` checks an input with the domain's
rules (the importer's path too); ``upsert_sources`` is the bulk path (one audit entry).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from vernetool.db import audit
from vernetool.db.connection import atomic
from vernetool.db.radiation.common import (
    LEAK_TEST,
    NOW_SQL,
    SOURCE,
    iso,
    like_clauses,
    nocase,
    room_labels,
    search_words,
    to_date,
)
from vernetool.domain.errors import ValidationError
from vernetool.domain.radiation.model import (
    LeakTest,
    LeakTestInput,
    Source,
    SourceDisposal,
    SourceInput,
    SourceStatusChange,
)
from vernetool.domain.radiation.sources import (
    DsaStatus,
    LaserClass,
    NotifiableReason,
    SourceKind,
    check_laser_class,
    check_leak_test_interval,
    needs_leak_test,
    needs_nuclide,
    next_leak_test,
    notifiability,
    parse_dsa_status,
    parse_laser_class,
    parse_source_kind,
)


def _text(value: str) -> str:
    return " ".join(str(value).split())


@dataclass(frozen=True)
class PreparedSource:
    """A source checked and normalised, as the table stores it."""

    kind: SourceKind
    name: str
    nuclide: str
    activity: str
    activity_unit: str
    activity_bq: float | None
    reference_date: dt.date | None
    make: str
    model: str
    serial_number: str
    technical_specification: str
    year: int | None
    dealer: str
    use: str
    laser_class: LaserClass | None
    room_id: int | None
    responsible_id: int | None
    responsible: str
    location: str
    dsa_id: str
    dsa_status: DsaStatus | None
    notifiable: bool | None
    notifiable_stated: bool | None
    notifiable_reason: NotifiableReason
    leak_test_last: dt.date | None
    leak_test_interval_months: int | None
    leak_test_next_due: dt.date | None
    waste_pickup_on: dt.date | None
    notes: str
    status_changed_on: dt.date | None = None

    def values(self) -> tuple[object, ...]:
        """In the order of ``COLUMNS`` (without the search text)."""
        return (self.kind.value, self.name, self.nuclide, self.activity, self.activity_unit,
                self.activity_bq, iso(self.reference_date), self.make, self.model,
                self.serial_number, self.technical_specification, self.year, self.dealer,
                self.use, self.laser_class.value if self.laser_class else "", self.room_id,
                self.responsible_id, self.responsible, self.location, self.dsa_id,
                self.dsa_status.value if self.dsa_status else "", _flag(self.notifiable),
                _flag(self.notifiable_stated), self.notifiable_reason.value,
                iso(self.leak_test_last), self.leak_test_interval_months,
                iso(self.leak_test_next_due), iso(self.waste_pickup_on), self.notes)

    def details(self) -> dict[str, object]:
        """What the audit trail keeps of a change."""
        return {name: value for name, value in zip(_NAMES, self.values(), strict=True)
                if value not in ("", None)}


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _bool(value: object) -> bool | None:
    return None if value is None else bool(value)


COLUMNS = ("kind, name, nuclide, activity, activity_unit, activity_bq, reference_date, make, "
           "model, serial_number, technical_specification, year, dealer, use, laser_class, "
           "room_id, responsible_id, responsible, location, dsa_id, dsa_status, notifiable, "
           "notifiable_stated, notifiable_reason, leak_test_last, leak_test_interval_months, "
           "leak_test_next_due, waste_pickup_on, notes")
_NAMES = tuple(c.strip() for c in COLUMNS.split(","))


def prepare_source(inp: SourceInput) -> PreparedSource:
    """``inp`` checked with the domain's rules and normalised (``ValidationError`` with the
    field otherwise): nuclide spelling, activity and unit (in Bq at the reference date),
    laser class, notifiability and its reason, the leak-test due date."""
    from vernetool.domain.radiation.activity import parse_activity
    from vernetool.domain.radiation.nuclides import normalise_nuclide

    kind = inp.kind if isinstance(inp.kind, SourceKind) else parse_source_kind(str(inp.kind))
    laser_class = inp.laser_class
    if laser_class is not None and not isinstance(laser_class, LaserClass):
        laser_class = parse_laser_class(str(laser_class))
    check_laser_class(kind, laser_class)
    status = inp.dsa_status
    if status is not None and not isinstance(status, DsaStatus):
        status = parse_dsa_status(str(status))
    nuclide = normalise_nuclide(inp.nuclide) if inp.nuclide.strip() else ""
    has_activity = inp.activity is not None and str(inp.activity).strip() != ""
    if needs_nuclide(kind) and not nuclide:
        raise ValidationError("source.nuclide_required", "nuclide")
    if has_activity and not nuclide:
        raise ValidationError("source.nuclide_required", "nuclide")
    activity, unit, bq = "", "", None
    if has_activity:
        assert inp.activity is not None
        stated = parse_activity(inp.activity, inp.activity_unit or None)
        if inp.reference_date is None:
            raise ValidationError("source.reference_date_required", "reference_date")
        activity, unit, bq = _decimal_text(stated.value), stated.unit, stated.bq
    if inp.year is not None and not 1850 <= inp.year <= 2200:
        raise ValidationError("source.year_invalid", "year", year=inp.year)
    interval = inp.leak_test_interval_months
    if (inp.leak_test_last is not None or interval is not None) and not needs_leak_test(kind):
        raise ValidationError("source.leak_test_not_sealed", "leak_test_last", kind=kind.value)
    if interval is not None:
        check_leak_test_interval(interval)
    next_due = (next_leak_test(inp.leak_test_last, interval)
                if inp.leak_test_last is not None and interval is not None else None)
    if inp.waste_pickup_on is not None and kind is not SourceKind.OPEN_SOURCE:
        raise ValidationError("source.pickup_not_open", "waste_pickup_on", kind=kind.value)
    rule = notifiability(kind, laser_class, inp.notifiable)
    return PreparedSource(
        kind=kind, name=_text(inp.name), nuclide=nuclide, activity=activity,
        activity_unit=unit, activity_bq=bq, reference_date=inp.reference_date,
        make=_text(inp.make), model=_text(inp.model), serial_number=_text(inp.serial_number),
        technical_specification=inp.technical_specification.strip(), year=inp.year,
        dealer=_text(inp.dealer), use=inp.use.strip(), laser_class=laser_class,
        room_id=inp.room_id, responsible_id=inp.responsible_id,
        responsible=_text(inp.responsible), location=_text(inp.location),
        dsa_id=_text(inp.dsa_id), dsa_status=status, notifiable=rule.notifiable,
        notifiable_stated=inp.notifiable, notifiable_reason=rule.reason,
        leak_test_last=inp.leak_test_last, leak_test_interval_months=interval,
        leak_test_next_due=next_due, waste_pickup_on=inp.waste_pickup_on,
        notes=inp.notes.strip(), status_changed_on=inp.status_changed_on)


def _decimal_text(value: Decimal) -> str:
    """The stated number without an exponent or trailing zeros (``3.7E+10`` → ``37000000000``)."""
    text = format(value.normalize(), "f")
    return text


# -- reading --------------------------------------------------------------------------------

SELECT = (
    "SELECT s.*, CASE WHEN s.room_id IS NULL THEN '' ELSE "
    "(SELECT b.code || ':' || r.number FROM room r JOIN building b ON b.id = r.building_id "
    " WHERE r.id = s.room_id) END AS room_label, "
    "(SELECT p.name FROM person p WHERE p.id = s.responsible_id) AS responsible_name "
    "FROM radiation_source s "
)


def source(row: sqlite3.Row) -> Source:
    disposed_on = to_date(row["disposed_on"])
    return Source(
        id=row["id"], kind=SourceKind(row["kind"]), nuclide=row["nuclide"],
        activity=Decimal(row["activity"]) if row["activity"] else None,
        activity_unit=row["activity_unit"], activity_bq=row["activity_bq"],
        reference_date=to_date(row["reference_date"]), make=row["make"], model=row["model"],
        serial_number=row["serial_number"],
        technical_specification=row["technical_specification"], year=row["year"],
        dealer=row["dealer"], use=row["use"],
        laser_class=LaserClass(row["laser_class"]) if row["laser_class"] else None,
        room_id=row["room_id"], room_label=row["room_label"] or "",
        responsible_id=row["responsible_id"],
        responsible=row["responsible_name"] or row["responsible"],
        location=row["location"], dsa_id=row["dsa_id"],
        dsa_status=DsaStatus(row["dsa_status"]) if row["dsa_status"] else None,
        notifiable=_bool(row["notifiable"]), notifiable_stated=_bool(row["notifiable_stated"]),
        notifiable_reason=NotifiableReason(row["notifiable_reason"]),
        disposal=(SourceDisposal(disposed_on, row["disposal_method"], row["disposal_receipt"])
                  if disposed_on is not None else None),
        leak_test_last=to_date(row["leak_test_last"]),
        leak_test_interval_months=row["leak_test_interval_months"],
        leak_test_next_due=to_date(row["leak_test_next_due"]),
        waste_pickup_on=to_date(row["waste_pickup_on"]), name=row["name"], notes=row["notes"],
        created_at=row["created_at"], updated_at=row["updated_at"])


def get_source(conn: sqlite3.Connection, source_id: int) -> Source | None:
    row = conn.execute(f"{SELECT} WHERE s.id = ?", (source_id,)).fetchone()
    return source(row) if row else None


def require_source(conn: sqlite3.Connection, source_id: int) -> Source:
    found = get_source(conn, source_id)
    if found is None:
        raise ValidationError("source.no_such_id", "source", source_id=source_id)
    return found


@dataclass(frozen=True)
class SourceFilter:
    """What the register shows: words to find (all of them, anywhere in the source's text),
    a room, kinds, disposed sources or not."""

    text: str = ""
    room_id: int | None = None
    kinds: tuple[SourceKind, ...] = ()
    include_disposed: bool = False
    sealed_only: bool = False


def list_sources(conn: sqlite3.Connection, flt: SourceFilter = SourceFilter()) -> list[Source]:
    clauses, params = like_clauses("s.search_text", flt.text)
    if flt.room_id is not None:
        clauses.append("s.room_id = ?")
        params.append(flt.room_id)
    kinds = flt.kinds or ((SourceKind.SEALED_SOURCE,) if flt.sealed_only else ())
    if kinds:
        clauses.append(f"s.kind IN ({','.join('?' * len(kinds))})")
        params.extend(k.value for k in kinds)
    if not flt.include_disposed:
        clauses.append("s.disposed_on IS NULL")
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(f"{SELECT}{where} ORDER BY s.kind, s.nuclide, s.make, s.model, "
                        "s.serial_number, s.id", params).fetchall()
    return [source(r) for r in rows]


def find_source(conn: sqlite3.Connection, make: str, serial_number: str) -> int | None:
    """The source with this make + serial number (the natural key; case as NOCASE folds)."""
    if not serial_number.strip():
        return None
    row = conn.execute("SELECT id FROM radiation_source WHERE make = ? AND serial_number = ? "
                       "AND serial_number <> ''",
                       (_text(make), _text(serial_number))).fetchone()
    return None if row is None else int(row[0])


def find_by_dsa_id(conn: sqlite3.Connection, dsa_id: str) -> int | None:
    if not dsa_id.strip():
        return None
    row = conn.execute("SELECT id FROM radiation_source WHERE dsa_id = ? AND dsa_id <> ''",
                       (_text(dsa_id),)).fetchone()
    return None if row is None else int(row[0])


def status_history(conn: sqlite3.Connection, source_id: int) -> list[SourceStatusChange]:
    """Every DSA status the source has had, oldest first."""
    rows = conn.execute("SELECT * FROM radiation_source_status WHERE source_id = ? "
                        "ORDER BY changed_on, id", (source_id,)).fetchall()
    return [SourceStatusChange(r["id"], r["source_id"], DsaStatus(r["status"]),
                               dt.date.fromisoformat(r["changed_on"]), r["note"],
                               r["recorded_at"], r["recorded_by"]) for r in rows]


def leak_tests(conn: sqlite3.Connection, source_id: int) -> list[LeakTest]:
    """The source's leak tests, oldest first."""
    rows = conn.execute("SELECT * FROM radiation_leak_test WHERE source_id = ? "
                        "ORDER BY tested_on, id", (source_id,)).fetchall()
    return [LeakTest(r["id"], r["source_id"], dt.date.fromisoformat(r["tested_on"]),
                     bool(r["passed"]), r["tested_by"], r["result"], r["note"],
                     r["recorded_at"], r["recorded_by"]) for r in rows]


# -- writing --------------------------------------------------------------------------------

def _context(conn: sqlite3.Connection, prep: PreparedSource) -> tuple[str, str]:
    """(the room's label, the responsible person's name), refusing unknown ids."""
    label = ""
    if prep.room_id is not None:
        found = room_labels(conn, {prep.room_id}).get(prep.room_id)
        if found is None:
            raise ValidationError("room.no_such_id", "room", room_id=prep.room_id)
        label = found
    name = ""
    if prep.responsible_id is not None:
        row = conn.execute("SELECT name FROM person WHERE id = ?",
                           (prep.responsible_id,)).fetchone()
        if row is None:
            raise ValidationError("person.no_such_id", "responsible",
                                  person_id=prep.responsible_id)
        name = str(row[0])
    return label, name


def _search(prep: PreparedSource, label: str, person: str) -> str:
    return search_words(prep.kind.value, prep.name, prep.nuclide, prep.make, prep.model,
                        prep.serial_number, prep.dsa_id, label, prep.location,
                        person or prep.responsible, prep.use, prep.dealer,
                        prep.laser_class.value if prep.laser_class else "")


def _clash(conn: sqlite3.Connection, prep: PreparedSource, source_id: int | None) -> None:
    found = find_source(conn, prep.make, prep.serial_number)
    if found is not None and found != source_id:
        raise ValidationError("source.exists", "serial_number", make=prep.make,
                              serial_number=prep.serial_number, source_id=found)
    found = find_by_dsa_id(conn, prep.dsa_id)
    if found is not None and found != source_id:
        raise ValidationError("source.dsa_id_exists", "dsa_id", dsa_id=prep.dsa_id,
                              source_id=found)


def _add_status(conn: sqlite3.Connection, source_id: int, status: DsaStatus, on: dt.date,
                note: str, actor: str) -> None:
    conn.execute("INSERT INTO radiation_source_status (source_id, status, changed_on, note, "
                 "recorded_by) VALUES (?, ?, ?, ?, ?)",
                 (source_id, status.value, on.isoformat(), note.strip(), actor))


def _current_status(conn: sqlite3.Connection, source_id: int) -> str:
    """The status recorded last ('' without one)."""
    row = conn.execute("SELECT status FROM radiation_source_status WHERE source_id = ? "
                       "ORDER BY id DESC LIMIT 1", (source_id,)).fetchone()
    return "" if row is None else str(row[0])


_MARKS = ", ".join("?" * (len(_NAMES) + 1))


def insert_source(conn: sqlite3.Connection, prep: PreparedSource, *, actor: str,
                  today: dt.date | None = None) -> int:
    """A new source; another with the same make + serial number (or DSA id) is refused. A
    DSA status starts the history (dated ``status_changed_on``, else ``today``)."""
    with atomic(conn):
        label, person = _context(conn, prep)
        _clash(conn, prep, None)
        cur = conn.execute(f"INSERT INTO radiation_source ({COLUMNS}, search_text) "
                           f"VALUES ({_MARKS})", (*prep.values(), _search(prep, label, person)))
        source_id = int(cur.lastrowid or 0)
        if prep.dsa_status is not None:
            _add_status(conn, source_id, prep.dsa_status,
                        prep.status_changed_on or today or dt.date.today(), "", actor)
        audit.record(conn, actor, SOURCE, source_id, "create", prep.details())
    return source_id


def update_source(conn: sqlite3.Connection, source_id: int, prep: PreparedSource, *,
                  actor: str, today: dt.date | None = None) -> bool:
    """Change a source; a new DSA status goes into the history (an empty one keeps the
    current). The disposal record is not touched here. False: nothing changed."""
    with atomic(conn):
        current = require_source(conn, source_id)
        if prep.dsa_status is None and current.dsa_status is not None:
            prep = replace(prep, dsa_status=current.dsa_status)
        label, person = _context(conn, prep)
        _clash(conn, prep, source_id)
        sets = ", ".join(f"{c} = ?{i + 1}" for i, c in enumerate((*_NAMES, "search_text")))
        differs = " OR ".join(f"{c} IS NOT ?{i + 1}"
                              for i, c in enumerate((*_NAMES, "search_text")))
        params = [*prep.values(), _search(prep, label, person)]
        cur = conn.execute(f"UPDATE radiation_source SET {sets}, updated_at = {NOW_SQL} "
                           f"WHERE id = ?{len(params) + 1} AND ({differs})",
                           [*params, source_id])
        if (prep.dsa_status is not None
                and prep.dsa_status.value != _current_status(conn, source_id)):
            _add_status(conn, source_id, prep.dsa_status,
                        prep.status_changed_on or today or dt.date.today(), "", actor)
        if cur.rowcount:
            audit.record(conn, actor, SOURCE, source_id, "update", prep.details())
    return bool(cur.rowcount)


def record_status(conn: sqlite3.Connection, source_id: int, status: DsaStatus, on: dt.date,
                  note: str = "", *, actor: str) -> None:
    """A DSA status change on ``on``, kept in the history (shown by date); it becomes the
    source's status, also when it is entered late with an earlier date."""
    with atomic(conn):
        require_source(conn, source_id)
        _add_status(conn, source_id, DsaStatus(status), on, note, actor)
        conn.execute(f"UPDATE radiation_source SET dsa_status = ?, updated_at = {NOW_SQL} "
                     "WHERE id = ?", (DsaStatus(status).value, source_id))
        audit.record(conn, actor, SOURCE, source_id, "status",
                     {"status": DsaStatus(status).value, "on": on.isoformat(),
                      **({"note": note.strip()} if note.strip() else {})})


def add_leak_test(conn: sqlite3.Connection, inp: LeakTestInput, *, actor: str) -> int:
    """A leak test of a sealed source; the schedule follows the latest test."""
    with atomic(conn):
        current = require_source(conn, inp.source_id)
        if not needs_leak_test(current.kind):
            raise ValidationError("source.leak_test_not_sealed", "source",
                                  kind=current.kind.value)
        cur = conn.execute(
            "INSERT INTO radiation_leak_test (source_id, tested_on, passed, tested_by, result, "
            "note, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (inp.source_id, inp.tested_on.isoformat(), int(inp.passed), _text(inp.tested_by),
             inp.result.strip(), inp.note.strip(), actor))
        test_id = int(cur.lastrowid or 0)
        last = max(d for d in (current.leak_test_last, inp.tested_on) if d is not None)
        interval = current.leak_test_interval_months
        due = next_leak_test(last, interval) if interval is not None else None
        conn.execute(f"UPDATE radiation_source SET leak_test_last = ?, leak_test_next_due = ?, "
                     f"updated_at = {NOW_SQL} WHERE id = ?",
                     (last.isoformat(), iso(due), inp.source_id))
        audit.record(conn, actor, LEAK_TEST, test_id, "create",
                     {"source_id": inp.source_id, "tested_on": inp.tested_on.isoformat(),
                      "passed": inp.passed, "result": inp.result.strip()})
    return test_id


def dispose_source(conn: sqlite3.Connection, source_id: int, disposal: SourceDisposal,
                   status: DsaStatus | None = None, *, actor: str) -> None:
    """Record the source's disposal (it stays in the register with its history); ``status``
    (sold, condemned, deposited, returned …) goes into the DSA status history on that date."""
    with atomic(conn):
        current = require_source(conn, source_id)
        if current.disposal is not None:
            raise ValidationError("source.already_disposed", "disposed_on",
                                  on=current.disposal.disposed_on.isoformat())
        conn.execute(f"UPDATE radiation_source SET disposed_on = ?, disposal_method = ?, "
                     f"disposal_receipt = ?, updated_at = {NOW_SQL} WHERE id = ?",
                     (disposal.disposed_on.isoformat(), disposal.method.strip(),
                      disposal.receipt.strip(), source_id))
        if status is not None:
            record_status(conn, source_id, status, disposal.disposed_on, disposal.method,
                          actor=actor)
        audit.record(conn, actor, SOURCE, source_id, "dispose",
                     {"disposed_on": disposal.disposed_on.isoformat(),
                      "method": disposal.method.strip(), "receipt": disposal.receipt.strip(),
                      **({"status": status.value} if status is not None else {})})


# -- the importer's path ----------------------------------------------------------------------

def _same_source(conn: sqlite3.Connection, prep: PreparedSource) -> int | None:
    """The stored source an import row names again: by make + serial number, else by DSA id,
    else (no serial, no DSA id) by kind, nuclide, make, model, reference date and room."""
    found = find_source(conn, prep.make, prep.serial_number)
    if found is None and not prep.serial_number:
        found = find_by_dsa_id(conn, prep.dsa_id)
    if found is None and not prep.serial_number and not prep.dsa_id:
        row = conn.execute(
            "SELECT id FROM radiation_source WHERE serial_number = '' AND dsa_id = '' "
            "AND kind = ? AND nuclide = ? AND make = ? AND model = ? AND reference_date IS ? "
            "AND room_id IS ? ORDER BY id LIMIT 1",
            (prep.kind.value, prep.nuclide, prep.make, prep.model, iso(prep.reference_date),
             prep.room_id)).fetchone()
        found = None if row is None else int(row[0])
    return found


def upsert_sources(conn: sqlite3.Connection, items: Sequence[PreparedSource], *, actor: str,
                   today: dt.date | None = None) -> tuple[list[int], int]:
    """Insert or update many sources on their natural key (an import): (the id of each item,
    how many sources changed). A source whose values are the same is not touched; a new DSA
    status goes into the history. One audit entry for the batch; all or nothing."""
    ids: list[int] = []
    changed = 0
    if not items:
        return ids, 0
    with atomic(conn):
        for prep in items:
            found = _same_source(conn, prep)
            if found is None:
                ids.append(_insert_quiet(conn, prep, actor, today))
                changed += 1
            else:
                ids.append(found)
                changed += _update_quiet(conn, found, prep, actor, today)
        if changed:
            audit.record(conn, actor, SOURCE, None, "import",
                         {"sources": len(items), "changed": changed})
    return ids, changed


def _insert_quiet(conn: sqlite3.Connection, prep: PreparedSource, actor: str,
                  today: dt.date | None) -> int:
    label, person = _context(conn, prep)
    _clash(conn, prep, None)
    cur = conn.execute(f"INSERT INTO radiation_source ({COLUMNS}, search_text) "
                       f"VALUES ({_MARKS})", (*prep.values(), _search(prep, label, person)))
    source_id = int(cur.lastrowid or 0)
    if prep.dsa_status is not None:
        _add_status(conn, source_id, prep.dsa_status,
                    prep.status_changed_on or today or dt.date.today(), "", actor)
    return source_id


def _update_quiet(conn: sqlite3.Connection, source_id: int, prep: PreparedSource, actor: str,
                  today: dt.date | None) -> bool:
    current = conn.execute("SELECT dsa_status, make, serial_number FROM radiation_source "
                           "WHERE id = ?", (source_id,)).fetchone()
    if prep.dsa_status is None and current["dsa_status"]:
        prep = replace(prep, dsa_status=DsaStatus(current["dsa_status"]))
    if nocase(current["make"]) == nocase(prep.make):   # keep the first spelling of the key
        prep = replace(prep, make=current["make"])
    label, person = _context(conn, prep)
    _clash(conn, prep, source_id)
    names = (*_NAMES, "search_text")
    sets = ", ".join(f"{c} = ?{i + 1}" for i, c in enumerate(names))
    differs = " OR ".join(f"{c} IS NOT ?{i + 1}" for i, c in enumerate(names))
    params = [*prep.values(), _search(prep, label, person)]
    cur = conn.execute(f"UPDATE radiation_source SET {sets}, updated_at = {NOW_SQL} "
                       f"WHERE id = ?{len(params) + 1} AND ({differs})", [*params, source_id])
    if prep.dsa_status is not None and prep.dsa_status.value != _current_status(conn, source_id):
        _add_status(conn, source_id, prep.dsa_status,
                    prep.status_changed_on or today or dt.date.today(), "import", actor)
    return bool(cur.rowcount)
