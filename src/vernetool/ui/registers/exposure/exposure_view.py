"""The exposure register (§31-1) as the "Exposure register" tab of the Registers area.

The entries of every CMR product, filtered by product and by text (person, position,
workplace); the CMR products in use that have no entry yet are listed above the table, each
one a click from "Register exposure". Identity numbers are masked; "Reveal identity number"
shows one entry's number after a confirmation that says the reveal is recorded in the audit
trail, and masks it again as soon as the selection changes. Deleting is refused before the
retention end, with the date in words.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
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
from vernetool.domain.chemicals.model import ExposureEntry
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr, trn
from vernetool.services import Change, Topic
from vernetool.services.chemicals.exposure_gaps import ExposureGap
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.list_detail import (
    add_edit_shortcuts,
    area_shortcut,
    clear_on_escape,
    count_label,
    filter_line_edit,
    focus_filter,
    focus_table,
    muted_label,
    select_listed_row,
    setup_list_table,
    size_columns,
)
from vernetool.ui.registers.exposure.exposure_dialog import ExposureDialog
from vernetool.ui.registers.exposure.table_model import ExposureTableModel
from vernetool.ui.registers.exposure.words import date_in_words
from vernetool.ui.registers.reveal import ask, reveal_number, tell
from vernetool.ui.shell import theme

log = logging.getLogger(__name__)

ALL = 0   # the product filter's "all products"
COLUMN_WIDTHS = (140, 130, 100, 100, 130, 90, 90, 80, 80, 80, 90)
MISSING_STYLE = (f"QFrame#missingBox {{ background: {theme.ROUND_CARRIED_BG}; "
                 f"border: 1px solid {theme.ROUND_CARRIED_BORDER}; border-radius: 4px; }}")


class ExposureView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self._product_id: int | None = None
        self._missing: list[ExposureGap] = []

        self.filter_edit = filter_line_edit(
            "exposureFilter", tr("Filter by person, position or workplace… (Ctrl+F)"),
            tr("Filter the exposure register"))
        self.product_combo = QComboBox()
        self.product_combo.setObjectName("productFilter")
        self.product_combo.setMinimumContentsLength(16)
        self.product_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.count = count_label()
        self.new_button = QPushButton(tr("&Register exposure…"))
        self.edit_button = QPushButton(tr("&Edit…"))
        self.reveal_button = QPushButton(tr("Reveal &identity number"))
        self.reveal_button.setObjectName("revealButton")
        self.delete_button = QPushButton(tr("&Delete…"))

        # the CMR products in use with no entry: what the register still lacks
        self.missing_box = QFrame()
        self.missing_box.setObjectName("missingBox")
        self.missing_box.setStyleSheet(MISSING_STYLE)
        self.missing_title = QLabel()
        self.missing_title.setWordWrap(True)
        self.missing_title.setStyleSheet(f"color: {theme.ROUND_CARRIED_TEXT}; "
                                         "font-weight: bold;")
        self.missing_list = QListWidget()
        self.missing_list.setObjectName("missingList")
        self.missing_button = QPushButton(tr("Register exposure for this product…"))
        missing_layout = QVBoxLayout(self.missing_box)
        missing_layout.setContentsMargins(8, 6, 8, 6)
        missing_layout.addWidget(self.missing_title)
        row = QHBoxLayout()
        row.addWidget(self.missing_list, 1)
        row.addWidget(self.missing_button, 0, Qt.AlignmentFlag.AlignTop)
        missing_layout.addLayout(row)

        self.model = ExposureTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("exposureTable")
        self.table.setModel(self.model)
        setup_list_table(self.table)
        size_columns(self.table, COLUMN_WIDTHS, 24)
        self.empty_hint = muted_label("")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.product_combo)
        bar.addWidget(self.count)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.reveal_button,
                       self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(bar)
        layout.addWidget(self.missing_box)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.status)

        self.filter_edit.textChanged.connect(self._apply_filter)
        self.product_combo.currentIndexChanged.connect(self._product_chosen)
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self.edit_entry)
        self.new_button.clicked.connect(lambda: self.new_entry())
        self.edit_button.clicked.connect(self.edit_entry)
        self.reveal_button.clicked.connect(self.reveal_identity)
        self.delete_button.clicked.connect(self.delete_entry)
        self.missing_button.clicked.connect(self._register_missing)
        self.missing_list.itemActivated.connect(lambda *_: self._register_missing())
        # the keyboard: Enter/F2 edit, Insert registers, Ctrl+F filters, Enter in the filter
        # goes to the list, Esc clears it
        add_edit_shortcuts(self.table, self.edit_entry)
        area_shortcut(self, QKeySequence(Qt.Key.Key_Insert), lambda: self.new_entry())
        area_shortcut(self, QKeySequence(QKeySequence.StandardKey.Find),
                      lambda: focus_filter(self.filter_edit))
        self.filter_edit.returnPressed.connect(lambda: focus_table(self.table))
        clear_on_escape(self.filter_edit)
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on((Topic.EXPOSURE, Topic.CHEMICALS, Topic.HOLDINGS), self._changed)
        self._all: list[ExposureEntry] = []
        self.refresh()

    # -- what the Registers area asks ---------------------------------------------------------
    def show_product(self, product_id: int) -> None:
        """The entries of one product (the chemicals screen's "register exposure")."""
        self._product_id = product_id
        self.refresh()

    def refresh(self) -> None:
        """Re-read the entries and the products lacking one; the selection stays."""
        kept = self.selected_entry()
        self.model.mask()
        with reported(self, tr("Could not read the exposure register")):
            self._all = self.ctx.services.exposure.entries()
            self._missing = self.ctx.services.exposure_gaps.products_without_entries()
            self._fill_products()
            self._fill_missing()
            self._apply_filter()
            if kept is not None:
                select_listed_row(self.table, self.model.row_of(kept.id))
        self._update_buttons()

    def _changed(self, change: Change) -> None:
        self.refresh()

    # -- filling ------------------------------------------------------------------------------
    def _fill_products(self) -> None:
        products: dict[int, str] = {e.product_id: e.product_name for e in self._all}
        products.update({gap.product_id: gap.product_name for gap in self._missing
                         if gap.product_id not in products})
        if self._product_id is not None and self._product_id not in products:
            products[self._product_id] = self.ctx.services.chemicals.product(
                self._product_id).name
        self.product_combo.blockSignals(True)
        self.product_combo.clear()
        self.product_combo.addItem(tr("All products"), ALL)
        for pid, name in sorted(products.items(), key=lambda item: item[1].casefold()):
            self.product_combo.addItem(name, pid)
        index = self.product_combo.findData(self._product_id) if self._product_id else 0
        self.product_combo.setCurrentIndex(max(index, 0))
        self.product_combo.blockSignals(False)

    def _fill_missing(self) -> None:
        self.missing_list.clear()
        for gap in self._missing:
            words = f"{gap.product_name} — {', '.join(gap.rooms)}" if gap.rooms else \
                gap.product_name
            item = QListWidgetItem(words)
            item.setData(Qt.ItemDataRole.UserRole, gap.product_id)
            self.missing_list.addItem(item)
        if self._missing:
            self.missing_list.setCurrentRow(0)
        self.missing_title.setText(trn(
            "{n} CMR product in use has no exposure entries yet:",
            "{n} CMR products in use have no exposure entries yet:",
            len(self._missing)).format(n=len(self._missing)))
        rows = max(1, min(len(self._missing), 4))     # the list as tall as its items, ≤ 4
        frame = 2 * self.missing_list.frameWidth()
        self.missing_list.setFixedHeight(rows * max(self.missing_list.sizeHintForRow(0), 18)
                                         + frame + 2)
        self.missing_box.setVisible(bool(self._missing))

    def _product_chosen(self) -> None:
        value = self.product_combo.currentData()
        self._product_id = int(value) if value else None
        self._apply_filter()

    def _apply_filter(self) -> None:
        words = self.filter_edit.text().casefold().split()
        shown = []
        for entry in self._all:
            if self._product_id is not None and entry.product_id != self._product_id:
                continue
            haystack = " ".join((entry.product_name, entry.person, entry.position,
                                 entry.workplace, entry.room_label)).casefold()
            if all(word in haystack for word in words):
                shown.append(entry)
        self.model.set_entries(shown)
        total = len(self._all)
        self.count.setText(trn("{n} entry", "{n} entries", len(shown)).format(n=len(shown)))
        if not total:
            self.empty_hint.setText(tr("No exposure entries yet. Choose a CMR product and "
                                       "“Register exposure…”."))
        elif not shown:
            self.empty_hint.setText(tr("No entry matches the filter."))
        self.empty_hint.setVisible(not shown)
        self.status.clear()
        self._update_buttons()

    # -- selection ------------------------------------------------------------------------------
    def selected_entry(self) -> ExposureEntry | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def _selection_changed(self) -> None:
        self.model.mask()   # a revealed number never outlives its selection
        self.status.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        self.edit_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None)
        self.reveal_button.setEnabled(entry is not None and entry.has_identity)
        self.new_button.setEnabled(self._product_for_new() is not None)

    def _product_for_new(self) -> int | None:
        if self._product_id is not None:
            return self._product_id
        entry = self.selected_entry()
        return entry.product_id if entry is not None else None

    # -- actions ------------------------------------------------------------------------------
    def new_entry(self, product_id: int | None = None) -> None:
        product = product_id or self._product_for_new()
        if product is None:
            return
        dialog = ExposureDialog(self.ctx, product, self, today=self.today)
        if dialog.exec() and dialog.saved is not None:
            self.refresh()
            select_listed_row(self.table, self.model.row_of(dialog.saved.id))

    def _register_missing(self) -> None:
        item = self.missing_list.currentItem()
        if item is not None:
            self.new_entry(int(item.data(Qt.ItemDataRole.UserRole)))

    def edit_entry(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        self.model.mask()
        dialog = ExposureDialog(self.ctx, entry.product_id, self, entry.id, today=self.today)
        if dialog.exec():
            self.refresh()

    def reveal_identity(self) -> None:
        entry = self.selected_entry()
        if entry is None or not entry.has_identity:
            return
        number = reveal_number(self, self.ctx, tr(
            "Show the identity number of {person} for this entry?\n\nThe reveal is "
            "recorded in the audit trail with your name and the time. The number is "
            "masked again when you select another entry.").format(person=entry.person),
            lambda: self.ctx.services.exposure.reveal_identity(entry.id))
        if number and self.selected_entry() == entry:
            self.model.reveal(entry.id, number)
            self.status.setText(tr("The identity number of {person} is shown; the reveal "
                                   "is recorded in the audit trail.").format(
                                       person=entry.person))

    def delete_entry(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        today = self.today or dt.date.today()
        if entry.retain_until is not None and today < entry.retain_until:
            self._refuse_delete(entry.retain_until)
            return
        if entry.retain_until is None:   # still ongoing: kept until it ends + retention
            tell(self, tr("Delete exposure entry"), tr(
                "This exposure has no end date yet, so the entry must be kept. Set the end "
                "date first; the entry can be deleted when its retention ends."))
            return
        if not ask(self, tr("Delete exposure entry"), tr(
                "Delete the exposure entry of {person} for {product}? Its retention ended on "
                "{date}.").format(person=entry.person, product=entry.product_name,
                                  date=date_in_words(entry.retain_until))):
            return
        with reported(self, tr("Could not delete")):
            try:
                self.ctx.services.exposure.delete(entry.id, today=today)
            except ValidationError as exc:   # the service's rule has the last word
                tell(self, tr("Delete exposure entry"), exc.message, warning=True)
                return
        self.refresh()

    def _refuse_delete(self, retain_until: dt.date) -> None:
        tell(self, tr("Delete exposure entry"), tr(
            "This entry must be kept until {date} (the exposure register's retention time, "
            "§31-1). It cannot be deleted before then.").format(
                date=date_in_words(retain_until)))

    # -- questions and notices (one place, so every box is translated alike) -----------------
