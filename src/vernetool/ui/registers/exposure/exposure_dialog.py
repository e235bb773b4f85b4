"""Register or edit an exposure entry (§31-1), by keyboard: the fields in the regulation's
order, Tab between them, Enter saves, Esc cancels.

The identity number is typed into a password-like field (shown while typing, dots after),
checked as the cursor leaves it (both mod-11 control digits), and handed to the service,
which encrypts it; it never reaches a log, the window title or an error text. Saving needs
the identity vault unlocked: a locked or new vault is asked for first.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.chemicals.model import ExposureEntry, ExposureInput, ExposureRoute
from vernetool.domain.errors import ValidationError
from vernetool.domain.identity import check_identity_number
from vernetool.i18n import tr
from vernetool.ui.common.date_field import TypedDateEdit
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, accept_button, save_cancel_buttons
from vernetool.ui.common.labels import date_display_format
from vernetool.ui.common.list_detail import plain_label
from vernetool.ui.common.person_picker import PersonPicker
from vernetool.ui.common.room_picker import RoomPicker
from vernetool.ui.registers.exposure.vault_dialog import ensure_unlocked
from vernetool.ui.registers.exposure.words import exposure_field_label, route_label

log = logging.getLogger(__name__)

ONGOING = QDate(1900, 1, 1)   # the end-date field's "still ongoing"


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _date_edit() -> QDateEdit:
    edit = TypedDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_display_format())
    edit.setMinimumWidth(130)
    return edit


class ExposureDialog(QDialog):
    """New entry for ``product_id`` (``entry_id`` None) or edit one; ``saved`` afterwards."""

    def __init__(self, ctx: AppContext, product_id: int, parent: QWidget | None = None,
                 entry_id: int | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.product_id = product_id
        self.entry_id = entry_id
        self.saved: ExposureEntry | None = None
        self._identity_error = False
        product = ctx.services.chemicals.product(product_id)
        entry = self._entry(entry_id)
        self.setWindowTitle(tr("Edit exposure entry") if entry else tr("Register exposure"))
        self.setMinimumWidth(520)

        self.product_label = plain_label()
        self.product_label.setObjectName("product")
        self.product_label.setText(product.name if not product.supplier
                                   else f"{product.name} ({product.supplier})")
        self.person = PersonPicker(ctx)
        self.person.setObjectName("person")
        self.identity = QLineEdit()
        self.identity.setObjectName("identity")
        self.identity.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.identity.setMaxLength(13)   # 11 digits and a space or two
        self.identity.setPlaceholderText(tr("11 digits: fødselsnummer or D-nummer"))
        self.identity.editingFinished.connect(self.check_identity)
        self.position = QLineEdit()
        self.position.setObjectName("position")
        self.position.setPlaceholderText(tr("e.g. PhD candidate, lab engineer"))
        self.workplace = QLineEdit()
        self.workplace.setObjectName("workplace")
        self.workplace.setPlaceholderText(tr("e.g. synthesis lab, fume hood 3"))
        self.room = RoomPicker(ctx)
        self.room.setObjectName("room")
        self.route = QComboBox()
        self.route.setObjectName("route")
        for route in ExposureRoute:
            self.route.addItem(route_label(route), route.value)
        self.concentration = QLineEdit()
        self.concentration.setObjectName("concentration")
        self.concentration.setPlaceholderText(tr("e.g. < 0.5 ppm (measured), unknown"))
        self.start = _date_edit()
        self.start.setObjectName("start")
        self.end = _date_edit()
        self.end.setObjectName("end")
        self.end.setMinimumDate(ONGOING)
        self.end.setSpecialValueText(tr("ongoing"))
        self.duration = QLineEdit()
        self.duration.setObjectName("duration")
        self.duration.setPlaceholderText(tr("e.g. 2 hours a week"))

        # §31-1's order: who, identity, position, workplace, substance, how, how much, when
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("Product:"), self.product_label)
        form.addRow(tr("&Name:"), self.person)
        form.addRow(tr("&Identity number:"), self.identity)
        form.addRow(tr("P&osition:"), self.position)
        form.addRow(tr("&Workplace:"), self.workplace)
        form.addRow(tr("Roo&m:"), self.room)
        form.addRow(tr("Ro&ute:"), self.route)
        form.addRow(tr("&Concentration:"), self.concentration)
        form.addRow(tr("S&tart:"), self.start)
        form.addRow(tr("&End:"), self.end)
        form.addRow(tr("&Duration:"), self.duration)
        hint = QLabel(tr("The identity number is stored encrypted and shown masked; the end "
                         "date sets how long the entry is kept."))
        hint.setWordWrap(True)
        hint.setObjectName("hint")

        self.error_label = FormError("error")
        self.buttons = save_cancel_buttons(self)
        accept_button(self.buttons).setDefault(True)   # Enter in any field saves
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        for first, second in zip(self._order(), self._order()[1:], strict=False):
            QWidget.setTabOrder(first, second)

        day = today or dt.date.today()
        self.start.setDate(_qdate(day))
        self.end.setDate(ONGOING)
        if entry is not None:
            self._fill(entry)
        self.person.setFocus()

    def _entry(self, entry_id: int | None) -> ExposureEntry | None:
        return None if entry_id is None else self.ctx.services.exposure.entry(entry_id)

    def _order(self) -> list[QWidget]:
        return [self.person, self.identity, self.position, self.workplace, self.room,
                self.route, self.concentration, self.start, self.end, self.duration,
                accept_button(self.buttons)]

    def _fill(self, entry: ExposureEntry) -> None:
        if entry.person_id is not None:
            self.person.set_person(entry.person_id, entry.person)
        else:
            self.person.setText(entry.person)
        if entry.has_identity:  # only the masked form is known here: empty keeps the number
            self.identity.setPlaceholderText(
                tr("{masked} — leave empty to keep it").format(masked=entry.identity_masked))
        self.position.setText(entry.position)
        self.workplace.setText(entry.workplace)
        if entry.room_id is not None:
            self.room.set_room_id(entry.room_id)
        self.route.setCurrentIndex(max(0, self.route.findData(entry.route.value)))
        self.concentration.setText(entry.concentration)
        self.start.setDate(_qdate(entry.exposure_start))
        self.end.setDate(_qdate(entry.exposure_end) if entry.exposure_end else ONGOING)
        self.duration.setText(entry.duration)

    # -- checking ------------------------------------------------------------------------------
    def _widget_for(self, field: str) -> QWidget:
        widgets: dict[str, QWidget] = {
            "person": self.person, "identity_number": self.identity,
            "position": self.position, "workplace": self.workplace, "room": self.room,
            "route": self.route, "concentration": self.concentration,
            "exposure_start": self.start, "exposure_end": self.end,
            "duration": self.duration,
        }
        return widgets.get(field, self.person)

    def show_error(self, error: ValidationError) -> None:
        """The message names the field; the number itself never appears in it."""
        widget = self._widget_for(error.field)
        self.error_label.show_field_error(exposure_field_label(error.field), error.message,
                                          widget)

    def check_identity(self) -> bool:
        """Leaving the field checks the number (an empty field is checked on saving)."""
        text = self.identity.text().strip()
        if not text:
            return True
        try:
            check_identity_number(text)
        except ValidationError as exc:
            self.error_label.show_field_error(exposure_field_label("identity_number"),
                                              exc.message)
            self._identity_error = True
            return False
        if self._identity_error:
            self.error_label.clear()
            self._identity_error = False
        return True

    def exposure_from_form(self) -> ExposureInput:
        person = " ".join(self.person.name().split())
        if not person:
            raise ValidationError("exposure_form.person_missing", "person")
        number = "".join(self.identity.text().split())
        if number:
            number = check_identity_number(number)
        elif self.entry_id is None:
            raise ValidationError("exposure_form.identity_missing", "identity_number")
        end = None if self.end.date() == ONGOING else _date(self.end.date())
        start = _date(self.start.date())
        if end is not None and end < start:
            raise ValidationError("exposure_form.end_before_start", "exposure_end")
        room = self.room.room()
        route = ExposureRoute(str(self.route.currentData()))
        return ExposureInput(
            product_id=self.product_id, person=person, identity_number=number,
            position=self.position.text().strip(), workplace=self.workplace.text().strip(),
            route=route, concentration=self.concentration.text().strip(),
            exposure_start=start, exposure_end=end, duration=self.duration.text().strip(),
            room_id=room.id if room is not None else None, person_id=self.person.person_id())

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> bool:
        self.error_label.clear()
        try:
            exposure = self.exposure_from_form()
        except ValidationError as exc:
            self.show_error(exc)
            return False
        needs_vault = bool(exposure.identity_number)
        if needs_vault and not ensure_unlocked(self.ctx, self):
            self.error_label.show_error(
                tr("The identity number can only be saved with the identity vault unlocked."),
                self.identity)
            return False
        service = self.ctx.services.exposure
        with reported(self) as outcome:
            try:
                if self.entry_id is None:
                    self.saved = service.register(exposure)
                else:
                    self.saved = service.update(self.entry_id, exposure)
            except ValidationError as exc:
                self.show_error(exc)
                return False
        return bool(outcome) and self.saved is not None

    def accept(self) -> None:
        if self.save():
            super().accept()
