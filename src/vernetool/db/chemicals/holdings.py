"""Holdings: a product in a room's storage place (natural key product + room + place).

Holdings are never deleted: they are disposed with a date. Every change leaves the previous
state in ``chemical_holding_history`` (the schema's trigger) and an audit entry with the
actor. ``upsert_holdings`` is the bulk path (executemany, one audit entry);
``upsert_checked_holdings`` the importer's, for rows it has checked already.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

from vernetool.db import audit
from vernetool.db.chemicals.common import (
    HOLDING,
    NOW_SQL,
    iso,
    nocase,
    room_labels,
    to_date,
)
from vernetool.db.chemicals.holdings_search import holding_text, location_words
from vernetool.db.connection import atomic
from vernetool.domain.chemicals.model import Holding, HoldingInput, HoldingState, HoldingStatus
from vernetool.domain.errors import ValidationError

# The columns a Holding is read from; the statements' H codes of a page's products come from
# a correlated subquery (indexed on chemical_statement's primary key), once per row shown.
SELECT = (
    "SELECT h.id, h.product_id, p.name AS product_name, p.supplier, h.room_id, "
    "b.code || ':' || r.number AS room_label, h.place, h.quantity, h.unit, h.containers, "
    "h.status, h.disposed_on, p.pictograms, p.exposure_register, h.updated_at, "
    "(SELECT group_concat(code, ',') FROM (SELECT code FROM chemical_statement s "
    " WHERE s.product_id = h.product_id AND s.kind = 'H' ORDER BY s.position)) AS codes "
    "FROM chemical_holding h JOIN chemical_product p ON p.id = h.product_id "
    "JOIN room r ON r.id = h.room_id JOIN building b ON b.id = r.building_id "
)


def holding(row: sqlite3.Row) -> Holding:
    return Holding(
        id=row["id"], product_id=row["product_id"], product_name=row["product_name"],
        supplier=row["supplier"], room_id=row["room_id"], room_label=row["room_label"],
        place=row["place"], quantity=row["quantity"], unit=row["unit"],
        containers=row["containers"], status=HoldingStatus(row["status"]),
        disposed_on=to_date(row["disposed_on"]),
        pictograms=tuple(p for p in row["pictograms"].split(",") if p),
        exposure_register=bool(row["exposure_register"]),
        hazard_codes=tuple(c for c in (row["codes"] or "").split(",") if c),
        updated_at=row["updated_at"])


def get_holding(conn: sqlite3.Connection, holding_id: int) -> Holding | None:
    row = conn.execute(f"{SELECT} WHERE h.id = ?", (holding_id,)).fetchone()
    return holding(row) if row else None


def require_holding(conn: sqlite3.Connection, holding_id: int) -> Holding:
    found = get_holding(conn, holding_id)
    if found is None:
        raise ValidationError("holding.no_such_id", "holding", holding_id=holding_id)
    return found


def holdings_of_product(conn: sqlite3.Connection, product_id: int, *,
                        include_disposed: bool = True) -> list[Holding]:
    status = "" if include_disposed else " AND h.status = 'in_use'"
    rows = conn.execute(f"{SELECT} WHERE h.product_id = ?{status} "
                        "ORDER BY b.code, r.number, h.place, h.id", (product_id,)).fetchall()
    return [holding(r) for r in rows]


def room_holdings(conn: sqlite3.Connection, room_id: int, *, include_disposed: bool = False,
                  place: str | None = None) -> list[Holding]:
    """The room's holdings by storage place and product name (one place when named)."""
    sql = f"{SELECT} WHERE h.room_id = ?"
    params: list[object] = [room_id]
    if not include_disposed:
        sql += " AND h.status = 'in_use'"
    if place is not None:
        sql += " AND h.place = ?"
        params.append(place.strip())
    rows = conn.execute(f"{sql} ORDER BY h.place, p.name, p.supplier, h.id", params).fetchall()
    return [holding(r) for r in rows]


def storage_places(conn: sqlite3.Connection, room_id: int) -> list[str]:
    """The room's storage places with products in use, in order."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT place FROM chemical_holding WHERE room_id = ? AND status = 'in_use' "
        "ORDER BY place", (room_id,))]


def holding_history(conn: sqlite3.Connection, holding_id: int) -> list[HoldingState]:
    """The holding's previous states, oldest first."""
    rows = conn.execute(
        "SELECT hh.*, b.code || ':' || r.number AS room_label FROM chemical_holding_history hh "
        "LEFT JOIN room r ON r.id = hh.room_id LEFT JOIN building b ON b.id = r.building_id "
        "WHERE hh.holding_id = ? ORDER BY hh.id", (holding_id,)).fetchall()
    return [HoldingState(r["changed_at"], r["room_id"], r["room_label"] or "", r["place"],
                         r["quantity"], r["unit"], r["containers"], HoldingStatus(r["status"]),
                         to_date(r["disposed_on"])) for r in rows]


# -- writing -------------------------------------------------------------------------------

def _checked(inp: HoldingInput, units: dict[str, str] | None = None) -> HoldingInput:
    from vernetool.domain.chemicals.quantities import normalise_unit

    if inp.quantity is not None and inp.quantity < 0:
        raise ValidationError("holding.quantity_negative", "quantity")
    if inp.containers is not None and inp.containers < 0:
        raise ValidationError("holding.containers_negative", "containers")
    status = HoldingStatus(inp.status)
    disposed_on = inp.disposed_on if status is HoldingStatus.DISPOSED else None
    if status is HoldingStatus.DISPOSED and disposed_on is None:
        raise ValidationError("holding.disposed_date_missing", "disposed_on")
    unit = units.get(inp.unit) if units is not None else None
    if unit is None:
        unit = normalise_unit(inp.unit) if inp.unit.strip() else ""
        if units is not None:
            units[inp.unit] = unit
    return HoldingInput(inp.product_id, inp.room_id, " ".join(inp.place.split()),
                        inp.quantity, unit, inp.containers, status, disposed_on)


def _context(conn: sqlite3.Connection, inp: HoldingInput) -> tuple[str, str]:
    """(the product's search text, the room's label), refusing an unknown one."""
    product = conn.execute("SELECT search_text FROM chemical_product WHERE id = ?",
                           (inp.product_id,)).fetchone()
    if product is None:
        raise ValidationError("chemical.no_such_id", "product", product_id=inp.product_id)
    label = room_labels(conn, {inp.room_id}).get(inp.room_id)
    if label is None:
        raise ValidationError("room.no_such_id", "room", room_id=inp.room_id)
    return str(product[0]), label


def _values(inp: HoldingInput, search: str) -> tuple[object, ...]:
    return (inp.product_id, inp.room_id, inp.place, inp.quantity, inp.unit, inp.containers,
            inp.status.value, iso(inp.disposed_on), search)


def _details(inp: HoldingInput, label: str) -> dict[str, object]:
    return {"product_id": inp.product_id, "room": label, "place": inp.place,
            "quantity": inp.quantity, "unit": inp.unit, "containers": inp.containers,
            "status": inp.status.value, "disposed_on": iso(inp.disposed_on)}


def _clash(conn: sqlite3.Connection, inp: HoldingInput, holding_id: int | None,
           label: str) -> None:
    row = conn.execute("SELECT id FROM chemical_holding WHERE product_id = ? AND room_id = ? "
                       "AND place = ?", (inp.product_id, inp.room_id, inp.place)).fetchone()
    if row is not None and row[0] != holding_id:
        raise ValidationError("holding.exists", "place", room=label, place=inp.place,
                              holding_id=int(row[0]))


def add_holding(conn: sqlite3.Connection, inp: HoldingInput, *, actor: str) -> int:
    """A new holding; one already on the same product + room + place is refused."""
    inp = _checked(inp)
    with atomic(conn):
        product_search, label = _context(conn, inp)
        _clash(conn, inp, None, label)
        cur = conn.execute(
            "INSERT INTO chemical_holding (product_id, room_id, place, quantity, unit, "
            "containers, status, disposed_on, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _values(inp, holding_text(product_search, label, inp.place)))
        holding_id = int(cur.lastrowid or 0)
        audit.record(conn, actor, HOLDING, holding_id, "create", _details(inp, label))
    return holding_id


def update_holding(conn: sqlite3.Connection, holding_id: int, inp: HoldingInput, *,
                   actor: str) -> bool:
    """Change a holding (its previous state goes to the history); False when nothing changed."""
    inp = _checked(inp)
    with atomic(conn):
        require_holding(conn, holding_id)
        product_search, label = _context(conn, inp)
        _clash(conn, inp, holding_id, label)
        cur = conn.execute(
            "UPDATE chemical_holding SET product_id = ?, room_id = ?, place = ?, quantity = ?, "
            "unit = ?, containers = ?, status = ?, disposed_on = ?, search_text = ?, "
            f"updated_at = {NOW_SQL} WHERE id = ? AND (product_id IS NOT ?1 OR room_id IS NOT ?2 "
            "OR place IS NOT ?3 OR quantity IS NOT ?4 OR unit IS NOT ?5 "
            "OR containers IS NOT ?6 OR status IS NOT ?7 OR disposed_on IS NOT ?8 "
            "OR search_text IS NOT ?9)",
            (*_values(inp, holding_text(product_search, label, inp.place)), holding_id))
        if cur.rowcount:
            audit.record(conn, actor, HOLDING, holding_id, "update", _details(inp, label))
    return bool(cur.rowcount)


def dispose_holding(conn: sqlite3.Connection, holding_id: int, on: dt.date, *,
                    actor: str) -> None:
    """Mark the holding disposed on ``on`` (it stays in the register, with its history)."""
    with atomic(conn):
        current = require_holding(conn, holding_id)
        if current.status is HoldingStatus.DISPOSED:
            raise ValidationError("holding.already_disposed", "status",
                                  on=iso(current.disposed_on))
        conn.execute(f"UPDATE chemical_holding SET status = 'disposed', disposed_on = ?, "
                     f"updated_at = {NOW_SQL} WHERE id = ?", (on.isoformat(), holding_id))
        audit.record(conn, actor, HOLDING, holding_id, "dispose", {"disposed_on": on.isoformat()})


#: The register's search index (migration 6), word for word: a large import drops it and
#: builds it again inside its transaction, because inserting 50,000 random search texts into
#: the index one by one costs two to three times what sorting them once does (measured:
#: 2.6-3.2 s against 1.0-1.2 s + 0.2 s on 50,000 holdings). A rollback restores it.
SEARCH_INDEX = "chemical_holding_search"
SEARCH_INDEX_SQL = (f"CREATE INDEX {SEARCH_INDEX} ON chemical_holding(status, search_text)")
REBUILD_SEARCH_INDEX_FROM = 5000


#: A holding row as ``upsert_checked_holdings`` takes it: (product id, room id, place,
#: quantity, unit, containers, status value, disposed_on as ISO text or None), every value
#: already as ``add_holding`` would store it (see ``checked_row``).
CheckedHolding = tuple[int, int, str, float | None, str, int | None, str, str | None]


def checked_row(inp: HoldingInput, units: dict[str, str] | None = None) -> CheckedHolding:
    """One holding checked as ``add_holding`` checks it, as ``upsert_checked_holdings``
    takes it (raises ``ValidationError``); ``units`` remembers the units' normal forms."""
    inp = _checked(inp, units)
    return (inp.product_id, inp.room_id, inp.place, inp.quantity, inp.unit, inp.containers,
            inp.status.value, iso(inp.disposed_on))


def upsert_holdings(conn: sqlite3.Connection, items: Sequence[HoldingInput], *,
                    actor: str) -> int:
    """Insert or update many holdings on their natural key (an import); how many changed.

    ``items`` must name existing products and rooms; values are checked as ``add_holding``
    checks them. A holding whose values are the same is not touched (no history, no
    ``updated_at``), so writing the same items again changes nothing. One audit entry for
    the batch."""
    if not items:
        return 0
    units: dict[str, str] = {}  # an import repeats a few units: each normalised once
    return upsert_checked_holdings(conn, [checked_row(inp, units) for inp in items],
                                   actor=actor)


_INSERT = ("INSERT INTO chemical_holding (product_id, room_id, place, quantity, unit, "
           "containers, status, disposed_on, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
_UPDATE = ("UPDATE chemical_holding SET quantity = ?1, unit = ?2, containers = ?3, "
           f"status = ?4, disposed_on = ?5, search_text = ?6, updated_at = {NOW_SQL} "
           "WHERE id = ?7 AND (quantity IS NOT ?1 OR unit IS NOT ?2 OR containers IS NOT ?3 "
           "OR status IS NOT ?4 OR disposed_on IS NOT ?5 OR search_text IS NOT ?6)")


def upsert_checked_holdings(conn: sqlite3.Connection, rows: Sequence[CheckedHolding], *,
                            actor: str) -> int:
    """``upsert_holdings`` for rows the caller has already checked (the importer checks
    every cell as it parses it; ``checked_row`` makes one from a ``HoldingInput``): the
    values are written as given. Unknown products and rooms are still refused
    (``ValidationError``), and the result is exactly ``upsert_holdings``'s.

    The holdings not stored yet go in with a plain ``INSERT`` and the stored ones whose
    values differ with an ``UPDATE`` by id (an ``INSERT ... ON CONFLICT DO UPDATE`` costs
    twice as much per row: measured 0.9 s against 0.4 s for 50,000 new holdings). The
    search texts are built from each product's and each room + place's part, each made
    once. A large batch drops the search index and builds it again (see ``SEARCH_INDEX``).
    """
    if not rows:
        return 0
    with atomic(conn):
        searches = {int(r[0]): str(r[1]) for r in conn.execute(
            "SELECT id, search_text FROM chemical_product")}
        labels = room_labels(conn, {r[1] for r in rows})
        # what is stored, by the UNIQUE key (place compared as NOCASE compares it)
        stored: dict[tuple[int, int, str], tuple[int, tuple[object, ...]]] = {
            (r[1], r[2], nocase(r[3])): (r[0], tuple(r[4:])) for r in conn.execute(
                "SELECT id, product_id, room_id, place, quantity, unit, containers, status, "
                "disposed_on, search_text FROM chemical_holding")}
        # room + place → (its words in the search text, the place as NOCASE compares it)
        locations: dict[tuple[int, str], tuple[str, str]] = {}
        inserts: list[tuple[object, ...]] = []
        new: dict[tuple[int, int, str], int] = {}   # key → index in inserts
        updates: list[tuple[object, ...]] = []
        changed = 0
        for row in rows:
            product_id, room_id, place = row[0], row[1], row[2]
            location = locations.get((room_id, place))
            if location is None:
                label = labels.get(room_id)
                if label is None:
                    raise ValidationError("room.no_such_id", "room", room_id=room_id)
                location = locations[(room_id, place)] = (location_words(label, place),
                                                          nocase(place))
            product_search = searches.get(product_id)
            if product_search is None:
                raise ValidationError("chemical.no_such_id", "product", product_id=product_id)
            search = f"{product_search} {location[0]}"
            key = (product_id, room_id, location[1])
            old = stored.get(key) if stored else None
            if old is not None:
                values = (*row[3:], search)
                if values != old[1]:
                    updates.append((*values, old[0]))
                continue
            index = new.get(key)
            if index is None:
                new[key] = len(inserts)
                inserts.append((*row, search))
            else:  # the same holding twice in the batch: the first spelling, the last values
                first = inserts[index]
                later = (*first[:3], *row[3:], search)
                changed += later != first
                inserts[index] = later
        rebuild = len(inserts) + len(updates) >= REBUILD_SEARCH_INDEX_FROM and conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?",
            (SEARCH_INDEX,)).fetchone() is not None
        if rebuild:
            conn.execute(f"DROP INDEX {SEARCH_INDEX}")
        if inserts:
            changed += max(conn.executemany(_INSERT, inserts).rowcount, 0)
        if updates:
            changed += max(conn.executemany(_UPDATE, updates).rowcount, 0)
        if rebuild:
            conn.execute(SEARCH_INDEX_SQL)
        if changed:
            audit.record(conn, actor, HOLDING, None, "import",
                         {"holdings": len(rows), "changed": changed})
    return changed


def in_use_by_place(conn: sqlite3.Connection, room_id: int | None = None
                    ) -> dict[tuple[int, str], list[tuple[int, str, tuple[str, ...]]]]:
    """(holding id, product name, H codes) of the holdings in use, by (room id, place)."""
    codes: dict[int, list[str]] = {}
    for r in conn.execute("SELECT product_id, code FROM chemical_statement WHERE kind = 'H' "
                          "ORDER BY product_id, position"):
        codes.setdefault(int(r[0]), []).append(str(r[1]))
    sql = ("SELECT h.id, h.room_id, h.place, h.product_id, p.name FROM chemical_holding h "
           "JOIN chemical_product p ON p.id = h.product_id WHERE h.status = 'in_use'")
    params: tuple[object, ...] = ()
    if room_id is not None:
        sql += " AND h.room_id = ?"
        params = (room_id,)
    found: dict[tuple[int, str], list[tuple[int, str, tuple[str, ...]]]] = {}
    for r in conn.execute(sql + " ORDER BY h.room_id, h.place, p.name, h.id", params):
        found.setdefault((int(r[1]), str(r[2])), []).append(
            (int(r[0]), str(r[4]), tuple(codes.get(int(r[3]), ()))))
    return found
