"""The deviations payload: the central system's shape, without personal data, formulas
neutralised, the target's mapping applied, only the changed records, tombstones."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from tests.services.delivery.payload_fixtures import (
    ACTOR,
    PERSONAL,
    files_of,
    make_deviations,
    make_room,
    read_csv,
    read_json,
)
from vernetool.context import AppContext
from vernetool.services import Services
from vernetool.services.delivery.payloads import deviations
from vernetool.services.delivery.payloads.mapping import mapping_for

DB_ID = "0b5f3c1e-9d2a-4c1b-8e7f-123456789abc"


@pytest.fixture
def services(ctx: AppContext) -> Iterator[Services]:
    ctx.settings.set("user_name", ACTOR)
    yield ctx.services


@pytest.fixture
def ids(services: Services) -> dict[str, int]:
    return make_deviations(services, make_room(services))


def _files(ctx: AppContext, ids: list[int], deleted: Sequence[tuple[str, str]] = (),
           target_mapping: dict[str, object] | None = None) -> dict[str, bytes]:
    recs = deviations.records(ctx.conn, DB_ID, ids)
    return files_of(deviations.payload_files(mapping_for("deviations", target_mapping), recs,
                                             list(deleted)))


def test_the_record_a_case_handler_needs(ctx: AppContext, ids: dict[str, int]) -> None:
    files = _files(ctx, list(ids.values()))
    assert sorted(files) == ["deviations.csv", "deviations.json", "history.csv",
                             "measures.csv"]
    [accident] = [d for d in read_json(files["deviations.json"])["deviations"]
                  if d["id"] == f"{DB_ID}:{ids['accident']}"]
    assert (accident["type"], accident["title"], accident["room"], accident["unit"]) == (
        "accident", "Kutt i hånd", "B1:101", "IKJ")
    assert (accident["potential_consequence"], accident["probability"], accident["risk"]) == (
        4, 4, "red")
    assert accident["status"] == "in_progress"       # the first measure started the work
    assert accident["closing_deadline"] == "2026-12-01"
    assert (accident["injury"], accident["nav_reported"], accident["absence"],
            accident["medical_treatment"], accident["reassigned"], accident["fatality"]) == (
        True, True, "le3", "yes", "no", False)
    [measure] = accident["measures"]
    assert measure == {"id": measure["id"], "deviation_id": accident["id"],
                       "description": "Bytt til herdet glass", "deadline": "2026-11-30",
                       "status": "open", "done_at": None}
    assert [(h["from_status"], h["to_status"]) for h in accident["history"]] == [
        (None, "registered"), ("registered", "accepted"), ("accepted", "in_progress")]
    assert accident["history"][1]["closing_deadline"] == "2026-12-01"
    hazard_rows = [r for r in read_csv(files["deviations.csv"])
                   if r["id"] == f"{DB_ID}:{ids['hazard']}"]
    assert [(r["room"], r["status"], r["injury"], r["risk"]) for r in hazard_rows] == [
        ("Kjeller, gang C", "transferred", "no", "yellow")]
    measures = read_csv(files["measures.csv"])
    assert [(m["deviation_id"], m["description"]) for m in measures] == [
        (accident["id"], "Bytt til herdet glass")]
    assert len(read_csv(files["history.csv"])) == 6   # 3 + 2 + 1 status changes


def test_no_personal_data_in_any_file(ctx: AppContext, ids: dict[str, int]) -> None:
    files = _files(ctx, list(ids.values()), [(f"{DB_ID}:99", "2026-11-20T10:00:00Z")])
    assert "deleted.json" in files
    for name, data in files.items():
        text = data.decode("utf-8-sig")
        for word in PERSONAL:
            assert word.lower() not in text.lower(), (name, word)
    # the fixture does hold them: they were left out, not never written
    row = ctx.conn.execute("SELECT reporter FROM deviation WHERE id = ?",
                           (ids["accident"],)).fetchone()
    assert "Kari Melder" in row[0]


def test_formulas_are_neutralised_in_csv_and_json(ctx: AppContext,
                                                  ids: dict[str, int]) -> None:
    files = _files(ctx, [ids["formula"]])
    [row] = read_csv(files["deviations.csv"])
    assert row["title"] == "'=HYPERLINK(\"http://x\",\"klikk\")"
    assert row["description"] == "'+cmd|' /C calc'!A0"
    assert (row["cause"], row["immediate_action"]) == ("'@SUM(A1)", "'-2+3")
    [record] = read_json(files["deviations.json"])["deviations"]
    assert record["title"].startswith("'=") and record["description"].startswith("'+")
    for name, data in files.items():
        for cell in ("\n=HYP", ";=HYP", '"=HYP', "\n+cmd", ";+cmd", '"+cmd', ';@SUM', '"@SUM'):
            assert cell not in data.decode("utf-8-sig"), (name, cell)


def test_only_the_records_asked_for(ctx: AppContext, ids: dict[str, int]) -> None:
    files = _files(ctx, [ids["hazard"]])
    assert [r["id"] for r in read_csv(files["deviations.csv"])] == [f"{DB_ID}:{ids['hazard']}"]
    assert read_csv(files["measures.csv"]) == []
    assert [r["to_status"] for r in read_csv(files["history.csv"])] == ["registered", "transferred"]


def test_tombstones_for_deleted_deviations(ctx: AppContext, ids: dict[str, int]) -> None:
    files = _files(ctx, [], [(f"{DB_ID}:41", "2026-11-19T08:00:00Z")])
    assert read_json(files["deleted.json"]) == {
        "schema": "vernetool.deleted/1", "kind": "deviations",
        "deleted": [{"id": f"{DB_ID}:41", "deleted_at": "2026-11-19T08:00:00Z"}]}
    assert read_csv(files["deviations.csv"]) == []


def test_a_mapping_renames_drops_and_maps_values(ctx: AppContext,
                                                 ids: dict[str, int]) -> None:
    mapping = {"deviations": {
        "columns": {"title": "Tittel", "type": "Hendelsestype", "description": None,
                    "measures": "Tiltak", "measures.deadline": "Frist"},
        "values": {"type": {"accident": "Personskade", "hazard": "Farlig forhold"}},
        "csv": {"delimiter": ","}}}
    files = _files(ctx, [ids["accident"], ids["hazard"]], target_mapping=mapping)
    rows = read_csv(files["deviations.csv"], delimiter=",")
    assert [(r["Tittel"], r["Hendelsestype"]) for r in rows] == [
        ("Kutt i hånd", "Personskade"), ("Blokkert rømningsvei", "Farlig forhold")]
    assert "title" not in rows[0] and "description" not in rows[0]
    assert "Glass knuste" not in files["deviations.json"].decode()
    first = read_json(files["deviations.json"])["deviations"][0]
    assert first["Tittel"] == "Kutt i hånd" and "description" not in first
    assert [m["Frist"] for m in first["Tiltak"]] == ["2026-11-30"]
    assert list(read_csv(files["measures.csv"], delimiter=",")[0]) == [
        "id", "deviation_id", "description", "Frist", "status", "done_at"]
