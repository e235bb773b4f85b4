"""Importing persons: Norwegian headers and roles, matching on e-mail, errors, strict."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from vernetool.db.organisation.persons import find_person_by_email, list_persons, save_person
from vernetool.domain.organisation import Person, Role
from vernetool.exchange import persons_io
from vernetool.exchange.persons_io import import_persons

DATA = Path(__file__).parents[2] / "data" / "import"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _snapshot(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return [tuple(r) for r in conn.execute(
        "SELECT p.*, (SELECT group_concat(role) FROM person_role WHERE person_id = p.id) "
        "FROM person p ORDER BY p.id")]


def test_sample_file(conn: sqlite3.Connection) -> None:
    result = import_persons(conn, DATA / "persons.csv", actor="t")
    assert result.to_json() == {"imported": 5, "skipped": 0, "errors": []}
    kari = find_person_by_email(conn, "kari.nordmann@ntnu.no")
    assert kari is not None
    assert (kari.name, kari.phone, kari.unit_code, kari.roles, kari.active) == (
        "Kari Nordmann", "+47 735 90 001", "NV-IKJ", {Role.SAFETY_REP, Role.EMPLOYEE}, True)
    ola = find_person_by_email(conn, "ola.asheim@ntnu.no")  # stored in lower case
    assert ola is not None and ola.name == "Ola Åsheim"
    assert ola.roles == {Role.ROOM_RESPONSIBLE, Role.EMPLOYEE}
    sigrid = find_person_by_email(conn, "sigrid.haugen@ntnu.no")
    assert sigrid is not None and sigrid.roles == {Role.LINE_MANAGER, Role.EMPLOYEE}
    per = [p for p in list_persons(conn) if p.name == "Per Ærø"]
    assert len(per) == 1 and per[0].email is None and per[0].roles == {Role.STUDENT}


def test_reimport_changes_nothing_and_never_duplicates(conn: sqlite3.Connection) -> None:
    import_persons(conn, DATA / "persons.csv", actor="t")
    before = _snapshot(conn)
    again = import_persons(conn, DATA / "persons.csv", actor="t")
    assert again.to_json() == {"imported": 0, "skipped": 5, "errors": []}
    assert _snapshot(conn) == before


def test_email_is_the_key_and_other_fields_update(conn: sqlite3.Connection,
                                                  tmp_path: Path) -> None:
    import_persons(conn, DATA / "persons.csv", actor="t")
    path = _write(tmp_path / "p.csv", "name,email,phone,unit,roles\n"
                  "Kari Nordmann-Berg,KARI.NORDMANN@ntnu.no,,NV-IKJ,verneombud\n")
    result = import_persons(conn, path, actor="t")
    assert result.imported == 1
    kari = find_person_by_email(conn, "kari.nordmann@ntnu.no")
    assert kari is not None
    assert (kari.name, kari.phone, kari.roles) == ("Kari Nordmann-Berg", "", {Role.SAFETY_REP})
    assert len(list_persons(conn)) == 5


def test_absent_columns_keep_stored_values(conn: sqlite3.Connection, tmp_path: Path) -> None:
    import_persons(conn, DATA / "persons.csv", actor="t")
    path = _write(tmp_path / "p.csv", "E-post;Navn\nkari.nordmann@ntnu.no;Kari Nordmann\n")
    result = import_persons(conn, path, actor="t")
    assert (result.imported, result.skipped) == (0, 1)
    kari = find_person_by_email(conn, "kari.nordmann@ntnu.no")
    assert kari is not None and kari.roles == {Role.SAFETY_REP, Role.EMPLOYEE}
    assert kari.phone == "+47 735 90 001"


def test_active_column(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = _write(tmp_path / "p.csv", "Navn;E-post;Aktiv\nA Person;a@x.no;sluttet\n"
                  "B Person;b@x.no;ja\nC Person;c@x.no;\n")
    assert import_persons(conn, path, actor="t").imported == 3
    active = {p.email: p.active for p in list_persons(conn)}
    assert active == {"a@x.no": False, "b@x.no": True, "c@x.no": True}


BAD = """Navn;E-post;Telefon;Enhet;Roller
Kari Nordmann;kari@ntnu.no;1;A;ansatt
Ola;ola(at)ntnu.no;2;A;ansatt
;nobody@ntnu.no;3;A;ansatt
Per;per@ntnu.no;4;A;sjef
Kari Dobbel;KARI@ntnu.no;5;A;ansatt
Lise;lise@ntnu.no;6;A;Verneombud og romansvarlig
Uten E-post;;7;B;student
Uten E-post;;8;B;student
"""


def test_good_rows_imported_bad_rows_reported(conn: sqlite3.Connection, tmp_path: Path) -> None:
    result = import_persons(conn, _write(tmp_path / "bad.csv", BAD), actor="t")
    assert [(e.row, e.field) for e in result.errors] == [
        (3, "email"), (4, "name"), (5, "roles"), (6, "email"), (9, "name")]
    messages = {e.row: e.message for e in result.errors}
    assert "'ola(at)ntnu.no' is not an e-mail address" in messages[3]
    assert "'sjef' is not one of: Safety representative, Room responsible" in messages[5]
    assert "kari@ntnu.no is also in row 2" in messages[6]
    assert "also in row 8" in messages[9]
    assert result.imported == 3
    names = sorted(p.name for p in list_persons(conn))
    assert names == ["Kari Nordmann", "Lise", "Uten E-post"]
    lise = find_person_by_email(conn, "lise@ntnu.no")
    assert lise is not None and lise.roles == {Role.SAFETY_REP, Role.ROOM_RESPONSIBLE}


def test_person_without_email_is_matched_on_name_within_unit(conn: sqlite3.Connection,
                                                             tmp_path: Path) -> None:
    save_person(conn, Person("Per Ærø", unit_code="SU-ISS"))
    save_person(conn, Person("Per Ærø", unit_code="NV-IKJ"))
    path = _write(tmp_path / "p.csv", "Navn;Enhet;Telefon\nper ærø;su-iss;12345678\n")
    result = import_persons(conn, path, actor="t")
    assert result.imported == 1
    phones = {p.unit_code: p.phone for p in list_persons(conn)}
    assert phones == {"SU-ISS": "12345678", "NV-IKJ": ""}
    # without a unit column the name alone is ambiguous: ask for the e-mail
    path = _write(tmp_path / "q.csv", "Navn;Telefon\nPer Ærø;999\n")
    result = import_persons(conn, path, actor="t")
    assert [(e.row, e.field) for e in result.errors] == [(2, "email")]
    assert "add the e-mail" in result.errors[0].message
    assert len(list_persons(conn)) == 2


def test_row_refused_by_the_store_leaves_no_trace(conn: sqlite3.Connection, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # save_person refuses inside the savepoint; the row leaves no trace, the rest goes on
    import_persons(conn, DATA / "persons.csv", actor="t")
    real = persons_io.save_person

    def clash(c: sqlite3.Connection, person: Person) -> tuple[int, bool]:
        if person.name == "B":
            c.execute("UPDATE person SET phone = 'half-written' WHERE name = 'Kari Nordmann'")
            from vernetool.domain.errors import ValidationError
            raise ValidationError("person.email_taken", "email", email="b@x.no")
        return real(c, person)

    path = _write(tmp_path / "p.csv", "name,email\nA,a@x.no\nB,b@x.no\nC,c@x.no\n")
    monkeypatch.setattr(persons_io, "save_person", clash)
    result = import_persons(conn, path, actor="t")
    assert [(e.row, e.field) for e in result.errors] == [(3, "email")]
    assert result.imported == 2
    kari = find_person_by_email(conn, "kari.nordmann@ntnu.no")
    assert kari is not None and kari.phone == "+47 735 90 001"


def test_strict(conn: sqlite3.Connection, tmp_path: Path) -> None:
    result = import_persons(conn, _write(tmp_path / "bad.csv", BAD), strict=True, actor="t")
    assert result.rejected and result.imported == 0 and result.skipped == 3
    assert list_persons(conn) == []


def test_unexpected_failure_rolls_back(conn: sqlite3.Connection,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    real = persons_io.save_person
    calls: list[Person] = []

    def failing(c: sqlite3.Connection, person: Person) -> tuple[int, bool]:
        calls.append(person)
        if len(calls) == 3:
            raise sqlite3.OperationalError("disk I/O error")
        return real(c, person)

    monkeypatch.setattr(persons_io, "save_person", failing)
    with pytest.raises(sqlite3.OperationalError):
        import_persons(conn, DATA / "persons.csv", actor="t")
    assert list_persons(conn) == []
    assert conn.execute("SELECT count(*) FROM unit").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0


def test_email_given_later_attaches_to_the_person_known_without_it(
        conn: sqlite3.Connection, tmp_path: Path) -> None:
    save_person(conn, Person("Per Ærø", unit_code="SU-ISS"))
    path = _write(tmp_path / "p.csv", "Navn;E-post;Enhet\nPer Ærø;per.aero@ntnu.no;SU-ISS\n")
    assert import_persons(conn, path, actor="t").imported == 1
    people = list_persons(conn)
    assert [(p.name, p.email) for p in people] == [("Per Ærø", "per.aero@ntnu.no")]
    # a row without e-mail then matches him and does not clear the e-mail
    path = _write(tmp_path / "q.csv", "Navn;E-post;Enhet;Roller\nPer Ærø;;SU-ISS;student\n")
    result = import_persons(conn, path, actor="t")
    assert (result.imported, result.errors) == (1, [])
    people = list_persons(conn)
    assert [(p.email, p.roles) for p in people] == [("per.aero@ntnu.no", {Role.STUDENT})]
    again = import_persons(conn, path, actor="t")
    assert (again.imported, again.skipped) == (0, 1)


def test_two_rows_for_the_same_person_is_an_error(conn: sqlite3.Connection,
                                                  tmp_path: Path) -> None:
    save_person(conn, Person("Kari", "kari@x.no", unit_code="A"))
    path = _write(tmp_path / "p.csv", "Navn;E-post;Enhet;Telefon\nKari;kari@x.no;A;1\n"
                  "Kari;;A;2\n")
    result = import_persons(conn, path, actor="t")
    assert [(e.row, e.field) for e in result.errors] == [(3, "name")]
    assert "same person as in row 2" in result.errors[0].message
    assert find_person_by_email(conn, "kari@x.no").phone == "1"  # type: ignore[union-attr]


def test_email_for_one_of_two_namesakes_without_email_is_an_error(
        conn: sqlite3.Connection, tmp_path: Path) -> None:
    save_person(conn, Person("Per Ærø", unit_code="SU-ISS", phone="1"))
    save_person(conn, Person("Per Ærø", unit_code="SU-ISS", phone="2"))
    path = _write(tmp_path / "p.csv", "Navn;E-post;Enhet\nPer Ærø;per@ntnu.no;SU-ISS\n")
    result = import_persons(conn, path, actor="t")
    assert [(e.row, e.field) for e in result.errors] == [(2, "email")]
    assert "not clear which one has per@ntnu.no" in result.errors[0].message
    assert len(list_persons(conn)) == 2
