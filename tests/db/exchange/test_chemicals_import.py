"""The chemicals importer against a real store: what a re-import keeps, changes and adds."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from vernetool.db.organisation.rooms import save_room
from vernetool.domain.organisation import Room, RoomType
from vernetool.exchange.chemicals_io import chemical_records, import_chemicals

DAY1 = dt.date(2025, 3, 1)
DAY2 = dt.date(2025, 3, 2)


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _holdings(conn: sqlite3.Connection) -> dict[str, dict[str, object]]:
    return {f"{r['product']}@{r['room']}/{r['place']}": r for r in chemical_records(conn)}


def test_reimport_semantics(conn: sqlite3.Connection, tmp_path: Path) -> None:
    save_room(conn, Room("D2", "142", RoomType.LAB, building_name="Realfagbygget"))
    conn.commit()
    first = _csv(tmp_path / "a.csv",
                 "Lokasjon;Produktnavn;Leverandør;Faresetninger;Mengde;Enhet;Status;"
                 "Sikkerhetsdatablad;SDB revisjonsdato;SDB språk\n"
                 "D2:142 > Skap 1;Aceton;VWR;H225, H319, H336;2;L;I bruk;https://x/a.pdf;"
                 "Revisjon: 05.11.2021;Norsk\n"
                 "D2:142 > Skap 2;Aceton;VWR;H225, H319, H336;1;L;Avhendet;https://x/a.pdf;"
                 "Revisjon: 05.11.2021;Norsk\n")
    result = import_chemicals(conn, first, actor="t", today=DAY1)
    assert (result.imported, result.skipped, result.errors) == (2, 0, [])
    held = _holdings(conn)
    assert held["Aceton@D2:142/Skap 2"]["disposed_on"] == DAY1.isoformat()

    # the next day: the disposed holding keeps its date; nothing changes
    result = import_chemicals(conn, first, actor="t", today=DAY2)
    assert (result.imported, result.skipped) == (0, 2)
    assert _holdings(conn)["Aceton@D2:142/Skap 2"]["disposed_on"] == DAY1.isoformat()

    # a file without the quantity column keeps the stored quantities; a new SDS revision is
    # a new sheet in the product's history; back in use clears the disposal date
    second = _csv(tmp_path / "b.csv",
                  "Lokasjon;Produktnavn;Leverandør;Status;Sikkerhetsdatablad;"
                  "SDB revisjonsdato;SDB språk\n"
                  "D2:142 > Skap 1;Aceton;VWR;I bruk;https://x/a.pdf;2024-01-10;Engelsk\n"
                  "D2:142 > Skap 2;aceton;vwr;I bruk;https://x/a.pdf;2024-01-10;Engelsk\n")
    result = import_chemicals(conn, second, actor="t", today=DAY2)
    assert (result.imported, result.skipped, result.errors) == (2, 0, [])
    held = _holdings(conn)
    assert held["Aceton@D2:142/Skap 1"]["quantity"] == 2
    assert held["Aceton@D2:142/Skap 2"]["status"] == "in_use"
    assert held["Aceton@D2:142/Skap 2"]["disposed_on"] == ""
    assert held["Aceton@D2:142/Skap 1"]["sds_revised"] == "2024-01-10"
    assert held["Aceton@D2:142/Skap 1"]["hazard_statements"] == "H225, H319, H336"
    sheets = conn.execute("SELECT revised_on, language FROM chemical_sds ORDER BY id").fetchall()
    assert [tuple(s) for s in sheets] == [("2021-11-05", "nb"), ("2024-01-10", "en")]
    history = conn.execute("SELECT count(*) FROM chemical_holding_history").fetchone()[0]
    assert history == 1  # Skap 2 back in use; Skap 1 untouched
    result = import_chemicals(conn, second, actor="t", today=DAY2)
    assert (result.imported, result.skipped) == (0, 2)
