"""A unit with a sub-unit, a lab, a round in 2024 and a source: enough for the service."""

from __future__ import annotations

import sqlite3

from vernetool.context import AppContext

ACTOR = "Kari Nordmann"


def make_unit(ctx: AppContext) -> dict[str, int]:
    """IKJ (Kjemi) with the sub-unit IKJ-ORG; a lab of the sub-unit; a completed round of
    the sub-unit in March 2024; a Cs-137 source in the lab (notifiable, DSA id)."""
    ctx.settings.set("user_name", ACTOR)
    with ctx.services.store.write() as conn:
        ids = _insert(conn)
    return ids


def _insert(conn: sqlite3.Connection) -> dict[str, int]:
    unit = conn.execute("INSERT INTO unit (code, name) VALUES ('IKJ', 'Institutt for kjemi')"
                        ).lastrowid
    sub = conn.execute("INSERT INTO unit (code, name, parent_id) VALUES ('IKJ-ORG', "
                       "'Organisk kjemi', ?)", (unit,)).lastrowid
    conn.execute("INSERT INTO unit (code, name) VALUES ('IFY', 'Institutt for fysikk')")
    building = conn.execute("INSERT INTO building (code, name) VALUES ('K5', 'Kjemi 5')"
                            ).lastrowid
    lab = conn.execute("INSERT INTO room (building_id, number, name, type, unit_id) "
                       "VALUES (?, '108', 'Synteselab', 'lab', ?)", (building, sub)).lastrowid
    conn.execute("INSERT INTO hse_round (uid, title, unit_id, start_date, status) "
                 "VALUES ('r-2024', 'Vårrunde K5', ?, '2024-03-12', 'completed')", (sub,))
    source = conn.execute(
        "INSERT INTO radiation_source (kind, name, nuclide, room_id, dsa_id, notifiable) "
        "VALUES ('sealed_source', 'Kalibreringskilde', 'Cs-137', ?, 'DSA-77', 1)",
        (lab,)).lastrowid
    return {"unit": int(unit or 0), "sub": int(sub or 0), "lab": int(lab or 0),
            "source": int(source or 0)}
