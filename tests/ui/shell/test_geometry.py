"""Every window and dialog fits a 1366×768 laptop; the main window, the walk and the recording
dialogs (finding, deviation and its workflow) fit a 1024×600 netbook.

The offscreen platform has three screens (tests/conftest.py). Each window opens on one of them
with the demo database and is searched for what a user would meet: a window off the screen, a
widget cut by its parent (outside what can be seen or scrolled to), an editor too narrow for
its text, a multi-line field squeezed to a line. Dialog classes are found by scanning ui/: a
new dialog must get a factory in ``DIALOGS`` or this test names it as missing.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyleOptionComboBox,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QWidget,
)

import vernetool.ui
from vernetool.context import AppContext
from vernetool.db.deviations.actions import list_actions
from vernetool.db.deviations.records import get_deviation
from vernetool.db.organisation.persons import list_persons
from vernetool.db.organisation.responsibilities import current
from vernetool.db.organisation.rooms import get_room
from vernetool.db.rounds.findings import findings_for_round
from vernetool.db.rounds.rounds import list_rounds
from vernetool.demo.builder import build_demo
from vernetool.domain.deviations.rules import DeviationStatus
from vernetool.settings import Settings
from vernetool.ui.shell.main_window import MainWindow

TODAY = dt.date(2025, 3, 14)
AREAS = ("rooms", "persons", "rounds", "deviations", "registers", "attention", "statistics",
         "checklists", "sync", "annual")
LINE_EDIT_CHARS = 30  # a line edit shows at least this much of its text (prose may scroll)


# -- the screens and the demo database ---------------------------------------------------------
def screen(name: str) -> QScreen:
    for candidate in QGuiApplication.screens():
        if candidate.name() == name:
            return candidate
    pytest.fail(f"no offscreen screen {name!r}: tests/conftest.py sets up the screens")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("geometry") / "demo.sqlite"
    build_demo(path, seed=2024, today=TODAY)
    return path


@pytest.fixture
def demo_ctx(demo_db: Path, tmp_path: Path) -> Iterator[AppContext]:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_db, path)
    context = AppContext.open(path, Settings(tmp_path / "settings.json"))
    yield context
    context.close()


def open_main_window(qtbot: Any, ctx: AppContext, where: QScreen | None) -> MainWindow:
    """A main window as the user starts it; ``where`` None: at its remembered place."""
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    if where is not None:
        window.move(where.availableGeometry().topLeft())  # where the window manager opens it
    window.show()
    qtbot.waitExposed(window)
    return window


# -- what a user would meet ----------------------------------------------------------------------
def describe(widget: QWidget, top: QWidget) -> str:
    parts = []
    node: QWidget | None = widget
    while node is not None and node is not top:
        name = node.objectName()
        parts.append(type(node).__name__ + (f"#{name}" if name else ""))
        node = node.parentWidget()
    parts.append(type(top).__name__)
    return " > ".join(reversed(parts))


def _cut(widget: QWidget, parent: QWidget) -> bool:
    """Is ``widget`` partly outside ``parent``? A scroll area's content may lie outside its
    viewport in a direction it scrolls: the user scrolls to it."""
    geometry, area = widget.geometry(), parent.rect()
    grand = parent.parentWidget()
    off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
        sideways = grand.horizontalScrollBarPolicy() == off and (
            geometry.left() < 0 or geometry.right() > area.right())
        upright = grand.verticalScrollBarPolicy() == off and (
            geometry.top() < 0 or geometry.bottom() > area.bottom())
        return sideways or upright
    return not area.contains(geometry)


def _text_width_needed(editor: QWidget) -> tuple[str, int, int] | None:
    """(text, width it needs, width it has) for an editor showing text, else None."""
    metrics = editor.fontMetrics()
    if isinstance(editor, QComboBox):
        option = QStyleOptionComboBox()
        editor.initStyleOption(option)
        field = editor.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option,
            QStyle.SubControl.SC_ComboBoxEditField, editor)
        text = editor.currentText()
        return text, metrics.horizontalAdvance(text) + 4, field.width()
    if isinstance(editor, QAbstractSpinBox):
        inner = editor.findChild(QLineEdit)
        text = editor.text()
        if inner is None:
            return None
        return text, metrics.horizontalAdvance(text) + 4, inner.width()
    if isinstance(editor, QLineEdit):
        if isinstance(editor.parentWidget(), QComboBox | QAbstractSpinBox):
            return None  # checked as part of its combo or spin box
        text = (editor.text() or editor.placeholderText())[:LINE_EDIT_CHARS]
        margins = editor.textMargins()
        buttons = sum(b.width() for b in editor.findChildren(QToolButton) if b.isVisible())
        has = editor.contentsRect().width() - margins.left() - margins.right() - 4 - buttons
        return text, metrics.horizontalAdvance(text), has
    return None


def _label_cut(label: QLabel) -> bool:
    """A one-line label narrower than its text (an elided text with a tooltip is fine)."""
    if getattr(label, "elides", False):
        return False  # ElidedLabel: ends in "…" with the whole text in its tooltip
    text = label.text().replace("&&", "\0").replace("&", "").replace("\0", "&")  # mnemonics
    if not text or label.wordWrap() or label.textFormat() == Qt.TextFormat.RichText \
            or (label.textFormat() == Qt.TextFormat.AutoText and "<" in text and ">" in text):
        return False
    widest = max(label.fontMetrics().horizontalAdvance(line) for line in text.splitlines())
    return widest > label.contentsRect().width() + 1


def problems(window: QWidget) -> list[str]:
    """What is cut, off the screen, or too small to use in ``window`` as it is shown."""
    QApplication.processEvents()
    found = []
    area = window.screen().availableGeometry()
    if not area.contains(window.frameGeometry()):
        found.append(f"{describe(window, window)}: window {window.frameGeometry()} is not "
                     f"inside the screen {area}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow():
            continue
        parent = widget.parentWidget()
        geometry = widget.geometry()
        if parent is not None and not geometry.isEmpty() and _cut(widget, parent):
            found.append(f"{describe(widget, window)}: {geometry} is cut by its parent "
                         f"{parent.rect()}")
        need = _text_width_needed(widget)
        if need is not None and need[2] < need[1]:
            found.append(f"{describe(widget, window)}: {need[2]} px for {need[0]!r} "
                         f"which needs {need[1]} px")
        if isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().isVisible() \
                and not isinstance(widget, QPlainTextEdit | QTextEdit):
            found.append(f"{describe(widget, window)}: needs sideways scrolling")
        if isinstance(widget, QLabel) and _label_cut(widget):
            found.append(f"{describe(widget, window)}: cuts its text {widget.text()!r}")
        if isinstance(widget, QPlainTextEdit | QTextEdit) and not widget.isReadOnly():
            lines = widget.viewport().height() / widget.fontMetrics().lineSpacing()
            if lines < 2.5:
                found.append(f"{describe(widget, window)}: {lines:.1f} lines high")
    return found


def assert_fits(window: QWidget, label: str) -> None:
    found = problems(window)
    assert not found, f"{label}: {len(found)} problems\n" + "\n".join(found)


# -- the dialogs: found by scanning ui/, built with the demo database ----------------------------
def dialog_classes() -> dict[str, type[QDialog]]:
    """Every QDialog subclass defined in vernetool.ui (private bases left out)."""
    for info in pkgutil.walk_packages(vernetool.ui.__path__, "vernetool.ui."):
        importlib.import_module(info.name)
    found: dict[str, type[QDialog]] = {}
    pending = list(QDialog.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("vernetool.ui.") and not cls.__name__.startswith("_") \
                and not inspect.isabstract(cls):
            found[cls.__name__] = cls
    return found


def _deviation(ctx: AppContext, status: DeviationStatus | None = None,
               with_actions: bool = False) -> Any:
    for (dev_id,) in ctx.conn.execute("SELECT id FROM deviation ORDER BY id"):
        dev = get_deviation(ctx.conn, dev_id)
        if dev is None or (status is not None and dev.status != status):
            continue
        if with_actions and not list_actions(ctx.conn, dev.id):
            continue
        return dev
    pytest.fail("the demo database has no such deviation")


def _lab_with_card(ctx: AppContext) -> Any:
    row = ctx.conn.execute("SELECT room_id FROM room_card ORDER BY room_id").fetchone()
    room = get_room(ctx.conn, row[0])
    assert room is not None
    return room


def _round_id(ctx: AppContext) -> int:
    return list_rounds(ctx.conn)[0].id


def _finding(ctx: AppContext) -> Any:
    for summary in list_rounds(ctx.conn):
        found = findings_for_round(ctx.conn, summary.id)
        if found:
            return found[0]
    pytest.fail("the demo database has no finding")


def _cmr_product(ctx: AppContext) -> int:
    """A CMR product of the demo database (one is made, in use, when the demo has none)."""
    from vernetool.domain.chemicals.model import HoldingInput, ProductInput

    chemicals = ctx.services.chemicals
    for product in chemicals.products("", limit=200):
        if product.exposure_register:
            return product.id
    found = chemicals.save_product(ProductInput.with_cas(
        "Benzen", ["71-43-2"], supplier="Merck",
        statements=("H225 H304 H315 H319 H340 H350 H372",)))
    chemicals.add_holding(HoldingInput(found.id, _lab_with_card(ctx).id, "Avtrekk 1", 1, "L"))
    return found.id


def _exposure_entry(ctx: AppContext) -> tuple[int, int]:
    """(product, entry) of an exposure entry with long values, the vault set up for it."""
    from vernetool.domain.chemicals.model import ExposureInput
    from vernetool.services.chemicals.exposure import VaultStatus

    exposure = ctx.services.exposure
    if exposure.vault_status() is VaultStatus.NOT_SET_UP:
        exposure.set_up_vault("correct horse battery")
    elif exposure.vault_status() is VaultStatus.LOCKED:  # the demo sealed its own entries
        from vernetool.demo.chemicals import DEMO_PASSPHRASE

        exposure.unlock(DEMO_PASSPHRASE)
    product = _cmr_product(ctx)
    entries = exposure.entries(product)
    if entries:
        return product, entries[0].id
    entry = exposure.register(ExposureInput(
        product, "Kari Nordmann-Johannessen", "15076543310",
        position="Postdoctoral fellow in organic synthesis",
        workplace="Synthesis laboratory, fume hood 3 (shared with the analysis group)",
        concentration="< 0.5 ppm (measured 8 h TWA)", exposure_start=TODAY,
        duration="2 hours a week during the project"))
    return product, entry.id


def _radiation_source(ctx: AppContext) -> Any:
    """A sealed source with long values (made here while the demo has none)."""
    from vernetool.domain.radiation.model import SourceInput
    from vernetool.domain.radiation.sources import DsaStatus, SourceKind

    sources = ctx.services.radiation_sources
    found = sources.find("Eckert & Ziegler Nuclitec GmbH", "HEC-2000-137-0042")
    if found is not None:
        return found
    return sources.save(SourceInput(
        SourceKind.SEALED_SOURCE, nuclide="Cs-137", activity="370", activity_unit="MBq",
        reference_date=dt.date(2000, 1, 1), make="Eckert & Ziegler Nuclitec GmbH",
        model="Check source type CDR-4 with stainless steel capsule",
        serial_number="HEC-2000-137-0042", room_id=_lab_with_card(ctx).id,
        location="Lead safe 2, shelf 3 (behind the calibration sources)",
        dsa_id="DSA-2000-0042", dsa_status=DsaStatus.IN_USE, notifiable=True,
        leak_test_last=dt.date(2023, 6, 1), leak_test_interval_months=12))


def _radiation_worker(ctx: AppContext) -> Any:
    """A radiation worker with long values, the vault open for it."""
    from vernetool.domain.radiation.model import RadiationWorkerInput

    _exposure_entry(ctx)   # the vault set up or unlocked
    workers = ctx.services.radiation_workers
    for worker in workers.workers():
        return worker
    return workers.register(RadiationWorkerInput(
        "Kari Nordmann-Johannessen", "15076543310",
        address="Professor Keysers gate 1, 5007 Bergen",
        work="X-ray diffraction and work with open sources (P-32 labelling)",
        employed_from=dt.date(2019, 8, 1),
        sources="P-32, the X-ray diffractometer in the crystallography lab"))


def _chemical(ctx: AppContext) -> tuple[Any, Any]:
    """A product with long words and one of its holdings (made here while the demo has none)."""
    from vernetool.domain.chemicals.model import HoldingInput, ProductInput

    chemicals = ctx.services.chemicals
    name, supplier = ("Formaldehyde solution 37 % stabilised with 10 % methanol",
                      "Sigma-Aldrich Norway AS")
    found = chemicals.find_product(name, supplier)
    if found is not None and chemicals.holdings_of_product(found.id):
        return found, chemicals.holdings_of_product(found.id)[0]
    product = chemicals.save_product(ProductInput.with_cas(
        name, ["50-00-0", "67-56-1"], supplier=supplier,
        statements=("H301+H311+H331, H314, H317, H335, H341, H350, H370",
                    "P201, P260, P280, P301+P310, P303+P361+P353, P305+P351+P338")))
    holding = chemicals.add_holding(HoldingInput(product.id, _lab_with_card(ctx).id,
                                                 "Ventilated acid cabinet 2, shelf 3",
                                                 2.5, "L", 3))
    return product, holding


def _bio(ctx: AppContext) -> dict[str, Any]:
    """A group 3 agent with a long name used in a lab, a cabinet and a worker with an offer
    (made here while the demo has none)."""
    from vernetool.domain.biology.model import (
        AgentUseInput,
        BioWorkerInput,
        CabinetInput,
        VaccinationOfferInput,
    )
    from vernetool.ui.registers.biology.data import agent_rows

    bio, workers = ctx.services.bio_agents, ctx.services.bio_workers
    agent = bio.add_from_catalogue("Mycobacterium bovis (except BCG strain)")
    room = _lab_with_card(ctx)
    bio.save_use(AgentUseInput(agent.id, room.id, 3, TODAY, TODAY))
    cabinet = bio.cabinets(room.id) or [bio.save_cabinet(CabinetInput(
        room.id, "Thermo Scientific", "Herasafe 2030i", "42001-SN-2019"))]
    found = workers.workers(agent.id)
    worker = found[0] if found else workers.register(BioWorkerInput(
        "Kari Nordmann-Johannessen", work="Culture of mycobacteria in the P3 laboratory",
        agent_id=agent.id, employed_from=TODAY))
    offers = workers.vaccination_offers(worker.id) or [workers.offer_vaccination(
        worker.id, VaccinationOfferInput(TODAY, "BCG vaccine"))]
    row = next(r for r in agent_rows(ctx) if r.id == agent.id)
    return {"agent": agent, "row": row, "use": row.uses[0], "cabinet": cabinet[0],
            "worker": workers.worker(worker.id), "offer": offers[0]}


def _room_window(ctx: AppContext, parent: QWidget) -> QDialog:
    """The room screen of the lab with everything: chemicals with long names, a source and
    a group 3 agent, the card against the registers, its problems (read at once)."""
    from vernetool.ui.rooms.room_window import RoomWindow

    _chemical(ctx)
    _radiation_source(ctx)
    _bio(ctx)
    window = RoomWindow(ctx, _lab_with_card(ctx).id, parent, as_of=TODAY, load=False)
    window.load_now()
    return window


def _dialogs(ctx: AppContext, parent: QWidget) -> dict[str, list[Callable[[], QDialog]]]:
    from vernetool.ui.delivery.data import TargetRow
    from vernetool.ui.delivery.target_dialog import TargetDialog
    from vernetool.ui.deviations.dialog import DeviationDialog
    from vernetool.ui.deviations.workflow_dialogs import (
        ActionDialog,
        ActionNoteDialog,
        StatusChangeDialog,
    )
    from vernetool.ui.exchange.archive_dialog import ArchiveDialog
    from vernetool.ui.exchange.import_result_dialog import ImportResultDialog
    from vernetool.ui.organisation.person_dialog import PersonDialog
    from vernetool.ui.organisation.responsibility_dialog import (
        EndResponsibilityDialog,
        ResponsibilityDialog,
    )
    from vernetool.ui.organisation.room_card_dialog import RoomCardDialog
    from vernetool.ui.organisation.room_dialog import RoomDialog
    from vernetool.ui.registers.biology.agent_dialog import AgentDialog
    from vernetool.ui.registers.biology.cabinet_dialog import CabinetDialog, CertifyDialog
    from vernetool.ui.registers.biology.use_dialog import AgentUseDialog
    from vernetool.ui.registers.biology.worker_dialog import (
        BioWorkerDialog,
        IncidentDialog,
        OfferDialog,
    )
    from vernetool.ui.registers.chemicals.holding_dialog import DisposeDialog, HoldingDialog
    from vernetool.ui.registers.chemicals.product_dialog import ProductDialog
    from vernetool.ui.registers.chemicals.sds_dialog import SdsDialog
    from vernetool.ui.registers.exposure.exposure_dialog import ExposureDialog
    from vernetool.ui.registers.exposure.vault_dialog import VaultDialog
    from vernetool.ui.registers.radiation.source_actions import (
        DisposeSourceDialog,
        LeakTestDialog,
        StatusDialog,
    )
    from vernetool.ui.registers.radiation.source_dialog import SourceDialog
    from vernetool.ui.registers.radiation.worker_dialog import RadiationWorkerDialog
    from vernetool.ui.rounds.finding_dialog import FindingDialog
    from vernetool.ui.rounds.plan.dialog import RoundPlanDialog
    from vernetool.ui.shell.name_dialog import NameDialog
    from vernetool.ui.shell.settings_dialog import SettingsDialog

    now = dt.datetime(2025, 3, 14, 10, 0)
    room = _lab_with_card(ctx)
    registered = _deviation(ctx, DeviationStatus.REGISTERED)
    errors = [{"row": n, "field": "type", "code": "value.not_one_of",
               "params": {"text": "garasje", "allowed": "office, lab, storage"}}
              for n in range(2, 40)]
    return {
        "DeviationDialog": [lambda: DeviationDialog(ctx, None, parent, now=now),
                            lambda: DeviationDialog(ctx, _deviation(ctx), parent, now=now)],
        "StatusChangeDialog": [
            lambda t=target: StatusChangeDialog(ctx, registered, t, parent, today=TODAY)
            for target in (DeviationStatus.ACCEPTED, DeviationStatus.REJECTED,
                           DeviationStatus.TRANSFERRED, DeviationStatus.CLOSED)],
        "ActionDialog": [lambda: ActionDialog(ctx, registered, parent, today=TODAY)],
        "ActionNoteDialog": [lambda: ActionNoteDialog(
            ctx, list_actions(ctx.conn, _deviation(ctx, with_actions=True).id)[0], parent)],
        "NameDialog": [lambda: NameDialog("a-very-long-login-name", parent)],
        "SettingsDialog": [lambda: SettingsDialog(ctx.settings, parent,
                                                  current_database=ctx.db_path),
                           lambda: SettingsDialog(ctx.settings, parent,
                                                  current_database=ctx.db_path,
                                                  chemicals=ctx.services.chemicals)],
        "ResponsibilityDialog": [lambda: ResponsibilityDialog(ctx, room, parent=parent)],
        "EndResponsibilityDialog": [lambda: EndResponsibilityDialog(
            ctx, room, list(current(ctx.conn, room.id, TODAY).values()), parent, today=TODAY)],
        "PersonDialog": [lambda: PersonDialog(ctx, None, parent),
                         lambda: PersonDialog(ctx, list_persons(ctx.conn)[0], parent)],
        "RoomDialog": [lambda: RoomDialog(ctx, None, parent),
                       lambda: RoomDialog(ctx, room, parent)],
        "RoomCardDialog": [lambda: RoomCardDialog(ctx, room, parent)],
        "ImportResultDialog": [lambda: ImportResultDialog(
            "Importer rom", "rom.csv", {"imported": 3, "skipped": 1, "errors": errors}, parent)],
        "RoundPlanDialog": [lambda: RoundPlanDialog(ctx, None, parent, today=TODAY),
                            lambda: RoundPlanDialog(ctx, _round_id(ctx), parent, today=TODAY)],
        "FindingDialog": [lambda: FindingDialog(ctx, _finding(ctx), parent, today=TODAY)],
        "ExposureDialog": [
            lambda: ExposureDialog(ctx, _cmr_product(ctx), parent, today=TODAY),
            lambda: ExposureDialog(ctx, _exposure_entry(ctx)[0], parent,
                                   _exposure_entry(ctx)[1], today=TODAY)],
        "VaultDialog": [lambda: VaultDialog(ctx, parent, set_up=True, keyring_available=True),
                        lambda: VaultDialog(ctx, parent)],
        "AgentDialog": [lambda: AgentDialog(ctx, None, parent),
                        lambda: AgentDialog(ctx, _bio(ctx)["agent"].id, parent)],
        "AgentUseDialog": [lambda: AgentUseDialog(ctx, _bio(ctx)["row"], None, parent,
                                                  today=TODAY),
                           lambda: AgentUseDialog(ctx, _bio(ctx)["row"], _bio(ctx)["use"],
                                                  parent, today=TODAY)],
        "CabinetDialog": [lambda: CabinetDialog(ctx, parent),
                          lambda: CabinetDialog(ctx, parent, _bio(ctx)["cabinet"])],
        "CertifyDialog": [lambda: CertifyDialog(ctx, _bio(ctx)["cabinet"], parent,
                                                today=TODAY)],
        "BioWorkerDialog": [lambda: BioWorkerDialog(ctx, None, parent, today=TODAY,
                                                    agent_id=_bio(ctx)["agent"].id),
                            lambda: BioWorkerDialog(ctx, _bio(ctx)["worker"], parent,
                                                    today=TODAY)],
        "OfferDialog": [lambda: OfferDialog(ctx, _bio(ctx)["worker"], None, parent,
                                            today=TODAY),
                        lambda: OfferDialog(ctx, _bio(ctx)["worker"], _bio(ctx)["offer"],
                                            parent, today=TODAY)],
        "IncidentDialog": [lambda: IncidentDialog(ctx, _bio(ctx)["worker"], parent,
                                                  today=TODAY)],
        "ProductDialog": [lambda: ProductDialog(ctx, None, parent),
                          lambda: ProductDialog(ctx, _chemical(ctx)[0], parent)],
        "HoldingDialog": [lambda: HoldingDialog(ctx, None, parent),
                          lambda: HoldingDialog(ctx, _chemical(ctx)[1], parent)],
        "DisposeDialog": [lambda: DisposeDialog(ctx, _chemical(ctx)[1], parent, TODAY)],
        "SdsDialog": [lambda: SdsDialog(ctx, _chemical(ctx)[0],
                                        Path("sikkerhetsdatablad-formaldehyd-37-prosent.pdf"),
                                        parent, TODAY)],
        "SourceDialog": [lambda: SourceDialog(ctx, None, parent, today=TODAY),
                         lambda: SourceDialog(ctx, _radiation_source(ctx), parent, today=TODAY)],
        "StatusDialog": [lambda: StatusDialog(ctx, _radiation_source(ctx), parent, today=TODAY)],
        "LeakTestDialog": [lambda: LeakTestDialog(ctx, _radiation_source(ctx), parent,
                                                  today=TODAY)],
        "DisposeSourceDialog": [lambda: DisposeSourceDialog(ctx, _radiation_source(ctx), parent,
                                                            today=TODAY)],
        "RadiationWorkerDialog": [
            lambda: RadiationWorkerDialog(ctx, None, parent, today=TODAY),
            lambda: RadiationWorkerDialog(ctx, _radiation_worker(ctx), parent, today=TODAY)],
        "RoomWindow": [lambda: _room_window(ctx, parent)],
        "TargetDialog": [
            lambda: TargetDialog(ctx, None, parent, keyring_available=False),
            lambda: TargetDialog(ctx, TargetRow(
                "EQS (central deviation system, production)", "http", "",
                "https://eqs.example.university.no/api/v2/vernetool/bundles",
                ("deviations", "chemicals", "sources", "rounds", "annual"), "",
                True, {"deviations": {"category": "kategori"}}), parent,
                keyring_available=True)],
        "ArchiveDialog": [lambda: ArchiveDialog(Path.home(), parent, today=TODAY),
                          lambda: _archive_with_identity(parent)],
    }


def _archive_with_identity(parent: QWidget) -> QDialog:
    from vernetool.ui.exchange.archive_dialog import ArchiveDialog

    dialog = ArchiveDialog(Path("/a/rather/long/folder/name/for/archives"), parent, today=TODAY)
    dialog.identity_box.setChecked(True)   # the longer warning
    return dialog


# The walk, the finding and the deviation dialogs are used on a netbook in the field.
SMALL_SCREEN_DIALOGS = ("DeviationDialog", "StatusChangeDialog", "ActionDialog",
                        "ActionNoteDialog", "FindingDialog", "RoundPlanDialog",
                        "ExposureDialog", "VaultDialog", "SourceDialog", "StatusDialog",
                        "LeakTestDialog", "DisposeSourceDialog", "RadiationWorkerDialog",
                        "AgentDialog", "AgentUseDialog", "CabinetDialog", "CertifyDialog",
                        "BioWorkerDialog", "OfferDialog", "IncidentDialog", "RoomWindow",
                        "ArchiveDialog")


def test_every_dialog_class_has_a_factory(qapp: Any, demo_ctx: AppContext) -> None:
    parent = QWidget()
    known = set(_dialogs(demo_ctx, parent))
    missing = sorted(set(dialog_classes()) - known)
    assert not missing, f"give these dialogs a factory in test_geometry._dialogs: {missing}"
    assert set(SMALL_SCREEN_DIALOGS) <= known


def _open_dialogs(qtbot: Any, ctx: AppContext, where: str,
                  names: tuple[str, ...] | None) -> list[str]:
    window = open_main_window(qtbot, ctx, screen(where))
    found: list[str] = []
    for name, factories in sorted(_dialogs(ctx, window).items()):
        if names is not None and name not in names:
            continue
        for number, factory in enumerate(factories):
            dialog = factory()
            dialog.show()
            qtbot.waitExposed(dialog)
            found += [f"{name}[{number}] on {where}: {p}" for p in problems(dialog)]
            for tabs in dialog.findChildren(QTabWidget):  # every page of a tabbed dialog
                for page in range(1, tabs.count()):
                    tabs.setCurrentIndex(page)
                    found += [f"{name}[{number}] tab {page + 1} on {where}: {p}"
                              for p in problems(dialog)]
            dialog.reject()
            dialog.deleteLater()
    return found


def test_every_dialog_fits_a_laptop(qtbot: Any, demo_ctx: AppContext) -> None:
    found = _open_dialogs(qtbot, demo_ctx, "laptop", None)
    assert not found, "\n".join(found)


def test_recording_dialogs_fit_a_netbook(qtbot: Any, demo_ctx: AppContext) -> None:
    found = _open_dialogs(qtbot, demo_ctx, "small", SMALL_SCREEN_DIALOGS)
    assert not found, "\n".join(found)


# -- the main window, its areas, the walk and the action plan ------------------------------------
@pytest.mark.parametrize("where", ["laptop", "small"])
def test_every_area_fits(qtbot: Any, demo_ctx: AppContext, where: str) -> None:
    _chemical(demo_ctx)  # the register shows a product with long words
    window = open_main_window(qtbot, demo_ctx, screen(where))
    found = []
    for key in AREAS:
        page: Any = window.show_area(key)
        found += [f"{key} on {where}: {p}" for p in problems(window)]
        if key == "rooms":  # a lab with a room card: pictograms, hazards, long values
            lab = _lab_with_card(demo_ctx)
            page.filter_edit.setText(lab.number)
            page.apply_filter()
            assert page.select_id(lab.id)
        elif key == "registers":  # a holding of a CMR product: the whole detail panel
            page.current_page().select_row(0)
        elif hasattr(page, "select_row"):
            page.select_row(0)
        else:
            continue
        found += [f"{key} (one selected) on {where}: {p}" for p in problems(window)]
    rounds_page: Any = window.show_area("rounds")
    rounds_page.today = TODAY
    rounds_page.open_walk(_round_id(demo_ctx))
    found += [f"walk on {where}: {p}" for p in problems(window)]
    walk = rounds_page.walk
    for index in range(walk.room_list.count()):  # an item that also asks for a value
        walk.go_room(index)
        with_value = [n for n, row in enumerate(walk.state.rows) if row.has_value]
        if with_value:
            walk.checklist_part.set_current(with_value[0])
            break
    assert walk.editor.value.isVisible(), "the demo round has no item that asks for a value"
    comment = walk.editor.comment  # room to type a sentence, not a word
    assert comment.width() >= 25 * comment.fontMetrics().averageCharWidth(), where
    found += [f"walk, an item with a value, on {where}: {p}" for p in problems(window)]
    if where == "laptop":
        rounds_page.open_action_plan(_round_id(demo_ctx))
        found += [f"action plan on {where}: {p}" for p in problems(window)]
    assert not found, "\n".join(found)


def test_deviations_list_shows_its_columns_without_sideways_scrolling(
        qtbot: Any, demo_ctx: AppContext) -> None:
    from vernetool.ui.deviations.view import DeviationsView

    wanted = ("Type", "Category", "Room", "Status", "Deadline")
    for where in ("laptop", "small"):
        window = open_main_window(qtbot, demo_ctx, screen(where))
        view = window.show_area("deviations")
        assert isinstance(view, DeviationsView)
        QApplication.processEvents()
        table, header = view.table, view.table.horizontalHeader()
        titles = {str(table.model().headerData(c, Qt.Orientation.Horizontal)): c
                  for c in range(header.count())}
        for title in wanted:
            column = titles[title]
            assert not header.isSectionHidden(column), (where, title)
            right = header.sectionViewportPosition(column) + header.sectionSize(column)
            assert right <= table.viewport().width(), (where, title)
        assert not table.horizontalScrollBar().isVisible(), where
        beside = view.splitter.orientation() == Qt.Orientation.Horizontal
        assert beside == (where == "laptop"), where  # under the list only on a netbook
        if view.splitter.orientation() == Qt.Orientation.Horizontal:  # beside: at most 35 %
            assert view.detail_scroll.width() <= 0.35 * view.splitter.width(), where
        else:  # under the list on a narrow screen: the list keeps the whole width
            assert table.width() == view.splitter.width(), where
        window.close()


# -- point 3: the main window opens on the screen and remembers where it was ---------------------
@pytest.mark.parametrize("where", ["laptop", "small"])
def test_main_window_opens_inside_the_screen(qtbot: Any, ctx: AppContext, where: str) -> None:
    window = open_main_window(qtbot, ctx, screen(where))
    area = screen(where).availableGeometry()
    assert area.contains(window.frameGeometry()), (window.frameGeometry(), area)
    # it uses the screen: not a small window in a corner
    assert window.frameGeometry().width() >= 0.9 * area.width()
    assert window.frameGeometry().height() >= 0.85 * area.height()


def test_main_window_remembers_size_and_position(qtbot: Any, ctx: AppContext) -> None:
    laptop = screen("laptop").availableGeometry()
    first = open_main_window(qtbot, ctx, screen("laptop"))
    first.setGeometry(QRect(laptop.topLeft() + QPoint(100, 80), first.size() * 0.7))
    QApplication.processEvents()
    chosen = first.geometry()
    first.close()
    again = open_main_window(qtbot, ctx, None)
    assert again.geometry() == chosen


def test_a_remembered_window_larger_than_the_screen_is_clamped(qtbot: Any,
                                                                ctx: AppContext) -> None:
    desktop = open_main_window(qtbot, ctx, screen("desktop"))
    small = screen("small").availableGeometry()
    # saved on a large monitor, partly over where the netbook's screen now is
    desktop.setGeometry(QRect(small.topLeft() + QPoint(300, 200), desktop.size()))
    QApplication.processEvents()
    desktop.close()
    again = open_main_window(qtbot, ctx, None)
    assert small.contains(again.frameGeometry()), (again.frameGeometry(), small)


def test_clamped_brings_a_window_from_a_lost_monitor_onto_the_screen() -> None:
    from vernetool.ui.common.screen_fit import FRAME, clamped, initial_geometry

    laptop = QRect(0, 0, 1366, 768)
    # saved on a second monitor (x 2000) that is no longer attached, larger than the laptop
    rect = clamped(QRect(2000, 100, 1600, 1000), laptop)
    outer = rect.adjusted(-FRAME.width() // 2, -(FRAME.height() - FRAME.width() // 2),
                          FRAME.width() // 2, FRAME.width() // 2)
    assert laptop.contains(outer), outer
    assert clamped(QRect(100, 80, 800, 600), laptop) == QRect(100, 80, 800, 600)  # fits: kept
    first = initial_geometry(QSize(1360, 860), QRect(0, 0, 1024, 600))
    assert first.width() == 1024 - FRAME.width() and first.height() == 600 - FRAME.height()
