"""Data for the payload tests, made through the services and db functions, and readers of
the bytes a payload returns (the real CSV, JSON, XLSX and PDF readers)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any

from vernetool.db.organisation.rooms import save_room
from vernetool.domain.deviations.rules import (
    Absence,
    Action,
    Deviation,
    DeviationType,
    Injury,
    TriState,
)
from vernetool.domain.organisation import Person, Room, RoomType
from vernetool.services import Services
from vernetool.services.delivery.types import PayloadFile

TODAY = dt.date(2026, 11, 20)
# Everything in the fixture that identifies a person: none of it may leave in a deviation.
REPORTER = "Kari Melder"
REPORTER_EMAIL = "kari.melder@example.no"
RESPONSIBLE = "Per Ansvarlig"
RESPONSIBLE_EMAIL = "per.ansvarlig@example.no"
TRANSFERRED_TO = "Ola Mottaker"
ACTOR = "Ingrid Saksbehandler"
NOTE_WORDS = "snakket med Kari personlig"
MEASURE_NOTE = "Per ringte leverandøren"
PERSONAL = (REPORTER, REPORTER_EMAIL, RESPONSIBLE, RESPONSIBLE_EMAIL, TRANSFERRED_TO, ACTOR,
            NOTE_WORDS, MEASURE_NOTE, "Kari", "Ingrid", "Ola ", "example.no")


def make_room(services: Services) -> int:
    with services.store.write() as conn:
        room_id, _ = save_room(conn, Room("B1", "101", RoomType.LAB, "Lab 101", "1", 20.0,
                                          "IKJ"))
    return room_id


def make_deviations(services: Services, room_id: int) -> dict[str, int]:
    """An accident with an injury, a measure and a full history; a hazard that was
    transferred; a near miss with formula text. Returns their ids by name."""
    person_id = services.persons.save(Person(RESPONSIBLE, RESPONSIBLE_EMAIL))
    record = services.deviations.record
    accident = record(Deviation(
        DeviationType.ACCIDENT, "Kutt i hånd", dt.date(2026, 11, 2),
        description="Glass knuste ved oppvask", room_id=room_id,
        unit_id=services.deviations.unit_of_room(room_id),
        reporter=f"{REPORTER} <{REPORTER_EMAIL}>", category="Arbeidsplass og personskade/-sykdom",
        subcategory="Person-/yrkesskade", actual_consequence=2, potential_consequence=4,
        probability=4, immediate_action="Førstehjelp", cause="Tynt glass",
        injury=Injury(True, Absence.LE3, TriState.YES, TriState.NO, False)))
    flow = services.deviation_workflow
    flow.accept(accident, dt.date(2026, 12, 1), note=NOTE_WORDS, today=TODAY)
    action = services.deviation_measures.add(
        accident, Action("Bytt til herdet glass", RESPONSIBLE, person_id,
                         deadline=dt.date(2026, 11, 30)), today=TODAY)
    services.deviation_measures.add_note(action, MEASURE_NOTE)
    hazard = record(Deviation(DeviationType.HAZARD, "Blokkert rømningsvei",
                              dt.date(2026, 11, 3), room_text="Kjeller, gang C",
                              reporter=REPORTER, potential_consequence=3, probability=2))
    flow.transfer(hazard, TRANSFERRED_TO, today=TODAY)
    formula = record(Deviation(DeviationType.NEAR_MISS, "=HYPERLINK(\"http://x\",\"klikk\")",
                               dt.date(2026, 11, 4), description="+cmd|' /C calc'!A0",
                               cause="@SUM(A1)", immediate_action="-2+3"))
    return {"accident": accident, "hazard": hazard, "formula": formula}


def files_of(payload_files: Iterable[PayloadFile]) -> dict[str, bytes]:
    """The files by path (each path once)."""
    files = {f.path: f.data for f in payload_files}
    assert len(files) == len(list(payload_files))
    return files


def read_csv(data: bytes, delimiter: str = ";") -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV without the UTF-8 BOM"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def read_json(data: bytes) -> Any:
    return json.loads(data.decode("utf-8"))


def read_xlsx(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def read_pdf(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
