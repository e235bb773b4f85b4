"""What the registers hold in the rooms of a round (or in one room), for the walk's checklist
conditions and the figures beside its items: one query per register, on the indexed
``room_id`` columns, whatever the number of rooms. Also the register entries a finding can
point at, and the label kept with such a pointer."""

from __future__ import annotations

import datetime as dt
import sqlite3

from vernetool.domain.room_registers import (
    RegisterAgent,
    RegisterHolding,
    RegisterSource,
    RoomRegisters,
    holding_label,
    source_label,
)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _codes(text: str | None) -> tuple[str, ...]:
    return tuple(c for c in (text or "").split(",") if c)


def _scope(alias: str, *, round_id: int | None, room_id: int | None) -> tuple[str, dict[str, int]]:
    if round_id is not None:
        return (f"{alias}.room_id IN (SELECT rr.room_id FROM round_room rr "
                "WHERE rr.round_id = :round AND rr.room_id IS NOT NULL)", {"round": round_id})
    if room_id is None:
        raise ValueError("a round or a room is needed")
    return f"{alias}.room_id = :room", {"room": room_id}


def _read(conn: sqlite3.Connection, *, round_id: int | None = None,
          room_id: int | None = None) -> dict[int, RoomRegisters]:
    holdings: dict[int, list[RegisterHolding]] = {}
    where, params = _scope("h", round_id=round_id, room_id=room_id)
    for r in conn.execute(
            "SELECT h.id, h.room_id, p.name, p.supplier, h.place, h.quantity, h.unit, "
            "h.containers, p.pictograms, p.exposure_register, (SELECT "
            "group_concat(st.code, ',') FROM chemical_statement st "
            "WHERE st.product_id = p.id AND st.kind = 'H') AS codes "
            "FROM chemical_holding h JOIN chemical_product p ON p.id = h.product_id "
            f"WHERE h.status = 'in_use' AND {where} ORDER BY p.name COLLATE NOCASE, h.place, "
            "h.id", params):
        holdings.setdefault(int(r["room_id"]), []).append(RegisterHolding(
            int(r["id"]), str(r["name"]), str(r["place"] or ""), r["quantity"],
            str(r["unit"] or ""), r["containers"], _codes(r["codes"]),
            _codes(r["pictograms"]), bool(r["exposure_register"]),
            supplier=str(r["supplier"] or "")))
    sources: dict[int, list[RegisterSource]] = {}
    where, params = _scope("s", round_id=round_id, room_id=room_id)
    for r in conn.execute(
            "SELECT s.id, s.room_id, s.kind, s.name, s.make, s.model, s.serial_number, "
            "s.nuclide, s.laser_class, s.activity_bq, s.reference_date, s.leak_test_next_due "
            f"FROM radiation_source s WHERE s.disposed_on IS NULL AND {where} ORDER BY s.id",
            params):
        name = str(r["name"] or "") or " ".join(p for p in (r["make"], r["model"]) if p)
        sources.setdefault(int(r["room_id"]), []).append(RegisterSource(
            int(r["id"]), str(r["kind"]), name, str(r["serial_number"] or ""),
            str(r["nuclide"] or ""), str(r["laser_class"] or ""), r["activity_bq"],
            _date(r["reference_date"]), _date(r["leak_test_next_due"])))
    agents: dict[int, list[RegisterAgent]] = {}
    where, params = _scope("u", round_id=round_id, room_id=room_id)
    for r in conn.execute(
            "SELECT u.id, u.room_id, a.name, a.risk_group, u.containment_level "
            "FROM bio_agent_use u JOIN bio_agent a ON a.id = u.agent_id "
            f"WHERE u.ended_on IS NULL AND {where} ORDER BY a.risk_group DESC, "
            "a.name COLLATE NOCASE", params):
        agents.setdefault(int(r["room_id"]), []).append(RegisterAgent(
            int(r["id"]), str(r["name"]), int(r["risk_group"]), r["containment_level"]))
    rooms = set(holdings) | set(sources) | set(agents)
    return {room: RoomRegisters(tuple(holdings.get(room, ())), tuple(sources.get(room, ())),
                                tuple(agents.get(room, ()))) for room in rooms}


def for_round(conn: sqlite3.Connection, round_id: int) -> dict[int, RoomRegisters]:
    """Room id → what the registers hold there, for every room of the round (rooms with
    nothing registered are left out)."""
    return _read(conn, round_id=round_id)


def for_room(conn: sqlite3.Connection, room_id: int) -> RoomRegisters:
    """What the registers hold in one room."""
    return _read(conn, room_id=room_id).get(room_id, RoomRegisters())


# -- the label a finding keeps with its register entry -------------------------------------
def entry_label(conn: sqlite3.Connection, kind: str, entry_id: int) -> str | None:
    """The label of one register entry (None when there is no such entry)."""
    if kind == "holding":
        row = conn.execute(
            "SELECT p.name, p.supplier, h.place, (SELECT count(*) FROM chemical_holding o "
            "JOIN chemical_product q ON q.id = o.product_id WHERE o.room_id = h.room_id AND "
            "o.status = 'in_use' AND q.name = p.name AND q.id <> p.id) AS namesakes "
            "FROM chemical_holding h JOIN chemical_product p ON p.id = h.product_id "
            "WHERE h.id = ?", (entry_id,)).fetchone()
        if row is None:
            return None
        return holding_label(RegisterHolding(entry_id, str(row["name"]), str(row["place"]),
                                             supplier=str(row["supplier"] or "")),
                             bool(row["namesakes"]))
    if kind == "source":
        row = conn.execute("SELECT id, kind, name, make, model, serial_number, nuclide, "
                           "laser_class FROM radiation_source WHERE id = ?",
                           (entry_id,)).fetchone()
        if row is None:
            return None
        name = str(row["name"] or "") or " ".join(p for p in (row["make"], row["model"]) if p)
        return source_label(RegisterSource(int(row["id"]), str(row["kind"]), name,
                                           str(row["serial_number"] or ""),
                                           str(row["nuclide"] or ""),
                                           str(row["laser_class"] or "")))
    if kind == "agent":
        row = conn.execute("SELECT a.name FROM bio_agent_use u JOIN bio_agent a "
                           "ON a.id = u.agent_id WHERE u.id = ?", (entry_id,)).fetchone()
        return None if row is None else str(row[0])
    return None
