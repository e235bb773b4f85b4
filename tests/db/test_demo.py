"""The demo database: a realistic, deterministic university in Norwegian."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from vernetool.db.connection import connect, integrity_ok
from vernetool.db.migrations import latest_version, schema_version
from vernetool.db.organisation.persons import list_persons
from vernetool.db.organisation.responsibilities import current, history
from vernetool.db.organisation.room_cards import get_card
from vernetool.db.organisation.rooms import list_rooms
from vernetool.demo.builder import build_demo
from vernetool.domain.organisation import GHS_PICTOGRAMS, ResponsibilityKind, Role, RoomType

TODAY = dt.date(2025, 3, 14)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    return path, build_demo(path, seed=2024, today=TODAY)


@pytest.fixture
def demo_conn(demo: tuple[Path, dict[str, int]]) -> Iterator[sqlite3.Connection]:
    conn = connect(demo[0], read_only=True)
    yield conn
    conn.close()


def test_counts_are_those_of_a_small_university(demo: tuple[Path, dict[str, int]],
                                                demo_conn: sqlite3.Connection) -> None:
    _, summary = demo
    assert 250 <= summary["rooms"] <= 350
    assert 80 <= summary["persons"] <= 130
    assert 12 <= summary["buildings"] <= 15
    assert summary["campuses"] >= 5
    assert summary["room_cards"] >= 50
    assert len(list_rooms(demo_conn)) == summary["rooms"]
    assert len(list_persons(demo_conn)) == summary["persons"]
    table_count = demo_conn.execute("SELECT count(*) FROM room_responsibility").fetchone()[0]
    assert table_count == summary["responsibilities"]


def test_store_is_migrated_and_intact(demo_conn: sqlite3.Connection,
                                      demo: tuple[Path, dict[str, int]]) -> None:
    assert schema_version(demo_conn) == latest_version()
    assert integrity_ok(demo_conn)
    assert demo_conn.execute("PRAGMA foreign_key_check").fetchall() == []
    leftovers = [p.name for p in demo[0].parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_every_room_type_and_role_is_present(demo_conn: sqlite3.Connection) -> None:
    rooms = list_rooms(demo_conn)
    assert {room.type for room in rooms} == set(RoomType)
    persons = list_persons(demo_conn)
    assert set().union(*(p.roles for p in persons)) == set(Role)
    assert any(not p.active for p in persons)


def test_units_form_a_hierarchy(demo_conn: sqlite3.Connection) -> None:
    parent = demo_conn.execute(
        "SELECT p.code FROM unit u JOIN unit p ON p.id = u.parent_id WHERE u.code = 'IKJ'"
    ).fetchone()
    assert parent["code"] == "NV"


def test_text_is_norwegian_with_aeoeaa(demo_conn: sqlite3.Connection) -> None:
    names = " ".join(p.name for p in list_persons(demo_conn))
    rooms = " ".join(f"{r.name} {r.building_name} {r.campus}" for r in list_rooms(demo_conn))
    for letter in "æøå":
        assert letter in names.casefold()
        assert letter in rooms.casefold()
    assert "Gløshaugen" in rooms and "Ålesund" in rooms
    emails = [p.email for p in list_persons(demo_conn)]
    assert all(e and e.isascii() and e.endswith("@uni.example.no") for e in emails)
    assert len(set(emails)) == len(emails)


def test_special_rooms_have_a_current_responsible(demo_conn: sqlite3.Connection) -> None:
    labs = [r for r in list_rooms(demo_conn) if r.type is RoomType.LAB]
    assert labs
    persons = {p.id: p for p in list_persons(demo_conn)}
    with_deputy = 0
    for room in labs:
        assert room.id is not None
        now = current(demo_conn, room.id, TODAY)
        responsible = now[ResponsibilityKind.RESPONSIBLE]
        assert persons[responsible.person_id].active
        with_deputy += ResponsibilityKind.DEPUTY in now
    assert with_deputy >= len(labs) // 2


def test_some_rooms_have_history_with_people_who_left(demo_conn: sqlite3.Connection) -> None:
    persons = {p.id: p for p in list_persons(demo_conn)}
    ended = []
    for room in list_rooms(demo_conn):
        assert room.id is not None
        ended += [h for h in history(demo_conn, room.id) if h.valid_to is not None]
    assert len(ended) >= 10
    assert all(h.valid_to is not None and h.valid_to < TODAY for h in ended)
    assert any(not persons[h.person_id].active for h in ended)


def test_room_cards_of_labs_and_stores(demo_conn: sqlite3.Connection) -> None:
    cards = {r.name: get_card(demo_conn, r.id) for r in list_rooms(demo_conn)
             if r.id is not None and r.type in (RoomType.LAB, RoomType.STORAGE)}
    store = cards["Kjemikalielager"]
    assert store.flammable_cat1_max_litres and store.flammable_cat2_max_litres
    assert "GHS02" in store.pictograms
    assert cards["Gasslager"].gas_max_cylinders
    assert "stråling" in cards["Isotoplab"].special_hazards
    for card in cards.values():
        assert set(card.pictograms) <= set(GHS_PICTOGRAMS)
    offices = [r for r in list_rooms(demo_conn) if r.type is RoomType.OFFICE]
    assert all(get_card(demo_conn, r.id).is_empty() for r in offices if r.id is not None)


def _dump(path: Path) -> list[tuple[object, ...]]:
    conn = connect(path, read_only=True)
    try:
        rows: list[tuple[object, ...]] = []
        for table, columns in (
            ("unit", "code, name, parent_id"), ("building", "code, name, campus_id"),
            ("room", "building_id, number, name, type, floor, area_m2, unit_id"),
            ("person", "name, email, phone, unit_id, active"),
            ("person_role", "person_id, role"),
            ("room_responsibility", "room_id, person_id, kind, valid_from, valid_to"),
            ("room_card", "room_id, activity_type, gas_max_cylinders, pictograms, "
                          "flammable_cat2_max_litres"),
            ("chemical_product", "name, supplier, signal_word, pictograms, exposure_register"),
            ("chemical_holding", "product_id, room_id, place, quantity, unit, containers, "
                                 "status, disposed_on"),
            ("chemical_sds", "product_id, url, revised_on, language"),
            ("exposure_entry", "product_id, person, identity_masked, position, room_id, "
                               "exposure_start, exposure_end, retain_until"),
            ("radiation_source", "kind, nuclide, activity, reference_date, serial_number, "
                                 "room_id, responsible_id, dsa_status, leak_test_last"),
            ("radiation_worker", "person, person_id, identity_masked, employed_from"),
            ("radiation_dose", "worker_id, dose_date, position, hp10_msv, hp007_msv"),
            ("bio_agent_use", "agent_id, room_id, containment_level, notified_at"),
            ("bio_worker", "person, agent_id, identity_masked, retain_until"),
            ("bio_cabinet_certification", "cabinet_id, certified_on, next_due"),
        ):
            rows += [(table, *row) for row in
                     conn.execute(f"SELECT {columns} FROM {table} ORDER BY 1, 2")]
        return rows
    finally:
        conn.close()


def test_deterministic_for_a_seed(tmp_path: Path, demo: tuple[Path, dict[str, int]]) -> None:
    again = tmp_path / "again.sqlite"
    other = tmp_path / "other.sqlite"
    assert build_demo(again, seed=2024, today=TODAY) == demo[1]
    build_demo(other, seed=7, today=TODAY)
    assert _dump(again) == _dump(demo[0])
    assert _dump(other) != _dump(demo[0])


def test_refuses_to_overwrite(demo: tuple[Path, dict[str, int]]) -> None:
    with pytest.raises(FileExistsError):
        build_demo(demo[0])


# -- the chemical register and the exposure register -----------------------------------------

def test_register_has_hundreds_of_products_and_thousands_of_holdings(
        demo: tuple[Path, dict[str, int]], demo_conn: sqlite3.Connection) -> None:
    _, summary = demo
    products = demo_conn.execute("SELECT count(*) FROM chemical_product").fetchone()[0]
    holdings = demo_conn.execute("SELECT count(*) FROM chemical_holding").fetchone()[0]
    assert products == summary["chemical products"] >= 200
    assert holdings == summary["chemical holdings"] >= 2000
    suppliers = {r[0] for r in demo_conn.execute("SELECT DISTINCT supplier FROM chemical_product")}
    assert {"Sigma-Aldrich", "Merck", "VWR", "Thermo Fisher Scientific", "Honeywell", "Fluka",
            "Linde Gas", "Kemetyl"} <= suppliers
    # chemistry labs hold more than biology labs, offices and corridors nothing
    per_type = dict(demo_conn.execute(
        "SELECT r.type, count(*) FROM chemical_holding h JOIN room r ON r.id = h.room_id "
        "GROUP BY r.type").fetchall())
    assert set(per_type) <= {"lab", "storage", "workshop", "animal_room"}
    kinds = dict(demo_conn.execute(
        "SELECT r.name, count(*) * 1.0 / count(DISTINCT r.id) FROM chemical_holding h "
        "JOIN room r ON r.id = h.room_id GROUP BY r.name").fetchall())
    assert kinds["Organisk syntese-lab"] > kinds["Cellekulturlab (BSL-2)"] > kinds["Isotoplab"]


def test_every_cas_number_and_code_is_valid(demo_conn: sqlite3.Connection) -> None:
    from vernetool.domain.chemicals.cas import normalise_cas
    from vernetool.domain.chemicals.statements import parse_statements, statement_text

    cas = [r[0] for r in demo_conn.execute("SELECT cas FROM chemical_component")]
    assert len(cas) >= 200
    assert all(normalise_cas(c) == c for c in cas)
    mixtures = demo_conn.execute("SELECT count(*) FROM (SELECT product_id FROM "
                                 "chemical_component GROUP BY product_id HAVING count(*) > 1)")
    assert mixtures.fetchone()[0] >= 5
    codes = {r[0] for r in demo_conn.execute("SELECT DISTINCT code FROM chemical_statement")}
    for code in codes:
        assert parse_statements(code) == [code]
        assert statement_text(code)
    assert {"H225", "H350", "H360FD", "H350i", "H300+H310+H330", "EUH066", "P301+P310",
            "H260", "H272", "H280", "H281", "H220"} <= codes


def test_products_derive_the_expected_pictograms_and_exposure_flags(
        demo_conn: sqlite3.Connection) -> None:
    def product(name: str) -> sqlite3.Row:
        row: sqlite3.Row | None = demo_conn.execute(
            "SELECT pictograms, exposure_register, signal_word FROM chemical_product "
            "WHERE name = ?", (name,)).fetchone()
        assert row is not None, name
        return row

    merck = " for analysis EMSURE® ACS,ISO,Reag. Ph Eur"
    assert product(f"Methanol{merck}")["pictograms"] == "GHS02,GHS06,GHS08"
    assert product(f"Acetone{merck}")["pictograms"] == "GHS02,GHS07"
    assert product("Nickel(II) sulfate hexahydrate for analysis EMSURE®")["pictograms"] == \
        "GHS07,GHS08,GHS09"
    formalin = product("Formaldehyde solution 37 % for analysis EMSURE®")
    assert formalin["pictograms"] == "GHS05,GHS06,GHS08" and formalin["exposure_register"]
    assert product(f"Benzene{merck}")["exposure_register"]
    assert product(f"N,N-Dimethylformamide{merck}")["exposure_register"]
    assert product("Boric acid for analysis EMSURE®")["exposure_register"]
    assert not product(f"Toluene{merck}")["exposure_register"]
    assert not product(f"Dichloromethane{merck}")["exposure_register"]
    sodium = product("Sodium, cubes under mineral oil, ReagentPlus®")
    assert "GHS02" in sodium["pictograms"] and sodium["signal_word"] == "danger"
    hydrogen = product("Hydrogen 5.0")
    assert hydrogen["pictograms"] == "GHS02,GHS04"
    assert product("Nitrogen 5.0")["signal_word"] == "warning"


def test_one_deliberate_segregation_problem(demo: tuple[Path, dict[str, int]]) -> None:
    from vernetool.db.migrations import open_store
    from vernetool.services import Services, Store

    conn = open_store(demo[0])
    try:
        services = Services(Store(conn, demo[0], lambda: "test"))
        problems = services.chemicals.segregation_problems()
        places = {conn.execute("SELECT room_id, place FROM chemical_holding WHERE id = ?",
                               (p.holding_id,)).fetchone()[:] for p in problems}
        assert len(places) == 1
        assert {p.other_product for p in problems} == {"Potassium permanganate, ReagentPlus®"}
        (room_id, place), = places
        assert place.startswith("Brannskap")
        assert len(services.chemicals.place_holdings(room_id, place)) > 5
        # only that one: and the flammable litres stay within every room card
        for room_id, in conn.execute("SELECT DISTINCT room_id FROM chemical_holding"):
            litres = services.chemicals.flammable_litres(room_id)
            card = conn.execute("SELECT flammable_cat1_max_litres, flammable_cat2_max_litres "
                                "FROM room_card WHERE room_id = ?", (room_id,)).fetchone()
            if card is not None:
                assert card[0] is None or litres.cat1 <= card[0]
                assert card[1] is None or litres.cat2 <= card[1]
    finally:
        conn.close()


def test_sheets_recent_old_foreign_and_missing(demo_conn: sqlite3.Connection) -> None:
    from vernetool.db.chemicals.sds import current_sheets
    from vernetool.domain.chemicals.sds import SdsState, sds_states

    sheets = current_sheets(demo_conn)
    products = [r[0] for r in demo_conn.execute("SELECT id FROM chemical_product")]
    states = [sds_states(p in sheets, sheets[p].revised_on if p in sheets else None,
                         sheets[p].language if p in sheets else "", TODAY) for p in products]
    fine = sum(not s for s in states)
    old = sum(SdsState.OLD in s for s in states)
    foreign = sum(SdsState.LANGUAGE in s for s in states)
    missing = sum(SdsState.MISSING in s for s in states)
    assert fine > 0.7 * len(products)
    assert 0.05 * len(products) < old < 0.25 * len(products)
    assert 3 <= foreign < 0.1 * len(products)
    assert 3 <= missing < 0.1 * len(products)
    assert all(s.url.startswith("https://") and not s.has_file for s in sheets.values())
    replaced = demo_conn.execute("SELECT count(*) FROM chemical_sds").fetchone()[0]
    assert replaced > len(sheets)  # some products keep the sheet a newer one replaced


def test_disposed_and_changed_holdings(demo_conn: sqlite3.Connection) -> None:
    rows = demo_conn.execute("SELECT disposed_on FROM chemical_holding "
                             "WHERE status = 'disposed'").fetchall()
    assert len(rows) >= 50
    assert all(dt.date.fromisoformat(r[0]) <= TODAY for r in rows)
    history = demo_conn.execute("SELECT count(DISTINCT holding_id) FROM "
                                "chemical_holding_history").fetchone()[0]
    assert history > len(rows)
    units = {r[0] for r in demo_conn.execute("SELECT DISTINCT unit FROM chemical_holding")}
    assert {"mL", "L", "g", "kg", "pcs"} <= units
    gases = demo_conn.execute(
        "SELECT count(*) FROM chemical_holding h JOIN chemical_statement s "
        "ON s.product_id = h.product_id AND s.code = 'H280' "
        "WHERE h.unit <> 'pcs' OR h.containers <> h.quantity").fetchone()[0]
    assert gases == 0  # gas cylinders are counted


def test_cmr_products_with_and_without_exposure_entries(
        demo: tuple[Path, dict[str, int]], demo_conn: sqlite3.Connection) -> None:
    in_use = {r[0] for r in demo_conn.execute(
        "SELECT DISTINCT h.product_id FROM chemical_holding h JOIN chemical_product p "
        "ON p.id = h.product_id WHERE p.exposure_register AND h.status = 'in_use'")}
    entered = {r[0] for r in demo_conn.execute("SELECT DISTINCT product_id FROM exposure_entry")}
    assert len(in_use & entered) >= 5
    assert len(in_use - entered) >= 5
    assert entered <= in_use
    entries = demo_conn.execute("SELECT * FROM exposure_entry").fetchall()
    assert len(entries) == demo[1]["exposure entries"]
    assert all(e["identity_masked"] == "" or e["identity_masked"].endswith("*****")
               for e in entries)
    ended = [e for e in entries if e["exposure_end"]]
    assert ended and all(e["retain_until"] > e["exposure_end"] for e in ended)


def test_identity_numbers_are_synthetic_and_never_in_clear(
        demo: tuple[Path, dict[str, int]], demo_conn: sqlite3.Connection) -> None:
    import os

    from vernetool.db.meta import get_meta, set_meta
    from vernetool.demo.chemicals import DEMO_PASSPHRASE
    from vernetool.domain.identity import birth_date, check_identity_number
    from vernetool.security.identity_vault import ENV_PASSPHRASE, IdentityVault

    class Meta:
        def get(self, key: str) -> str | None:
            return get_meta(demo_conn, key)

        def set(self, key: str, value: str) -> None:
            set_meta(demo_conn, key, value)

    vault = IdentityVault(keychain=None)
    vault.unlock(Meta(), os.environ.get(ENV_PASSPHRASE) or DEMO_PASSPHRASE)
    ciphers = [r[0] for r in demo_conn.execute("SELECT identity_cipher FROM exposure_entry "
                                               "WHERE identity_cipher IS NOT NULL")]
    assert len(ciphers) >= 10
    numbers = [vault.open(c) for c in ciphers]
    for number in numbers:
        born = birth_date(check_identity_number(number))
        assert born is not None and born.year >= 2035  # born after today: no one's number
    assert any(int(n[0]) >= 4 for n in numbers)  # D-numbers too
    data = demo[0].read_bytes()
    assert not any(n.encode() in data for n in numbers)


def test_synthetic_identity_numbers_pass_the_check() -> None:
    import random

    from vernetool.demo.chemicals import synthetic_identity_number
    from vernetool.domain.identity import check_identity_number

    rng = random.Random(1)
    for _ in range(200):
        for d_number in (False, True):
            number = synthetic_identity_number(rng, d_number)
            assert check_identity_number(number) == number
