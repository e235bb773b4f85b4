"""The workers register for biological agents (§31-3) as the "Biological workers" tab: the
register filtered as you type, identity numbers masked (revealed one at a time after a
confirmation, recorded in the audit trail, masked again when the selection moves), each
worker's incidents and written vaccination offers, and workers whose agent is marked V without
a documented offer highlighted. Deleting is refused before the retention end."""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.biology.model import BioWorker, Incident, VaccinationOffer
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr, trn
from vernetool.services import Change
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.column_fit import ColumnFitter
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.flow_layout import FlowLayout
from vernetool.ui.common.labels import format_date
from vernetool.ui.common.list_detail import (
    FieldGrid,
    add_edit_shortcuts,
    area_shortcut,
    clear_on_escape,
    count_label,
    detail_scroll_area,
    detail_title,
    filter_line_edit,
    focus_filter,
    focus_table,
    list_detail_splitter,
    muted_label,
    plain_label,
    section_title,
    select_listed_row,
    setup_list_table,
    size_columns,
)
from vernetool.ui.registers.biology import data
from vernetool.ui.registers.biology.fields import fit_list
from vernetool.ui.registers.biology.words import answer_label
from vernetool.ui.registers.biology.workers_model import WorkersTableModel
from vernetool.ui.registers.exposure.words import date_in_words
from vernetool.ui.registers.reveal import ask, reveal_number, tell
from vernetool.ui.shell import theme

ALL = -1
WIDTHS = (130, 100, 140, 110, 90, 60, 110, 90)
ERROR_STYLE = f"color: {theme.ERROR};"


def offer_line(offer: VaccinationOffer) -> str:
    parts = [tr("offered {date}").format(date=format_date(offer.offered_at))]
    if offer.vaccine:
        parts.insert(0, offer.vaccine)
    answer = answer_label(offer.answer)
    if offer.answered_at is not None:
        answer += " " + format_date(offer.answered_at)
    parts.append(answer)
    return " · ".join(parts)


def incident_line(incident: Incident) -> str:
    return f"{format_date(incident.occurred_on)} — {incident.description}"


def _fit(widget: QListWidget, rows: int) -> None:
    """As tall as its items (up to 4), each given three lines: a narrow panel wraps them."""
    fit_list(widget, rows, lines=3)


class WorkerDetail(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker: BioWorker | None = None
        self.title = detail_title()
        self.empty = muted_label(tr("Select a worker to see incidents and vaccination "
                                    "offers."))
        self.fields = FieldGrid()
        self.agent = plain_label()
        self.work = plain_label()
        self.employed = plain_label()
        self.keep = plain_label()
        self.fields.add_row(tr("Agent:"), self.agent)
        self.fields.add_row(tr("Type of work:"), self.work)
        self.fields.add_row(tr("Employed from:"), self.employed)
        self.fields.add_row(tr("Keep until:"), self.keep)
        self.offer_warning = QLabel()
        self.offer_warning.setObjectName("offerMissing")
        self.offer_warning.setWordWrap(True)
        self.offer_warning.setStyleSheet(ERROR_STYLE)
        self.offers = QListWidget()
        self.offers.setObjectName("vaccinationOffers")
        self.offers.setAccessibleName(tr("Vaccination offers"))
        self.offers.setWordWrap(True)
        self.offers.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.no_offers = muted_label(tr("No vaccination offer recorded."))
        self.offer_button = QPushButton(tr("Record vaccination &offer…"))
        self.answer_button = QPushButton(tr("Record &answer…"))
        self.incidents = QListWidget()
        self.incidents.setObjectName("incidents")
        self.incidents.setAccessibleName(tr("Incidents"))
        self.incidents.setWordWrap(True)
        self.incidents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.no_incidents = muted_label(tr("No incidents recorded."))
        self.incident_button = QPushButton(tr("Record &incident…"))
        offer_buttons = QWidget()  # side by side, or one under the other in a narrow panel
        flow = FlowLayout(offer_buttons)
        flow.addWidget(self.offer_button)
        flow.addWidget(self.answer_button)
        incident_buttons = QHBoxLayout()
        incident_buttons.addWidget(self.incident_button)
        incident_buttons.addStretch(1)
        self.content = QWidget()
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.fields)
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("Vaccination offers in writing")))
        inner.addWidget(self.offer_warning)
        inner.addWidget(self.no_offers)
        inner.addWidget(self.offers)
        inner.addWidget(offer_buttons)
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("Accidents and incidents")))
        inner.addWidget(self.no_incidents)
        inner.addWidget(self.incidents)
        inner.addLayout(incident_buttons)
        inner.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addWidget(self.content, 1)
        self.show_worker(None, [], [], False)

    def show_worker(self, worker: BioWorker | None, offers: list[VaccinationOffer],
                    incidents: list[Incident], lacks_offer: bool) -> None:
        self.worker = worker
        has = worker is not None
        self.title.setVisible(has)
        self.content.setVisible(has)
        self.empty.setVisible(not has)
        if worker is None:
            return
        self.title.setText(worker.person)
        self.agent.setText(worker.agent_name or tr("not known"))
        self.work.setText(worker.work or "—")
        self.employed.setText(format_date(worker.employed_from) if worker.employed_from
                              else "—")
        self.keep.setText(date_in_words(worker.retain_until) if worker.retain_until else
                          tr("{n} years after the last exposure (still exposed)").format(
                              n=worker.retention_years))
        self.offer_warning.setText(tr("The agent is marked V: offer the vaccine in writing "
                                      "and record the offer here."))
        self.offer_warning.setVisible(lacks_offer)
        self.offers.clear()
        for offer in offers:
            item = QListWidgetItem(offer_line(offer))
            item.setData(Qt.ItemDataRole.UserRole, offer.id)
            self.offers.addItem(item)
        if offers:
            self.offers.setCurrentRow(len(offers) - 1)
        _fit(self.offers, len(offers))
        self.offers.setVisible(bool(offers))
        self.no_offers.setVisible(not offers and not lacks_offer)
        self.answer_button.setEnabled(bool(offers))
        self.incidents.clear()
        for incident in incidents:
            self.incidents.addItem(incident_line(incident))
        _fit(self.incidents, len(incidents))
        self.incidents.setVisible(bool(incidents))
        self.no_incidents.setVisible(not incidents)
        self._offers = offers

    def selected_offer(self) -> VaccinationOffer | None:
        item = self.offers.currentItem()
        if item is None:
            return None
        offer_id = item.data(Qt.ItemDataRole.UserRole)
        return next((o for o in self._offers if o.id == offer_id), None)


class BioWorkersView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self._all: list[BioWorker] = []
        self._lacking: set[int] = set()
        self._selected_id: int | None = None

        self.filter_edit = filter_line_edit(
            "workerFilter", tr("Filter by name, work or agent… (Ctrl+F)"),
            tr("Filter the workers register"))
        self.agent_combo = QComboBox()
        self.agent_combo.setObjectName("agentFilter")
        self.agent_combo.setAccessibleName(tr("Agent"))
        self.agent_combo.setMinimumContentsLength(14)
        self.agent_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.count = count_label()
        self.new_button = QPushButton(tr("&New worker…"))
        self.new_button.setToolTip(tr("Add a worker to the register (Insert)"))
        self.edit_button = QPushButton(tr("&Edit…"))
        self.reveal_button = QPushButton(tr("Reveal &identity number"))
        self.reveal_button.setObjectName("revealButton")
        self.delete_button = QPushButton(tr("&Delete…"))
        self.warning = QLabel()
        self.warning.setObjectName("workerWarnings")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(ERROR_STYLE)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)

        self.model = WorkersTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("workersTable")
        self.table.setAccessibleName(tr("Workers register, biological agents"))
        self.table.setModel(self.model)
        header = setup_list_table(self.table)
        header.setStretchLastSection(False)
        self.table.setTabKeyNavigation(False)
        size_columns(self.table, WIDTHS, 24)
        # the name takes the spare width; what the detail also shows gives way first
        self.column_fit = ColumnFitter(self.table, 0, WIDTHS[0], (3, 7, 4, 5))
        self.detail = WorkerDetail()
        self.detail_scroll = detail_scroll_area(self.detail)
        self.detail_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.splitter = list_detail_splitter(self.table, self.detail_scroll,
                                             list_min=self.column_fit.needed_width(),
                                             detail_min=270)

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.agent_combo)
        bar.addSpacing(6)
        bar.addWidget(self.count)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.reveal_button,
                       self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(bar)
        layout.addLayout(buttons)
        layout.addWidget(self.warning)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)

        self.filter_edit.textChanged.connect(self.apply_filter)
        self.agent_combo.currentIndexChanged.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self.edit_worker)
        self.new_button.clicked.connect(self.new_worker)
        self.edit_button.clicked.connect(self.edit_worker)
        self.reveal_button.clicked.connect(self.reveal_identity)
        self.delete_button.clicked.connect(self.delete_worker)
        self.detail.offer_button.clicked.connect(self.add_offer)
        self.detail.answer_button.clicked.connect(self.answer_offer)
        self.detail.offers.itemActivated.connect(lambda *_: self.answer_offer())
        self.detail.incident_button.clicked.connect(self.add_incident)
        add_edit_shortcuts(self.table, self.edit_worker)
        area_shortcut(self, QKeySequence(Qt.Key.Key_Insert), self.new_worker)
        area_shortcut(self, QKeySequence(QKeySequence.StandardKey.Find),
                      lambda: focus_filter(self.filter_edit))
        self.filter_edit.returnPressed.connect(lambda: focus_table(self.table))
        clear_on_escape(self.filter_edit)
        order: list[QWidget] = [self.filter_edit, self.agent_combo, self.new_button,
                                self.edit_button, self.reveal_button, self.delete_button,
                                self.table, self.detail.offers, self.detail.offer_button,
                                self.detail.answer_button, self.detail.incident_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on(data.worker_topics(), self._changed)
        self.refresh()

    def _today(self) -> dt.date:
        return self.today or dt.date.today()

    # -- reading -------------------------------------------------------------------------------
    def _changed(self, _change: Change) -> None:
        self.refresh()

    def refresh(self) -> None:
        kept = self.selected_worker()
        if kept is not None:
            self._selected_id = kept.id
        self.model.mask()
        with reported(self, tr("Could not read the workers register")):
            self._all = data.workers(self.ctx)
            self._lacking = data.workers_lacking_offer(self.ctx)
            self._fill_agents()
        self.apply_filter()

    def _fill_agents(self) -> None:
        agents: dict[int, str] = {}
        for worker in self._all:
            if worker.agent_id is not None:
                agents[worker.agent_id] = worker.agent_name
        chosen = self.agent_combo.currentData()
        self.agent_combo.blockSignals(True)
        self.agent_combo.clear()
        self.agent_combo.addItem(tr("All agents"), ALL)
        for agent_id, name in sorted(agents.items(), key=lambda item: item[1].casefold()):
            self.agent_combo.addItem(name, agent_id)
        self.agent_combo.setCurrentIndex(max(0, self.agent_combo.findData(chosen)))
        self.agent_combo.blockSignals(False)

    def apply_filter(self) -> None:
        words = self.filter_edit.text().casefold().split()
        agent = int(self.agent_combo.currentData() if self.agent_combo.count() else ALL)
        shown = [w for w in self._all
                 if (agent == ALL or w.agent_id == agent)
                 and all(word in " ".join((w.person, w.work, w.agent_name)).casefold()
                         for word in words)]
        self.model.set_rows(shown, self._lacking)
        self.count.setText(trn("{n} worker", "{n} workers", len(shown)).format(n=len(shown)))
        if self._selected_id is not None:
            select_listed_row(self.table, self.model.row_of(self._selected_id))
        lacking = len(self._lacking)
        self.warning.setText(trn(
            "{n} worker exposed to an agent marked V has no written vaccination offer.",
            "{n} workers exposed to an agent marked V have no written vaccination offer.",
            lacking).format(n=lacking))
        self.warning.setVisible(bool(lacking))
        self._selection_changed()

    # -- selection -----------------------------------------------------------------------------
    def selected_worker(self) -> BioWorker | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select_row(self, row: int) -> None:
        select_listed_row(self.table, row)

    def select_id(self, worker_id: int) -> bool:
        return select_listed_row(self.table, self.model.row_of(worker_id))

    def _selection_changed(self) -> None:
        worker = self.selected_worker()
        if self.model.revealed_id() is not None and (
                worker is None or worker.id != self.model.revealed_id()):
            self.model.mask()  # a revealed number never outlives its selection
            self.status.clear()
        if worker is not None:
            self._selected_id = worker.id
            with reported(self, tr("Could not read the workers register")):
                self.detail.show_worker(worker, data.offers(self.ctx, worker.id),
                                        data.incidents(self.ctx, worker.id),
                                        self.model.lacks_offer(worker))
        else:
            self.detail.show_worker(None, [], [], False)
        self.edit_button.setEnabled(worker is not None)
        self.delete_button.setEnabled(worker is not None)
        self.reveal_button.setEnabled(worker is not None and worker.has_identity)

    # -- actions -------------------------------------------------------------------------------
    def new_worker(self) -> None:
        from vernetool.ui.registers.biology.worker_dialog import BioWorkerDialog

        dialog = BioWorkerDialog(self.ctx, None, self, today=self.today)
        if dialog.exec() and dialog.worker_id is not None:
            self._selected_id = dialog.worker_id
            self.refresh()

    def edit_worker(self) -> None:
        from vernetool.ui.registers.biology.worker_dialog import BioWorkerDialog

        worker = self.selected_worker()
        if worker is None:
            return
        self.model.mask()
        self.status.clear()
        if BioWorkerDialog(self.ctx, worker, self, today=self.today).exec():
            self.refresh()

    def add_offer(self) -> None:
        from vernetool.ui.registers.biology.worker_dialog import OfferDialog

        worker = self.selected_worker()
        if worker is not None and OfferDialog(self.ctx, worker, None, self,
                                              today=self.today).exec():
            self.refresh()

    def answer_offer(self) -> None:
        from vernetool.ui.registers.biology.worker_dialog import OfferDialog

        worker, offer = self.selected_worker(), self.detail.selected_offer()
        if worker is not None and offer is not None and OfferDialog(
                self.ctx, worker, offer, self, today=self.today).exec():
            self.refresh()

    def add_incident(self) -> None:
        from vernetool.ui.registers.biology.worker_dialog import IncidentDialog

        worker = self.selected_worker()
        if worker is not None and IncidentDialog(self.ctx, worker, self,
                                                 today=self.today).exec():
            self.refresh()

    def reveal_identity(self) -> None:
        worker = self.selected_worker()
        if worker is None or not worker.has_identity:
            return
        number = reveal_number(self, self.ctx, tr(
            "Show the identity number of {person}?\n\nThe reveal is recorded in the audit "
            "trail with your name and the time. The number is masked again when you "
            "select another worker.").format(person=worker.person),
            lambda: data.reveal_identity(self.ctx, worker.id))
        if number and self.selected_worker() == worker:
            self.model.reveal(worker.id, number)
            self.status.setText(tr("The identity number of {person} is shown; the reveal is "
                                   "recorded in the audit trail.").format(
                                       person=worker.person))

    def delete_worker(self) -> None:
        worker = self.selected_worker()
        if worker is None:
            return
        today = self._today()
        if worker.retain_until is None:
            tell(self, tr("Delete from the workers register"), tr(
                "This worker has no last exposure date yet, so the entry must be kept. Set "
                "the last exposure first; the entry can be deleted when its retention ends."))
            return
        if today < worker.retain_until:
            tell(self, tr("Delete from the workers register"), tr(
                "This entry must be kept until {date} ({n} years after the last exposure, "
                "§31-3). It cannot be deleted before then.").format(
                    date=date_in_words(worker.retain_until), n=worker.retention_years))
            return
        if not ask(self, tr("Delete from the workers register"), tr(
                "Delete {person} from the workers register? The retention ended on "
                "{date}.").format(person=worker.person,
                                  date=date_in_words(worker.retain_until))):
            return
        with reported(self, tr("Could not delete")):
            try:
                data.delete_worker(self.ctx, worker.id, today)
            except ValidationError as exc:
                tell(self, tr("Delete from the workers register"), exc.message, warning=True)
                return
        self.refresh()
