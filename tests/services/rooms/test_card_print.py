"""services.room_card_print: what the door sign shows is the STORED card with the room, its
unit, the responsible and deputy on the day and the day the card last changed; a room
without a card is refused; a stale card is still printed, and ``stale`` says how."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from vernetool.context import AppContext
from vernetool.db.organisation.units import upsert_unit
from vernetool.domain.chemicals.model import HoldingInput, ProductInput
from vernetool.domain.errors import NotFoundError
from vernetool.domain.organisation import (
    Person,
    ResponsibilityKind,
    Room,
    RoomCard,
    RoomType,
    Unit,
)
from vernetool.domain.room_qr import parse_room_qr
from vernetool.services import Services, Topic

DAY = dt.date(2026, 6, 1)


@pytest.fixture
def services(ctx: AppContext) -> Services:
    return ctx.services


@pytest.fixture
def lab(services: Services) -> int:
    with services.store.write(Topic.UNITS) as conn:
        upsert_unit(conn, Unit("IKJ", "Institutt for kjemi"))
    room = services.rooms.save(Room("KJ1", "313", RoomType.LAB, "Instrumentlab",
                                    unit_code="IKJ", building_name="Kjemiblokk 1"))
    kari = services.persons.save(Person("Kari Nordmann", "kari@uni.example.no",
                                        "+47 900 00 001"))
    ola = services.persons.save(Person("Ola Nordmann", "ola@uni.example.no", "+47 900 00 002"))
    per = services.persons.save(Person("Per Hansen", "per@uni.example.no", "+47 900 00 003"))
    duties = services.responsibilities
    duties.assign(room, per, ResponsibilityKind.RESPONSIBLE, dt.date(2025, 1, 1))
    duties.assign(room, kari, ResponsibilityKind.RESPONSIBLE, dt.date(2026, 1, 1))
    duties.assign(room, ola, ResponsibilityKind.DEPUTY, dt.date(2026, 1, 1))
    services.room_cards.save(room, RoomCard(
        activity_type="Syntese", pictograms=("GHS02",), flammable_cat2_max_litres=10.0,
        warning_signs=("laser", "radiation")))
    return room


def test_the_sheet_is_the_stored_card_with_the_room_around_it(services: Services,
                                                               lab: int) -> None:
    sheet = services.room_card_print.build(lab, DAY)
    assert sheet.card == services.room_cards.get(lab)
    assert (sheet.building_code, sheet.room_number, sheet.room_name) == (
        "KJ1", "313", "Instrumentlab")
    assert sheet.building_name == "Kjemiblokk 1"
    assert sheet.unit == "IKJ Institutt for kjemi"
    assert sheet.warning_signs == ("radiation", "laser")   # in the card's order
    assert sheet.responsible is not None and sheet.responsible.name == "Kari Nordmann"
    assert sheet.responsible.phone == "+47 900 00 001"
    assert sheet.deputy is not None and sheet.deputy.name == "Ola Nordmann"
    assert sheet.printed == DAY
    assert sheet.updated is not None and abs((sheet.updated - dt.date.today()).days) <= 1
    assert parse_room_qr(sheet.qr_text) == ("KJ1", "313")
    assert "Kari" not in sheet.qr_text and "900" not in sheet.qr_text   # nothing personal


def test_the_responsible_of_the_day_asked(services: Services, lab: int) -> None:
    sheet = services.room_card_print.build(lab, dt.date(2025, 6, 1))
    assert sheet.responsible is not None and sheet.responsible.name == "Per Hansen"
    assert sheet.deputy is None and sheet.printed == dt.date(2025, 6, 1)


def test_write_makes_the_pdf(services: Services, lab: int, tmp_path: Path) -> None:
    out = services.room_card_print.write(lab, tmp_path / "kort.pdf", "en", DAY)
    assert out == tmp_path / "kort.pdf"
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "KJ1 313" in text and "Kari Nordmann" in text and "Laser beam" in text
    assert "Printed 2026-06-01" in text
    assert not list(tmp_path.glob(".*.part"))


def test_a_room_without_a_card_is_refused(services: Services, tmp_path: Path) -> None:
    room = services.rooms.save(Room("KJ1", "314", RoomType.LAB))
    with pytest.raises(NotFoundError) as refused:
        services.room_card_print.write(room, tmp_path / "kort.pdf", "nb")
    assert refused.value.code == "room_card.missing"
    assert "KJ1:314" in refused.value.message
    services.room_cards.save(room, RoomCard())   # an empty card is no card either
    with pytest.raises(NotFoundError):
        services.room_card_print.build(room)
    assert not (tmp_path / "kort.pdf").exists()


def test_an_unknown_room(services: Services) -> None:
    with pytest.raises(NotFoundError) as refused:
        services.room_card_print.build(9999)
    assert refused.value.code == "room.no_such_id"


def test_a_stale_card_is_printed_as_stored_and_said_to_be_stale(
        services: Services, lab: int, tmp_path: Path) -> None:
    printer = services.room_card_print
    chemicals = services.chemicals
    acid = chemicals.save_product(ProductInput.with_cas(
        "Flussyre 40 %", ["7664-39-3"], statements=("H300+H310+H330 H314",)))
    holding = chemicals.add_holding(HoldingInput(acid.id, lab, "Syreskap", 1, "L", 1))
    [problem] = printer.stale(lab, DAY)
    assert problem.code.value == "roomcard_stale" and problem.room == "KJ1:313"
    sheet = printer.build(lab, DAY)
    assert sheet.card.pictograms == ("GHS02",)        # not the proposal
    text = " ".join(PdfReader(printer.write(lab, tmp_path / "k.pdf", "nb", DAY))
                    .pages[0].extract_text().split())
    assert "Brannfarlig" in text and "Akutt giftig" not in text
    chemicals.dispose_holding(holding.id, DAY)
    assert printer.stale(lab, DAY) == []
