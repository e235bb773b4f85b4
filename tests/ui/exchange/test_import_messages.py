"""Import messages in Norwegian: every message the rooms, persons and deviations importers
produce (row errors and whole-file errors) is a message code rendered in Bokmål, values carried
over, and in English as the importers always wrote it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from vernetool import i18n
from vernetool.db.organisation import persons
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import Person
from vernetool.exchange.deviations_io import import_deviations
from vernetool.exchange.persons_io import import_persons
from vernetool.exchange.result import ImportFileError
from vernetool.exchange.rooms_io import import_rooms
from vernetool.i18n import translator
from vernetool.ui.exchange.import_result_dialog import ImportResultDialog

ROOMS_CSV = (
    "building;building_name;campus;room;name;type;floor;area_m2;unit\n"
    "KJ1;Kjemiblokk 1;Gløshaugen;101;Lab;lab;1;20;IKJ\n"
    ";;;102;Uten bygg;lab;1;10;IKJ\n"                       # building missing
    "KJ1;;;;Uten nummer;lab;1;10;IKJ\n"                     # room missing
    "KJ1;Kjemiblokk 1;Gløshaugen;101;Dobbel;lab;1;20;IKJ\n"  # the same room twice
    "KJ1;Annet navn;Dragvoll;103;Lab;lab;1;20;IKJ\n"        # another building name + campus
    "KJ2;;;104;Lab;garasje;1;20;IKJ\n"                      # unknown type
    "KJ2;;;105;Lab;lab;1;stor;IKJ\n"                        # not a number
    "KJ2;;;106;Lab;lab;1;-4;IKJ\n"                          # below zero
    f"KJ2;;;107;{'x' * 201};lab;1;4;IKJ\n"                  # too long for the field
    f"KJ2;;;108;{'y' * 40_000};lab;1;4;IKJ\n"               # too long for a cell
)

PERSONS_CSV = (
    "name;email;phone;unit;roles;active\n"
    ";uten.navn@uni.no;;IKJ;employee;yes\n"                  # name missing
    "Per Feil;ikke-en-adresse;;IKJ;employee;yes\n"            # not an e-mail address
    "Kari Rolle;kari@uni.no;;IKJ;astronaut;yes\n"             # unknown role
    "Kari Aktiv;kari.aktiv@uni.no;;IKJ;employee;kanskje\n"    # unknown active value
    "Ola Dobbel;ola@uni.no;;IKJ;employee;yes\n"
    "Ola Dobbel;ola@uni.no;;IKJ;employee;yes\n"               # the same e-mail twice
    "Uten Epost;;;;employee;yes\n"
    "Uten Epost;;;;employee;yes\n"                            # same name, no unit, twice
    "Navnesen;;;IKJ;employee;yes\n"                           # two namesakes in IKJ
    "Navnesen;navn@uni.no;;IKJ;employee;yes\n"                # which namesake has this e-mail?
    "Tvilling;;;;employee;yes\n"                              # two namesakes without unit
    "Tvilling;tvilling@uni.no;;;employee;yes\n"
    "Samme;samme@uni.no;;IKJ;employee;yes\n"
    "Samme;;;IKJ;employee;yes\n"                              # the same stored person again
)

PERSONS_WITHOUT_UNIT_CSV = (  # no unit column: namesakes cannot be told apart by unit
    "Navn;E-post\n"
    "Navnesen;\n"
    "Navnesen;navnesen@uni.no\n"
)

#: what an importer reports: a message code and its parameters
Message = tuple[str, dict[str, Any]]

DEVIATION_COLUMNS = ("reported_at", "type", "title", "status", "closed_at", "occurred_at",
                     "potential_consequence", "category", "subcategory", "injury",
                     "nav_reported", "absence", "external_id")
# (the cells that differ from an accepted row, what is wrong with them)
DEVIATION_ROWS: list[dict[str, str]] = [
    {"external_id": "A1"},                                          # fine
    {"reported_at": ""},                                            # date missing
    {"type": ""},                                                   # type missing
    {"title": ""},                                                  # title missing
    {"reported_at": "2024-02-30"},                                  # no such day
    {"reported_at": "i går"},                                       # not a date
    {"potential_consequence": "høy"},                               # not a number
    {"potential_consequence": "7"},                                 # outside 1-5
    {"type": "romvesen"},                                           # unknown type
    {"status": "parkert"},                                          # unknown status
    {"title": "Annen", "external_id": "A1"},                        # external id twice
    {"title": "Dobbel"},
    {"title": "Dobbel"},                     # same key twice: two reports, both imported
    {"title": "Lukket uten dato", "status": "closed"},              # closed, no date
    {"title": "Åpen med dato", "status": "registered", "closed_at": "2024-03-07"},
    {"title": "Skade nei", "type": "accident", "injury": "no", "nav_reported": "yes",
     "absence": "gt3"},                                             # no injury, but details
    {"title": "NAV ukjent", "type": "accident", "injury": "yes",
     "nav_reported": "vet ikke"},                                   # yes/no only
    {"title": "Lenge borte", "type": "accident", "injury": "yes",
     "absence": "lenge"},                                           # unknown absence
    {"title": "Etterpå", "occurred_at": "2024-03-09"},              # after it was reported
    {"title": "Farlig med skade", "injury": "yes"},                 # injury on a hazard
    {"title": "Bare underkategori", "subcategory": "Brann"},        # no main category
    {"title": "Lukket før", "status": "closed", "closed_at": "2024-03-01"},
    {"title": "t" * 301},                                           # too long for the field
]


def _deviation_messages(conn: Any, tmp_path: Path) -> list[Message]:
    base = {"reported_at": "2024-03-06", "type": "hazard", "title": "Ok"}
    lines = [";".join(DEVIATION_COLUMNS)]
    for changes in DEVIATION_ROWS:
        cells = {**base, **changes}
        lines.append(";".join(cells.get(column, "") for column in DEVIATION_COLUMNS))
    path = tmp_path / "avvik.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_deviations(conn, path, actor="test")
    return [(e.code, e.params) for e in result.errors]


# Messages the files in these tests cannot provoke (a 256 MB file, a file that cannot be
# opened, a CSV reader failure, yes/no cells and the domain's own area rule, which the
# importers pre-empt), as the services raise them.
SAMPLES: list[Message] = [
    ("value.not_yes_no", {"text": "kanskje"}),
    ("room.area_negative", {}),
    ("file.unreadable", {"path": "/x/a.csv", "error": "Permission denied"}),
    ("file.too_large", {"name": "big.csv", "n": 300, "limit": 256}),
    ("file.bad_csv_row", {"name": "a.csv", "row": 7, "error": "unexpected end of data"}),
]


@pytest.fixture
def norwegian() -> Iterator[None]:
    before = QLocale()
    i18n.set_language("nb")
    QLocale.setDefault(QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway))
    yield
    i18n.set_language("en")
    QLocale.setDefault(before)


def _row_messages(ctx: Any, tmp_path: Path) -> list[Message]:
    conn = ctx.conn
    for name, unit in (("Navnesen", "IKJ"), ("Navnesen", "IKJ"), ("Tvilling", None),
                       ("Tvilling", None)):
        persons.save_person(conn, Person(name, None, "", unit, frozenset()))
    persons.save_person(conn, Person("Samme", "samme@uni.no", "", "IKJ", frozenset()))
    rooms_file = tmp_path / "rom.csv"
    rooms_file.write_text(ROOMS_CSV, encoding="utf-8")
    persons_file = tmp_path / "personer.csv"
    persons_file.write_text(PERSONS_CSV, encoding="utf-8")
    result = import_rooms(conn, rooms_file, actor="test")
    messages = [(e.code, e.params) for e in result.errors]
    result = import_persons(conn, persons_file, actor="test")
    messages += [(e.code, e.params) for e in result.errors]
    persons_file.write_text(PERSONS_WITHOUT_UNIT_CSV, encoding="utf-8")
    result = import_persons(conn, persons_file, actor="test")
    messages += [(e.code, e.params) for e in result.errors]
    return messages + _deviation_messages(conn, tmp_path)


def _file_messages(tmp_path: Path) -> list[Message]:
    files = {
        "tom.csv": b"\n\n",
        "kolonner.csv": b"Navn;Etasje\nLab;1\n",
        "kolonne.csv": b"Bygg;Etasje\nKJ1;1\n",
        "utf16.csv": "Bygg;Romnr\n".encode("utf-16"),
        "latin1.csv": "Bygg;Romnr;Romnavn\nKJ1;101;Kjøkken\n".encode("latin-1"),
        "gammel.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
        "ødelagt.xlsx": b"not a zip",
        "zip.xlsx": b"PK\x03\x04" + b"\0" * 64,
    }
    messages = []
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        messages.append(_file_error(path))
    folder = tmp_path / "mappe.csv"
    folder.mkdir()
    messages.append(_file_error(folder))
    messages.append(_file_error(tmp_path / "finnes-ikke.csv"))
    return messages


def _file_error(path: Path) -> Message:
    from vernetool.exchange.rooms_io import SCHEMA
    from vernetool.exchange.tabular import read_table

    with pytest.raises(ImportFileError) as caught:
        read_table(path, SCHEMA)
    return caught.value.code, caught.value.params


def _nb(message: Message) -> str:
    return translator("nb").render(message[0], **message[1])


def _en(message: Message) -> str:
    return translator("en").render(message[0], **message[1])


def test_every_message_the_importers_produce_is_rendered_in_bokmal(
        ctx: Any, tmp_path: Path, norwegian: None) -> None:
    messages = _row_messages(ctx, tmp_path) + _file_messages(tmp_path)
    assert len(messages) >= 25
    unknown = [code for code, _ in messages + SAMPLES
               if not translator("nb").has_message(code)]
    assert not unknown, "messages without a Norwegian rendering:\n" + "\n".join(unknown)
    for message in messages + SAMPLES:
        rendered = _nb(message)
        assert rendered != _en(message), message
        assert not re.search(r"\b(is|the|missing|row|also)\b", rendered), rendered
        assert "{" not in rendered, rendered  # every placeholder got its value


def test_values_are_carried_over_and_counts_follow_the_locale(norwegian: None) -> None:
    samples: list[tuple[Message, str, str]] = [
        (("value.not_one_of", {"text": "garasje", "allowed": "office, lab, workshop"}),
         "'garasje' is not one of: office, lab, workshop",
         "«garasje» er ikke en gyldig verdi; bruk en av disse: office, lab, workshop"),
        (("room.twice", {"room": "KJ1:101", "row": 2}),
         "room KJ1:101 is also in row 2; each room may appear once",
         "rom KJ1:101 står også i rad 2; hvert rom kan bare stå én gang"),
        (("import.cell_too_long", {"n": 40_000, "limit": 32_767}),
         "the cell holds 40,000 characters; at most 32,767 are allowed",
         "cellen har 40\u00a0000 tegn; maks 32\u00a0767 er tillatt"),
        (("person.ambiguous_name_in_unit", {"n": 2, "name": "Kari Nord", "unit": "IKJ"}),
         "2 persons are named Kari Nord in unit IKJ; add the e-mail to tell them apart",
         "2 personer heter Kari Nord i enhet IKJ; legg til e-post for å skille dem fra "
         "hverandre"),
        (("file.too_large", {"name": "big.csv", "n": 300, "limit": 256}),
         "big.csv is 300 MB; at most 256 MB can be imported",
         "big.csv er på 300 MB; maks 256 MB kan importeres"),
        (("file.bad_csv_row", {"name": "a.csv", "row": 7, "error": "unexpected end of data"}),
         "a.csv: row 7 cannot be read (unexpected end of data)",
         "a.csv: rad 7 kan ikke leses (unexpected end of data)"),
        (("file.unreadable", {"path": "/x/a.csv", "error": "Permission denied"}),
         "cannot read /x/a.csv: Permission denied",
         "kan ikke lese /x/a.csv: Permission denied"),
    ]
    for message, english, bokmal in samples:
        assert _en(message) == english
        assert _nb(message) == bokmal
        assert str(ValidationError(message[0], "f", **message[1])) == bokmal  # nb is current
    assert i18n.render("something.new.from.a.later.importer") == (
        "something.new.from.a.later.importer")  # unknown: shown as it came


def test_every_deviation_import_message_is_rendered_in_bokmal(
        ctx: Any, tmp_path: Path, norwegian: None) -> None:
    messages = _deviation_messages(ctx.conn, tmp_path)
    assert len(messages) == len(DEVIATION_ROWS) - 3  # the first row and both "Dobbel" are fine
    unknown = [code for code, _ in messages if not translator("nb").has_message(code)]
    assert not unknown, "messages without a Norwegian rendering:\n" + "\n".join(unknown)
    rendered = [_nb(m) for m in messages]
    assert all(r != _en(m) for r, m in zip(rendered, messages, strict=True)), rendered
    assert "«romvesen» er ikke en gyldig verdi; bruk en av disse: improvement, hazard, " \
        "near_miss, accident" in rendered
    assert "«A1» står også i rad 2; hvert avvik kan bare stå én gang" in rendered
    assert "må være et helt tall fra 1 til 5, ikke 7" in rendered
    assert "statusen er registered, så avviket kan ikke ha lukkedato (la status stå tom " \
        "eller skriv «closed»)" in rendered
    assert "«2024-02-30» er ikke en gyldig dato" in rendered


def test_english_stays_as_the_importers_wrote_it(ctx: Any, tmp_path: Path) -> None:
    i18n.set_language("en")
    english = [_en(m) for m in _row_messages(ctx, tmp_path) + _file_messages(tmp_path)]
    assert "the building code is missing" in english
    assert "'stor' is not a number (write e.g. 48,5 or 48.5)" in english
    assert "'-4' is below the lowest allowed value, 0" in english
    assert "2 persons are named Navnesen in unit IKJ; add the e-mail to tell them apart" \
        in english
    assert any(m.startswith("utf16.csv is UTF-16 text") for m in english)
    assert not any("«" in m for m in english), english  # Bokmål quotes: not English


def test_result_dialog_shows_norwegian_problems(qtbot: Any, norwegian: None) -> None:
    dialog = ImportResultDialog("Importer rom", "rom.csv", {
        "imported": 3, "skipped": 0, "errors": [
            {"row": 4, "field": "type", "code": "value.not_one_of",
             "params": {"text": "garasje", "allowed": "office, lab"}},
            {"row": 5, "field": "area_m2", "code": "value.not_a_number",
             "params": {"text": "stor"}},
            {"row": 6, "field": "building", "code": "room.building_missing", "params": {}}]})
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 1).text() == "Type"
    assert dialog.table.item(1, 1).text() == "Areal (m²)"
    assert dialog.table.item(1, 1).toolTip() == "area_m2"
    assert dialog.table.item(0, 2).text() == (
        "«garasje» er ikke en gyldig verdi; bruk en av disse: office, lab")
    assert dialog.table.item(1, 2).text().startswith("«stor» er ikke et tall")
    assert dialog.table.item(2, 2).text() == "Byggkoden mangler"  # a sentence in its cell
    assert dialog.table.wordWrap()  # long messages wrap instead of ending in "…"
    dialog.copy_errors()
    from PySide6.QtGui import QGuiApplication

    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0] == "Rad\tFelt\tProblem"
    assert copied[2].startswith("5\tarea_m2\t«stor» er ikke et tall")


def test_result_dialog_names_deviation_columns_in_bokmal(qtbot: Any, norwegian: None) -> None:
    dialog = ImportResultDialog("Importer avvik", "avvik.csv", {
        "imported": 1, "skipped": 0, "errors": [
            {"row": 2, "field": "reported_at", "code": "deviation.reported_missing",
             "params": {}},
            {"row": 3, "field": "nav_reported", "code": "value.must_be_yes_no",
             "params": {"text": "vet ikke"}}]})
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 1).text() == "Meldt dato"
    assert dialog.table.item(0, 1).toolTip() == "reported_at"
    assert dialog.table.item(0, 2).text() == "Meldt dato mangler"
    assert dialog.table.item(1, 1).text() == "Meldt til NAV"
    assert dialog.table.item(1, 2).text() == "«vet ikke» må være ja eller nei"


def test_result_dialog_shows_a_message_that_came_as_words(qtbot: Any,
                                                          norwegian: None) -> None:
    dialog = ImportResultDialog("Importer rom", "rom.csv", {
        "imported": 0, "skipped": 0, "errors": [
            {"row": 2, "field": "name", "message": "something a script wrote"}]})
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 2).text() == "Something a script wrote"


def test_unknown_room_type_or_role_lists_the_words_to_write_in_the_users_language(
        ctx: Any, tmp_path: Path, qtbot: Any) -> None:
    """Trial (issue 7): a Bokmål import of a bad room type or role listed the internal codes
    ("office, lab, …", "safety_rep, room_responsible, …") — words the person never sees."""
    rooms_file = tmp_path / "rom.csv"
    rooms_file.write_text("Bygg;Romnr;Romnavn;Romtype\nKJ1;101;Lab;garasje\n", encoding="utf-8")
    persons_file = tmp_path / "personer.csv"
    persons_file.write_text("Navn;E-post;Roller\nKari;kari@uni.no;astronaut\n",
                            encoding="utf-8")
    rooms = import_rooms(ctx.conn, rooms_file, actor="test").to_data()
    people = import_persons(ctx.conn, persons_file, actor="test").to_data()
    i18n.set_language("nb")
    try:
        dialog = ImportResultDialog("Importer rom", "rom.csv", rooms)
        qtbot.addWidget(dialog)
        room_text = dialog.table.item(0, 2).text()
        people_dialog = ImportResultDialog("Importer personer", "personer.csv", people)
        qtbot.addWidget(people_dialog)
        role_text = people_dialog.table.item(0, 2).text()
    finally:
        i18n.set_language("en")
    assert room_text == ("«garasje» er ikke en gyldig verdi; bruk en av disse: Kontor, "
                         "Laboratorium, Verksted, Lager, Undersøkelse/behandling, Dyrerom, "
                         "Veksthus, Fellesareal, Annet")
    assert role_text == ("«astronaut» er ikke en gyldig verdi; bruk en av disse: Verneombud, "
                         "Romansvarlig, Leder, Ansatt, Student")
    english = import_rooms(ctx.conn, rooms_file, actor="test").errors[0].message
    assert english == ("'garasje' is not one of: Office, Laboratory, Workshop, Storage, "
                       "Examination/treatment, Animal room, Greenhouse, Common area, Other")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_field_of_the_registers_imports_has_words(language: str) -> None:
    """An import error names its field in words (Norwegian in nb), never the code name."""
    from vernetool import i18n
    from vernetool.exchange.agents_io import FIELDS as AGENT_FIELDS
    from vernetool.exchange.chemical_layouts import FIELDS as CHEMICAL_FIELDS
    from vernetool.exchange.exposure_io import FIELDS as EXPOSURE_FIELDS
    from vernetool.exchange.sources_io import FIELDS as SOURCE_FIELDS
    from vernetool.exchange.workers_io import FIELDS as WORKER_FIELDS
    from vernetool.ui.exchange.import_result_dialog import import_field_label

    i18n.set_language(language)
    try:
        for name in (*CHEMICAL_FIELDS, *EXPOSURE_FIELDS, *SOURCE_FIELDS, *AGENT_FIELDS,
                     *WORKER_FIELDS):
            label = import_field_label(name)
            assert label and label != name and "_" not in label, (name, label)
    finally:
        i18n.set_language("en")
