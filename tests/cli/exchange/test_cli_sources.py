"""``vernetool import sources`` / ``export sources``: DSA's Norwegian headers and statuses,
mixed units, the current activity at ``--as-of``, idempotent re-import, bad rows named, and
the ``--format dsa`` layout."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from vernetool.cli import main

ROOMS = "Bygg;Romnr;Romtype\nD2;142;Lab\nD2;150;Lab\n"
SOURCES = (
    "Type;Nuklide;Aktivitet;Enhet;Referansedato;Fabrikat;Modell;Serienummer;Laserklasse;"
    "Rom;DSA-id;DSA-status;Meldepliktig\n"
    "Kapslet kilde;137Cs;370;MBq;01.01.2000;Eckert & Ziegler;CDR.1;EZ-1001;;D2:142;K-1001;"
    "I bruk;Ja\n"
    "Kapslet kilde;Am241;3,7;GBq;1995-03-01;Amersham;AMC.16;AM-77;;D2:142;K-1002;"
    "Ikke i bruk/På lager;Ja\n"
    "Åpen kilde;P-32;10;mCi;2024-05-01;PerkinElmer;NEG013;;;D2:150;;I bruk;Nei\n"
    "Kapslet kilde;Sr-90;50;µCi;1990-06-01;Isotope Products;SR-1;IP-9;;D2:142;K-1003;"
    "Savnet;Ja\n"
    "Kapslet kilde;cs-137;0,25;uCi;2010-01-01;Spectrum Techniques;S-1;ST-5;;D2:150;;"
    "Stjålet;Nei\n"
    "Røntgenapparat;;;;;Bruker;D8 Advance;BR-555;;D2:150;X-44;EE-avfall/kondemnert;\n"
    "Laser;;;;;Coherent;Verdi V10;CO-1;Klasse 4;D2:150;;Avventer;\n"
    # bad rows: an unknown nuclide, a bad unit, a laser without its class, an unknown room
    "Kapslet kilde;Xx-999;1;MBq;2020-01-01;A;B;BAD-1;;D2:142;;I bruk;Ja\n"
    "Kapslet kilde;Co-60;1;MBx;2020-01-01;A;B;BAD-2;;D2:142;;I bruk;Ja\n"
    "Laser;;;;;Thorlabs;L1;TL-1;;D2:150;;I bruk;\n"
    "Kapslet kilde;Co-60;1;MBq;2020-01-01;A;B;BAD-3;;Z9:999;;Tapt;Ja\n")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "store.sqlite"
    rooms = tmp_path / "rooms.csv"
    rooms.write_text(ROOMS, encoding="utf-8")
    code, result, _ = run(capsys, "import", "rooms", "--db", str(path), str(rooms))
    assert code == 0 and not result["errors"], result
    return path


def import_sources(capsys: pytest.CaptureFixture[str], db: Path, source: Path,
                   *extra: str) -> tuple[int, Any]:
    code, result, _ = run(capsys, "import", "sources", "--db", str(db), str(source), *extra)
    return code, result


def export(capsys: pytest.CaptureFixture[str], db: Path, out: Path, fmt: str,
           *extra: str) -> Any:
    code, result, err = run(capsys, "export", "sources", "--db", str(db), "--format", fmt,
                            "--out", str(out), *extra)
    assert code == 0, err
    return result


def test_a_dsa_list_with_norwegian_headers_imports(db: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "kilder.csv"
    source.write_text(SOURCES, encoding="utf-8")
    code, result = import_sources(capsys, db, source)
    assert code == 0
    assert result["imported"] == 7 and result["skipped"] == 0
    errors = {(e["row"], e["field"]) for e in result["errors"]}
    assert errors == {(9, "nuclide"), (10, "activity_unit"), (11, "laser_class"),
                      (12, "room"), (12, "dsa_status")}
    messages = {e["row"]: e["message"] for e in result["errors"]}
    assert "Xx-999" in messages[9] and "MBx" in messages[10] and "Z9:999" in messages[12]

    conn = sqlite3.connect(db)
    stored = {r[0]: r[1:] for r in conn.execute(
        "SELECT serial_number || dsa_id, kind, nuclide, activity, activity_unit, activity_bq, "
        "dsa_status, notifiable, notifiable_reason, laser_class FROM radiation_source")}
    assert stored["EZ-1001K-1001"][:6] == ("sealed_source", "Cs-137", "370", "MBq", 3.7e8,
                                           "in_use")
    assert stored["AM-77K-1002"][1:6] == ("Am-241", "3.7", "GBq", 3.7e9, "stored")
    assert stored[""][:6] == ("open_source", "P-32", "10", "mCi", 3.7e8, "in_use")
    assert stored["IP-9K-1003"][3:6] == ("µCi", 1.85e6, "missing")
    assert stored["ST-5"][1:6] == ("Cs-137", "0.25", "µCi", 9250.0, "stolen")
    assert stored["BR-555X-44"][0] == "xray" and stored["BR-555X-44"][5:8] == (
        "condemned", 1, "xray")
    assert stored["CO-1"][5:] == ("pending", 1, "laser_class_4", "4")
    # every status went into the history
    assert conn.execute("SELECT count(*) FROM radiation_source_status").fetchone()[0] == 7

    # the same file again changes nothing
    _, again = import_sources(capsys, db, source)
    assert again["imported"] == 0 and again["skipped"] == 7 and len(again["errors"]) == 5
    assert conn.execute("SELECT count(*) FROM radiation_source_status").fetchone()[0] == 7

    # --strict: any error imports nothing (and says so with exit 1)
    fresh = tmp_path / "fresh.sqlite"
    rooms = tmp_path / "rooms.csv"
    run(capsys, "import", "rooms", "--db", str(fresh), str(rooms))
    code, strict = import_sources(capsys, fresh, source, "--strict")
    assert code == 1 and strict["imported"] == 0
    assert sqlite3.connect(fresh).execute(
        "SELECT count(*) FROM radiation_source").fetchone()[0] == 0


def test_activity_now_at_as_of_and_round_trips(db: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "kilder.csv"
    source.write_text(SOURCES, encoding="utf-8")
    import_sources(capsys, db, source)
    out = tmp_path / "sources.json"
    assert export(capsys, db, out, "json", "--as-of", "2025-01-01")["exported"] == 7
    records = {r["serial_number"] or r["nuclide"]: r for r in json.loads(out.read_text())}
    cs = records["EZ-1001"]
    assert cs["activity_now_bq"] == pytest.approx(2.08e8, rel=0.005)
    assert records["AM-77"]["activity_now_bq"] == pytest.approx(3.53e9, rel=0.005)
    assert cs["activity"] == 370 and cs["activity_unit"] == "MBq" and cs["room"] == "D2:142"
    assert cs["dsa_status"] == "in_use" and cs["notifiable"] is True
    assert records["BR-555"]["activity_now_bq"] is None  # an X-ray tube has no activity
    # P-32 (14.3 days) from 2024-05-01 is all but gone by 2025
    assert records["P-32"]["activity_now_bq"] < 3.7e8 * 1e-5
    # without --as-of: today (decayed further than on 2025-01-01)
    export(capsys, db, tmp_path / "today.json", "json")
    today = {r["serial_number"]: r for r in json.loads((tmp_path / "today.json").read_text())}
    assert today["EZ-1001"]["activity_now_bq"] <= cs["activity_now_bq"]

    for fmt in ("csv", "xlsx", "json"):
        path = tmp_path / f"export.{fmt}"
        export(capsys, db, path, fmt)
        code, result = import_sources(capsys, db, path)
        assert code == 0 and result == {"imported": 0, "skipped": 7, "errors": []}, fmt


def test_dsa_layout(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "kilder.csv"
    source.write_text(SOURCES.replace(
        "Bruker;D8 Advance;BR-555;;D2:150;X-44;EE-avfall/kondemnert;",
        "Bruker;D8 Advance;BR-555;;D2:150;X-44;I bruk;"), encoding="utf-8")
    import_sources(capsys, db, source)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE radiation_source SET technical_specification = '40 kV, 40 mA', "
                 "year = 2012, dealer = 'Bruker AXS', use = 'Røntgendiffraksjon' "
                 "WHERE serial_number = 'BR-555'")
    conn.commit()
    out = tmp_path / "dsa.csv"
    result = export(capsys, db, out, "dsa")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    # notifiable only: the P-32 and the Cs-137 check source were stated not notifiable
    assert result["exported"] == len(rows) == 5
    assert list(rows[0])[:10] == ["DSA-id", "Kildetype", "Fabrikat", "Modell", "Serienummer",
                                  "Teknisk spesifikasjon", "Produksjonsår", "Forhandler",
                                  "Bruksområde", "Plassering"]
    by_serial = {r["Serienummer"]: r for r in rows}
    xray = by_serial["BR-555"]
    assert (xray["Kildetype"], xray["Fabrikat"], xray["Modell"], xray["Teknisk spesifikasjon"],
            xray["Produksjonsår"], xray["Forhandler"], xray["Bruksområde"],
            xray["Plassering"], xray["Status"]) == (
        "Røntgenapparat", "Bruker", "D8 Advance", "40 kV, 40 mA", "2012", "Bruker AXS",
        "Røntgendiffraksjon", "D2:150", "I bruk")
    assert by_serial["EZ-1001"]["Teknisk spesifikasjon"] == "Cs-137, 370 MBq (2000-01-01)"
    assert by_serial["AM-77"]["Status"] == "Ikke i bruk/På lager"
    assert by_serial["IP-9"]["Status"] == "Savnet"
    assert by_serial["CO-1"]["Laserklasse"] == "4"
    # an XLSX when the file name says so
    book = tmp_path / "dsa.xlsx"
    export(capsys, db, book, "dsa")
    assert book.read_bytes()[:2] == b"PK"
    # dsa is for sources only: a one-line error
    code, _, err = run(capsys, "export", "agents", "--db", str(db), "--format", "dsa",
                       "--out", str(tmp_path / "x.csv"))
    assert code == 1 and "sources" in err and len(err.strip().splitlines()) == 1


def test_a_column_the_file_lacks_keeps_the_stored_value(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = tmp_path / "first.csv"
    first.write_text("Type;Nuklide;Aktivitet;Enhet;Referansedato;Fabrikat;Serienummer;Rom;"
                     "DSA-status\nKapslet kilde;Cs-137;370;MBq;2000-01-01;EZ;E1;D2:142;I bruk\n",
                     encoding="utf-8")
    import_sources(capsys, db, first)
    # a later list: the status changed, nothing else said
    status = tmp_path / "status.csv"
    status.write_text("Type;Fabrikat;Serienummer;Nuklide;DSA-status\n"
                      "Kapslet kilde;EZ;E1;Cs-137;Deponert\n", encoding="utf-8")
    code, result = import_sources(capsys, db, status)
    assert code == 0 and result["imported"] == 1, result
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT activity, activity_unit, reference_date, room_id IS NOT NULL, "
                        "dsa_status FROM radiation_source").fetchone() == (
        "370", "MBq", "2000-01-01", 1, "deposited")
    assert [r[0] for r in conn.execute(
        "SELECT status FROM radiation_source_status ORDER BY id")] == ["in_use", "deposited"]


def test_the_same_source_twice_in_a_file_is_named(db: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "twice.csv"
    source.write_text("Type;Nuklide;Aktivitet;Enhet;Referansedato;Fabrikat;Serienummer\n"
                      "Kapslet kilde;Cs-137;1;MBq;2000-01-01;EZ;E1\n"
                      "Kapslet kilde;Cs-137;2;MBq;2000-01-01;ez;e1\n", encoding="utf-8")
    _, result = import_sources(capsys, db, source)
    assert result["imported"] == 1
    assert [(e["row"], e["field"]) for e in result["errors"]] == [(3, "serial_number")]
    assert "row 2" in result["errors"][0]["message"]


def test_an_xlsx_list_with_the_responsible_and_leak_tests(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    persons = tmp_path / "persons.csv"
    persons.write_text("Navn;E-post\nRita Strålevern;rita@example.org\n", encoding="utf-8")
    run(capsys, "import", "persons", "--db", str(db), str(persons))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Type", "Nuklide", "Aktivitet", "Enhet", "Referansedato", "Fabrikat",
                  "Serienummer", "Laserklasse", "Rom", "Ansvarlig", "DSA-status",
                  "Siste lekkasjetest", "Lekkasjetestintervall (måneder)"])
    sheet.append(["Kapslet kilde", "Cs 137", 370, "MBq", "01.01.2000", "EZ", "E1", None,
                  "D2:142", "rita@example.org", "I bruk", "15.03.2024", 12])
    sheet.append(["Laser", None, None, None, None, "Coherent", "C1", "3b", "D2:150",
                  "Ukjent Person", "I bruk", None, None])
    path = tmp_path / "kilder.xlsx"
    book.save(path)
    code, result = import_sources(capsys, db, path)
    assert code == 0 and result == {"imported": 2, "skipped": 0, "errors": []}, result
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT s.serial_number, p.name, s.responsible, s.leak_test_last, "
                        "s.leak_test_interval_months, s.leak_test_next_due, s.laser_class "
                        "FROM radiation_source s LEFT JOIN person p ON p.id = s.responsible_id "
                        "ORDER BY s.serial_number").fetchall()
    assert rows == [("C1", None, "Ukjent Person", None, None, None, "3B"),
                    ("E1", "Rita Strålevern", "Rita Strålevern", "2024-03-15", 12,
                     "2025-03-15", "")]
    # a later list without the laser class, the nuclide or the leak tests: all kept
    later = tmp_path / "later.csv"
    later.write_text("Type;Fabrikat;Serienummer;DSA-status\nLaser;Coherent;C1;Solgt\n"
                     "Kapslet kilde;EZ;E1;I bruk\n", encoding="utf-8")
    _, result = import_sources(capsys, db, later)
    assert result == {"imported": 1, "skipped": 1, "errors": []}, result
    assert conn.execute("SELECT laser_class, dsa_status FROM radiation_source "
                        "WHERE serial_number = 'C1'").fetchone() == ("3B", "sold")
