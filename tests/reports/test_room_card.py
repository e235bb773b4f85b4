"""The room card as an A4 door sign: every field of the card printed in Bokmål and English,
the pictograms and warning signs drawn, user text escaped, a long card shrunk or continued
(never cut off), the contacts always on page 1, and the QR code drawn as the text says."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from vernetool.domain.organisation import RoomCard
from vernetool.domain.room_qr import parse_room_qr
from vernetool.reports.room_card import (
    CardSheet,
    Contact,
    QrCode,
    layout_scale,
    qr_matrix,
    write_room_card,
)

CARD = RoomCard(
    activity_type="Isotoplab og syntese", special_hazards="Cs-137 kilde, flussyre",
    unsafe_after_incident="Gasslekkasje: ikke gå inn før alarmen er kvittert",
    gas_max_litres=50.0, gas_max_cylinders=3, central_gas_supply=True,
    flammable_cat1_max_litres=2.5, flammable_cat2_max_litres=10.0,
    toxic_liquids="Flussyre 40 %", gas_alarm=True, shared_with_other_org=True,
    coordination_agreement="SINTEF 2024-17", alert_needs="Ring vaktsentralen",
    other_info="Nøkkel i resepsjonen", pictograms=("GHS02", "GHS06"),
    warning_signs=("radiation", "laser"))
SHEET = CardSheet(
    "KJ1", "313", CARD, room_name="Instrumentlab", building_name="Kjemiblokk 1",
    campus="Gløshaugen", unit="IKJ Institutt for kjemi",
    warning_signs=("radiation", "laser"),
    responsible=Contact("Synnøve Karlsen", "+47 73 59 70 18"),
    deputy=Contact("Åsmund Vold", "+47 968 56 559"),
    updated=dt.date(2026, 11, 30), printed=dt.date(2026, 12, 2))


def _pages(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def _images(path: Path) -> int:
    return sum(len(page.images) for page in PdfReader(path).pages)


def test_every_field_in_bokmal(tmp_path: Path) -> None:
    out = write_room_card(SHEET, tmp_path / "card.pdf", "nb")
    [text] = _pages(out)
    for expected in ("ROMKORT", "KJ1 313", "Instrumentlab", "Kjemiblokk 1 · Gløshaugen",
                     "Enhet: IKJ Institutt for kjemi", "AKTIVITET", "Isotoplab og syntese",
                     "SPESIELLE FARER", "Cs-137 kilde, flussyre",
                     "FARER SOM GJØR ROMMET UTRYGT Å GÅ INN I ETTER EN HENDELSE",
                     "Gasslekkasje: ikke gå inn før alarmen er kvittert",
                     "TRYKKSATT GASS", "Maks liter", "50 L", "Maks antall flasker", "3",
                     "Sentral gassforsyning", "Ja", "BRANNFARLIGE VÆSKER", "Kategori 1",
                     "2,5 L", "Kategori 2", "10 L", "Gassalarmanlegg",
                     "startkokepunkt høyst 35 °C (H224)", "GIFTIGE VÆSKER", "Flussyre 40 %",
                     "DELT MED ANNEN VIRKSOMHET", "Ja. Samordningsavtale: SINTEF 2024-17",
                     "VARSLINGSBEHOV", "Ring vaktsentralen", "ANNEN INFORMASJON",
                     "Nøkkel i resepsjonen", "ROMANSVARLIG", "Synnøve Karlsen",
                     "Tlf. +47 73 59 70 18", "STEDFORTREDER", "Åsmund Vold",
                     "Brannfarlig", "Akutt giftig", "Ioniserende stråling", "Laserstråle",
                     "Skrevet ut 02.12.2026", "romkortet sist endret 30.11.2026",
                     "vernetool:room:KJ1:313"):
        assert expected in text, expected
    assert "Biologisk fare" not in text and "report.roomcard" not in text
    assert _images(out) == 4   # two pictograms, two signs


def test_every_field_in_english(tmp_path: Path) -> None:
    out = write_room_card(SHEET, tmp_path / "card.pdf", "en")
    [text] = _pages(out)
    for expected in ("ROOM CARD", "Unit: IKJ Institutt for kjemi",
                     "HAZARDS THAT MAKE THE ROOM UNSAFE TO ENTER AFTER AN INCIDENT",
                     "PRESSURISED GAS", "Max litres", "Max cylinders", "Central gas supply",
                     "Yes", "FLAMMABLE LIQUIDS, MAX LITRES", "2.5 L", "Gas alarm system",
                     "initial boiling point at or below 35 °C (H224)", "TOXIC LIQUIDS",
                     "SHARED WITH ANOTHER ORGANISATION",
                     "Yes. Coordination agreement: SINTEF 2024-17", "ALERT NEEDS",
                     "OTHER INFORMATION", "ROOM RESPONSIBLE", "Tel. +47 73 59 70 18",
                     "DEPUTY", "Flammable", "Acute toxicity", "Ionising radiation",
                     "Laser beam", "Printed 2026-12-02", "card last changed 2026-11-30"):
        assert expected in text, expected
    assert "Romansvarlig" not in text and "report.roomcard" not in text


def test_an_empty_field_prints_a_dash_and_no_responsible_is_said(tmp_path: Path) -> None:
    sheet = CardSheet("A", "1", RoomCard(activity_type="Lager"), printed=dt.date(2026, 1, 5))
    [text] = _pages(write_room_card(sheet, tmp_path / "card.pdf", "en"))
    assert "SPECIAL HAZARDS —" in text and "TOXIC LIQUIDS —" in text
    assert "Max litres —" in text and "Central gas supply No" in text
    assert "Unit: —" in text and "None on the card" in text
    assert "No room responsible registered" in text and "DEPUTY —" in text
    assert "card last changed" not in text
    assert _images(tmp_path / "card.pdf") == 0


def test_user_text_is_escaped(tmp_path: Path) -> None:
    card = RoomCard(activity_type="<b>fet</b> & <i>", other_info="a < b > c",
                    pictograms=("GHS02", "<img src='x'/>"))
    sheet = CardSheet("B&B", "<1>", card, room_name="<font size=99>Lab</font>",
                      responsible=Contact("<b>Kari</b>", "<br/>"))
    [text] = _pages(write_room_card(sheet, tmp_path / "card.pdf", "nb"))
    assert "<b>fet</b> & <i>" in text and "a < b > c" in text
    assert "B&B <1>" in text and "<font size=99>Lab</font>" in text
    assert "<b>Kari</b>" in text and "Tlf. <br/>" in text
    assert _images(tmp_path / "card.pdf") == 1   # an unknown pictogram code is not drawn


def test_a_long_card_shrinks_to_one_page(tmp_path: Path) -> None:
    words = " ".join(["Arbeid med flussyre krever ansiktsskjerm og kalsiumglukonatgel."] * 8)
    sheet = CardSheet("KJ1", "313", RoomCard(other_info=words, special_hazards=words,
                                             pictograms=("GHS01", "GHS02", "GHS03",
                                                         "GHS04", "GHS05", "GHS06")),
                      responsible=Contact("Kari", "1"))
    scale, pages = layout_scale(sheet, "nb")
    assert pages == 1 and 0.6 <= scale < 1.0
    assert layout_scale(CardSheet("A", "1", RoomCard(activity_type="Lager")), "nb") == (1.0, 1)
    [text] = _pages(write_room_card(sheet, tmp_path / "card.pdf", "nb"))
    assert text.count("kalsiumglukonatgel") == 16 and "Side 1" not in text


def test_a_card_too_long_for_a_page_continues_with_the_contacts_on_page_1(
        tmp_path: Path) -> None:
    words = " ".join(f"Punkt {n}: les instruksen ved døren før arbeid." for n in range(400))
    sheet = CardSheet("KJ1", "313", RoomCard(other_info=words), room_name="Lab",
                      responsible=Contact("Kari Nordmann", "+47 900 00 001"))
    assert layout_scale(sheet, "nb")[1] > 1
    pages = _pages(write_room_card(sheet, tmp_path / "card.pdf", "nb"))
    assert len(pages) > 1
    assert "Kari Nordmann" in pages[0] and "Tlf. +47 900 00 001" in pages[0]
    assert f"Side 1 av {len(pages)}" in pages[0]
    assert f"Side {len(pages)} av {len(pages)}" in pages[-1]
    assert "Romkort KJ1 313 Lab (fortsatt)" in pages[1]
    joined = " ".join(pages)
    assert "Punkt 0:" in joined and "Punkt 399:" in joined   # nothing cut off


def test_the_qr_code_is_segnos_code_of_the_rooms_text() -> None:
    import segno

    text = "vernetool:room:KJ1:313\nInstrumentlab"
    matrix = qr_matrix(text)
    expected = segno.make(text, error="m", micro=False).matrix
    assert matrix == tuple(tuple(bool(m) for m in row) for row in expected)
    assert len(matrix) == len(matrix[0]) >= 21
    assert parse_room_qr(text) == ("KJ1", "313")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm")
def test_the_qr_code_is_drawn_module_by_module(tmp_path: Path) -> None:
    """Draw the code alone on a page of its own size, rasterise it and read every module's
    centre back: dark where the matrix is dark, white in the quiet zone."""
    from PIL import Image as PilImage
    from reportlab.pdfgen import canvas

    text = "vernetool:room:KJ1:313\nInstrumentlab"
    size = 200.0
    code = QrCode(text, size)
    path = tmp_path / "qr.pdf"
    canv = canvas.Canvas(str(path), pagesize=(size, size))
    code.wrapOn(canv, size, size)
    code.drawOn(canv, 0, 0)
    canv.save()
    subprocess.run(["pdftoppm", "-r", "288", "-gray", "-png", "-singlefile", str(path),
                    str(tmp_path / "qr")], check=True)
    image = PilImage.open(tmp_path / "qr.png").convert("L")
    count = len(code.matrix) + 8
    pixel = image.width / count
    for y in range(-4, len(code.matrix) + 4):
        for x in range(-4, len(code.matrix) + 4):
            inside = 0 <= x < len(code.matrix) and 0 <= y < len(code.matrix)
            dark = inside and code.matrix[y][x]
            value = image.getpixel((int((x + 4.5) * pixel), int((y + 4.5) * pixel)))
            assert (value < 128) == dark, (x, y)
