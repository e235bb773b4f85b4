"""Issue 11 part 4: the walk uses the registers. Items conditioned on what the registers hold
in the room (gas, CMR, radiation, laser, biology, the chemical register) appear where it is
there and not elsewhere; the figures beside them match the holdings; an answer to an item that
stops applying is kept; a finding that points at a register entry keeps saying which through
save, load, the action plan, the report, the bundle and the room JSON, also after the entry
is gone; a database from before schema 10 migrates."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.db.register_lab import TODAY, Lab, make_lab
from vernetool.context import AppContext
from vernetool.db.migrations import build_schema, open_store, schema_version
from vernetool.domain.chemicals.model import HoldingInput
from vernetool.domain.organisation import RoomCard
from vernetool.domain.rounds import Finding, Severity
from vernetool.settings import Settings

GAS = {"lab.gas.secured", "lab.gas.labelled", "lab.gas.quantity"}
CMR = {"lab.cmr.exposure_entries", "lab.cmr.substitution", "lab.cmr.area"}
RADIATION = {"lab.rad.registered", "lab.rad.signs", "lab.rad.lock", "lab.rad.leaktest",
             "lab.rad.dosimeters"}
LASER = {"lab.laser.signs", "lab.laser.interlock"}
BIOLOGY = {"lab.bio.sign", "lab.bio.cabinet", "lab.bio.waste"}
CHEMICALS = {"lab.register.at_hand"}


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    yield from make_lab(tmp_path)


def test_gas_cmr_and_chemical_items_where_the_registers_hold_them(lab: Lab) -> None:
    round_id = lab.round(lab.chem, lab.plain, lab.rad)
    chem, plain, rad = (lab.codes(round_id, r) for r in (lab.chem, lab.plain, lab.rad))
    assert chem >= GAS | CMR | CHEMICALS
    assert not (GAS | CMR | CHEMICALS) & plain          # same template, nothing registered
    assert not (RADIATION | LASER | BIOLOGY) & chem
    assert rad >= RADIATION | LASER | BIOLOGY
    assert not (RADIATION | LASER | BIOLOGY | GAS) & plain
    assert not (GAS | CMR) & rad


def test_progress_counts_the_same_items_as_the_walk(lab: Lab) -> None:
    round_id = lab.round(lab.chem, lab.plain, lab.rad)
    overview = lab.ctx.services.walk.overview(round_id)
    for entry in overview.rooms:
        content = lab.ctx.services.walk.room_content(entry.id, "en", TODAY)
        assert overview.items_total[entry.id] == sum(len(i) for _s, i in content.sections)
    assert overview.items_total[lab.entry(round_id, lab.chem)] > overview.items_total[
        lab.entry(round_id, lab.plain)]


def test_the_figures_beside_the_items_match_the_holdings(lab: Lab) -> None:
    from vernetool.ui.rounds.walk.register_lines import item_lines

    round_id = lab.round(lab.chem, lab.rad)
    content = lab.ctx.services.walk.room_content(lab.entry(round_id, lab.chem), "en", TODAY)
    f = content.figures
    assert (f.flammable_cat1_litres, f.flammable_cat2_litres) == (0.5, 12.25)
    assert (f.gas_cylinders, f.gas_products, f.cmr_products) == (2, ("Argon",), ("Benzen",))
    items = {i.code: i for _s, its in content.sections for i in its}
    assert item_lines(items["lab.chem.quantities"].condition, f, content.card) == (
        "Registered: 0.5 L cat. 1, 12.25 L cat. 2 — card allows 5 L / 20 L")
    assert item_lines(items["lab.gas.quantity"].condition, f, content.card) == (
        "Registered: 2 gas cylinders (Argon) — card allows 6")
    assert item_lines(items["lab.cmr.substitution"].condition, f, content.card) == (
        "CMR products (1): Benzen")
    assert item_lines(items["lab.chem.spill"].condition, f, content.card) == ""
    rad = lab.ctx.services.walk.room_content(lab.entry(round_id, lab.rad), "en", TODAY)
    items = {i.code: i for _s, its in rad.sections for i in its}
    line = item_lines(items["lab.rad.signs"].condition, rad.figures, rad.card)
    assert line.startswith("Sources: Cs-137 SN SN-1234, ") and " kBq now" in line
    assert item_lines(items["lab.laser.signs"].condition, rad.figures, rad.card) == (
        "Lasers: Verdi V10, class 4")
    assert item_lines(items["lab.bio.sign"].condition, rad.figures, rad.card) == (
        "Agents: Escherichia coli K-12 (group 1)")


def test_an_answer_to_an_item_that_stops_applying_is_kept(lab: Lab) -> None:
    walk = lab.ctx.services.walk
    round_id = lab.round(lab.chem)
    entry = lab.entry(round_id, lab.chem)
    content = walk.room_content(entry, "en", TODAY)
    gas_item = next(i for _s, its in content.sections for i in its if i.code == "lab.gas.secured")
    assert gas_item.id is not None
    walk.answer(entry, gas_item.id, "improve")
    walk.save_field(entry, gas_item.id, "comment", "Flaske uten kjetting")
    # the argon goes, and the card no longer names gas: the gas items are no longer asked
    lab.ctx.services.chemicals.dispose_holding(lab.argon_holding, TODAY)
    lab.ctx.services.room_cards.save(lab.chem, RoomCard(activity_type="Syntese"))
    later = walk.room_content(entry, "en", TODAY)
    assert "lab.gas.secured" not in {i.code for _s, its in later.sections for i in its}
    kept = later.answers[gas_item.id]
    assert (kept.answer, kept.comment) == ("improve", "Flaske uten kjetting")
    # cylinders registered again: the item is back with its answer
    lab.ctx.services.chemicals.add_holding(HoldingInput(
        lab.ctx.services.chemicals.holding(lab.argon_holding).product_id, lab.chem,
        "Gang", 10, "L", 1))
    back = walk.room_content(entry, "en", TODAY)
    assert "lab.gas.secured" in {i.code for _s, its in back.sections for i in its}
    assert back.answers[gas_item.id].answer == "improve"


def _finding(lab: Lab, round_id: int) -> int:
    entry = lab.entry(round_id, lab.chem)
    entries = lab.ctx.services.findings.register_entries(entry)
    assert ("holding", lab.argon_holding, "Argon (Gassflaskeskap)") in entries
    assert ("holding", lab.benzene_holding, "Benzen (Avtrekk)") in entries
    return lab.ctx.services.findings.save(Finding(
        "Argonflasken står løst", Severity.HIGH, "Fest flasken med kjetting",
        deadline=dt.date(2026, 3, 20), round_room_id=entry, register_kind="holding",
        register_id=lab.argon_holding))


def test_a_finding_pointing_at_a_holding_round_trips(lab: Lab, tmp_path: Path) -> None:
    round_id = lab.round(lab.chem, lab.rad)
    finding_id = _finding(lab, round_id)
    stored = lab.ctx.services.findings.get(finding_id, "en")
    assert (stored.register_kind, stored.register_id, stored.register_label) == (
        "holding", lab.argon_holding, "Argon (Gassflaskeskap)")
    [row] = lab.ctx.services.action_plan.rows(round_id, "en").rows
    assert row.register_label == "Argon (Gassflaskeskap)"
    lab.ctx.services.action_plan.export(round_id, tmp_path / "plan.csv", "csv", "en")
    csv = (tmp_path / "plan.csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv[0].endswith(";Register entry") and csv[1].endswith(";Argon (Gassflaskeskap)")
    pdf = lab.ctx.services.action_plan.write_report(round_id, tmp_path / "r.pdf", "en", TODAY)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)
    assert "Concerns: Argon (Gassflaskeskap)" in text
    room = lab.ctx.services.rooms.find("REALF", "D2-108")
    assert room is not None
    overview = lab.ctx.services.room_overview.overview(room, TODAY)
    [open_finding] = overview["open_findings"]
    assert open_finding["register"] == {"kind": "holding", "id": lab.argon_holding,
                                        "label": "Argon (Gassflaskeskap)"}


def test_the_bundle_carries_the_register_entry(lab: Lab, tmp_path: Path) -> None:
    round_id = lab.round(lab.chem)
    lab.ctx.close()
    laptop = tmp_path / "laptop.sqlite"
    shutil.copy(lab.path, laptop)         # the copy taken out on the walk
    lab.ctx = AppContext.open(laptop, Settings(tmp_path / "settings2.json"))
    _finding(lab, round_id)
    bundle = lab.ctx.services.round_bundles.export(round_id, tmp_path / "round.zip")
    with zipfile.ZipFile(bundle) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    [sent] = manifest["findings"]
    assert (sent["register_kind"], sent["register_id"], sent["register_label"]) == (
        "holding", lab.argon_holding, "Argon (Gassflaskeskap)")
    lab.ctx.close()
    lab.ctx = AppContext.open(lab.path, Settings(tmp_path / "settings.json"))
    result = lab.ctx.services.round_bundles.merge(bundle)
    assert result.findings_added == 1
    [merged] = lab.ctx.services.action_plan.rows(round_id, "en").rows
    assert (merged.register_kind, merged.register_id, merged.register_label) == (
        "holding", lab.argon_holding, "Argon (Gassflaskeskap)")


def test_a_finding_keeps_its_entry_label_when_the_entry_is_gone(lab: Lab) -> None:
    round_id = lab.round(lab.chem)
    finding_id = _finding(lab, round_id)
    lab.ctx.services.chemicals.dispose_holding(lab.argon_holding, TODAY)
    conn = lab.ctx.services.store.conn
    conn.execute("DELETE FROM chemical_holding_history WHERE holding_id = ?",
                 (lab.argon_holding,))
    conn.execute("DELETE FROM chemical_holding WHERE id = ?", (lab.argon_holding,))
    found = lab.ctx.services.findings.get(finding_id, "en")
    assert found.register_label == "Argon (Gassflaskeskap)"
    found.action = "Flasken er levert tilbake"
    lab.ctx.services.findings.save(found)                 # editing keeps the label
    again = lab.ctx.services.findings.get(finding_id, "en")
    assert (again.register_kind, again.register_label) == ("holding", "Argon (Gassflaskeskap)")
    entries = lab.ctx.services.findings.register_entries(lab.entry(round_id, lab.chem))
    assert ("holding", lab.argon_holding) not in {(k, i) for k, i, _l in entries}


def test_a_pre_schema_10_database_migrates_keeping_its_findings(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with closing(sqlite3.connect(path)) as raw:
        build_schema(raw, 9)
        raw.execute("INSERT INTO hse_round (uid, title, start_date) "
                    "VALUES ('r1', 'Runde', '2025-03-01')")
        raw.execute("INSERT INTO round_finding (uid, round_id, description) "
                    "VALUES ('f1', 1, 'Løs kabel')")
        raw.commit()
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 9
    conn = open_store(path)
    try:
        assert schema_version(conn) >= 10
        row = conn.execute("SELECT description, register_kind, register_id, register_label "
                           "FROM round_finding WHERE uid = 'f1'").fetchone()
        assert tuple(row) == ("Løs kabel", None, None, "")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE round_finding SET register_kind = 'room' WHERE uid = 'f1'")
        plan = conn.execute("EXPLAIN QUERY PLAN SELECT id FROM round_finding "
                            "WHERE register_kind = 'holding' AND register_id = 3").fetchall()
        assert "round_finding_register" in " ".join(str(tuple(r)) for r in plan)
    finally:
        conn.close()
