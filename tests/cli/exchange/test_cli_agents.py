"""``vernetool import agents`` / ``export agents``: Norwegian headers, groups and notes (from
the built-in list where the row says nothing), rooms with containment and notification,
idempotent re-import, bad rows named."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from vernetool.cli import main

ROOMS = "Bygg;Romnr;Romtype\nD2;142;Lab\nD2;150;Lab\n"
AGENTS = (
    "Agens;Type;Smitterisikogruppe;Merknader;Rom;Inneslutningsnivå;Meldt Arbeidstilsynet;"
    "Første bruk\n"
    "Escherichia coli K-12;Bakterie;1;;D2:142;1;;\n"
    "Staphylococcus aureus;;;;D2:142;BSL-2;01.02.2024;15.03.2024\n"
    "Mycobacterium tuberculosis;Bakterie;Risikogruppe 3;;D2:150;P3;2024-01-10;2024-01-20\n"
    "Hepatitt B-virus;Virus;3;D, V;;;;\n"
    "Escherichia coli K-12;;;;D2:150;1;;\n"
    # bad rows: unknown to the built-in list without type/group, another group for an
    # agent above, a note that does not exist, an unknown room, a group 5
    "Ukjentus organismus;;;;D2:142;;;\n"
    "Mycobacterium tuberculosis;Bakterie;2;;D2:142;;;\n"
    "Salmonella enterica;Bakterie;2;X;D2:150;;;\n"
    "Candida albicans;Sopp;2;A;Z9:999;;;\n"
    "Aspergillus niger;Sopp;5;;;;;\n")


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


def test_agents_import_with_groups_notes_and_rooms(db: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "agenser.csv"
    source.write_text(AGENTS, encoding="utf-8")
    code, result, _ = run(capsys, "import", "agents", "--db", str(db), str(source))
    assert code == 0
    assert result["imported"] == 5 and result["skipped"] == 0
    assert [(e["row"], e["field"]) for e in result["errors"]] == [
        (7, "agent_type"), (7, "risk_group"), (8, "agent"), (9, "notes"), (10, "room"),
        (11, "risk_group")]
    assert "row 4" in result["errors"][2]["message"]

    conn = sqlite3.connect(db)
    agents = {r[0]: r[1:] for r in conn.execute(
        "SELECT name, agent_type, risk_group, notes, long_retention, catalogue_name "
        "FROM bio_agent")}
    assert agents["Escherichia coli K-12"][:3] == ("bacterium", 1, "")
    # type and group from the built-in list (Directive 2000/54/EC Annex III)
    assert agents["Staphylococcus aureus"][:3] == ("bacterium", 2, "")
    assert agents["Staphylococcus aureus"][4] == "Staphylococcus aureus"
    # tuberculosis: the list's note V (the notes cell is empty) and a latent infection,
    # its workers register kept 40 years
    assert agents["Mycobacterium tuberculosis"][:4] == ("bacterium", 3, "V", 1)
    assert agents["Hepatitt B-virus"][:3] == ("virus", 3, "DV")
    uses = {(r[0], r[1]): r[2:] for r in conn.execute(
        "SELECT a.name, b.code || ':' || r.number, u.containment_level, u.notified_at, "
        "u.first_use FROM bio_agent_use u JOIN bio_agent a ON a.id = u.agent_id "
        "JOIN room r ON r.id = u.room_id JOIN building b ON b.id = r.building_id")}
    assert uses == {
        ("Escherichia coli K-12", "D2:142"): (1, None, None),
        ("Escherichia coli K-12", "D2:150"): (1, None, None),
        ("Staphylococcus aureus", "D2:142"): (2, "2024-02-01", "2024-03-15"),
        ("Mycobacterium tuberculosis", "D2:150"): (3, "2024-01-10", "2024-01-20")}

    # the same file again changes nothing
    _, again, _ = run(capsys, "import", "agents", "--db", str(db), str(source))
    assert again["imported"] == 0 and again["skipped"] == 5

    # export: every use, the ≥ 30 days notification rule and the workers register rule
    for fmt in ("csv", "xlsx", "json"):
        out = tmp_path / f"agents.{fmt}"
        code, exported, _ = run(capsys, "export", "agents", "--db", str(db), "--format",
                                fmt, "--out", str(out))
        assert code == 0 and exported["exported"] == 5
        _, back, _ = run(capsys, "import", "agents", "--db", str(db), str(out))
        assert back == {"imported": 0, "skipped": 5, "errors": []}, fmt
    records = json.loads((tmp_path / "agents.json").read_text(encoding="utf-8"))
    tb = next(r for r in records if r["agent"] == "Mycobacterium tuberculosis")
    assert tb["notification"] == "late" and tb["workers_register"] is True
    staph = next(r for r in records if r["agent"] == "Staphylococcus aureus")
    assert staph["notification"] == "ok" and staph["workers_register"] is False
    hbv = next(r for r in records if r["agent"] == "Hepatitt B-virus")
    assert hbv["notes"] == "D, V" and hbv["room"] == ""


def test_a_later_file_changes_a_use_and_keeps_what_it_does_not_say(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = tmp_path / "first.csv"
    first.write_text("Organisme;Risikogruppe;Type;Rom;Inneslutningsnivå;Meldt\n"
                     "Legionella pneumophila;2;bakterie;D2:142;2;2024-01-01\n",
                     encoding="utf-8")
    run(capsys, "import", "agents", "--db", str(db), str(first))
    later = tmp_path / "later.csv"
    later.write_text("Agens;Rom;Første bruk\nLegionella pneumophila;D2:142;2024-03-01\n",
                     encoding="utf-8")
    _, result, _ = run(capsys, "import", "agents", "--db", str(db), str(later))
    assert result == {"imported": 1, "skipped": 0, "errors": []}
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT a.risk_group, a.agent_type, u.containment_level, "
                        "u.notified_at, u.first_use FROM bio_agent_use u "
                        "JOIN bio_agent a ON a.id = u.agent_id").fetchone() == (
        2, "bacterium", 2, "2024-01-01", "2024-03-01")
    # the change of the use is kept in its history
    assert conn.execute("SELECT count(*) FROM bio_agent_use_history").fetchone()[0] == 1
