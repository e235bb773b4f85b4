"""The room screen on a real SQLite file: a lab with chemicals, a Cs-137 source, a class 4
laser and a group 2 agent shows them all; the window loads off the GUI thread; accepting a
field writes the stored card and the row turns "agrees"; open_room raises the window already
open; the screen follows changes made elsewhere; Esc closes it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from vernetool.context import AppContext
from vernetool.domain.chemicals.model import HoldingInput, ProductInput
from vernetool.ui.rooms.open_room import find_room_window, open_room
from vernetool.ui.rooms.room_window import RoomWindow


def cells(window: RoomWindow, key: str) -> list[list[str]]:
    lst = getattr(window, key)
    model = lst.model
    return [[str(model.data(model.index(r, c)) or "") for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def loaded(qtbot: Any, ctx: AppContext, room_id: int, parent: QWidget | None = None
           ) -> RoomWindow:
    window = RoomWindow(ctx, room_id, parent)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.data is not None, timeout=10_000)
    return window


def test_the_window_opens_at_once_and_fills_in_off_the_gui_thread(
        qtbot: Any, lab_ctx: AppContext, lab: dict[str, Any]) -> None:
    window = RoomWindow(lab_ctx, lab["lab"])
    qtbot.addWidget(window)
    # at once: the room's name and a loading line, the tabs waiting
    assert window.title.text() == "REALF:D2-108 Synteselab"
    assert window.windowTitle() == "Room REALF:D2-108 Synteselab"
    assert not window.tabs.isEnabled() and not window.loading.isHidden()
    window.show()
    qtbot.waitUntil(lambda: window.data is not None, timeout=10_000)
    assert window.tabs.isEnabled() and window.loading.isHidden()


def test_it_shows_the_room_its_people_and_everything_it_holds(
        qtbot: Any, lab_ctx: AppContext, lab: dict[str, Any]) -> None:
    window = loaded(qtbot, lab_ctx, lab["lab"])
    assert "Laboratory" in window.subtitle.text()
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(window.people.text())
    people = document.toPlainText().replace("\xa0", " ")
    assert "Room responsible: Kari Nordmann · +47 900 00 001 · kari@uni.example.no" in people
    assert "Deputy: Ola Nordmann · ola@uni.example.no" in people
    assert "mailto:ola@uni.example.no" in window.people.text()

    chemicals = cells(window, "chemicals")
    assert sorted(row[0] for row in chemicals) == ["Argon", "Benzen", "Dietyleter"]
    benzene = next(row for row in chemicals if row[0] == "Benzen")
    assert benzene[2] == "Avtrekk" and benzene[3] == "250 mL"
    assert benzene[5].startswith("Yes")            # the exposure register (CMR)
    argon = next(row for row in chemicals if row[0] == "Argon")
    assert argon[3] == "50 L × 2" and argon[5] == ""
    from vernetool.ui.registers.chemicals.holdings_table_model import PICTOGRAM_ROLE

    model = window.chemicals.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r)["product"] == "Benzen")
    assert set(model.data(model.index(row, 4), PICTOGRAM_ROLE)) >= {"GHS02", "GHS08"}

    sources = cells(window, "sources")
    cs137 = next(row for row in sources if row[1] == "Cs-137")
    assert cs137[2].endswith("kBq") and cs137[2] != "370 kBq"   # decayed since 2016
    laser = next(row for row in sources if row[3] == "4")
    assert laser[1] == "—"

    agents = cells(window, "agents")
    assert agents[0][0] == "Escherichia coli" and agents[0][1] == "Group 2"
    assert agents[0][3] == "Level 2"

    assert [row[1] for row in cells(window, "deviations")] == ["Lekkasje i avtrekk"]
    assert window.findings.count() == 0 and not window.findings.empty.isHidden()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[1:5] == ["Chemicals (3)", "Sources (2)", "Agents (1)", "Deviations (1)"]
    assert titles[5] == "Findings"


def test_the_problems_are_in_words_and_lead_where_they_are_fixed(
        qtbot: Any, lab_ctx: AppContext, lab: dict[str, Any]) -> None:
    window = loaded(qtbot, lab_ctx, lab["lab"])
    assert not window.strip.isHidden()
    texts = [window.problems_tab.list.item(i).text()
             for i in range(window.problems_tab.list.count())]
    stale = next(t for t in texts if "disagrees with the registers" in t)
    assert "REALF:D2-108" in stale and "→ Room card" in stale
    assert any("Benzen" in t and "exposure register" in t for t in texts)
    assert window.strip.buttons and window.strip.buttons[0].text().startswith("⚠")
    # the card's problem goes to the card tab
    window.tabs.setCurrentWidget(window.chemicals)
    stale_problem = next(p for p in window.problems_tab.problems
                         if str(p.code) == "roomcard_stale")
    window.go_to_problem(stale_problem)
    assert window.tabs.currentWidget() is window.card_tab


def test_the_card_tab_compares_field_by_field_and_accepts_one(
        qtbot: Any, lab_ctx: AppContext, lab: dict[str, Any]) -> None:
    window = loaded(qtbot, lab_ctx, lab["lab"])
    tab = window.card_tab
    fields = {str(e.field): e for e in tab.entries}
    assert {"pictograms", "warning_signs", "flammable_cat1_max_litres"} <= set(fields)
    assert not fields["pictograms"].agrees
    assert "accept_pictograms" in {b.objectName() for b in tab.findChildren(QPushButton)}
    assert all(reason for reason in tab.stale_reasons())        # each says why, in words
    assert any("GHS08" in r or "Health hazard" in r or "pictogram" in r.lower()
               for r in tab.stale_reasons())

    tab.accept_buttons["pictograms"].click()
    card = lab_ctx.services.room_cards.get(lab["lab"])
    assert {"GHS02", "GHS04", "GHS08"} <= set(card.pictograms)   # written on the stored card
    qtbot.waitUntil(lambda: "pictograms" not in window.card_tab.accept_buttons)
    marks = {w.objectName() for w in window.card_tab.findChildren(QLabel)}
    assert "agrees_pictograms" in marks
    assert not window.card_tab.accept_buttons.get("pictograms")
    assert "warning_signs" in window.card_tab.accept_buttons    # the others still to accept


def test_accept_all_makes_the_card_agree(qtbot: Any, lab_ctx: AppContext,
                                         lab: dict[str, Any]) -> None:
    window = loaded(qtbot, lab_ctx, lab["lab"])
    window.card_tab.accept_all_button.click()
    qtbot.waitUntil(lambda: not window.card_tab.accept_buttons)
    assert all(e.agrees for e in window.card_tab.entries)
    assert "agrees with the registers" in window.card_tab.state.text()
    assert not window.card_tab.accept_all_button.isEnabled()
    card = lab_ctx.services.room_cards.get(lab["lab"])
    assert set(card.warning_signs) == {"radiation", "laser", "biohazard"}


def test_an_empty_room_says_so(qtbot: Any, lab_ctx: AppContext, lab: dict[str, Any]) -> None:
    window = loaded(qtbot, lab_ctx, lab["office"])
    assert window.strip.isHidden()
    assert window.chemicals.count() == 0 and not window.chemicals.empty.isHidden()
    assert "nobody" in window.people.text().replace("&nbsp;", " ")
    assert "no room card" in window.card_tab.state.text()


def test_the_window_follows_changes_made_elsewhere(
        qtbot: Any, lab_ctx: AppContext, lab: dict[str, Any]) -> None:
    window = loaded(qtbot, lab_ctx, lab["lab"])
    c = lab_ctx.services.chemicals
    acetone = c.save_product(ProductInput.with_cas("Aceton", ["67-64-1"],
                                                   statements=("H225 H319 H336",)))
    c.add_holding(HoldingInput(acetone.id, lab["lab"], "Løsemiddelskap", 1, "L", 1))
    qtbot.waitUntil(lambda: window.chemicals.count() == 4, timeout=10_000)
    assert "Aceton" in [row[0] for row in cells(window, "chemicals")]


def test_open_room_twice_raises_the_same_window(qtbot: Any, lab_ctx: AppContext,
                                                lab: dict[str, Any]) -> None:
    main = QWidget()
    qtbot.addWidget(main)
    first = open_room(main, lab_ctx, lab["lab"])
    again = open_room(main, lab_ctx, lab["lab"])
    other = open_room(main, lab_ctx, lab["office"])
    assert again is first and other is not first
    assert isinstance(first, RoomWindow) and first.isVisible() and not first.isModal()
    assert find_room_window(main, lab_ctx, lab["lab"]) is first
    # from a dialog of the main window too (a deviation dialog, the room window itself)
    assert open_room(first, lab_ctx, lab["lab"]) is first
    qtbot.waitUntil(lambda: first.data is not None, timeout=10_000)
    qtbot.waitUntil(lambda: other.data is not None, timeout=10_000)
    first.activateWindow()
    qtbot.waitUntil(first.isActiveWindow)
    qtbot.keyClick(first, Qt.Key.Key_Escape)
    assert not first.isVisible()
    assert find_room_window(main, lab_ctx, lab["lab"]) is None
    reopened = open_room(main, lab_ctx, lab["lab"])
    assert reopened is not first
    for window in (reopened, other):
        qtbot.waitUntil(lambda w=window: w.data is not None, timeout=10_000)
        window.close()


def test_print_room_card_writes_the_pdf_off_the_gui_thread(
        qtbot: Any, lab_ctx: AppContext, lab: dict[str, Any], tmp_path: Any) -> None:
    if not hasattr(lab_ctx.services, "room_card_print"):
        pytest.skip("the door sign's PDF service is not on this branch")
    window = loaded(qtbot, lab_ctx, lab["lab"])
    out = tmp_path / "romkort.pdf"
    window.print_card(out, open_after=False)
    job = window.print_job
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    assert out.exists() and out.read_bytes().startswith(b"%PDF")
