"""``vernetool import workers`` / ``export workers``: both workers registers in one file
(doses, incidents, vaccination offers), identity numbers encrypted at rest and absent from an
export unless ``--include-identity`` (audited), a locked vault a one-line error."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from vernetool.cli import main
from vernetool.domain.identity import _WEIGHTS_1, _WEIGHTS_2, control_digit

PASSPHRASE = "correct horse battery"


def identity_number(birth: str, individual: int) -> str:
    while True:
        digits = f"{birth}{individual:03d}"
        first = control_digit(digits, _WEIGHTS_1)
        second = control_digit(digits + str(first), _WEIGHTS_2) if first is not None else None
        if first is not None and second is not None:
            return f"{digits}{first}{second}"
        individual += 1


KARI = identity_number("150385", 123)
OLA = identity_number("010190", 456)  # written without its leading zero, as Excel does
BAD = KARI[:-1] + str((int(KARI[-1]) + 1) % 10)

ROOMS = "Bygg;Romnr;Romtype\nD2;142;Lab\n"
AGENTS = ("Agens;Type;Risikogruppe;Merknader;Rom\n"
          "Mycobacterium tuberculosis;Bakterie;3;V;D2:142\n")
WORKERS = (
    "Register;Navn;Fødselsnummer;Adresse;Arbeid;Ansatt fra;Kilde;Agens;Dosedato;Hp(10);"
    "Hp(0,07);Hendelsesdato;Hendelse;Vaksine tilbudt;Vaksine;Svar\n"
    f"Stråling;Kari Nordmann;{KARI};Storgata 1, 7030 Trondheim;Radiograf;01.08.2015;"
    "Cs-137;;31.01.2024;0,12;0,15;;;;;\n"
    f"Stråling;Kari Nordmann;{KARI};;;;;;29.02.2024;0,08;0,10;;;;;\n"
    f"Biologisk;Ola Nordmann;{OLA[1:]};;Laborant;2020-01-01;;Mycobacterium tuberculosis;;;;"
    "2024-03-03;Stikkskade fra kanyle;;;\n"
    f"Biologisk;Ola Nordmann;{OLA[1:]};;Laborant;;;Mycobacterium tuberculosis;;;;;;"
    "05.01.2024;BCG;Takket ja\n"
    "Biologisk;Per Hansen;;;Student;;;Ukjent agens;;;;;;2024-02-01;;\n"
    # bad rows: a wrong check digit, a dose in the biological register, no register, a
    # negative dose
    f"Stråling;Feil Nummer;{BAD};;;;;;31.01.2024;0,1;;;;;;\n"
    "Biologisk;Per Hansen;;;Student;;;Ukjent agens;31.01.2024;1;;;;;;\n"
    "Kjemisk;Noen;;;;;;;;;;;;;;\n"
    "Stråling;Kari Nordmann;;;;;;;31.03.2024;-1;;;;;;\n")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "store.sqlite"
    for kind, text in (("rooms", ROOMS), ("agents", AGENTS)):
        source = tmp_path / f"{kind}.csv"
        source.write_text(text, encoding="utf-8")
        code, result, _ = run(capsys, "import", kind, "--db", str(path), str(source))
        assert code == 0 and not result["errors"], result
    return path


def database_bytes(db: Path) -> bytes:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))


def test_workers_import_and_export(db: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "arbeidstakere.csv"
    source.write_text(WORKERS, encoding="utf-8")
    # no keyring, no passphrase: one line naming VERNETOOL_PASSPHRASE, nothing imported
    monkeypatch.delenv("VERNETOOL_PASSPHRASE", raising=False)
    code, out, err = run(capsys, "import", "workers", "--db", str(db), str(source))
    assert code == 1 and out is None and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM radiation_worker").fetchone()[0] == 0

    monkeypatch.setenv("VERNETOOL_PASSPHRASE", PASSPHRASE)
    code, result, err = run(capsys, "import", "workers", "--db", str(db), str(source))
    assert code == 0, err
    assert result["imported"] == 5 and result["skipped"] == 0
    assert [(e["row"], e["field"]) for e in result["errors"]] == [
        (7, "identity_number"), (8, "dose_date"), (8, "hp10_msv"), (9, "register"),
        (10, "hp10_msv")]
    # the number is never in a message
    assert all(BAD not in e["message"] for e in result["errors"])

    rad = conn.execute("SELECT person, identity_masked, address, work, employed_from, "
                       "sources, identity_cipher IS NOT NULL FROM radiation_worker"
                       ).fetchall()
    assert rad == [("Kari Nordmann", KARI[:6] + "*****", "Storgata 1, 7030 Trondheim",
                    "Radiograf", "2015-08-01", "Cs-137", 1)]
    assert conn.execute("SELECT dose_date, hp10_msv, hp007_msv FROM radiation_dose "
                        "ORDER BY dose_date").fetchall() == [
        ("2024-01-31", 0.12, 0.15), ("2024-02-29", 0.08, 0.1)]
    bio = conn.execute("SELECT w.person, w.identity_masked, a.name, w.agent_text, "
                       "w.long_term FROM bio_worker w LEFT JOIN bio_agent a "
                       "ON a.id = w.agent_id ORDER BY w.person").fetchall()
    assert bio == [("Ola Nordmann", OLA[:6] + "*****", "Mycobacterium tuberculosis", "", 1),
                   ("Per Hansen", "", None, "Ukjent agens", 0)]
    assert conn.execute("SELECT occurred_on, description FROM bio_incident").fetchall() == [
        ("2024-03-03", "Stikkskade fra kanyle")]
    assert conn.execute("SELECT offered_at, vaccine, answer FROM bio_vaccination_offer "
                        "ORDER BY offered_at").fetchall() == [
        ("2024-01-05", "BCG", "accepted"), ("2024-02-01", "", "no_answer")]
    # encrypted at rest: no number in the database's bytes
    stored = database_bytes(db)
    assert KARI.encode() not in stored and OLA.encode() not in stored

    # the same file again changes nothing
    _, again, _ = run(capsys, "import", "workers", "--db", str(db), str(source))
    assert again["imported"] == 0 and again["skipped"] == 5

    # the default export holds no identity number; it imports back unchanged
    for fmt in ("csv", "xlsx", "json"):
        out_file = tmp_path / f"workers.{fmt}"
        code, exported, err = run(capsys, "export", "workers", "--db", str(db), "--format",
                                  fmt, "--out", str(out_file))
        assert code == 0 and exported["exported"] == 5, err
        data = out_file.read_bytes()
        assert KARI.encode() not in data and OLA.encode() not in data
        assert OLA[1:].encode() not in data
        _, back, _ = run(capsys, "import", "workers", "--db", str(db), str(out_file))
        assert back == {"imported": 0, "skipped": 5, "errors": []}, fmt
    records = json.loads((tmp_path / "workers.json").read_text(encoding="utf-8"))
    assert "identity_number" not in records[0]
    assert {r["identity_masked"] for r in records} == {KARI[:6] + "*****", OLA[:6] + "*****",
                                                       ""}
    kari = [r for r in records if r["person"] == "Kari Nordmann"]
    assert [r["dose_date"] for r in kari] == ["2024-01-31", "2024-02-29"]
    assert {r["register"] for r in kari} == {"radiation"}
    # addresses are personal data: only when asked for (and then they round-trip too)
    assert {r["address"] for r in records} == {""}
    with_addresses = tmp_path / "addresses.json"
    run(capsys, "export", "workers", "--db", str(db), "--format", "json", "--out",
        str(with_addresses), "--include-personal-data")
    addresses = {r["person"]: r["address"]
                 for r in json.loads(with_addresses.read_text(encoding="utf-8"))}
    stored_addresses = dict(conn.execute("SELECT person, address FROM radiation_worker"))
    assert stored_addresses and all(addresses[p] == a for p, a in stored_addresses.items())

    # --include-identity: the numbers in clear, the export audited
    clear = tmp_path / "clear.csv"
    code, _, err = run(capsys, "export", "workers", "--db", str(db), "--format", "csv",
                       "--out", str(clear), "--include-identity")
    assert code == 0, err
    text = clear.read_text(encoding="utf-8-sig")
    assert KARI in text and OLA in text and "identity_number" in text.splitlines()[0]
    audit = conn.execute("SELECT details FROM audit_log WHERE action = 'export_identity'"
                         ).fetchall()
    assert len(audit) == 1 and json.loads(audit[0][0])["numbers"] == 2
    assert KARI not in audit[0][0]
    # and that file imports back without a change (matched on the numbers' keyed hash)
    _, back, _ = run(capsys, "import", "workers", "--db", str(db), str(clear))
    assert back == {"imported": 0, "skipped": 5, "errors": []}

    # a wrong passphrase: locked, a one-line error, nothing written
    monkeypatch.setenv("VERNETOOL_PASSPHRASE", "not the passphrase")
    locked = tmp_path / "locked.csv"
    code, _, err = run(capsys, "export", "workers", "--db", str(db), "--format", "csv",
                       "--out", str(locked), "--include-identity")
    assert code == 1 and len(err.strip().splitlines()) == 1 and not locked.exists()
    code, _, err = run(capsys, "import", "workers", "--db", str(db), str(source))
    assert code == 1 and len(err.strip().splitlines()) == 1
    # no passphrase in a script: the message says where to give it
    monkeypatch.delenv("VERNETOOL_PASSPHRASE")
    code, _, err = run(capsys, "export", "workers", "--db", str(db), "--format", "csv",
                       "--out", str(locked), "--include-identity")
    assert code == 1 and "VERNETOOL_PASSPHRASE" in err and not locked.exists()
    assert len(err.strip().splitlines()) == 1


def test_a_worker_matched_by_number_gets_new_doses(db: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERNETOOL_PASSPHRASE", PASSPHRASE)
    first = tmp_path / "first.csv"
    first.write_text("register;person;identity_number;work;dose_date;hp10_msv\n"
                     f"radiation;Kari Nordmann;{KARI};Radiograf;2024-01-31;0.1\n",
                     encoding="utf-8")
    run(capsys, "import", "workers", "--db", str(db), str(first))
    # a later dosimetry report: the name spelled otherwise, the number the same
    later = tmp_path / "later.csv"
    later.write_text("register;person;identity_number;work;dose_date;hp10_msv\n"
                     f"radiation;Kari M. Nordmann;{KARI};Radiograf;2024-02-29;0.2\n"
                     f"radiation;Kari M. Nordmann;{KARI};Radiograf;2024-01-31;0.1\n",
                     encoding="utf-8")
    _, result, _ = run(capsys, "import", "workers", "--db", str(db), str(later))
    assert result == {"imported": 1, "skipped": 1, "errors": []}
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT person FROM radiation_worker").fetchall() == [
        ("Kari M. Nordmann",)]
    assert conn.execute("SELECT count(*) FROM radiation_dose").fetchone()[0] == 2
    # a corrected reading replaces the stored one
    fix = tmp_path / "fix.csv"
    fix.write_text("register;person;identity_number;dose_date;hp10_msv\n"
                   f"radiation;Kari M. Nordmann;{KARI};2024-02-29;0,25\n", encoding="utf-8")
    _, result, _ = run(capsys, "import", "workers", "--db", str(db), str(fix))
    assert result["imported"] == 1
    assert conn.execute("SELECT hp10_msv FROM radiation_dose WHERE dose_date = '2024-02-29'"
                        ).fetchone() == (0.25,)
    # the work column was absent: kept
    assert conn.execute("SELECT work FROM radiation_worker").fetchone() == ("Radiograf",)


def test_biological_retention_from_the_last_exposure_or_a_later_incident(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERNETOOL_PASSPHRASE", PASSPHRASE)
    source = tmp_path / "bio.csv"
    source.write_text(
        "register;person;agent;exposure_end;incident_date;incident\n"
        # tuberculosis: a latent infection, 40 years; the incident after the end moves it on
        "biological;Ola Nordmann;Mycobacterium tuberculosis;2024-06-30;;\n"
        "biological;Ola Nordmann;Mycobacterium tuberculosis;;2024-08-01;Stikkskade\n"
        # an agent known only by name: 10 years
        "biological;Per Hansen;Legionella pneumophila;2024-06-30;;\n", encoding="utf-8")
    _, result, _ = run(capsys, "import", "workers", "--db", str(db), str(source))
    assert result == {"imported": 3, "skipped": 0, "errors": []}
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT person, long_term, last_exposure, retain_until FROM bio_worker "
                        "ORDER BY person").fetchall() == [
        ("Ola Nordmann", 1, "2024-06-30", "2064-08-01"),
        ("Per Hansen", 0, "2024-06-30", "2034-06-30")]
    _, again, _ = run(capsys, "import", "workers", "--db", str(db), str(source))
    assert again == {"imported": 0, "skipped": 3, "errors": []}
