"""Regenerates ``schema1.sqlite``: a database of the first schema version (migration 0001 only)
with a little data, as an installation of that version would have left it.

Run: .venv/bin/python tests/data/make_schema1_db.py  (the file is committed; keep it as is
once released, like the migration itself).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

HERE = Path(__file__).parent
MIGRATION = HERE.parents[1] / "src" / "vernetool" / "db" / "migrations" / "0001_initial.sql"


def main() -> None:
    target = HERE / "schema1.sqlite"
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(target)
    conn.executescript(MIGRATION.read_text(encoding="utf-8"))
    conn.executescript("""
        PRAGMA user_version = 1;
        INSERT INTO unit (code, name) VALUES ('NV', 'Fakultet for naturvitenskap');
        INSERT INTO unit (code, name, parent_id) VALUES ('IKJ', 'Institutt for kjemi', 1);
        INSERT INTO campus (name) VALUES ('Gløshaugen');
        INSERT INTO building (code, name, campus_id) VALUES ('K5', 'Kjemiblokk 5', 1);
        INSERT INTO room (building_id, number, name, type, floor, area_m2, unit_id, search_text)
            VALUES (1, '301', 'Organisk syntese-lab', 'lab', '3', 48.5, 2,
                    'k5 kjemiblokk 5 301 organisk syntese-lab ikj');
        INSERT INTO person (name, email, phone, unit_id, search_text)
            VALUES ('Åse Ørnstad', 'ase.ornstad@uni.example.no', '+47 735 90 000', 2,
                    'åse ørnstad ase.ornstad@uni.example.no');
        INSERT INTO person_role (person_id, role) VALUES (1, 'room_responsible');
        INSERT INTO room_responsibility (room_id, person_id, kind, valid_from)
            VALUES (1, 1, 'responsible', '2023-08-01');
        INSERT INTO room_card (room_id, activity_type, gas_max_cylinders, pictograms)
            VALUES (1, 'Organisk syntese', 2, 'GHS02,GHS07');
        INSERT INTO audit_log (actor, entity, entity_id, action)
            VALUES ('ase', 'room', 1, 'create');
    """)
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
