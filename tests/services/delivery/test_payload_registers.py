"""The chemicals and sources payloads: the canonical chemicals columns with product facts,
disposed holdings included; DSA's layout with the sources that left; only the records asked
for; the mappings' names; formulas neutralised."""

from __future__ import annotations

import datetime as dt

from tests.services.delivery.payload_fixtures import files_of, read_csv, read_json
from vernetool.context import AppContext
from vernetool.domain.chemicals.model import Component, HoldingInput, ProductInput, SignalWord
from vernetool.domain.organisation import Room, RoomType
from vernetool.domain.radiation.model import SourceDisposal, SourceInput
from vernetool.domain.radiation.sources import DsaStatus, SourceKind
from vernetool.services.delivery.payloads import chemicals, sources
from vernetool.services.delivery.payloads.mapping import mapping_for

DB_ID = "7d1e0c4a-0000-4000-8000-00000000beef"


def _chemicals(ctx: AppContext) -> tuple[int, int, int]:
    s = ctx.services
    lab = s.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Synteselab"))
    methanol = s.chemicals.save_product(ProductInput(
        "Methanol", "Sigma-Aldrich", (Component("67-56-1"),), ("H225 H301 H311 H331 H370",),
        SignalWord.DANGER))
    odd = s.chemicals.save_product(ProductInput("=1+1 løsning", "@lab"))
    kept = s.chemicals.add_holding(HoldingInput(methanol.id, lab, "Syreskap 2", 2.5, "L", 3))
    gone = s.chemicals.add_holding(HoldingInput(odd.id, lab, "Benk", 1.0, "kg", 1))
    s.chemicals.dispose_holding(gone.id, dt.date(2026, 11, 10))
    other = s.chemicals.add_holding(HoldingInput(methanol.id, lab, "Kjøleskap", 0.5, "L", 1))
    return kept.id, gone.id, other.id


def test_chemical_holdings_with_product_facts(ctx: AppContext) -> None:
    kept, gone, other = _chemicals(ctx)
    recs = chemicals.records(ctx.conn, DB_ID, [kept, gone])
    files = files_of(chemicals.payload_files(mapping_for("chemicals"), recs,
                                         [(f"{DB_ID}:77", "2026-11-11T09:00:00Z")]))
    assert sorted(files) == ["chemicals.csv", "chemicals.json", "deleted.json"]
    rows = {r["id"]: r for r in read_csv(files["chemicals.csv"])}
    assert sorted(rows) == sorted([f"{DB_ID}:{kept}", f"{DB_ID}:{gone}"])
    assert f"{DB_ID}:{other}" not in rows                                 # not asked for
    methanol = rows[f"{DB_ID}:{kept}"]
    assert (methanol["room"], methanol["place"], methanol["product"], methanol["cas"],
            methanol["signal_word"], methanol["quantity"], methanol["unit"],
            methanol["status"], methanol["exposure_register"]) == (
        "REALF:D2-108", "Syreskap 2", "Methanol", "67-56-1", "danger", "2,5", "L", "in_use",
        "no")
    assert "H225" in methanol["hazard_statements"] and "GHS06" in methanol["pictograms"]
    disposed = rows[f"{DB_ID}:{gone}"]
    assert (disposed["status"], disposed["disposed_on"]) == ("disposed", "2026-11-10")
    assert (disposed["product"], disposed["supplier"]) == ("'=1+1 løsning", "'@lab")
    holdings = read_json(files["chemicals.json"])["holdings"]
    assert {h["quantity"] for h in holdings} == {2.5, 1.0}        # numbers stay numbers
    assert read_json(files["deleted.json"])["deleted"][0]["id"] == f"{DB_ID}:77"


def test_a_chemicals_mapping_renames(ctx: AppContext) -> None:
    kept, _, _ = _chemicals(ctx)
    mapping = mapping_for("chemicals", {"chemicals": {"columns": {
        "product": "Produktnavn", "room": "Rom", "sds_file": None}}})
    files = files_of(chemicals.payload_files(mapping, chemicals.records(ctx.conn, DB_ID, [kept]),
                                         []))
    [row] = read_csv(files["chemicals.csv"])
    assert (row["Produktnavn"], row["Rom"]) == ("Methanol", "REALF:D2-108")
    assert "sds_file" not in row and "product" not in row
    assert "deleted.json" not in files


def test_sources_in_dsas_layout_with_those_that_left(ctx: AppContext) -> None:
    s = ctx.services
    lab = s.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Isotoplab"))
    xray = s.radiation_sources.save(SourceInput(
        SourceKind.XRAY, make="Bruker", model="D8", serial_number="X-1", room_id=lab,
        dsa_id="DSA-991", dsa_status=DsaStatus.IN_USE, responsible="Strålevernkoordinator"))
    cs = s.radiation_sources.save(SourceInput(
        SourceKind.SEALED_SOURCE, nuclide="Cs-137", activity="370", activity_unit="kBq",
        reference_date=dt.date(2020, 1, 1), make="Eckert", serial_number="C-7",
        room_id=lab, notifiable=True))
    s.radiation_sources.dispose(cs.id, SourceDisposal(dt.date(2026, 11, 1), "returned"),
                                DsaStatus.RETURNED)
    quiet = s.radiation_sources.save(SourceInput(
        SourceKind.SEALED_SOURCE, nuclide="Am-241", activity="3", activity_unit="kBq",
        reference_date=dt.date(2020, 1, 1), make="X", serial_number="A-1", room_id=lab,
        notifiable=False))
    recs = sources.records(ctx.conn, DB_ID, [xray.id, cs.id, quiet.id])
    files = files_of(sources.payload_files(mapping_for("sources"), recs, []))
    rows = {r["vernetool-id"]: r for r in read_csv(files["sources.csv"])}
    assert sorted(rows) == sorted([f"{DB_ID}:{xray.id}", f"{DB_ID}:{cs.id}"])  # notifiable
    x = rows[f"{DB_ID}:{xray.id}"]
    assert (x["DSA-id"], x["Fabrikat"], x["Modell"], x["Serienummer"], x["Status"],
            x["Plassering"], x["Avhendet dato"]) == (
        "DSA-991", "Bruker", "D8", "X-1", "I bruk", "REALF:D2-108", "")
    left = rows[f"{DB_ID}:{cs.id}"]
    assert (left["Nuklide"], left["Avhendet dato"]) == ("Cs-137", "2026-11-01")
    assert left["Status"].startswith("Returnert")
    assert read_json(files["sources.json"])["sources"][0]["vernetool-id"].startswith(DB_ID)
    # the register's own --format dsa export is unchanged: held notifiable sources only
    from vernetool.exchange.sources_io import dsa_records, source_records

    held = dsa_records(source_records(ctx.conn, dt.date(2026, 11, 20)))
    assert [r["Serienummer"] for r in held] == ["X-1"]
