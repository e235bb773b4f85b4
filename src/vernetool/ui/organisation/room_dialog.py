"""Create or edit a room; saved (with an audit entry) the moment the user presses Save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.i18n import tr
from vernetool.services.organisation import Room, RoomType
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, save_cancel_buttons
from vernetool.ui.common.labels import format_number, parse_number, room_type_label
from vernetool.ui.organisation.rooms_table_model import format_area

SEPARATOR = " — "


def parse_decimal(text: str) -> float | None:
    """'48,5', ' 48.5 ', '1 200,5' → float; '' → None; raises ValueError for anything else.
    As the language writes numbers (labels.parse_number), so a shown value reads back."""
    return parse_number(text)


def code_of(text: str) -> str:
    """The code in a combo entry shown as 'CODE — Name' (or typed as just the code)."""
    return text.split(SEPARATOR, 1)[0].strip()


def _placeholder(combo: QComboBox, text: str) -> None:
    if (line := combo.lineEdit()) is not None:
        line.setPlaceholderText(text)


class RoomDialog(QDialog):
    """Fields of one room. ``room_id`` holds the saved room's id after ``accept``."""

    def __init__(self, ctx: AppContext, room: Room | None = None,
                 parent: QWidget | None = None, *, like: Room | None = None) -> None:
        """Edit ``room``, or create a new one; ``like`` pre-fills building and unit, so a
        series of rooms in one building is quick to enter."""
        super().__init__(parent)
        self.ctx = ctx
        self._original = room
        self.room_id: int | None = room.id if room else None
        self.setWindowTitle(tr("Edit room {room}").format(room=room.label) if room
                            else tr("New room"))
        self.setMinimumWidth(460)

        self.building = QComboBox()
        self.building.setEditable(True)
        self.building.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for b in ctx.services.units.buildings():
            self.building.addItem(f"{b.code}{SEPARATOR}{b.name}" if b.name else b.code, b.code)
        _placeholder(self.building, tr("Building code, e.g. 301"))
        self.number = QLineEdit()
        self.number.setPlaceholderText(tr("e.g. 1-154"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("e.g. Organic chemistry lab"))
        self.type = QComboBox()
        for room_type in RoomType:
            self.type.addItem(room_type_label(room_type), room_type.value)
        self.floor = QLineEdit()
        self.floor.setPlaceholderText(tr("e.g. 2 or U1"))
        self.area = QLineEdit()
        self.area.setPlaceholderText(tr("e.g. {n}").format(n=format_number(48.5)))
        self.area.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.unit.addItem("", None)
        for u in ctx.services.units.units():
            self.unit.addItem(f"{u.code}{SEPARATOR}{u.name}" if u.name else u.code, u.code)
        _placeholder(self.unit, tr("Unit code (new codes are created)"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("&Building:"), self.building)
        form.addRow(tr("&Room number:"), self.number)
        form.addRow(tr("&Name:"), self.name)
        form.addRow(tr("&Type:"), self.type)
        form.addRow(tr("&Floor:"), self.floor)
        form.addRow(tr("&Area (m²):"), self.area)
        form.addRow(tr("&Unit:"), self.unit)

        self.error = FormError()
        buttons = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        if room is not None:
            self._select(self.building, room.building_code)
            self.number.setText(room.number)
            self.name.setText(room.name)
            self.type.setCurrentIndex(max(0, self.type.findData(room.type.value)))
            self.floor.setText(room.floor)
            self.area.setText(format_area(room.area_m2))
            self._select(self.unit, room.unit_code or "")
        else:
            self.building.setCurrentIndex(-1)
            self.building.setEditText("")
            self.type.setCurrentIndex(self.type.findData(RoomType.OFFICE.value))
            self.unit.setCurrentIndex(0)
            if like is not None:
                self._select(self.building, like.building_code)
                self._select(self.unit, like.unit_code or "")
                self.number.setFocus()
        self._fields: dict[str, QWidget] = {
            "building": self.building, "room": self.number, "name": self.name,
            "type": self.type, "floor": self.floor, "area_m2": self.area, "unit": self.unit,
        }
        self._labels = {
            "building": tr("Building"), "room": tr("Room number"), "name": tr("Name"),
            "type": tr("Type"), "floor": tr("Floor"), "area_m2": tr("Area (m²)"),
            "unit": tr("Unit"),
        }

    @staticmethod
    def _select(combo: QComboBox, code: str) -> None:
        index = combo.findData(code)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setEditText(code)

    # -- saving ----------------------------------------------------------------------------
    def show_error(self, field: str | None, message: str) -> None:
        """Show ``message`` under the form and put the cursor in the field it is about."""
        self.error.show_error(message, self._fields.get(field or ""))

    def room_from_fields(self) -> Room:
        """The room as entered; raises ValidationError (translated, naming the field)."""
        building = code_of(self.building.currentText())
        if not building:
            raise ValidationError("room_form.building_missing", "building")
        number = self.number.text().strip()
        if not number:
            raise ValidationError("room_form.number_missing", "room")
        try:
            area = parse_decimal(self.area.text())
        except ValueError:
            raise ValidationError("room_form.area_not_number", "area_m2",
                                  text=self.area.text().strip()) from None
        if area is not None and area < 0:
            raise ValidationError("room_form.area_negative", "area_m2")
        unit = code_of(self.unit.currentText()) or None
        return Room(building_code=building, number=number,
                    type=RoomType(self.type.currentData()), name=self.name.text().strip(),
                    floor=self.floor.text().strip(), area_m2=area, unit_code=unit,
                    id=self.room_id)

    def accept(self) -> None:
        with reported(self) as outcome:
            try:
                room = self.room_from_fields()
                self.room_id = self.ctx.services.rooms.save(room)
            except ValidationError as exc:
                self.show_error(exc.field, self._message(exc))
                return
        if outcome:
            super().accept()

    def _message(self, exc: ValidationError) -> str:
        """Messages from the UI are translated already; the store's are named by field."""
        if exc.code.startswith("room_form."):
            return exc.message
        if exc.code == "room.exists":
            return tr("Room number: room {room} exists already.").format(
                room=f"{code_of(self.building.currentText())}:{self.number.text().strip()}")
        label = self._labels.get(exc.field, exc.field)
        return f"{label}: {exc.message}"
