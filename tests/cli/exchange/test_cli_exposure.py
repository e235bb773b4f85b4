"""``vernetool import exposure`` / ``export exposure``: identity numbers encrypted at rest,
masked in exports, in clear only with ``--include-identity`` (audited); a locked vault is a
one-line error."""

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
    """A valid fødselsnummer for DDMMYY + a three-digit individual number."""
    while True:
        digits = f"{birth}{individual:03d}"
        first = control_digit(digits, _WEIGHTS_1)
        second = control_digit(digits + str(first), _WEIGHTS_2) if first is not None else None
        if first is not None and second is not None:
            return f"{digits}{first}{second}"
        individual += 1


KARI = identity_number("150385", 123)
OLA = identity_number("010190", 456)  # written below without its leading zero, as Excel does
D_NUMBER = identity_number("410190", 456)  # D-nummer: day + 40
BAD = KARI[:-1] + str((int(KARI[-1]) + 1) % 10)

ROOMS = "Bygg;Romnr;Romtype\nD2;142;Lab\n"
CHEMICALS = ("Lokasjon;Produktnavn;Leverandør;CAS-nr;Faresetninger;Mengde;Enhet\n"
             "D2:142;Benzen;Merck;71-43-2;H225, H340, H350;1;L\n"
             "D2:142;Borsyre;Merck;10043-35-3;H360FD;1;kg\n"
             "D2:142;Toluen;VWR;108-88-3;H225, H361d;1;L\n")
EXPOSURE = (
    "Navn;Fødselsnummer;Stilling;Arbeidssted;Produkt;Eksponeringsvei;Konsentrasjon;"
    "Eksponering fra;Eksponering til;Varighet\n"
    f"Kari Nordmann;{KARI};Stipendiat;D2-142;Benzen;Innånding;0,5 ppm;01.02.2024;"
    "15.02.2024;2 t/dag\n"
    f"Ola Nordmann;{OLA[1:]};Overingeniør;D2-142;Borsyre;Hud;;2024-03-01;2024-03-01;30 min\n"
    f"Per Hansen;{D_NUMBER};Student;D2-142;Benzen;Innånding;;2024-04-01;;1 t\n"
    f"Feil Nummer;{BAD};Student;D2-142;Benzen;Innånding;;2024-04-01;;1 t\n"
    "Ukjent Produkt;;Student;D2-142;Aceton;Innånding;;2024-04-01;;1 t\n"
    "Ikke CMR;;Student;D2-142;Toluen;Innånding;;2024-04-01;;1 t\n")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "store.sqlite"
    for kind, text in (("rooms", ROOMS), ("chemicals", CHEMICALS)):
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


def test_exposure_import_and_export(db: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "exposure.csv"
    source.write_text(EXPOSURE, encoding="utf-8")

    # no keyring, no passphrase: the vault cannot be set up: one line, nothing imported
    code, out, err = run(capsys, "import", "exposure", "--db", str(db), str(source))
    assert code == 1 and out is None and err.count("\n") == 1
    assert "not protected yet" in err and "Traceback" not in err

    monkeypatch.setenv("VERNETOOL_PASSPHRASE", PASSPHRASE)
    code, result, err = run(capsys, "import", "exposure", "--db", str(db), str(source))
    assert code == 0, err
    assert (result["imported"], result["skipped"]) == (3, 0)
    errors = {e["row"]: e for e in result["errors"]}
    assert set(errors) == {5, 6, 7}
    assert errors[5]["field"] == "identity_number" and BAD not in errors[5]["message"]
    assert errors[6]["field"] == "product" and "Aceton" in errors[6]["message"]
    assert errors[7]["field"] == "product" and "H350" in errors[7]["message"]

    # the numbers are nowhere in the database file in clear
    stored = database_bytes(db)
    for number in (KARI, OLA, D_NUMBER):
        assert number.encode() not in stored
    assert (KARI[:6] + "*****").encode() in stored

    # the same file again changes nothing
    code, again, _ = run(capsys, "import", "exposure", "--db", str(db), str(source))
    assert (again["imported"], again["skipped"]) == (0, 3)
    # ... nor shortens a retention the register has extended meanwhile
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE exposure_entry SET retain_until = '2090-01-01' "
                     "WHERE person = 'Ola Nordmann'")
    conn.close()
    code, again, _ = run(capsys, "import", "exposure", "--db", str(db), str(source))
    assert (again["imported"], again["skipped"]) == (0, 3)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE exposure_entry SET retain_until = '2029-03-01' "
                     "WHERE person = 'Ola Nordmann'")
    conn.close()

    # a default export carries the masked numbers only
    plain = tmp_path / "exposure.csv.out"
    for fmt in ("csv", "xlsx", "json"):
        out_file = tmp_path / f"exposure.{fmt}"
        code, exported, _ = run(capsys, "export", "exposure", "--db", str(db), "--format", fmt,
                                "--out", str(out_file))
        assert code == 0 and exported["exported"] == 3
        data = out_file.read_bytes()
        for number in (KARI, OLA, D_NUMBER):
            assert number.encode() not in data
        if fmt == "csv":
            plain.write_bytes(data)
    records = json.loads((tmp_path / "exposure.json").read_text(encoding="utf-8"))
    kari = next(r for r in records if r["person"] == "Kari Nordmann")
    assert kari["identity_masked"] == KARI[:6] + "*****" and "identity_number" not in kari
    assert kari["route"] == "inhalation" and kari["concentration"] == "0,5 ppm"
    assert kari["retain_until"] == "2084-02-15"       # carcinogen: 60 years after the end
    ola = next(r for r in records if r["person"] == "Ola Nordmann")
    assert ola["retain_until"] == "2029-03-01"        # reprotoxic: 5 years
    per = next(r for r in records if r["person"] == "Per Hansen")
    assert per["exposure_end"] == "" and per["retain_until"] == ""

    # the default export imports back without changing anything (numbers kept)
    back = tmp_path / "back.csv"
    back.write_bytes(plain.read_bytes())
    code, result, _ = run(capsys, "import", "exposure", "--db", str(db), str(back))
    assert code == 0 and result == {"imported": 0, "skipped": 3, "errors": []}, result

    # --include-identity: the numbers in clear, the export audited once
    clear = tmp_path / "clear.json"
    code, exported, _ = run(capsys, "export", "exposure", "--db", str(db), "--format", "json",
                            "--out", str(clear), "--include-identity")
    assert code == 0 and exported["exported"] == 3
    numbers = {r["person"]: r["identity_number"]
               for r in json.loads(clear.read_text(encoding="utf-8"))}
    assert numbers == {"Kari Nordmann": KARI, "Ola Nordmann": OLA, "Per Hansen": D_NUMBER}
    conn = sqlite3.connect(db)
    audits = conn.execute("SELECT details FROM audit_log WHERE action = 'export_identity'"
                          ).fetchall()
    all_audit = " ".join(r[0] for r in conn.execute("SELECT details FROM audit_log"))
    conn.close()
    assert len(audits) == 1 and json.loads(audits[0][0])["numbers"] == 3
    assert KARI not in all_audit and OLA not in all_audit

    # a wrong passphrase: locked, a one-line error, nothing written
    monkeypatch.setenv("VERNETOOL_PASSPHRASE", "not the passphrase")
    locked = tmp_path / "locked.json"
    code, out, err = run(capsys, "export", "exposure", "--db", str(db), "--format", "json",
                         "--out", str(locked), "--include-identity")
    assert code == 1 and out is None and "locked" in err and not locked.exists()
    code, out, err = run(capsys, "import", "exposure", "--db", str(db), str(source))
    assert code == 1 and "locked" in err


def test_a_vault_unlocked_on_screen_serves_the_import(db: Path, tmp_path: Path) -> None:
    from vernetool.context import AppContext
    from vernetool.services.exchange import ImportFileError
    from vernetool.settings import Settings

    source = tmp_path / "exposure.csv"
    source.write_text(EXPOSURE, encoding="utf-8")
    context = AppContext.open(db, Settings(tmp_path / "settings.json"))
    try:
        services = context.services
        services.exposure.set_up_vault(PASSPHRASE)  # no keyring here: a passphrase
        result = services.exchange.import_file("exposure", source)
        assert result.imported == 3
        services.exposure.lock()
        with pytest.raises(ImportFileError) as caught:
            services.exchange.import_file("exposure", source)
        assert caught.value.code == "vault.locked"
        services.exposure.unlock(PASSPHRASE)
        out = tmp_path / "clear.csv"
        assert services.exchange.export_file("exposure", out, "csv",
                                             include_identity=True) == 3
        assert KARI in out.read_text(encoding="utf-8-sig")
    finally:
        context.close()


def test_at_a_terminal_the_passphrase_is_asked_for(db: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Without VERNETOOL_PASSPHRASE a script gets a message naming it; a person at a
    terminal is asked (getpass: not echoed) and a wrong answer imports nothing."""
    import getpass

    source = tmp_path / "exposure.csv"
    source.write_text(EXPOSURE, encoding="utf-8")
    monkeypatch.setenv("VERNETOOL_PASSPHRASE", PASSPHRASE)
    code, _, err = run(capsys, "import", "exposure", "--db", str(db), str(source))
    assert code == 0, err
    monkeypatch.delenv("VERNETOOL_PASSPHRASE")
    out = tmp_path / "clear.json"
    args = ("export", "exposure", "--db", str(db), "--format", "json", "--out", str(out),
            "--include-identity")
    code, _, err = run(capsys, *args)                       # a script: no terminal
    assert code == 1 and "VERNETOOL_PASSPHRASE" in err and not out.exists()

    asked: list[str] = []
    answers = iter(["not it", PASSPHRASE])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or next(answers))
    code, _, err = run(capsys, *args)                       # wrong: refused, nothing written
    assert code == 1 and "wrong passphrase" in err and not out.exists()
    code, _, err = run(capsys, *args)
    assert code == 0, err
    assert len(asked) == 2 and "Passphrase" in asked[0]
    assert {r["identity_number"] for r in json.loads(out.read_text(encoding="utf-8"))} == {
        KARI, OLA, D_NUMBER}
