"""The chemicals screen's "Print list": the storage place's PDF written off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader

from vernetool.context import AppContext
from vernetool.domain.chemicals.model import HoldingInput, ProductInput
from vernetool.domain.organisation import Room, RoomType
from vernetool.i18n import using_language
from vernetool.ui.registers.chemicals_print import print_storage_place_list, suggested_name


def test_print_writes_the_place_list(qtbot: Any, ctx: AppContext, tmp_path: Path) -> None:
    services = ctx.services
    lab = services.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Synteselab"))
    acid = services.chemicals.save_product(ProductInput("Saltsyre 37 %", "Merck",
                                                        statements=("H290 H314 H335",)))
    services.chemicals.add_holding(HoldingInput(acid.id, lab, "Syreskap 1", 1, "L", 2))
    out = tmp_path / "liste.pdf"
    runner = print_storage_place_list(ctx, lab, "Syreskap 1", None, out=out, open_after=False)
    assert runner is not None
    with qtbot.waitSignal(runner.succeeded, timeout=30_000):
        pass
    text = "\n".join(p.extract_text() or "" for p in PdfReader(out).pages)
    assert "Saltsyre 37 %" in text and "Syreskap 1" in text


def test_the_suggested_file_name_is_safe() -> None:
    with using_language("en"):
        assert suggested_name("REALF:D2-108", "Syreskap 1 / øverst") == (
            "storage-place-REALF-D2-108-Syreskap-1-øverst.pdf")
        assert suggested_name("REALF:D2-108", None) == "storage-place-REALF-D2-108.pdf"
