"""``vernetool import chemicals`` with the central register's Excel extract, and the exports.

The workbook is built as the central register (EcoOnline / Workplace Safety) writes its
extract: Norwegian headers, a location path per row, hazard statements as people type them.
Every outcome is checked: the counts, each row/field error, pictograms and exposure flags per
product, litres per room, an idempotent re-import, and exports that neutralise formulas.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from vernetool.cli import main
from vernetool.context import AppContext
from vernetool.settings import Settings

HEADERS = ["Lokasjon", "Produktnavn", "Leverandør", "CAS-nr", "Faresetninger", "Signalord",
           "Mengde", "Enhet", "Antall beholdere", "Sikkerhetsdatablad", "SDB revisjonsdato",
           "SDB språk", "Status"]
D2_142 = "Gløshaugen > Realfagbygget (D2) > D2-142"
D2_150 = "Gløshaugen > Realfagbygget (D2) > D2-150"
K5_201 = "Gløshaugen > Kjemiblokk 5 > K5-201"
FORMULA = '=HYPERLINK("http://example.com/x","Klikk her")'
SDS = "https://sds.example.com/"

# (spreadsheet row, cells): the header is row 1
ROWS: list[list[Any]] = [
    [f"{D2_142} > Brannskap 1", "Metanol", "Sigma-Aldrich", "67-56-1",
     "H225, H301+H311+H331, H370", "Fare", "2,5", "L", 2, SDS + "metanol.pdf",
     "Revisjon: 05.11.2021", "Norsk", "I bruk"],                                       # 2
    [f"{D2_142} > Brannskap 1", "Aceton", "VWR", "67-64-1", "H225, H319 og H336, EUH066",
     "Fare", 5, "liter", 1, "aceton_sdb.pdf", "2020-01-15", "Engelsk", "I bruk"],      # 3
    [f"{K5_201} > Giftskap", "Nikkelsulfat heksahydrat", "Merck", "10101-97-0",
     "H302+H332, H315, H317, H334, H341, H350i, H360D, H372, H410", "Fare", 500, "g", 1,
     "", "", "", "I bruk"],                                                             # 4
    [f"{D2_142} > Giftskap", "Formaldehyd 37 %", "Sigma-Aldrich", "50-00-0; 67-56-1",
     "H301 + H311 + H331, H314, H317, H335, H341, H350, H370", "Fare", 1, "L", 1, "", "",
     "", "I bruk"],                                                                     # 5
    [f"{D2_142} > Brannskap 1", "Benzen", "Merck", "71-43-2",
     "H225, H304, H315, H319, H340, H 350, H372, H412", "Fare", "0,5", "L", 1, "", "", "",
     "I bruk"],                                                                         # 6
    [f"{K5_201} > Giftskap", "N,N-dimetylformamid", "VWR", "68-12-2",
     "H226, H312+H332, H319, H360D", "Fare", 1, "L", 1, "", "", "", "I bruk"],          # 7
    [f"{K5_201} > Hylle 2", "Borsyre", "Merck", "10043-35-3", "h360fd", "Fare", 1, "kg",
     1, "", "", "", "I bruk"],                                                          # 8
    [f"{D2_142} > Brannskap 1", "Toluen", "VWR", "108-88-3",
     "H225, H304, H315, H336, H361d, H373", "Fare", 4, "L", 4, "", "", "", "I bruk"],   # 9
    [f"{D2_142} > Avtrekksskap", "Diklormetan", "VWR", "75-09-2", "H315, H319, H336, H351",
     "Advarsel", 2500, "ml", 1, "", "", "", "I bruk"],                                  # 10
    [f"{D2_142} > Brannskap 1", "Etanol", "VWR", "64-17-6", "H225, H319", "Fare", 1, "L",
     1, "", "", "", "I bruk"],                                                          # 11
    [f"{D2_142} > Syreskap 1", "Saltsyre 37 %", "VWR", "7647-01-0",
     "H290, H314, H335, H999", "Fare", 1, "L", 1, "", "", "", "I bruk"],                # 12
    [f"{D2_142} > Baseskap", "Natriumhydroksid", "Merck", "1310-73-2", "H290, H314",
     "Fare", "fem", "kg", 1, "", "", "", "I bruk"],                                     # 13
    ["Gløshaugen > Kjemiblokk 4 (K4) > K4-110 > Skap 2", "Metanol", "Sigma-Aldrich",
     "67-56-1", "H225, H301+H311+H331, H370", "Fare", 1, "L", 1, "", "", "", "I bruk"],  # 14
    [f"{D2_150} > Skap 3", "Aceton", "VWR", "67-64-1", "H225, H319 og H336, EUH066", "Fare",
     1, "L", 1, "aceton_sdb.pdf", "2020-01-15", "Engelsk", "Avhendet"],                # 15
    [f"{D2_150} > Skap 3", FORMULA, "Ukjent", "", "", "", 1, "stk", 1, "", "", "",
     "I bruk"],                                                                          # 16
    [f"{D2_150} > Skap 4", "Glyserol", "VWR", "56-81-5", "", "Farlig", 1, "L", 1, "", "",
     "", "I bruk"],                                                                      # 17
    [f"{K5_201} > Brannskap", "Metanol", "Sigma-Aldrich", "67-56-1",
     "H225, H301+H311+H331, H370", "Fare", "10", "L", 4, SDS + "metanol.pdf",
     "Revisjon: 05.11.2021", "Norsk", "I bruk"],                                        # 18
]
# row → (field, a word the message must contain)
EXPECTED_ERRORS = {
    11: ("cas", "64-17-6"),
    12: ("hazard_statements", "H999"),
    13: ("quantity", "fem"),
    17: ("signal_word", "Farlig"),
}


def write_extract(path: Path, rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Stoffkartotek"
    sheet.append(HEADERS)
    for cells in rows:
        sheet.append(cells)
    for row in sheet.iter_rows(min_row=2):  # a name starting "=" is text, as typed
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    book.save(path)
    return path


ROOMS_CSV = ("Bygg;Byggnavn;Kampus;Romnr;Romtype\n"
             "D2;Realfagbygget;Gløshaugen;142;Laboratorium\n"
             "D2;Realfagbygget;Gløshaugen;150;Laboratorium\n"
             "K5;Kjemiblokk 5;Gløshaugen;201;Laboratorium\n")


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "store.sqlite"
    rooms = tmp_path / "rooms.csv"
    rooms.write_text(ROOMS_CSV, encoding="utf-8")
    assert main(["import", "rooms", "--db", str(path), str(rooms)]) == 0
    capsys.readouterr()
    return path


@pytest.fixture
def services(db: Path, tmp_path: Path) -> Iterator[Any]:
    context = AppContext.open(db, Settings(tmp_path / "settings.json"))
    yield context.services
    context.close()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def import_extract(capsys: pytest.CaptureFixture[str], db: Path, extract: Path,
                   *extra: str) -> tuple[int, Any, str]:
    return run(capsys, "import", "chemicals", "--db", str(db), str(extract), *extra)


def room_id(services: Any, label: str) -> int:
    building, number = label.split(":")
    from vernetool.db.organisation.rooms import find_room

    with services.store.reader() as conn:
        room = find_room(conn, building, number)
    assert room is not None and room.id is not None
    return int(room.id)


def test_the_central_register_extract(db: Path, tmp_path: Path, services: Any,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    extract = write_extract(tmp_path / "stoffkartotek.xlsx", ROWS)
    code, result, err = import_extract(capsys, db, extract)
    assert code == 0
    # 17 data rows: 4 errors, 1 for a room this database does not hold, 12 imported; the
    # person learns which room (stderr), scripts read the JSON of DESIGN.md
    assert (result["imported"], result["skipped"]) == (12, 1)
    assert set(result) == {"imported", "skipped", "errors"}
    assert err.count("\n") == 1 and "K4:110 (1)" in err and "--create-rooms" in err
    errors = {e["row"]: (e["field"], e["message"]) for e in result["errors"]}
    assert set(errors) == set(EXPECTED_ERRORS)
    for row, (field, word) in EXPECTED_ERRORS.items():
        assert errors[row][0] == field, (row, errors[row])
        assert word in errors[row][1], (row, errors[row])

    chem = services.chemicals
    expected_pictograms = {
        ("Metanol", "Sigma-Aldrich"): ("GHS02", "GHS06", "GHS08"),
        ("Aceton", "VWR"): ("GHS02", "GHS07"),
        ("Nikkelsulfat heksahydrat", "Merck"): ("GHS07", "GHS08", "GHS09"),
        ("Formaldehyd 37 %", "Sigma-Aldrich"): ("GHS05", "GHS06", "GHS08"),
    }
    for (name, supplier), pictograms in expected_pictograms.items():
        product = chem.find_product(name, supplier)
        assert product is not None, name
        assert product.pictograms == pictograms, (name, product.pictograms)
    exposure = {"Benzen": True, "Formaldehyd 37 %": True, "N,N-dimetylformamid": True,
                "Borsyre": True, "Toluen": False, "Diklormetan": False}
    for name, flagged in exposure.items():
        found = chem.products(name)
        assert len(found) == 1 and found[0].exposure_register is flagged, name
    boric = chem.products("Borsyre")[0]
    assert boric.hazard_codes == ("H360FD",)
    benzene = chem.products("Benzen")[0]
    assert "H350" in benzene.hazard_codes
    formaldehyde = chem.find_product("Formaldehyd 37 %", "Sigma-Aldrich")
    assert formaldehyde.cas == ("50-00-0", "67-56-1")
    methanol = chem.find_product("Metanol", "Sigma-Aldrich")
    assert "H301+H311+H331" in methanol.hazard_codes
    assert methanol.sds is not None and methanol.sds.url == SDS + "metanol.pdf"
    assert methanol.sds.revised_on == dt.date(2021, 11, 5) and methanol.sds.language == "nb"
    acetone = chem.find_product("Aceton", "VWR")
    assert acetone.sds is not None and acetone.sds.url == "aceton_sdb.pdf"
    assert acetone.sds.language == "en"
    assert {"H319", "H336", "EUH066"} <= set(acetone.hazard_codes)

    # litres per room: D2-142 holds methanol 2.5 L, acetone 5 L, benzene 0.5 L, toluene 4 L
    # (H225, category 2); D2-150's acetone is disposed and does not count
    d2_142 = chem.flammable_litres(room_id(services, "D2:142"))
    assert d2_142.cat2 == pytest.approx(12.0) and d2_142.cat1 == 0
    d2_150 = chem.flammable_litres(room_id(services, "D2:150"))
    assert d2_150.cat2 == 0
    k5_201 = chem.flammable_litres(room_id(services, "K5:201"))
    assert k5_201.cat2 == pytest.approx(10.0)

    # the disposed holding got today's date (the extract gives none)
    held = chem.holdings_of_product(acetone.id)
    by_room = {h.room_label: h for h in held}
    assert by_room["D2:150"].status.value == "disposed"
    assert by_room["D2:150"].disposed_on == dt.date.today()
    assert by_room["D2:142"].place == "Brannskap 1" and by_room["D2:142"].unit == "L"
    assert not any(h.room_label.startswith("K4") for h in chem.holdings_of_product(methanol.id))
    assert services.chemical_register.count() == 11  # in use: the disposed one is not

    # the same file again changes nothing
    code, again, _ = import_extract(capsys, db, extract)
    assert code == 0
    assert (again["imported"], again["skipped"]) == (0, 13)
    assert {e["row"] for e in again["errors"]} == set(EXPECTED_ERRORS)

    # exports: the formula is neutralised in CSV and XLSX, JSON round-trips the text
    out_csv = tmp_path / "chem.csv"
    code, exported, _ = run(capsys, "export", "chemicals", "--db", str(db), "--format", "csv",
                            "--out", str(out_csv))
    assert code == 0 and exported["exported"] == 12
    text = out_csv.read_text(encoding="utf-8-sig")
    records = list(csv.DictReader(text.splitlines(), delimiter=";"))
    names = {r["product"] for r in records}
    assert "'" + FORMULA in names and FORMULA not in names
    meth = next(r for r in records if r["product"] == "Metanol" and r["room"] == "D2:142")
    assert meth["pictograms"] == "GHS02,GHS06,GHS08" and meth["exposure_register"] == "no"
    assert meth["quantity"] == "2,5" and meth["place"] == "Brannskap 1"
    benz = next(r for r in records if r["product"] == "Benzen")
    assert benz["exposure_register"] == "yes"

    out_xlsx = tmp_path / "chem.xlsx"
    assert run(capsys, "export", "chemicals", "--db", str(db), "--format", "xlsx",
               "--out", str(out_xlsx))[0] == 0
    from openpyxl import load_workbook

    sheet = load_workbook(out_xlsx).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert "'" + FORMULA in {c.value for c in cells}

    out_json = tmp_path / "chem.json"
    assert run(capsys, "export", "chemicals", "--db", str(db), "--format", "json",
               "--out", str(out_json))[0] == 0
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert FORMULA in {r["product"] for r in data}
    assert {r["exposure_register"] for r in data if r["product"] == "Borsyre"} == {"yes"}

    # an export imports back unchanged (CSV and XLSX)
    for exported_file in (out_csv, out_xlsx):
        code, back, _ = import_extract(capsys, db, exported_file)
        assert code == 0 and back == {"imported": 0, "skipped": 12, "errors": []}, back


def test_create_rooms_and_strict(db: Path, tmp_path: Path, services: Any,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    extract = write_extract(tmp_path / "x.xlsx", ROWS)
    code, strict, _ = import_extract(capsys, db, extract, "--strict")
    assert code == 1 and strict["imported"] == 0
    assert {e["row"] for e in strict["errors"]} == set(EXPECTED_ERRORS)
    assert services.chemical_register.count() == 0

    code, created, _ = import_extract(capsys, db, extract, "--create-rooms")
    assert code == 0 and (created["imported"], created["skipped"]) == (13, 0), created
    k4 = room_id(services, "K4:110")
    held = services.chemicals.room_chemicals(k4)
    assert [(h.product_name, h.place) for h in held] == [("Metanol", "Skap 2")]
    from vernetool.db.organisation.buildings import get_building

    with services.store.reader() as conn:
        building = get_building(conn, "K4")
    assert building is not None and building.name == "Kjemiblokk 4"
    assert building.campus == "Gløshaugen"
    code, again, _ = import_extract(capsys, db, extract, "--create-rooms")
    assert (again["imported"], again["skipped"]) == (0, 13)


def test_other_layouts_and_a_mapping_file(db: Path, tmp_path: Path, services: Any,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    # ChemInventory's export (its labels), location paths with ">"
    cheminventory = tmp_path / "cheminventory.csv"
    cheminventory.write_text(
        "Barcode,Container Name,Container Size,Unit,Supplier,Substance CAS,GHS H-codes,"
        "Location,status\n"
        "C0001,Acetone,2.5,L,Fisher,67-64-1,\"H225, H319, H336\",Realfagbygget (D2) > 142 > "
        "Flammables cabinet,0\n"
        "C0002,Acetone,1,L,Fisher,67-64-1,\"H225, H319, H336\",Realfagbygget (D2) > 150,1\n",
        encoding="utf-8")
    code, result, _ = run(capsys, "import", "chemicals", "--db", str(db), str(cheminventory))
    assert code == 0 and result == {"imported": 2, "skipped": 0, "errors": []}, result
    acetone = services.chemicals.find_product("Acetone", "Fisher")
    held = {h.room_label: h for h in services.chemicals.holdings_of_product(acetone.id)}
    assert held["D2:142"].place == "Flammables cabinet" and held["D2:142"].quantity == 2.5
    assert held["D2:150"].status.value == "disposed"

    # Chimithèque's storages CSV (gochimitheque's StoragesToCSV headers, "/" paths)
    chimitheque = tmp_path / "storages.csv"
    chimitheque.write_text(
        "storage_id,product_name,product_cas_number,product_specificity,store_location,"
        "quantity,unit,barecode,supplier,creation_date,modification_date,entry_date,"
        "exit_date,opening_date,expiration_date,comment,reference,batch_number,"
        "to_destroy?,archive?\n"
        "1,Toluene,108-88-3,99%,Chimie/D2/D2-142/Armoire 1,2.5E+00,L,B1,Merck,2024-01-01,"
        "2024-01-01,2024-01-02,0001-01-01,0001-01-01,0001-01-01,,,,false,false\n"
        "2,Ethanol,64-17-5,,Chimie/D2/D2-150/Armoire 2,1E+00,L,B2,VWR,2024-01-01,"
        "2024-01-01,2024-01-02,2024-06-30,0001-01-01,0001-01-01,,,,false,true\n",
        encoding="utf-8")
    code, result, _ = run(capsys, "import", "chemicals", "--db", str(db), str(chimitheque))
    assert code == 0 and result == {"imported": 2, "skipped": 0, "errors": []}, result
    toluene = services.chemicals.find_product("Toluene", "Merck")
    (tol,) = services.chemicals.holdings_of_product(toluene.id)
    assert (tol.room_label, tol.place, tol.quantity) == ("D2:142", "Armoire 1", 2.5)
    ethanol = services.chemicals.find_product("Ethanol", "VWR")
    (eth,) = services.chemicals.holdings_of_product(ethanol.id)
    assert eth.status.value == "disposed" and eth.disposed_on == dt.date(2024, 6, 30)

    # an unrecognised layout: a file error naming the missing columns
    other = tmp_path / "other.csv"
    other.write_text("Stoff;Rom;Hylle;Volum\nIsopropanol;D2:142;Skap 9;3\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "chemicals", "--db", str(db), str(other))
    assert code == 1 and out is None
    assert "missing columns" in err and "room (Lokasjon)" in err and "product" in err

    # ... which a mapping file makes importable (JSON; the CSV form too)
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"columns": {"Stoff": "product", "Rom": "room",
                                               "Hylle": "place", "Volum": "quantity"}}),
                       encoding="utf-8")
    code, result, _ = run(capsys, "import", "chemicals", "--db", str(db), str(other),
                          "--mapping", str(mapping))
    assert code == 0 and result == {"imported": 1, "skipped": 0, "errors": []}, result
    mapping_csv = tmp_path / "mapping.csv"
    mapping_csv.write_text("column;field\nStoff;product\nRom;room\nHylle;place\nVolum;quantity\n",
                           encoding="utf-8")
    code, result, _ = run(capsys, "import", "chemicals", "--db", str(db), str(other),
                          "--mapping", str(mapping_csv))
    assert code == 0 and result == {"imported": 0, "skipped": 1, "errors": []}, result
    bad = tmp_path / "bad_mapping.json"
    bad.write_text(json.dumps({"Stoff": "produkt"}), encoding="utf-8")
    code, out, err = run(capsys, "import", "chemicals", "--db", str(db), str(other),
                         "--mapping", str(bad))
    assert code == 1 and "'produkt'" in err


def test_the_shipped_mapping_example_is_valid() -> None:
    from vernetool.exchange.chemical_layouts import read_mapping

    example = Path(__file__).parents[3] / "docs" / "examples" / "chemicals-mapping.json"
    schema = read_mapping(example)
    assert schema.match("Produkt") == "product"


def test_progress_and_cancel_through_the_service(db: Path, tmp_path: Path,
                                                 services: Any) -> None:
    from vernetool.services.exchange import ImportCancelled

    extract = write_extract(tmp_path / "x.xlsx", ROWS * 30)  # 510 rows: several batches
    seen: list[tuple[int, int]] = []
    with pytest.raises(ImportCancelled):
        services.exchange.import_file("chemicals", extract,
                                      progress=lambda done, total: seen.append((done, total)),
                                      cancel=lambda: len(seen) >= 2)
    assert seen[0] == (0, 510) and services.chemical_register.count() == 0
    seen.clear()
    result = services.exchange.import_file(
        "chemicals", extract, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (510, 510)
    assert result.imported == 12 and result.skipped == 30  # the K4 row, 30 times
    # the repeated rows name the same holdings: errors naming the first row
    twice = [e for e in result.errors if e.code == "chemical.holding_twice"]
    assert twice and twice[0].row == 19 and twice[0].params["row"] == 2
