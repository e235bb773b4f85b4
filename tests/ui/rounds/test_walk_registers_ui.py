"""The walk shows the room's register figures beside the items that ask about them, and the
finding dialog offers the room's register entries; both fit a 1024×600 netbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from tests.db.register_lab import TODAY, Lab, make_lab
from tests.ui.shell.test_geometry import problems, screen
from vernetool.domain.rounds import Finding
from vernetool.ui.rounds.finding_dialog import FindingDialog
from vernetool.ui.rounds.walk.view import RoundWalkView


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    yield from make_lab(tmp_path)


def _walk(qtbot: Any, lab: Lab, round_id: int, where: str) -> RoundWalkView:
    view = RoundWalkView(lab.ctx, round_id, today=TODAY)
    qtbot.addWidget(view)
    area = screen(where).availableGeometry()
    view.move(area.topLeft())
    view.resize(area.width() - 8, area.height() - 60)   # the frame: inside the screen
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.mark.parametrize("where", ["small", "laptop"])
def test_the_walk_shows_register_figures_beside_the_items(qtbot: Any, lab: Lab,
                                                          where: str) -> None:
    round_id = lab.round(lab.chem, lab.plain, lab.rad)
    view = _walk(qtbot, lab, round_id, where)
    index = next(i for i, r in enumerate(view.state.rooms) if r.room_id == lab.chem)
    view.go_room(index)
    QApplication.processEvents()
    rows = {row.item.code: row for row in view.state.rows}
    quantities = rows["lab.chem.quantities"]
    view.checklist_part.set_current(view.state.rows.index(quantities))
    QApplication.processEvents()
    assert quantities.registers.isVisible()
    assert quantities.registers.text() == (
        "Registered: 0.5 L cat. 1, 12.25 L cat. 2 — card allows 5 L / 20 L")
    assert rows["lab.gas.secured"].registers.text().startswith("Registered: 2 gas cylinders")
    assert not rows["lab.chem.spill"].registers.isVisible()     # asks nothing of the registers
    found = problems(view)
    assert not found, "\n".join(found)
    plain = next(i for i, r in enumerate(view.state.rooms) if r.room_id == lab.plain)
    view.go_room(plain)
    assert not any(row.registers.isVisible() for row in view.state.rows)
    assert "lab.gas.secured" not in {row.item.code for row in view.state.rows}


@pytest.mark.parametrize("where", ["small", "laptop"])
def test_the_finding_dialog_offers_the_rooms_register_entries(qtbot: Any, lab: Lab,
                                                              where: str) -> None:
    round_id = lab.round(lab.chem, lab.rad)
    view = _walk(qtbot, lab, round_id, where)
    entry = lab.entry(round_id, lab.rad)
    dialog = FindingDialog(lab.ctx, Finding("Kilden mangler skilt", round_room_id=entry),
                           view, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    picker = dialog.concerns
    labels = [picker.itemText(i) for i in range(picker.count())]
    assert labels[0] == "(no register entry)"
    # a finding made outside an item: the holdings first (none here), then sources, agents
    assert labels[1:] == ["Cs-137 (SN-1234)", "Verdi V10 4", "", "Escherichia coli K-12"]
    assert picker.isVisible()
    found = problems(dialog)
    assert not found, "\n".join(found)
    picker.setCurrentIndex(labels.index("Cs-137 (SN-1234)"))
    dialog.accept()
    assert dialog.finding_id is not None
    saved = lab.ctx.services.findings.get(dialog.finding_id, "en")
    assert (saved.register_kind, saved.register_id, saved.register_label) == (
        "source", lab.source, "Cs-137 (SN-1234)")
    # edited later: the entry is chosen; <none> takes it away
    again = FindingDialog(lab.ctx, saved, view, today=TODAY)
    qtbot.addWidget(again)
    assert again.concerns.currentText() == "Cs-137 (SN-1234)"
    again.concerns.setCurrentIndex(0)
    again.accept()
    cleared = lab.ctx.services.findings.get(dialog.finding_id, "en")
    assert (cleared.register_kind, cleared.register_id, cleared.register_label) == (
        None, None, "")


def test_a_room_without_registers_shows_no_picker(qtbot: Any, lab: Lab) -> None:
    round_id = lab.round(lab.plain)
    dialog = FindingDialog(lab.ctx, Finding("x", round_room_id=lab.entry(round_id, lab.plain)),
                           None, today=dt.date(2026, 3, 2))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.concerns.isVisible()
