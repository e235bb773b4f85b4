"""The biological register's screens: the agents filtered by name, type, group and room; the
built-in list filling in group and notes; a group 3 agent without notification flagged; a
biosafety cabinet overdue flagged; a worker with a written vaccination offer registered by
keyboard; identity numbers masked on screen and a reveal that is confirmed and audited; the
room detail showing the room's agents."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from vernetool import i18n
from vernetool.context import AppContext
from vernetool.db import audit
from vernetool.domain.biology.agents import AgentNote, AgentType, RiskGroup
from vernetool.domain.biology.model import (
    AgentUseInput,
    BioWorkerInput,
    CabinetInput,
    CertificationInput,
    VaccineAnswer,
)
from vernetool.domain.organisation import Room, RoomType
from vernetool.ui.common.labels import locale_for
from vernetool.ui.registers.biology.agent_dialog import AgentDialog
from vernetool.ui.registers.biology.agents_model import COLUMNS as AGENT_COLUMNS
from vernetool.ui.registers.biology.agents_view import AgentsView
from vernetool.ui.registers.biology.cabinets_model import COLUMNS as CABINET_COLUMNS
from vernetool.ui.registers.biology.worker_dialog import BioWorkerDialog
from vernetool.ui.registers.biology.workers_model import IDENTITY_COLUMN
from vernetool.ui.registers.biology.workers_view import BioWorkersView
from vernetool.ui.shell import theme

from ..exposure.test_exposure_screens import NUMBER, PASSPHRASE, visible_texts

TODAY = dt.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = QLocale()
    i18n.set_language("en")
    QLocale.setDefault(locale_for("en"))
    yield
    i18n.set_language("en")
    QLocale.setDefault(before)


@pytest.fixture
def register(ctx: AppContext) -> Iterator[dict[str, int]]:
    """Two labs; E. coli K-12 (group 1), Salmonella (2, notified in time), HBV (3, D V,
    notified in time) and M. tuberculosis (3, V, not notified) in use; two cabinets, one
    certified in 2023 (overdue), one this year."""
    services = ctx.services
    lab = services.rooms.save(Room("REALF", "D2-108", RoomType.LAB, "Cellelab"))
    p3 = services.rooms.save(Room("REALF", "D2-112", RoomType.LAB, "Smittelab P3"))
    bio = services.bio_agents
    ecoli = bio.add_from_catalogue("E. coli K-12")
    salmonella = bio.add_from_catalogue("Salmonella Typhimurium")
    hbv = bio.add_from_catalogue("HBV")
    mtb = bio.add_from_catalogue("Mycobacterium tuberculosis")
    bio.save_use(AgentUseInput(ecoli.id, lab, 1, None, dt.date(2024, 1, 10)))
    bio.save_use(AgentUseInput(salmonella.id, lab, 2, dt.date(2024, 1, 2),
                               dt.date(2024, 2, 15)))
    bio.save_use(AgentUseInput(hbv.id, p3, 3, dt.date(2024, 12, 1), dt.date(2025, 2, 1)))
    bio.save_use(AgentUseInput(mtb.id, p3, 3, None, dt.date(2025, 3, 1)))
    old = bio.save_cabinet(CabinetInput(lab, "Labculture", "LC-1.2", "4711"))
    bio.certify(old.id, CertificationInput(dt.date(2023, 9, 1), "Labteknikk AS"))
    new = bio.save_cabinet(CabinetInput(p3, "Thermo Scientific", "Herasafe 2030i", "42001"))
    bio.certify(new.id, CertificationInput(dt.date(2026, 6, 1), "Labteknikk AS"))
    yield {"lab": lab, "p3": p3, "ecoli": ecoli.id, "salmonella": salmonella.id,
           "hbv": hbv.id, "mtb": mtb.id, "old_cabinet": old.id}
    services.exposure.lock()


def _agents(view: AgentsView) -> list[str]:
    return [view.model.row_at(r).name for r in range(view.model.rowCount())]


def _cell(model: Any, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return model.data(model.index(row, column), role)


# -- the agents ---------------------------------------------------------------------------
def test_the_agents_filter_by_name_type_group_and_room(qtbot: Any, ctx: AppContext,
                                                       register: dict[str, int]) -> None:
    view = AgentsView(ctx, today=TODAY)
    qtbot.addWidget(view)
    assert view.model.rowCount() == 4 and view.count.text() == "4 agents"
    view.filter_edit.setText("myco")
    assert _agents(view) == ["Mycobacterium tuberculosis"]
    view.filter_edit.setText("D2-108")                # a room's label matches too
    assert set(_agents(view)) == {"Escherichia coli K-12",
                                  "Salmonella enterica (other serovars)"}
    view.filter_edit.clear()
    view.type_combo.setCurrentIndex(view.type_combo.findData(AgentType.VIRUS.value))
    assert _agents(view) == ["Hepatitis B virus"]
    view.type_combo.setCurrentIndex(0)
    view.group_combo.setCurrentIndex(view.group_combo.findData(3))
    assert set(_agents(view)) == {"Hepatitis B virus", "Mycobacterium tuberculosis"}
    view.group_combo.setCurrentIndex(0)
    view.show_room(register["lab"])
    assert view.room_combo.currentText() == "REALF:D2-108"
    assert len(_agents(view)) == 2
    view.show_room(None)
    assert view.count.text() == "4 agents"


def test_a_group_3_agent_without_notification_is_flagged(qtbot: Any, ctx: AppContext,
                                                         register: dict[str, int]) -> None:
    view = AgentsView(ctx, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    column = AGENT_COLUMNS.index("notification")
    rows = {view.model.row_at(r).name: r for r in range(view.model.rowCount())}
    mtb = rows["Mycobacterium tuberculosis"]
    assert _cell(view.model, mtb, column) == "Not notified"
    assert _cell(view.model, mtb, column, Qt.ItemDataRole.ForegroundRole) == QColor(theme.ERROR)
    assert "due by" in _cell(view.model, mtb, column, Qt.ItemDataRole.ToolTipRole)
    salmonella = rows["Salmonella enterica (other serovars)"]
    assert _cell(view.model, salmonella, column) == "Notified in time"
    assert _cell(view.model, salmonella, column, Qt.ItemDataRole.ForegroundRole) is None
    ecoli = rows["Escherichia coli K-12"]
    assert _cell(view.model, ecoli, column) == "Not required (group 1)"
    # the notes: letters in the cell, the words in the tooltip
    notes = AGENT_COLUMNS.index("notes")
    hbv = rows["Hepatitis B virus"]
    assert _cell(view.model, hbv, notes) == "D, V"
    tooltip = _cell(view.model, hbv, notes, Qt.ItemDataRole.ToolTipRole)
    assert "vaccine" in tooltip and "10 years" in tooltip
    assert view.warning.isVisible()
    assert view.warning.text().startswith("1 agent in use was not notified")
    # the detail names the room, the level and the missing notification
    view.select_id(register["mtb"])
    assert view.detail.title.text() == "Mycobacterium tuberculosis"
    line = view.detail.uses.item(0).text()
    assert "REALF:D2-112" in line and "Level 3" in line and "Not notified" in line
    assert "Required (§31-3), kept 40 years" in view.detail.register.text()


def test_a_cabinet_overdue_for_certification_is_flagged(qtbot: Any, ctx: AppContext,
                                                        register: dict[str, int]) -> None:
    view = AgentsView(ctx, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    model = view.cabinets
    state = CABINET_COLUMNS.index("state")
    old = model.row_of(register["old_cabinet"])
    assert _cell(model, old, state).startswith("Overdue (")
    assert _cell(model, old, state, Qt.ItemDataRole.ForegroundRole) == QColor(theme.ERROR)
    assert _cell(model, old, CABINET_COLUMNS.index("next_due")) == "2024-09-01"
    assert "1 biosafety cabinet is overdue" in view.warning.text()
    other = 1 - old
    assert _cell(model, other, state) == "Certified"


def test_certifying_by_keyboard_clears_the_flag(qtbot: Any, ctx: AppContext,
                                                register: dict[str, int],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from vernetool.ui.registers.biology.cabinet_dialog import CertifyDialog

    view = AgentsView(ctx, today=TODAY)
    qtbot.addWidget(view)

    def certify(dialog: CertifyDialog) -> int:
        dialog.show()
        dialog.certifier.clear()
        qtbot.keyClicks(dialog.certifier, "Labteknikk AS")
        qtbot.keyClick(dialog.certifier, Qt.Key.Key_Return)
        return int(dialog.result())

    monkeypatch.setattr(CertifyDialog, "exec", certify)
    view.cabinet_table.setCurrentIndex(view.cabinets.index(
        view.cabinets.row_of(register["old_cabinet"]), 0))
    view.certify()
    assert not view.cabinets.overdue()
    cabinet = ctx.services.bio_agents.cabinet(register["old_cabinet"])
    assert cabinet.last_certified == TODAY and cabinet.next_due == dt.date(2027, 12, 2)


def test_the_built_in_list_fills_group_and_notes(qtbot: Any, ctx: AppContext) -> None:
    dialog = AgentDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setFocus()
    qtbot.keyClicks(dialog.name, "hepatitis b")
    dialog.name.search()
    assert dialog.name._model.stringList()[0].startswith("Hepatitis B virus — Group 3 · D, V")
    dialog.name.choose_row(0)
    assert dialog.name.text() == "Hepatitis B virus"
    assert dialog.group.currentData() == 3
    assert dialog.agent_type.currentData() == AgentType.VIRUS.value
    assert {n for n, box in dialog.notes.items() if box.isChecked()} == {
        AgentNote.REGISTER_10_YEARS, AgentNote.VACCINE}
    assert dialog.long_retention.isChecked()
    assert "group 3, notes D, V" in dialog.source.text()
    # editable: the register keeps what the user chose
    dialog.notes[AgentNote.VACCINE].setChecked(False)
    assert dialog.save()
    agent = ctx.services.bio_agents.agent(dialog.agent_id or 0)
    assert (agent.name, agent.risk_group, agent.notes) == (
        "Hepatitis B virus", RiskGroup.THREE, frozenset({AgentNote.REGISTER_10_YEARS}))


def test_an_abbreviation_typed_and_left_is_looked_up(qtbot: Any, ctx: AppContext) -> None:
    dialog = AgentDialog(ctx, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setFocus()
    qtbot.keyClicks(dialog.name, "SARS-CoV-2")
    dialog.name.editingFinished.emit()
    assert dialog.name.text() == "Severe acute respiratory syndrome coronavirus 2"
    assert dialog.group.currentData() == 3
    # an agent of one's own: no list entry, nothing filled in
    own = AgentDialog(ctx, None)
    qtbot.addWidget(own)
    own.name.setText("Cellelinje HEK293")
    own.agent_type.setCurrentIndex(own.agent_type.findData(AgentType.CELL_LINE.value))
    assert own.save()
    assert ctx.services.bio_agents.agent(own.agent_id or 0).risk_group == RiskGroup.ONE
    empty = AgentDialog(ctx, None)
    qtbot.addWidget(empty)
    assert not empty.save()
    assert empty.error_label.text().startswith("Agent:")


# -- the workers register ------------------------------------------------------------------
def _focus(qtbot: Any) -> QWidget:
    focused = QApplication.focusWidget()
    assert focused is not None
    return focused


def _tab(qtbot: Any) -> QWidget:
    qtbot.keyClick(_focus(qtbot), Qt.Key.Key_Tab)
    return _focus(qtbot)


def test_a_worker_with_a_vaccination_offer_is_registered_by_keyboard(
        qtbot: Any, ctx: AppContext, register: dict[str, int],
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    ctx.services.exposure.set_up_vault(PASSPHRASE)
    dialog = BioWorkerDialog(ctx, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.person)
    qtbot.keyClicks(dialog.person, "Kari Nordmann")
    assert _tab(qtbot) is dialog.identity
    qtbot.keyClicks(dialog.identity, NUMBER)
    assert _tab(qtbot) is dialog.agent
    assert NUMBER not in dialog.identity.displayText()
    assert not dialog.error_label.isVisible()
    qtbot.keyClicks(dialog.agent, "Hep")          # the combo jumps to "Hepatitis B virus"
    assert dialog.agent.currentData() == register["hbv"]
    assert dialog.offered.isVisible() and dialog.offered.value() == TODAY
    assert _tab(qtbot) is dialog.work              # the free-text agent is off: skipped
    qtbot.keyClicks(dialog.work, "Diagnostikk, serologi")
    assert _tab(qtbot) is dialog.employed
    assert _tab(qtbot) is dialog.last_exposure
    assert _tab(qtbot) is dialog.long_term
    assert dialog.long_term.isChecked()           # HBV: latent/persistent, 40 years
    assert _tab(qtbot) is dialog.offered
    assert _tab(qtbot) is dialog.answer
    qtbot.keyClicks(dialog.answer, "Acc")
    assert dialog.answer.currentData() == VaccineAnswer.ACCEPTED.value
    assert not any(NUMBER in text for text in visible_texts(dialog))
    qtbot.keyClick(dialog.answer, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    workers = ctx.services.bio_workers
    [worker] = workers.workers()
    assert (worker.person, worker.agent_id, worker.work, worker.retention_years) == (
        "Kari Nordmann", register["hbv"], "Diagnostikk, serologi", 40)
    [offer] = workers.vaccination_offers(worker.id)
    assert (offer.offered_at, offer.answer) == (TODAY, VaccineAnswer.ACCEPTED)
    assert worker.identity_masked == NUMBER[:6] + "*****"
    assert NUMBER not in caplog.text
    assert workers.lacking_vaccination_offer() == []


def test_a_worker_lacking_an_offer_is_highlighted(qtbot: Any, ctx: AppContext,
                                                  register: dict[str, int]) -> None:
    workers = ctx.services.bio_workers
    workers.register(BioWorkerInput("Ola Hansen", work="Dyrking", agent_id=register["mtb"]))
    workers.register(BioWorkerInput("Per Olsen", work="Dyrking", agent_id=register["ecoli"]))
    view = BioWorkersView(ctx, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    rows = {view.model.row_at(r).person: r for r in range(view.model.rowCount())}
    column = 6
    assert _cell(view.model, rows["Ola Hansen"], column) == "Offer missing"
    assert _cell(view.model, rows["Ola Hansen"], 0,
                 Qt.ItemDataRole.ForegroundRole) == QColor(theme.ERROR)
    assert _cell(view.model, rows["Per Olsen"], 0, Qt.ItemDataRole.ForegroundRole) is None
    assert view.warning.text().startswith("1 worker exposed to an agent marked V")
    view.select_row(rows["Ola Hansen"])
    assert view.detail.offer_warning.isVisible()


def test_identity_numbers_are_masked_and_a_reveal_is_confirmed_and_audited(
        qtbot: Any, ctx: AppContext, register: dict[str, int],
        monkeypatch: pytest.MonkeyPatch) -> None:
    workers = ctx.services.bio_workers
    workers.set_up_vault(PASSPHRASE)
    kari = workers.register(BioWorkerInput("Kari Nordmann", NUMBER, "Serologi",
                                           register["hbv"]))
    workers.register(BioWorkerInput("Ola Hansen", "", "Dyrking", register["mtb"]))
    view = BioWorkersView(ctx, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    view.select_id(kari.id)
    assert not any(NUMBER in text for text in visible_texts(view))
    asked: list[str] = []

    def cancel(box: QMessageBox) -> QMessageBox.StandardButton:
        asked.append(box.text())
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", cancel)
    view.reveal_identity()
    assert "audit trail" in asked[0]
    assert not any(NUMBER in text for text in visible_texts(view))
    assert "reveal_identity" not in [e.action for e in audit.history(ctx.conn, "bio_worker",
                                                                      kari.id)]
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    view.reveal_identity()
    row = view.model.row_of(kari.id)
    assert _cell(view.model, row, IDENTITY_COLUMN) == NUMBER
    assert "recorded in the audit trail" in view.status.text()
    assert "reveal_identity" in [e.action for e in audit.history(ctx.conn, "bio_worker",
                                                                  kari.id)]
    view.select_row(1 - row)                      # another worker: masked again
    assert not any(NUMBER in text for text in visible_texts(view))
    # editing shows the mask only, and the window title never the number
    dialog = BioWorkerDialog(ctx, workers.worker(kari.id), view, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not any(NUMBER in text for text in visible_texts(dialog))
    assert NUMBER[:6] + "*****" in dialog.identity.placeholderText()


def test_a_mistyped_number_is_named_when_leaving_the_field(qtbot: Any, ctx: AppContext,
                                                           register: dict[str, int]) -> None:
    dialog = BioWorkerDialog(ctx, None, today=TODAY)
    qtbot.addWidget(dialog)
    mistyped = NUMBER[:-1] + str((int(NUMBER[-1]) + 1) % 10)
    dialog.identity.setText(mistyped)
    dialog.identity.editingFinished.emit()
    message = dialog.error_label.text()
    assert message.startswith("Identity number:") and mistyped not in message
    dialog.identity.setText(NUMBER)
    dialog.identity.editingFinished.emit()
    assert not dialog.error_label.isVisible()


def test_deletion_before_the_retention_end_is_refused(qtbot: Any, ctx: AppContext,
                                                      register: dict[str, int],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    workers = ctx.services.bio_workers
    worker = workers.register(BioWorkerInput("Ola Hansen", "", "Dyrking", register["ecoli"],
                                             last_exposure=dt.date(2024, 6, 30)))
    view = BioWorkersView(ctx, today=TODAY)
    qtbot.addWidget(view)
    told: list[str] = []

    def tell(box: QMessageBox) -> QMessageBox.StandardButton:
        told.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", tell)
    view.select_id(worker.id)
    view.delete_worker()
    assert "must be kept until 30 June 2034" in told[0]
    assert [w.id for w in workers.workers()] == [worker.id]


# -- the registers area and the room detail ------------------------------------------------
def test_the_registers_area_has_both_tabs_and_the_room_shows_its_agents(
        qtbot: Any, ctx: AppContext, register: dict[str, int]) -> None:
    from vernetool.ui.registers.registers_view import RegistersView, register_tabs
    from vernetool.ui.shell.main_window import MainWindow

    keys = [t.key for t in register_tabs()]
    assert "bio_agents" in keys and "bio_workers" in keys
    area = RegistersView(ctx)
    qtbot.addWidget(area)
    assert isinstance(area.show_tab("bio_agents"), AgentsView)
    assert isinstance(area.show_tab("bio_workers"), BioWorkersView)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    rooms: Any = window.show_area("rooms")
    rooms.filter_edit.setText("D2-112")
    rooms.apply_filter()
    assert rooms.select_id(register["p3"])
    lines = [w.text() for w in rooms.detail.agents.findChildren(QWidget)
             if w.objectName() == "roomAgent"]
    assert any(line.startswith("Mycobacterium tuberculosis · group 3 · level 3")
               and "not notified" in line for line in lines)
    assert any(line.startswith("Hepatitis B virus · group 3 · level 3") for line in lines)


def test_a_room_use_is_added_by_keyboard_and_the_rule_said_as_you_type(
        qtbot: Any, ctx: AppContext, register: dict[str, int]) -> None:
    from vernetool.ui.registers.biology.data import agent_rows
    from vernetool.ui.registers.biology.use_dialog import AgentUseDialog

    hbv = next(r for r in agent_rows(ctx) if r.id == register["hbv"])
    dialog = AgentUseDialog(ctx, hbv, None, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.room.set_room_id(register["lab"])
    dialog.level.setCurrentIndex(dialog.level.findData(2))
    dialog.first_use.set_value(dt.date(2027, 1, 15))
    assert "notify Arbeidstilsynet by 2026-12-16" in dialog.check.text()
    assert "below the risk group (3)" in dialog.check.text()
    dialog.notified.set_value(dt.date(2027, 1, 1))
    assert dialog.check.text().startswith("Notified too late: 16 days short")
    qtbot.keyClick(dialog.level, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    use = next(u for u in ctx.services.bio_agents.room_agents(register["lab"])
               if u.agent_id == register["hbv"])
    assert (use.containment_level, use.notified_at, use.first_use) == (
        2, dt.date(2027, 1, 1), dt.date(2027, 1, 15))
    # editing keeps the room (another room is another use)
    row = next(r for r in agent_rows(ctx) if r.id == register["hbv"])
    edit = AgentUseDialog(ctx, row, next(u for u in row.uses if u.room_id == register["lab"]),
                          today=TODAY)
    qtbot.addWidget(edit)
    assert edit.room.isReadOnly() and edit.room.room() is not None


def test_ending_a_use_keeps_it_in_history(qtbot: Any, ctx: AppContext,
                                          register: dict[str, int],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    view = AgentsView(ctx, today=TODAY)
    qtbot.addWidget(view)
    view.select_id(register["mtb"])
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    view.end_use()
    assert ctx.services.bio_agents.room_agents(register["p3"]) != []   # HBV stays
    assert all(u.agent_id != register["mtb"]
               for u in ctx.services.bio_agents.room_agents(register["p3"]))
    [ended] = [u for u in ctx.services.bio_agents.uses(register["mtb"], include_ended=True)]
    assert ended.ended_on == TODAY
    view.select_id(register["mtb"])
    assert view.detail.no_uses.isVisible() or not view.detail.uses.count()
