"""The chemical register tab: the holdings filtered as you type, the product detail, and the
product, holding, disposal and safety data sheet dialogs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.chemicals.model import Holding, HoldingStatus, Product
from vernetool.i18n import tr, trn
from vernetool.services import Change, Topic
from vernetool.services.chemicals.register import HoldingFilter
from vernetool.ui.common.change_relay import ChangeRelay
from vernetool.ui.common.column_fit import ColumnFitter
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.labels import format_count
from vernetool.ui.common.list_detail import (
    ListArea,
    area_shortcut,
    clear_on_escape,
    count_label,
    current_item,
    detail_scroll_area,
    filter_bar,
    filter_line_edit,
    list_detail_splitter,
    list_hint,
    select_listed_row,
    setup_list_table,
    size_columns,
)
from vernetool.ui.registers.chemicals.holdings_table_model import (
    COLUMN_KEYS,
    HoldingsTableModel,
    PictogramDelegate,
    column,
)
from vernetool.ui.registers.chemicals.product_detail import ProductDetail

PRODUCT_MIN_WIDTH = 170
FILTER_MIN = 220  # px the filter box keeps before the check boxes move under it
# Hidden in this order when the screen is narrow (the detail shows them all).
OPTIONAL = ("cas", "containers", "supplier", "place")
WIDTHS = {"product": PRODUCT_MIN_WIDTH, "supplier": 100, "cas": 84, "pictograms": 100,
          "room": 96, "place": 110, "quantity": 72, "containers": 40, "status": 96,
          "cmr": 44}


def count_text(n: int) -> str:
    return trn("{n} holding", "{n} holdings", n).format(n=format_count(n))


class ChemicalsView(ListArea):
    exposure_requested = Signal(int)  # a product id: show its exposure register entries
    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self.room_id: int | None = None

        self.filter_edit = filter_line_edit(
            "holdingFilter",
            tr("Filter by product, CAS, H code, room, place or supplier (Ctrl+F)"),
            tr("Filter the chemical register"))
        self.disposed_check = QCheckBox(tr("&Show disposed"))
        self.cmr_check = QCheckBox(tr("C&MR only"))
        self.cmr_check.setToolTip(tr("Only products that need the exposure register (§31-1)"))
        self.problems_check = QCheckBox(tr("S&torage problems"))
        self.problems_check.setToolTip(tr("Only holdings that stand with an incompatible "
                                          "product in their storage place (acid beside base, "
                                          "oxidiser beside flammable, water-reactive beside "
                                          "aqueous solution)"))
        self.room_chip = QPushButton()
        self.room_chip.setObjectName("roomFilterChip")
        self.room_chip.setToolTip(tr("Show the holdings of every room"))
        self.room_chip.hide()
        self.count_label = count_label()
        self.new_product_button = QPushButton(tr("New &product…"))
        self.new_product_button.setToolTip(tr("Register a product (Ctrl+Shift+P)"))
        self.new_button = QPushButton(tr("&New holding…"))
        self.new_button.setToolTip(tr("Put a product in a room's storage place (Insert)"))
        self.import_button = QPushButton(tr("&Import…"))
        self.import_button.setToolTip(tr("Import a chemical register (the central register's "
                                         "extract, the canonical file, ChemInventory, "
                                         "Chimithèque)"))
        # the room chip and the check boxes: beside the filter box, or in a row of their
        # own under it when the area is too narrow for both (``_place_filters``)
        self.filter_boxes = QWidget()
        self.filter_boxes.setObjectName("registerFilters")
        boxes = QHBoxLayout(self.filter_boxes)
        boxes.setContentsMargins(0, 0, 0, 0)
        for widget in (self.room_chip, self.disposed_check, self.cmr_check,
                       self.problems_check):
            boxes.addWidget(widget)
        bar = filter_bar(self.filter_edit, [self.filter_boxes], self.count_label,
                         [self.new_product_button, self.new_button, self.import_button])
        self.bar = bar
        self.second_row = QHBoxLayout()

        self.model = HoldingsTableModel(ctx.services.chemical_register, self.current_filter(),
                                        parent=self)
        self.table = QTableView()
        self.table.setObjectName("holdingsTable")
        self.table.setAccessibleName(tr("Chemical register"))
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(column("pictograms"), PictogramDelegate(self.table))
        header = setup_list_table(self.table)
        self.table.setTabKeyNavigation(False)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(36)
        size_columns(self.table, tuple(WIDTHS[key] for key in COLUMN_KEYS), 26)
        # the status says "In use" on every row until disposed ones are shown too
        self.table.setColumnHidden(column("status"), True)
        self.column_fit = ColumnFitter(self.table, column("product"), PRODUCT_MIN_WIDTH,
                                       [column(key) for key in OPTIONAL if key in COLUMN_KEYS])

        self.detail = ProductDetail()
        self.detail_scroll = detail_scroll_area(self.detail)
        self.detail_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # A product's detail is taller than the panel nearly always: a scroll bar from the
        # start keeps its width steady (no relayout when the first product shows).
        self.detail_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._detail_viewport: QWidget | None = None
        self.splitter = list_detail_splitter(
            self.table, self.detail_scroll, list_min=self.column_fit.needed_width(),
            detail_min=280)
        self.lay_out(bar, self.splitter)
        outer = self.layout()
        if isinstance(outer, QVBoxLayout):
            outer.insertLayout(1, self.second_row)

        self.wire_filter()
        self.disposed_check.toggled.connect(self._disposed_toggled)
        self.cmr_check.toggled.connect(self.apply_filter)
        self.problems_check.toggled.connect(self.apply_filter)
        self.room_chip.clicked.connect(lambda: self.show_room(None))
        self._selected_id: int | None = None
        self._shown: Holding | None = None
        self.print_job: object | None = None  # the running PDF job (kept alive)
        self.wire_list(self.new_button, self.new_holding, self.detail.edit_holding_button,
                       self.edit_holding)
        area_shortcut(self, QKeySequence("Ctrl+Shift+P"), self.new_product)
        area_shortcut(self, QKeySequence("Ctrl+E"), self.register_exposure)
        self.new_product_button.clicked.connect(self.new_product)
        self.import_button.clicked.connect(self.import_register)
        self.detail.edit_product_button.clicked.connect(self.edit_product)
        self.detail.add_here_button.clicked.connect(self.add_holding_of_product)
        self.detail.dispose_button.clicked.connect(self.dispose)
        self.detail.print_button.clicked.connect(self.print_place)
        self.detail.sds_open.clicked.connect(self.open_sds)
        self.detail.sds_add.clicked.connect(self.choose_sds)
        self.detail.pdf_dropped.connect(self.add_sds)
        self.detail.exposure_button.clicked.connect(self.register_exposure)
        self.detail.entries_button.clicked.connect(self._show_entries)
        clear_on_escape(self.filter_edit)

        self.setTabOrder(self.filter_edit, self.disposed_check)
        self.setTabOrder(self.disposed_check, self.cmr_check)
        self.setTabOrder(self.cmr_check, self.problems_check)
        self.setTabOrder(self.problems_check, self.table)
        self.setTabOrder(self.table, self.new_product_button)
        self.setTabOrder(self.new_product_button, self.new_button)
        self.setTabOrder(self.new_button, self.import_button)
        self._show_count(self.model.total())
        self._after_reset()
        from vernetool.ui.rooms.open_room import add_open_room_action

        self.open_room_action = add_open_room_action(
            self, self.table, ctx, lambda: self._shown.room_id if self._shown else None)
        self.relay = ChangeRelay(ctx.services, self)
        self.relay.on((Topic.CHEMICALS, Topic.HOLDINGS, Topic.ROOMS, Topic.EXPOSURE),
                      self._changed)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        self._place_filters()

    def _place_filters(self) -> None:
        """The check boxes beside the filter box while it keeps ``FILTER_MIN`` px, else in
        a row under it (a 1024 px screen)."""
        spacing = self.bar.spacing() if self.bar.spacing() >= 0 else 6
        others = [self.filter_boxes, self.count_label, self.new_product_button,
                  self.new_button, self.import_button]
        outer = self.layout()
        inset = (outer.contentsMargins().left() + outer.contentsMargins().right()
                 if outer is not None else 0)
        needed = (FILTER_MIN + sum(w.sizeHint().width() for w in others)
                  + spacing * len(others) + 8 + inset)
        below = self.width() < needed
        if below == (self.second_row.indexOf(self.filter_boxes) >= 0):
            return
        if below:
            self.bar.removeWidget(self.filter_boxes)
            self.second_row.addWidget(self.filter_boxes)
            self.second_row.addStretch(1)
        else:
            self.second_row.removeWidget(self.filter_boxes)
            while self.second_row.count():
                self.second_row.takeAt(0)
            self.bar.insertWidget(1, self.filter_boxes)

    def _changed(self, _change: Change) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Re-read the list, and the detail (another screen or an import changed them)."""
        self.model.reload(keep_loaded=True)
        shown = self._shown
        if shown is not None and self.model.row_of_holding(shown.id) < 0:
            self._show_detail(self.ctx.services.chemicals.holding(shown.id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Resize and self._detail_viewport is not None
                and watched is self._detail_viewport):
            self.detail.fit_width(self._detail_viewport.width())
        return False

    def _watch_detail_width(self) -> None:
        if self._detail_viewport is None:
            self._detail_viewport = self.detail_scroll.viewport()
            self._detail_viewport.installEventFilter(self)
            self.detail.fit_width(self._detail_viewport.width())

    # -- filtering ---------------------------------------------------------------------------
    def current_filter(self) -> HoldingFilter:
        return HoldingFilter(text=" ".join(self.filter_edit.text().split()),
                                 include_disposed=self.disposed_check.isChecked(),
                                 room_id=self.room_id, cmr_only=self.cmr_check.isChecked(),
                                 storage_problems=self.problems_check.isChecked())

    def _disposed_toggled(self, shown: bool) -> None:
        self.table.setColumnHidden(column("status"), not shown)
        self.column_fit.fit()
        self.apply_filter()

    def show_room(self, room_id: int | None) -> None:
        """Only the holdings of one room (None: every room), as the Rooms area asks."""
        self.room_id = room_id
        room = self.ctx.services.rooms.get(room_id) if room_id is not None else None
        if room is not None:
            self.room_chip.setText(tr("Room {room} ✕").format(room=room.label))
        self.room_chip.setVisible(room is not None)
        self._place_filters()
        self.apply_filter()

    def _show_count(self, total: int) -> None:
        self.count_label.setText(count_text(total))
        flt = self.current_filter()
        no_match = tr("No holding matches the filter.")
        if flt.storage_problems and not (flt.text or flt.cmr_only):
            no_match = tr("No storage place holds incompatible products.")
        self.detail.empty.setText(list_hint(
            total, bool(flt.text or flt.cmr_only or flt.storage_problems
                        or flt.room_id is not None),
            select=tr("Select a holding to see its product."),
            no_match=no_match,
            empty=tr("The register is empty. Add a product and a holding, or import the "
                     "central register's extract with Import.")))

    # -- selection and detail ------------------------------------------------------------------
    def select_id(self, item_id: int) -> bool:
        return select_listed_row(self.table, self.model.row_of_holding(item_id))

    def selected_item(self) -> Holding | None:
        return current_item(self.table, self.model)

    def shown_holding(self) -> Holding | None:
        return self._shown

    def shown_product(self) -> Product | None:
        return self.detail.product

    def _show_detail(self, holding: Holding | None) -> None:
        self._shown = holding
        if holding is None:
            self.detail.show_product(None)
            return
        self._watch_detail_width()
        chemicals = self.ctx.services.chemicals
        product = chemicals.product(holding.product_id)
        self.detail.show_product(
            product, holding=holding,
            statement_texts=chemicals.statement_texts(product.statements),
            sds_states=self._sds_states(product), sds_max_age_years=self._max_age(),
            holdings=chemicals.holdings_of_product(product.id),
            storage_problems=chemicals.place_segregation(holding.room_id, holding.place)
            if holding.status == HoldingStatus.IN_USE else ())

    def _max_age(self) -> int:
        return self.ctx.services.chemicals.sds_max_age_years()

    def _sds_states(self, product: Product) -> frozenset[str]:
        from vernetool.domain.chemicals.sds import sds_states

        sds = product.sds
        states = sds_states(sds is not None, sds.revised_on if sds else None,
                            sds.language if sds else "", self.today or dt.date.today(),
                            self._max_age())
        return frozenset(str(s.value) for s in states)

    # -- editing -----------------------------------------------------------------------------
    def new_product(self) -> None:
        from vernetool.ui.registers.chemicals.product_dialog import ProductDialog

        dialog = ProductDialog(self.ctx, None, self)
        if dialog.exec() and dialog.product_id is not None:
            product = self.ctx.services.chemicals.product(dialog.product_id)
            self._new_holding(product=product)  # a product is registered where it is kept

    def edit_product(self) -> None:
        from vernetool.ui.registers.chemicals.product_dialog import ProductDialog

        product = self.shown_product()
        if product is None:
            return
        fresh = self.ctx.services.chemicals.product(product.id)
        if ProductDialog(self.ctx, fresh, self).exec() and self._shown is not None:
            self._after_save(self._shown.id)

    def new_holding(self) -> None:
        self._new_holding(product=None)

    def add_holding_of_product(self) -> None:
        self._new_holding(product=self.shown_product())

    def _new_holding(self, *, product: Product | None) -> None:
        from vernetool.ui.registers.chemicals.holding_dialog import HoldingDialog

        dialog = HoldingDialog(self.ctx, None, self, product=product, room_id=self.room_id)
        if dialog.exec() and dialog.holding_id is not None:
            self._after_save(dialog.holding_id)

    def edit_holding(self) -> None:
        from vernetool.ui.registers.chemicals.holding_dialog import HoldingDialog

        holding = self._shown
        if holding is None:
            return
        dialog = HoldingDialog(self.ctx, holding, self)
        if dialog.exec() and dialog.holding_id is not None:
            self._after_save(dialog.holding_id)

    def dispose(self) -> None:
        from vernetool.ui.registers.chemicals.holding_dialog import DisposeDialog

        holding = self._shown
        if holding is None:
            return
        if DisposeDialog(self.ctx, holding, self, self.today).exec():
            self._after_save(holding.id)

    def _after_save(self, holding_id: int) -> None:
        self._selected_id = holding_id
        self.model.reload(keep_loaded=True)
        if self.select_id(holding_id):
            self.table.setFocus()
            self._show_detail(self.selected_item())
        else:  # saved outside the filter (a disposed holding, another room): still shown
            self._show_detail(self.ctx.services.chemicals.holding(holding_id))

    # -- safety data sheets ------------------------------------------------------------------
    def open_sds(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        product = self.shown_product()
        if product is None or product.sds is None:
            return
        sds = product.sds
        if sds.has_file:
            with reported(self, tr("Could not open the safety data sheet")) as outcome:
                path = self.ctx.services.safety_data_sheets.file_path(sds.id)
            if outcome:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif sds.url:
            QDesktopServices.openUrl(QUrl(sds.url))

    def choose_sds(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if self.shown_product() is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, tr("Safety data sheet"), str(Path.home()),
                                              tr("PDF files (*.pdf)"))
        if path:
            self.add_sds(Path(path))

    def add_sds(self, path: Path) -> None:
        from vernetool.ui.registers.chemicals.sds_dialog import SdsDialog

        product = self.shown_product()
        if product is None:
            return
        dialog = SdsDialog(self.ctx, product, path, self, self.today)
        if dialog.exec() and self._shown is not None:
            self._show_detail(self._shown)

    # -- the exposure register and imports ---------------------------------------------------
    def register_exposure(self) -> None:
        product = self.shown_product()
        if product is None or not product.exposure_register:
            return
        from vernetool.ui.registers.exposure.exposure_dialog import ExposureDialog

        ExposureDialog(self.ctx, product.id, self, today=self.today).exec()

    def print_place(self) -> None:
        """The printable list (PDF) of the shown holding's storage place."""
        from vernetool.ui.registers.chemicals_print import print_storage_place_list

        holding = self._shown
        if holding is not None:
            self.print_job = print_storage_place_list(self.ctx, holding.room_id,
                                                      holding.place or None, self)

    def _show_entries(self) -> None:
        product = self.shown_product()
        if product is not None:
            self.exposure_requested.emit(product.id)

    def import_register(self) -> None:
        """File → Import chemicals, with its progress and Cancel."""
        actions = getattr(self.window(), "exchange", None)
        choose = getattr(actions, "choose_import", None)
        if choose is not None:
            choose("chemicals")
