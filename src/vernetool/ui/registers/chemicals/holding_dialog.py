"""Create or edit a holding (a product in a room's storage place), and dispose of one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.chemicals.model import Holding, HoldingInput, HoldingStatus, Product
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr
from vernetool.ui.common.date_field import TypedDateEdit
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, save_cancel_buttons
from vernetool.ui.common.labels import date_display_format, format_number, parse_number
from vernetool.ui.common.room_picker import RoomPicker
from vernetool.ui.common.search_picker import MAX_MATCHES, SearchPicker
from vernetool.ui.registers.chemicals.holdings_table_model import quantity_text

UNITS = ("mL", "L", "g", "kg", "mg", "m³", "pcs")


def product_display(product: Product) -> str:
    return f"{product.name} ({product.supplier})" if product.supplier else product.name


class ProductPicker(SearchPicker):
    """Finds products by name, supplier or CAS as you type; ``product()`` is the chosen one."""

    product_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr("Product name, supplier or CAS…"), parent)
        self._product: Product | None = None
        self._shown = ""
        self._matches: list[Product] = []
        self.editingFinished.connect(self.resolve)

    def _edited(self, text: str) -> None:
        if self._product is not None and text != self._shown:
            self._product = None
            self.product_changed.emit()
        super()._edited(text)

    def matches(self, text: str) -> list[Product]:
        words = " ".join(text.split())
        if not words:
            return []
        return self.ctx.services.chemicals.products(words, limit=MAX_MATCHES)

    def search(self) -> None:
        self._matches = self.matches(self.text())
        self.show_matches([
            f"{product_display(p)} — {', '.join(p.cas)}" if p.cas else product_display(p)
            for p in self._matches])

    def choose_row(self, row: int) -> None:
        if 0 <= row < len(self._matches):
            self.set_product(self._matches[row])

    def resolve(self) -> None:
        """A text that matches one product only takes that product."""
        if self._product is not None or not self.text().strip():
            return
        found = self.matches(self.text())
        if len(found) == 1:
            self.set_product(found[0])

    def focusNextPrevChild(self, next: bool) -> bool:
        self.resolve()
        return super().focusNextPrevChild(next)

    def set_product(self, product: Product | None) -> None:
        self._product = product
        self._shown = product_display(product) if product else ""
        self.setText(self._shown)
        QTimer.singleShot(0, self, lambda: self.setText(self._shown)
                          if self._product is product and product is not None else None)
        self.product_changed.emit()

    def product(self) -> Product | None:
        return self._product


class HoldingDialog(QDialog):
    """``holding_id`` holds the saved holding's id after ``accept``.

    A new holding may start from a product (``product``) or a room (``room_id``); an
    existing one keeps its product (a different product is a different holding).
    """

    def __init__(self, ctx: AppContext, holding: Holding | None = None,
                 parent: QWidget | None = None, *, product: Product | None = None,
                 room_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._original = holding
        self.holding_id: int | None = holding.id if holding else None
        self.setWindowTitle(tr("Edit holding") if holding else tr("New holding"))
        self.setMinimumWidth(500)

        self.product = ProductPicker(ctx)
        self.room = RoomPicker(ctx)
        self.place = QComboBox()
        self.place.setEditable(True)
        self.place.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if (line := self.place.lineEdit()) is not None:
            line.setPlaceholderText(tr("e.g. Acid cabinet 2"))
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(tr("e.g. {n}").format(n=format_number(2.5)))
        self.quantity.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit.addItems(UNITS)
        self.containers = QLineEdit()
        self.containers.setPlaceholderText(tr("e.g. 2"))
        self.containers.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.status = QLabel()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("&Product:"), self.product)
        form.addRow(tr("&Room:"), self.room)
        form.addRow(tr("Storage p&lace:"), self.place)
        form.addRow(tr("&Quantity:"), self.quantity)
        form.addRow(tr("&Unit:"), self.unit)
        form.addRow(tr("&Containers:"), self.containers)
        if holding is not None and holding.status == HoldingStatus.DISPOSED:
            form.addRow(tr("Status:"), self.status)

        self.error = FormError()
        buttons = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.room.room_changed.connect(self._room_changed)

        if holding is not None:
            chosen = ctx.services.chemicals.product(holding.product_id)
            self.product.set_product(chosen)
            self.product.setReadOnly(True)
            self.product.setToolTip(tr("Another product is another holding: add it with "
                                       "New holding"))
            self.room.set_room_id(holding.room_id)
            self.place.setEditText(holding.place)
            self.quantity.setText(format_number(holding.quantity))
            self.unit.setEditText(holding.unit)
            self.containers.setText("" if holding.containers is None
                                    else str(holding.containers))
            from vernetool.ui.registers.chemicals.holdings_table_model import status_text

            self.status.setText(status_text(holding))
            self.room.setFocus()
        else:
            self.unit.setEditText("")
            if product is not None:
                self.product.set_product(product)
            if room_id is not None:
                self.room.set_room_id(room_id)
            (self.room if product is not None else self.product).setFocus()
        self._fields: dict[str, QWidget] = {
            "product": self.product, "product_id": self.product, "room": self.room,
            "room_id": self.room, "place": self.place, "quantity": self.quantity,
            "unit": self.unit, "containers": self.containers,
        }
        self._labels = {
            "product": tr("Product"), "product_id": tr("Product"), "room": tr("Room"),
            "room_id": tr("Room"), "place": tr("Storage place"), "quantity": tr("Quantity"),
            "unit": tr("Unit"), "containers": tr("Containers"),
        }

    def _room_changed(self) -> None:
        """The room's storage places to choose from (typing a new one creates it)."""
        room = self.room.room()
        text = self.place.currentText()
        self.place.blockSignals(True)
        self.place.clear()
        if room is not None and room.id is not None:
            self.place.addItems(self.ctx.services.chemicals.storage_places(room.id))
        self.place.setEditText(text)
        self.place.blockSignals(False)

    # -- saving ----------------------------------------------------------------------------
    def holding_from_fields(self) -> HoldingInput:
        """The holding as entered; raises ValidationError naming the field."""
        product = self.product.product()
        if product is None:
            raise ValidationError("chemical_form.product_missing", "product")
        self.room.resolve()
        room = self.room.room()
        if room is None or room.id is None:
            raise ValidationError("chemical_form.room_missing", "room")
        try:
            quantity = parse_number(self.quantity.text())
        except ValueError:
            raise ValidationError("chemical_form.quantity_not_number", "quantity",
                                  text=self.quantity.text().strip()) from None
        containers_text = self.containers.text().strip()
        if containers_text and not containers_text.isdigit():
            raise ValidationError("chemical_form.containers_not_number", "containers",
                                  text=containers_text)
        original = self._original
        return HoldingInput(
            product_id=product.id, room_id=room.id, place=self.place.currentText().strip(),
            quantity=quantity, unit=self.unit.currentText().strip(),
            containers=int(containers_text) if containers_text else None,
            status=original.status if original else HoldingStatus.IN_USE,
            disposed_on=original.disposed_on if original else None)

    def show_error(self, exc: ValidationError) -> None:
        field = exc.field.split(".")[0]
        label = self._labels.get(field, "")
        message = exc.message
        if label and not exc.code.startswith("chemical_form."):
            message = tr("{field}: {message}").format(field=label, message=message)
        self.error.show_error(message, self._fields.get(field))

    def accept(self) -> None:
        chemicals = self.ctx.services.chemicals
        with reported(self) as outcome:
            try:
                entered = self.holding_from_fields()
                if self.holding_id is None:
                    saved = chemicals.add_holding(entered)
                else:
                    saved = chemicals.update_holding(self.holding_id, entered)
            except ValidationError as exc:
                self.show_error(exc)
                return
            self.holding_id = saved.id
        if outcome:
            super().accept()


class DisposeDialog(QDialog):
    """Dispose of a holding on a date; it stays in the register, with its history."""

    def __init__(self, ctx: AppContext, holding: Holding, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.holding = holding
        self.setWindowTitle(tr("Dispose of holding"))
        self.setMinimumWidth(420)
        where = " · ".join(p for p in (holding.room_label, holding.place) if p)
        amount = quantity_text(holding.quantity, holding.unit)
        about = QLabel(tr("{product} in {where}").format(product=holding.product_name,
                                                         where=where)
                       + (f" ({amount})" if amount else ""))
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.PlainText)
        self.date = TypedDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(date_display_format())
        day = today or dt.date.today()
        self.date.setDate(QDate(day.year, day.month, day.day))
        hint = QLabel(tr("The holding is kept in the register as disposed, with this date."))
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("&Disposed on:"), self.date)
        self.error = FormError()
        buttons = save_cancel_buttons(self, tr("Di&spose"))
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.date.setFocus()

    def disposed_on(self) -> dt.date:
        day = self.date.date()
        return dt.date(day.year(), day.month(), day.day())

    def accept(self) -> None:
        with reported(self) as outcome:
            try:
                self.ctx.services.chemicals.dispose_holding(self.holding.id, self.disposed_on())
            except ValidationError as exc:
                self.error.show_error(exc.message, self.date)
                return
        if outcome:
            super().accept()
