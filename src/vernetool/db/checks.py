"""The reads behind the cross-register checks (``services.checks``): each one query over the
whole database, or over one room when ``room_id`` is given, returning plain rows the
services judge with the domain rules. Room labels are ``BUILDING:ROOM``.

The rows are read as plain tuples (not the store's ``sqlite3.Row``), typed by the STRICT
tables or by the SQL itself, so a university's 50,000 holdings cost one fetch and no Python
per row. Within ``shared_reads(conn)`` the reads that several checks make (the holdings and
products in use) are made once (the engine wraps one run of the checks in it)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from vernetool.domain.room_card_proposal import CardFacts

_T = TypeVar("_T")

_LABEL = "b.code || ':' || r.number"
_ROOM_JOIN = "JOIN room r ON r.id = {alias}.room_id JOIN building b ON b.id = r.building_id"


# id(connection) → the reads made so far within shared_reads() on that connection.
_SHARED: dict[int, dict[tuple[Any, ...], Any]] = {}


@contextmanager
def shared_reads(conn: sqlite3.Connection) -> Iterator[None]:
    """Within the block, ``holdings_in_use`` and ``products_in_use`` read each (room or
    whole database) once on ``conn`` and hand every caller the same (unchanged) rows. For
    one run of the checks: nothing may write on ``conn`` inside the block."""
    key = id(conn)
    if key in _SHARED:  # nested: the outer block's reads are shared
        yield
        return
    _SHARED[key] = {}
    try:
        yield
    finally:
        _SHARED.pop(key, None)


def _shared(conn: sqlite3.Connection, key: tuple[Any, ...], read: Callable[[], _T]) -> _T:
    memo = _SHARED.get(id(conn))
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    found: _T = memo[key]
    return found


# "(:room IS NULL OR x.room_id = :room)": one statement for one room or all of them, but
# SQLite plans it for the general case (one room's holdings were found by scanning all
# 50,000 in use); ``_rows`` writes it as what it is for the value given.
_ROOM_OR_ALL = re.compile(r"\(:room IS NULL OR (\w+\.room_id) = :room\)")


def _for_room(sql: str, room_id: object) -> str:
    return _ROOM_OR_ALL.sub("1" if room_id is None else r"\1 = :room", sql)


def _rows(conn: sqlite3.Connection, sql: str, params: dict[str, Any] | list[Any]
          ) -> list[tuple[Any, ...]]:
    """The rows as plain tuples, whatever the connection's row factory."""
    if isinstance(params, dict) and "room" in params:
        sql = _for_room(sql, params["room"])
    cursor = conn.cursor()
    cursor.row_factory = None
    try:
        return cursor.execute(sql, params).fetchall()
    finally:
        cursor.close()


def holdings_in_use(conn: sqlite3.Connection, room_id: int | None = None
                    ) -> list[tuple[int, int, float | None, str, int, int | None]]:
    """(room id, product id, quantity, unit, holding id, containers) of every holding in
    use, in the order of their ids: what the chemical checks and the room card proposal
    (``domain.room_card_proposal.propose_cards``) need, read once for both."""
    # STRICT table: the ids are integers, quantity REAL or NULL, unit TEXT NOT NULL,
    # containers INTEGER or NULL. ORDER BY id: what the status index gives anyway (no sort).
    sql = ("SELECT h.room_id, h.product_id, h.quantity, h.unit, h.id, h.containers "
           "FROM chemical_holding h "
           "WHERE h.status = 'in_use' AND (:room IS NULL OR h.room_id = :room) ORDER BY h.id")
    return _shared(conn, ("holdings_in_use", room_id),
                   lambda: _rows(conn, sql, {"room": room_id}))


def hazard_codes_in_use(conn: sqlite3.Connection, room_id: int | None = None
                        ) -> dict[int, tuple[str, ...]]:
    """The H codes (in the product's order) by product id, of the products in use (in the
    room)."""
    in_room = ("" if room_id is None else
               "AND s.product_id IN (SELECT h.product_id FROM chemical_holding h "
               "WHERE h.status = 'in_use' AND h.room_id = :room) ")
    codes: dict[int, list[str]] = {}
    for pid, code in _rows(
            conn, "SELECT s.product_id, s.code FROM chemical_statement s WHERE s.kind = 'H' "
            f"{in_room}ORDER BY s.product_id, s.position", {"room": room_id}):
        codes.setdefault(pid, []).append(code)
    return {pid: tuple(found) for pid, found in codes.items()}


def card_facts(conn: sqlite3.Connection, room_ids: set[int] | None = None
               ) -> dict[int, CardFacts]:
    """What can make each stored card stale, by room id (of the rooms named, or every card):
    the pictograms, warning signs, special hazards and litre maxima (the full ``RoomCard``
    is ``db.organisation.room_cards.cards``)."""
    sql = ("SELECT room_id, pictograms, warning_signs, special_hazards, "
           "flammable_cat1_max_litres, flammable_cat2_max_litres FROM room_card")
    found: dict[int, CardFacts] = {}
    none: tuple[str, ...] = ()
    if room_ids is None:
        chunks: list[list[int]] = [[]]
    else:
        ids = sorted(room_ids)
        chunks = [ids[start:start + 500] for start in range(0, len(ids), 500)]
    for chunk in chunks:
        where = "" if room_ids is None else f" WHERE room_id IN ({','.join('?' * len(chunk))})"
        for rid, pictograms, signs, special, cat1, cat2 in _rows(conn, sql + where, chunk):
            # comma-separated in the table, as db.organisation.room_cards reads them
            found[rid] = CardFacts(
                tuple(p for p in pictograms.split(",") if p) if pictograms else none,
                tuple(s for s in signs.split(",") if s) if signs else none,
                special, cat1, cat2)
    return found


def products_in_use(conn: sqlite3.Connection, room_id: int | None = None
                    ) -> dict[int, tuple[str, str, str, int, int, str | None, str | None]]:
    """By product id, of the products in use (in the room): (name, pictograms "GHS02,GHS07",
    H codes "H225,H319", exposure register 0/1, has an exposure entry 0/1, the current
    sheet's revised_on and language — language None when there is no sheet)."""
    sql = (
        "SELECT p.id, p.name, p.pictograms, "
        "(SELECT group_concat(st.code, ',') FROM chemical_statement st "
        " WHERE st.product_id = p.id AND st.kind = 'H'), p.exposure_register, "
        "EXISTS (SELECT 1 FROM exposure_entry e WHERE e.product_id = p.id), "
        "s.revised_on, s.language, s.id IS NOT NULL "
        "FROM chemical_product p "
        "LEFT JOIN chemical_sds s ON s.id = (SELECT max(t.id) FROM chemical_sds t "
        "                                    WHERE t.product_id = p.id) "
        "WHERE p.id IN (SELECT h.product_id FROM chemical_holding h WHERE h.status = 'in_use' "
        "               AND (:room IS NULL OR h.room_id = :room))")
    return _shared(conn, ("products_in_use", room_id), lambda: {
        int(r[0]): (str(r[1]), str(r[2] or ""), str(r[3] or ""), int(r[4]), int(r[5]),
                    r[6] if r[8] else None, str(r[7]) if r[8] else None)
        for r in _rows(conn, sql, {"room": room_id})})


def held_sources(conn: sqlite3.Connection, room_id: int | None = None
                 ) -> list[tuple[int, int | None, str, str, str, str, str, int | None, str]]:
    """(source id, room id, room label or "", kind, laser class, DSA id, DSA status,
    notifiable as stated, name) of every source not disposed of."""
    sql = (f"SELECT s.id, s.room_id, CASE WHEN r.id IS NULL THEN '' ELSE {_LABEL} END, "
           "s.kind, s.laser_class, s.dsa_id, s.dsa_status, s.notifiable_stated, "
           "trim(s.name || ' ' || s.make || ' ' || s.model || ' ' || s.serial_number) "
           "FROM radiation_source s LEFT JOIN room r ON r.id = s.room_id "
           "LEFT JOIN building b ON b.id = r.building_id "
           "WHERE s.disposed_on IS NULL AND (:room IS NULL OR s.room_id = :room)")
    return [(int(r[0]), None if r[1] is None else int(r[1]), str(r[2]), str(r[3]),
             str(r[4] or ""), str(r[5] or ""), str(r[6] or ""),
             None if r[7] is None else int(r[7]), str(r[8]))
            for r in _rows(conn, sql, {"room": room_id})]


def agent_uses(conn: sqlite3.Connection, room_id: int | None = None
               ) -> list[tuple[int, str, int, str, str, str | None, str | None, int]]:
    """(room id, room label, agent id, agent name, notes "DV", notified_at, first_use,
    risk group) of every agent use not ended."""
    sql = (f"SELECT u.room_id, {_LABEL}, a.id, a.name, a.notes, u.notified_at, u.first_use, "
           "a.risk_group FROM bio_agent_use u JOIN bio_agent a ON a.id = u.agent_id "
           f"{_ROOM_JOIN.format(alias='u')} "
           "WHERE u.ended_on IS NULL AND (:room IS NULL OR u.room_id = :room)")
    return [(int(r[0]), str(r[1]), int(r[2]), str(r[3]), str(r[4] or ""), r[5], r[6],
             int(r[7])) for r in _rows(conn, sql, {"room": room_id})]


def agent_workers(conn: sqlite3.Connection) -> dict[int, list[tuple[int, str, int]]]:
    """Workers register entries by agent id: (worker id, name, documented offers)."""
    found: dict[int, list[tuple[int, str, int]]] = {}
    for worker_id, agent_id, name, offers in conn.execute(
            "SELECT w.id, w.agent_id, w.person, (SELECT count(*) FROM bio_vaccination_offer o "
            "WHERE o.worker_id = w.id) FROM bio_worker w WHERE w.agent_id IS NOT NULL "
            "ORDER BY w.person, w.id"):
        found.setdefault(int(agent_id), []).append((int(worker_id), str(name), int(offers)))
    return found


def room_labels_with_cards(conn: sqlite3.Connection, room_ids: set[int]
                           ) -> dict[int, tuple[str, bool]]:
    """(label, has a stored card) of the rooms named (within ``shared_reads``, each room
    is read once however many checks ask)."""
    memo = _SHARED.get(id(conn))
    known: dict[int, tuple[str, bool]] = {} if memo is None else \
        memo.setdefault(("room_labels_with_cards",), {})
    missing = room_ids - known.keys()
    if missing:
        known.update(_room_labels_with_cards(conn, missing))
    return {rid: known[rid] for rid in room_ids if rid in known}


def _room_labels_with_cards(conn: sqlite3.Connection, room_ids: set[int]
                            ) -> dict[int, tuple[str, bool]]:
    found: dict[int, tuple[str, bool]] = {}
    ids = sorted(room_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for rid, label, has_card in _rows(
                conn, f"SELECT r.id, {_LABEL}, EXISTS (SELECT 1 FROM room_card c "
                "WHERE c.room_id = r.id) FROM room r JOIN building b ON b.id = r.building_id "
                f"WHERE r.id IN ({marks})", chunk):
            found[int(rid)] = (str(label), bool(has_card))
    return found


def rooms_with_responsible(conn: sqlite3.Connection, room_ids: set[int], day: str) -> set[int]:
    """The rooms named that have a current room responsible on ``day``."""
    found: set[int] = set()
    ids = sorted(room_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(int(r[0]) for r in conn.execute(
            f"SELECT DISTINCT room_id FROM room_responsibility WHERE room_id IN ({marks}) "
            "AND kind = 'responsible' AND valid_from <= ? "
            "AND (valid_to IS NULL OR valid_to >= ?)", [*chunk, day, day]))
    return found


def units_without_round(conn: sqlite3.Connection, year: int
                        ) -> list[tuple[str, str, int]]:
    """(code, name, id) of the units that have rooms and no HSE round starting in ``year``."""
    return [(str(r[0]), str(r[1]), int(r[2])) for r in conn.execute(
        "SELECT u.code, u.name, u.id FROM unit u "
        "WHERE EXISTS (SELECT 1 FROM room r WHERE r.unit_id = u.id) "
        "AND NOT EXISTS (SELECT 1 FROM hse_round h WHERE h.unit_id = u.id "
        "                AND substr(h.start_date, 1, 4) = ?) "
        "ORDER BY u.code", (f"{year:04d}",))]


def overdue_measures(conn: sqlite3.Connection, day: str, room_id: int | None = None
                     ) -> list[tuple[str, str, str, str, int, int, int | None, str]]:
    """(room label or "", deviation title, measure, deadline, measure id, deviation id,
    room id, the deviation's unit code or "") of the measures not done whose deviation is
    still open (not closed, rejected or transferred) and whose deadline is before ``day``."""
    sql = (f"SELECT CASE WHEN r.id IS NULL THEN '' ELSE {_LABEL} END, d.title, "
           "a.description, a.deadline, a.id, d.id, d.room_id, "
           "(SELECT u.code FROM unit u WHERE u.id = d.unit_id) FROM deviation_action a "
           "JOIN deviation d ON d.id = a.deviation_id "
           "LEFT JOIN room r ON r.id = d.room_id LEFT JOIN building b ON b.id = r.building_id "
           "WHERE a.status <> 'done' AND a.deadline IS NOT NULL AND a.deadline < :day "
           "AND d.status NOT IN ('closed', 'rejected', 'transferred') "
           "AND (:room IS NULL OR d.room_id = :room) ORDER BY a.deadline, a.id")
    return [(str(r[0]), str(r[1]), str(r[2]), str(r[3]), int(r[4]), int(r[5]),
             None if r[6] is None else int(r[6]), str(r[7] or ""))
            for r in _rows(conn, sql, {"day": day, "room": room_id})]


def overdue_findings(conn: sqlite3.Connection, day: str, room_id: int | None = None
                     ) -> list[tuple[str, str, str, str, int, int, int | None, str]]:
    """(room label or "", finding, action, deadline, finding id, round id, room id, the
    round's unit code) of the open round findings whose action is not done and whose
    deadline is before ``day``."""
    sql = (f"SELECT CASE WHEN r.id IS NULL THEN '' ELSE {_LABEL} END, f.description, "
           "f.action, f.deadline, f.id, f.round_id, f.room_id, "
           "(SELECT u.code FROM hse_round h JOIN unit u ON u.id = h.unit_id "
           " WHERE h.id = f.round_id) FROM round_finding f "
           "LEFT JOIN room r ON r.id = f.room_id LEFT JOIN building b ON b.id = r.building_id "
           "WHERE f.status = 'open' AND f.action_status <> 'done' "
           "AND f.deadline IS NOT NULL AND f.deadline < :day "
           "AND (:room IS NULL OR f.room_id = :room) ORDER BY f.deadline, f.id")
    return [(str(r[0]), str(r[1]), str(r[2]), str(r[3]), int(r[4]), int(r[5]),
             None if r[6] is None else int(r[6]), str(r[7] or ""))
            for r in _rows(conn, sql, {"day": day, "room": room_id})]


# -- for the Needs-attention screen: grouping, and the reminders beyond DESIGN's codes ------
def room_units(conn: sqlite3.Connection, room_ids: set[int]) -> dict[int, str]:
    """The unit code of each room named ("" for a room with no unit)."""
    found: dict[int, str] = {}
    ids = sorted(room_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update((int(rid), str(code or "")) for rid, code in conn.execute(
            f"SELECT r.id, u.code FROM room r LEFT JOIN unit u ON u.id = r.unit_id "
            f"WHERE r.id IN ({marks})", chunk))
    return found


def sealed_sources_leak_tests(conn: sqlite3.Connection, room_id: int | None = None
                              ) -> list[tuple[int, int | None, str, str, str | None,
                                              int | None, str]]:
    """(source id, room id, room label or "", name, last leak test, interval in months,
    DSA status) of the sealed sources not disposed of."""
    sql = (f"SELECT s.id, s.room_id, CASE WHEN r.id IS NULL THEN '' ELSE {_LABEL} END, "
           "trim(s.name || ' ' || s.nuclide || ' ' || s.make || ' ' || s.serial_number), "
           "s.leak_test_last, s.leak_test_interval_months, s.dsa_status "
           "FROM radiation_source s LEFT JOIN room r ON r.id = s.room_id "
           "LEFT JOIN building b ON b.id = r.building_id "
           "WHERE s.kind = 'sealed_source' AND s.disposed_on IS NULL "
           "AND (:room IS NULL OR s.room_id = :room)")
    return [(int(r[0]), None if r[1] is None else int(r[1]), str(r[2]), str(r[3]), r[4],
             None if r[5] is None else int(r[5]), str(r[6] or ""))
            for r in _rows(conn, sql, {"room": room_id})]


def cabinets_in_use(conn: sqlite3.Connection, room_id: int | None = None
                    ) -> list[tuple[int, int, str, str, str | None, str | None]]:
    """(cabinet id, room id, room label, "make model serial", the newest certification's
    date and next due) of the biosafety cabinets not removed."""
    sql = (f"SELECT c.id, c.room_id, {_LABEL}, "
           "trim(c.make || ' ' || c.model || ' ' || c.serial_number), "
           "k.certified_on, k.next_due FROM bio_cabinet c "
           f"{_ROOM_JOIN.format(alias='c')} "
           "LEFT JOIN bio_cabinet_certification k ON k.id = ("
           "  SELECT t.id FROM bio_cabinet_certification t WHERE t.cabinet_id = c.id "
           "  ORDER BY t.certified_on DESC LIMIT 1) "
           "WHERE c.removed_on IS NULL AND (:room IS NULL OR c.room_id = :room)")
    return [(int(r[0]), int(r[1]), str(r[2]), str(r[3]), r[4], r[5])
            for r in _rows(conn, sql, {"room": room_id})]
