"""The workers register for ionising radiation (§31-4) as the "Radiation workers" tab.

The workers with their identity numbers masked and this year's dose sums (a sum over a limit
is coloured and says which); beside them the selected worker's details, the yearly sums
against the dose limits, the doses, and a dose entry line worked by keyboard: date, Tab,
Hp(10), Tab, Hp(0.07), Enter — the sums update at once and the cursor goes back to the date.
"Reveal identity number" asks first, says the reveal is audited, and masks the number again
when the selection changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.domain.radiation.doses import (
    DoseEntry,
    DoseLimit,
    YearlyDose,
    dose_entry,
    yearly_doses,
)
from vernetool.domain.radiation.model import Dose, DoseInput, RadiationWorker
from vernetool.i18n import tr, trn
from vernetool.services import Change, Topic
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.column_fit import ColumnFitter
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError
from vernetool.ui.common.labels import format_date, format_decimal
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
from vernetool.ui.registers.exposure.words import date_in_words
from vernetool.ui.registers.radiation.fields import date_field, qdate
from vernetool.ui.registers.radiation.words import limit_label, msv_text, worker_field_label
from vernetool.ui.registers.radiation.workers_table_model import (
    EMPLOYED,
    SKIN,
    WORK,
    WorkersTableModel,
    limits_of,
    over_text,
)
from vernetool.ui.registers.reveal import ask, reveal_number, tell
from vernetool.ui.shell import theme

COLUMN_WIDTHS = (140, 105, 140, 90, 80, 80, 110)
SHOWN_DOSES = 24


def dose_entries(doses: Sequence[Dose]) -> list[DoseEntry]:
    """The store's doses as the domain's entries (for the yearly sums)."""
    return [DoseEntry(d.dose_date, d.hp10_msv, d.hp007_msv, d.position, d.hp3_msv)
            for d in doses]


def _value(text: str) -> QLabel:
    label = plain_label()
    label.setText(text or "—")
    return label


class DoseEntryLine(QWidget):
    """Date, Hp(10), Hp(0.07) (mSv) and "Add dose"; Enter in any field adds."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date = date_field("doseDate")
        self.hp10 = QLineEdit()
        self.hp10.setObjectName("hp10")
        self.hp10.setPlaceholderText(tr("mSv"))
        self.hp10.setAccessibleName("Hp(10) mSv")
        self.hp007 = QLineEdit()
        self.hp007.setObjectName("hp007")
        self.hp007.setPlaceholderText(tr("mSv"))
        self.hp007.setAccessibleName("Hp(0.07) mSv")
        for edit in (self.hp10, self.hp007):
            edit.setMinimumWidth(60)
        self.add_button = QPushButton(tr("Add d&ose"))
        self.add_button.setObjectName("addDose")
        self.error = FormError("doseError")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(tr("Date")), 0, 0)
        grid.addWidget(QLabel("Hp(10)"), 0, 1)
        grid.addWidget(QLabel("Hp(0.07)"), 0, 2)
        grid.addWidget(self.date, 1, 0)
        grid.addWidget(self.hp10, 1, 1)
        grid.addWidget(self.hp007, 1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 2, 0, 1, 3)
        grid.addWidget(self.error, 3, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        QWidget.setTabOrder(self.date, self.hp10)
        QWidget.setTabOrder(self.hp10, self.hp007)
        QWidget.setTabOrder(self.hp007, self.add_button)

    def clear_values(self) -> None:
        self.hp10.clear()
        self.hp007.clear()
        self.error.clear()


class WorkersView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self._all: list[RadiationWorker] = []
        self._yearly: dict[int, list[YearlyDose]] = {}

        self.filter_edit = filter_line_edit(
            "radiationWorkersFilter", tr("Filter by name or work… (Ctrl+F)"),
            tr("Filter the radiation workers"))
        self.count = count_label()
        self.new_button = QPushButton(tr("&Add worker…"))
        self.edit_button = QPushButton(tr("&Edit…"))
        self.reveal_button = QPushButton(tr("Reveal &identity number"))
        self.reveal_button.setObjectName("revealButton")
        self.delete_button = QPushButton(tr("&Delete…"))

        self.model = WorkersTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("radiationWorkersTable")
        self.table.setModel(self.model)
        setup_list_table(self.table)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(36)
        size_columns(self.table, COLUMN_WIDTHS, 26)
        # the work takes what the others leave; the employment date and Hp(0.07) give way
        # on a small screen (the detail shows them)
        self.column_fit = ColumnFitter(self.table, WORK, 120, [EMPLOYED, SKIN])
        self.empty_hint = muted_label("")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)

        # the detail: who, the yearly sums against the limits, the dose entry, the doses
        self.detail = QWidget()
        self.detail.setObjectName("workerDetail")
        self.title = detail_title()
        self.fields = FieldGrid()
        self.sums = FieldGrid()
        self.sums.setObjectName("yearlySums")
        self.over = QLabel()
        self.over.setObjectName("overLimit")
        self.over.setWordWrap(True)
        self.over.setStyleSheet(f"color: {theme.ERROR}; font-weight: bold;")
        self.entry = DoseEntryLine()
        self.doses = FieldGrid()
        self.no_worker = muted_label(tr("Select a worker to see the doses and add one."))
        self.content = QWidget()
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.fields)
        inner.addSpacing(8)
        self.sums_title = section_title("")
        inner.addWidget(self.sums_title)
        inner.addWidget(self.over)
        inner.addWidget(self.sums)
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("Add a dose (mSv)")))
        inner.addWidget(self.entry)
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("Doses")))
        inner.addWidget(self.doses)
        inner.addStretch(1)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(12, 8, 12, 8)
        detail_layout.addWidget(self.title)
        detail_layout.addWidget(self.no_worker)
        detail_layout.addWidget(self.content, 1)

        list_side = QWidget()
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.table, 1)
        list_layout.addWidget(self.empty_hint)
        list_layout.addWidget(self.status)
        self.splitter = list_detail_splitter(list_side, detail_scroll_area(self.detail),
                                             list_min=self.column_fit.needed_width(),
                                             detail_min=320)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
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
        layout.addWidget(self.splitter, 1)

        self.filter_edit.textChanged.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self.edit_worker)
        self.new_button.clicked.connect(self.new_worker)
        self.edit_button.clicked.connect(self.edit_worker)
        self.reveal_button.clicked.connect(self.reveal_identity)
        self.delete_button.clicked.connect(self.delete_worker)
        self.entry.add_button.clicked.connect(self.add_dose)
        for edit in (self.entry.hp10, self.entry.hp007):
            edit.returnPressed.connect(self.add_dose)
        add_edit_shortcuts(self.table, self.edit_worker)
        area_shortcut(self, QKeySequence(Qt.Key.Key_Insert), self.new_worker)
        area_shortcut(self, QKeySequence(QKeySequence.StandardKey.Find),
                      lambda: focus_filter(self.filter_edit))
        area_shortcut(self, QKeySequence("Ctrl+D"), self.focus_dose_entry)
        self.filter_edit.returnPressed.connect(lambda: focus_table(self.table))
        clear_on_escape(self.filter_edit)
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on((Topic.RADIATION_WORKERS,), self._changed)
        self.entry.date.setDate(qdate(self.day()))
        self.refresh()

    def day(self) -> dt.date:
        return self.today or dt.date.today()

    # -- reading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        kept = self.selected_worker()
        self.model.mask()
        service = self.ctx.services.radiation_workers
        with reported(self, tr("Could not read the radiation workers")):
            self._all = service.workers()
            self._yearly = {w.id: yearly_doses(dose_entries(service.doses(w.id)))
                            for w in self._all}
        self.apply_filter()
        if kept is not None:
            select_listed_row(self.table, self.model.row_of(kept.id))
        self._selection_changed()

    def _changed(self, change: Change) -> None:
        self.refresh()

    def _this_year(self, worker_id: int) -> YearlyDose | None:
        year = self.day().year
        return next((y for y in self._yearly.get(worker_id, []) if y.year == year), None)

    def apply_filter(self) -> None:
        words = self.filter_edit.text().casefold().split()
        shown = [w for w in self._all
                 if all(word in " ".join((w.person, w.work, w.sources, w.address)).casefold()
                        for word in words)]
        kept = self.selected_worker()
        year = self.day().year
        self.model.set_workers(shown, {w.id: y for w in shown
                                       if (y := self._this_year(w.id)) is not None}, year)
        if kept is not None:
            select_listed_row(self.table, self.model.row_of(kept.id))
        self.count.setText(trn("{n} worker", "{n} workers", len(shown)).format(n=len(shown)))
        if not self._all:
            self.empty_hint.setText(tr("No radiation workers yet. “Add worker…” (Insert) "
                                       "registers one."))
        elif not shown:
            self.empty_hint.setText(tr("No worker matches the filter."))
        self.empty_hint.setVisible(not shown)
        self._selection_changed()

    # -- selection ------------------------------------------------------------------------------
    def selected_worker(self) -> RadiationWorker | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select_id(self, worker_id: int) -> bool:
        return select_listed_row(self.table, self.model.row_of(worker_id))

    def _selection_changed(self) -> None:
        self.model.mask()   # a revealed number never outlives its selection
        self.status.clear()
        worker = self.selected_worker()
        self.edit_button.setEnabled(worker is not None)
        self.delete_button.setEnabled(worker is not None)
        self.reveal_button.setEnabled(worker is not None and bool(worker.identity_masked))
        self._show_detail(worker)

    def _show_detail(self, worker: RadiationWorker | None) -> None:
        self.title.setVisible(worker is not None)
        self.content.setVisible(worker is not None)
        self.no_worker.setVisible(worker is None)
        for grid in (self.fields, self.sums, self.doses):
            grid.clear()
        if worker is None:
            return
        self.title.setText(worker.person)
        add = self.fields.add_row
        add(tr("Identity number:"), _value(worker.identity_masked or tr("not recorded")))
        add(tr("Address:"), _value(worker.address))
        add(tr("Current work:"), _value(worker.work))
        if worker.sources:
            add(tr("Sources:"), _value(worker.sources))
        add(tr("Employed from:"), _value(format_date(worker.employed_from)))
        if worker.exposure_end is not None:
            add(tr("Exposure ended:"), _value(format_date(worker.exposure_end)))
        if worker.retain_until is not None:
            add(tr("Keep until:"), _value(format_date(worker.retain_until)))
        self._show_sums(worker)
        self._show_doses(worker)

    def _show_sums(self, worker: RadiationWorker) -> None:
        year = self.day().year
        limits = limits_of(worker)
        yearly = self._this_year(worker.id) or YearlyDose(year)
        self.sums_title.setText(tr("Doses in {year} against the limits").format(year=year))
        for limit in DoseLimit:
            value = yearly.of(limit)
            text = tr("{sum} of {limit}").format(sum=msv_text(value),
                                                  limit=msv_text(limits.of(limit)))
            label = _value(text)
            label.setObjectName(f"sum_{limit.value}")
            if value > limits.of(limit):
                label.setStyleSheet(f"color: {theme.ERROR}; font-weight: bold;")
            self.sums.add_row(limit_label(limit) + ":", label)
        text = over_text(yearly, limits)
        self.over.setText(text[:1].upper() + text[1:] if text else "")
        self.over.setVisible(bool(text))
        earlier = [y for y in self._yearly.get(worker.id, []) if y.year != year]
        for past in reversed(earlier[-5:]):
            self.sums.add_row(f"{past.year}:", _value(tr("Hp(10) {a}, Hp(0.07) {b}").format(
                a=msv_text(past.effective), b=msv_text(past.skin))))

    def _show_doses(self, worker: RadiationWorker) -> None:
        entries = dose_entries(self.ctx.services.radiation_workers.doses(worker.id))
        if not entries:
            self.doses.add_row("", muted_label(tr("No doses recorded yet.")))
        for entry in sorted(entries, key=lambda e: e.date, reverse=True)[:SHOWN_DOSES]:
            parts = []
            if entry.hp10_msv is not None:
                parts.append(f"Hp(10) {format_decimal(entry.hp10_msv, 3)}")
            if entry.hp007_msv is not None:
                parts.append(f"Hp(0.07) {format_decimal(entry.hp007_msv, 3)}")
            self.doses.add_row(format_date(entry.date) + ":",
                               _value(" · ".join(parts) + " " + tr("mSv")))

    # -- doses --------------------------------------------------------------------------------
    def focus_dose_entry(self) -> None:
        if self.selected_worker() is not None:
            self.entry.date.setFocus()

    def add_dose(self) -> bool:
        """The dose line's values as a dose of the selected worker; True when saved."""
        worker = self.selected_worker()
        if worker is None:
            return False
        self.entry.error.clear()
        day = self.entry.date.date_or_none() or self.day()
        try:
            if day > self.day():
                raise ValidationError("dose_form.date_in_future", "dose_date")
            entry = dose_entry(day, self.entry.hp10.text(), self.entry.hp007.text())
        except ValidationError as exc:
            self._dose_error(exc)
            return False
        with reported(self, tr("Could not save the dose")) as outcome:
            try:
                self.ctx.services.radiation_workers.add_dose(DoseInput(
                    worker.id, entry.date, entry.hp10_msv, entry.hp007_msv))
            except ValidationError as exc:
                self._dose_error(exc)
                return False
        if not outcome:
            return False
        self.refresh()
        select_listed_row(self.table, self.model.row_of(worker.id))
        self.entry.clear_values()
        self.entry.date.setFocus()
        return True

    def _dose_error(self, exc: ValidationError) -> None:
        widget = {"hp10_msv": self.entry.hp10, "hp007_msv": self.entry.hp007,
                  "dose_date": self.entry.date}.get(exc.field, self.entry.hp10)
        self.entry.error.show_field_error(worker_field_label(exc.field), exc.message, widget)

    # -- actions ------------------------------------------------------------------------------
    def new_worker(self) -> None:
        from vernetool.ui.registers.radiation.worker_dialog import RadiationWorkerDialog

        dialog = RadiationWorkerDialog(self.ctx, None, self, today=self.today)
        if dialog.exec() and dialog.saved is not None:
            self.refresh()
            select_listed_row(self.table, self.model.row_of(dialog.saved.id))

    def edit_worker(self) -> None:
        from vernetool.ui.registers.radiation.worker_dialog import RadiationWorkerDialog

        worker = self.selected_worker()
        if worker is None:
            return
        self.model.mask()
        if RadiationWorkerDialog(self.ctx, worker, self, today=self.today).exec():
            self.refresh()

    def reveal_identity(self) -> None:
        worker = self.selected_worker()
        if worker is None or not worker.identity_masked:
            return
        number = reveal_number(self, self.ctx, tr(
            "Show the identity number of {person}?\n\nThe reveal is recorded in the audit "
            "trail with your name and the time. The number is masked again when you "
            "select another worker.").format(person=worker.person),
            lambda: self.ctx.services.radiation_workers.reveal_identity(worker.id))
        if number and self.selected_worker() == worker:
            self.model.reveal(worker.id, number)
            self.status.setText(tr("The identity number of {person} is shown; the reveal "
                                   "is recorded in the audit trail.").format(
                                       person=worker.person))

    def delete_worker(self) -> None:
        worker = self.selected_worker()
        if worker is None:
            return
        today = self.day()
        if worker.retain_until is None or today < worker.retain_until:
            tell(self, tr("Delete radiation worker"), tr(
                "This worker must be kept until {date} (60 years after the last exposure, "
                "§31-4). It cannot be deleted before then.").format(
                    date=date_in_words(worker.retain_until)) if worker.retain_until else tr(
                "This worker is still exposed, so the entry must be kept. Set the date the "
                "exposure ended; the entry can be deleted 60 years after the last exposure."))
            return
        if not ask(self, tr("Delete radiation worker"), tr(
                "Delete {person} and the doses from the workers register? The retention "
                "ended on {date}.").format(person=worker.person,
                                           date=date_in_words(worker.retain_until))):
            return
        with reported(self, tr("Could not delete")):
            try:
                self.ctx.services.radiation_workers.delete(worker.id, today=today)
            except ValidationError as exc:
                tell(self, tr("Delete radiation worker"), exc.message, warning=True)
                return
        self.refresh()
