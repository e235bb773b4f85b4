"""Edit the room card (romkort): the door-sign fields of a room with special hazards."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.domain.organisation import GHS_PICTOGRAMS, WARNING_SIGNS
from vernetool.i18n import tr
from vernetool.services.organisation import Room, RoomCard
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, save_cancel_buttons
from vernetool.ui.common.labels import (
    format_number,
    ghs_pictogram_label,
    warning_sign_label,
)
from vernetool.ui.common.pictograms import pictogram_icon, warning_sign_icon
from vernetool.ui.organisation.room_dialog import parse_decimal
from vernetool.ui.shell import theme


def _text_edit(lines: int = 2) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def _label_tip(form: QFormLayout, field: QWidget, tip: str) -> None:
    if (label := form.labelForField(field)) is not None:
        label.setToolTip(tip)


class RoomCardDialog(QDialog):
    scroll: QScrollArea  # type: ignore[assignment]  # the form's scroll area (tests use it)
    def __init__(self, ctx: AppContext, room: Room, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert room.id is not None
        self.ctx = ctx
        self.room = room
        self.setWindowTitle(tr("Room card for {room}").format(room=room.label))
        card = ctx.services.room_cards.get(room.id)

        self.activity_type = QLineEdit(card.activity_type)
        self.activity_type.setPlaceholderText(tr("e.g. isotope store, chemistry lab"))
        self.special_hazards = _text_edit(3)
        self.special_hazards.setPlainText(card.special_hazards)
        self.unsafe_after_incident = _text_edit()
        self.unsafe_after_incident.setPlainText(card.unsafe_after_incident)
        hazards = QGroupBox(tr("Activity and hazards"))
        f1 = QFormLayout(hazards)
        f1.addRow(tr("&Activity type:"), self.activity_type)
        f1.addRow(tr("Special &hazards:"), self.special_hazards)
        f1.addRow(tr("&Unsafe to enter after incident:"), self.unsafe_after_incident)
        unsafe_label = f1.labelForField(self.unsafe_after_incident)
        if isinstance(unsafe_label, QLabel):
            unsafe_label.setWordWrap(True)

        self.gas_max_litres = self._number(card.gas_max_litres)
        self.gas_max_cylinders = self._number(card.gas_max_cylinders)
        self.central_gas_supply = QCheckBox(tr("Central gas supply"))
        self.central_gas_supply.setChecked(card.central_gas_supply)
        self.gas_alarm = QCheckBox(tr("Gas alarm system"))
        self.gas_alarm.setChecked(card.gas_alarm)
        gas = QGroupBox(tr("Pressurised gas"))
        f2 = QFormLayout(gas)
        f2.addRow(tr("Max &litres:"), self.gas_max_litres)
        f2.addRow(tr("Max &cylinders:"), self.gas_max_cylinders)
        f2.addRow("", self.central_gas_supply)
        f2.addRow("", self.gas_alarm)

        cat1 = tr("Category 1: flash point below 23 °C and boiling point at or below 35 °C.")
        cat2 = tr("Category 2: flash point below 23 °C and boiling point above 35 °C.")
        self.flammable_cat1 = self._number(card.flammable_cat1_max_litres)
        self.flammable_cat1.setToolTip(cat1)
        self.flammable_cat2 = self._number(card.flammable_cat2_max_litres)
        self.flammable_cat2.setToolTip(cat2)
        self.toxic_liquids = QLineEdit(card.toxic_liquids)
        liquids = QGroupBox(tr("Flammable and toxic liquids"))
        f3 = QFormLayout(liquids)
        f3.addRow(tr("Category &1, max litres:"), self.flammable_cat1)
        _label_tip(f3, self.flammable_cat1, cat1)
        f3.addRow(tr("Category &2, max litres:"), self.flammable_cat2)
        _label_tip(f3, self.flammable_cat2, cat2)
        f3.addRow(tr("&Toxic liquids:"), self.toxic_liquids)
        hint = QLabel(f"{cat1}\n{cat2}")
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {theme.MUTED};")
        f3.addRow(hint)

        self.shared = QCheckBox(tr("Shared with another organisation"))
        self.shared.setChecked(card.shared_with_other_org)
        self.coordination_agreement = QLineEdit(card.coordination_agreement)
        self.coordination_agreement.setPlaceholderText(tr("Which agreement, with whom"))
        self.coordination_agreement.setEnabled(card.shared_with_other_org)
        self.shared.toggled.connect(self.coordination_agreement.setEnabled)
        self.alert_needs = _text_edit(3)
        self.alert_needs.setPlainText(card.alert_needs)
        self.other_info = _text_edit(3)
        self.other_info.setPlainText(card.other_info)
        other = QGroupBox(tr("Cooperation and alerts"))
        f4 = QFormLayout(other)
        f4.addRow("", self.shared)
        f4.addRow(tr("Coordination a&greement:"), self.coordination_agreement)
        f4.addRow(tr("Alert &needs:"), self.alert_needs)
        f4.addRow(tr("&Other information:"), self.other_info)

        pictograms = QGroupBox(tr("Hazard pictograms (GHS)"))
        grid = QGridLayout(pictograms)
        self.pictogram_buttons: dict[str, QToolButton] = {}
        for index, code in enumerate(GHS_PICTOGRAMS):
            button = QToolButton()
            button.setCheckable(True)
            button.setChecked(code in card.pictograms)
            button.setIcon(pictogram_icon(code, 80))
            button.setIconSize(QSize(40, 40))
            button.setText(ghs_pictogram_label(code))
            button.setToolTip(f"{code}: {ghs_pictogram_label(code)}")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setObjectName(f"pictogram_{code}")
            button.setAutoRaise(True)
            grid.addWidget(button, index // 3, index % 3)
            self.pictogram_buttons[code] = button
        toggles = (
            "QToolButton { padding: 3px 8px 3px 3px; border: 1px solid transparent;"
            " border-radius: 4px; text-align: left; }"
            f"QToolButton:hover {{ border-color: {theme.TOGGLE_HOVER_BORDER}; }}"
            f"QToolButton:checked {{ background: {theme.TOGGLE_CHECKED};"
            f" border-color: {theme.TOGGLE_CHECKED_BORDER}; }}")
        pictograms.setStyleSheet(toggles)

        signs = QGroupBox(tr("Warning signs"))
        signs.setToolTip(tr("The signs beside the pictograms on the door: ionising radiation "
                            "(radioactive sources, X-ray), laser beam (class 3B and 4) and "
                            "biological hazard (agents of risk group 2 or higher)."))
        column = QVBoxLayout(signs)
        self.sign_buttons: dict[str, QToolButton] = {}
        for sign in WARNING_SIGNS:
            button = QToolButton()
            button.setCheckable(True)
            button.setChecked(sign in card.warning_signs)
            button.setIcon(warning_sign_icon(sign, 80))
            button.setIconSize(QSize(40, 40))
            button.setText(warning_sign_label(sign))
            button.setToolTip(warning_sign_label(sign))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setObjectName(f"sign_{sign}")
            button.setAutoRaise(True)
            column.addWidget(button)
            self.sign_buttons[sign] = button
        signs.setStyleSheet(toggles)

        self.error = FormError()
        buttons = save_cancel_buttons(self)

        columns = QGridLayout()
        columns.addWidget(hazards, 0, 0)
        columns.addWidget(liquids, 1, 0)
        columns.addWidget(gas, 0, 1)
        columns.addWidget(other, 1, 1)
        # the signs stand beside the pictograms, one per row of them, as on the door
        symbols = QHBoxLayout()
        symbols.addWidget(pictograms, 3)
        symbols.addWidget(signs, 1)
        columns.addLayout(symbols, 2, 0, 1, 2)
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{html.escape(tr('Room card'))}</b> — "
                       + html.escape(" ".join(p for p in (room.label, room.name) if p)))
        layout.addWidget(title)
        # In a scroll area that is as big as the form where the screen allows, so on a
        # 1024×640 laptop the Save button stays on the screen and the form scrolls.
        form = QWidget()
        form.setLayout(columns)
        columns.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidget(form)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # start in the first field
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._numbers = {
            "gas_max_litres": (self.gas_max_litres, tr("Max litres (pressurised gas)")),
            "gas_max_cylinders": (self.gas_max_cylinders, tr("Max cylinders")),
            "flammable_cat1_max_litres": (self.flammable_cat1, tr("Category 1, max litres")),
            "flammable_cat2_max_litres": (self.flammable_cat2, tr("Category 2, max litres")),
        }
        self._fitted = False

    def fit_to_screen(self, available_height: int | None = None) -> None:
        """The scroll area shows the whole form unless the screen is too low for it."""
        form = self.scroll.widget()
        if form is None:
            return
        want = form.sizeHint()
        if available_height is None:
            screen = self.screen() or QGuiApplication.primaryScreen()
            available_height = screen.availableGeometry().height() if screen else 10_000
        chrome = 150  # title line, buttons, margins, the window frame
        height = min(want.height(), max(available_height - chrome, 240))
        self.scroll.setMinimumSize(want.width() + self.scroll.verticalScrollBar().sizeHint()
                                   .width() * (height < want.height()), height)
        self.adjustSize()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:
            self._fitted = True
            self.fit_to_screen()
        super().showEvent(event)

    @staticmethod
    def _number(value: float | int | None) -> QLineEdit:
        edit = QLineEdit()
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.setMaximumWidth(120)
        if value is not None:
            edit.setText(format_number(value))
        return edit

    def show_error(self, message: str, widget: QWidget | None = None) -> None:
        self.error.show_error(message, widget)

    def card_from_fields(self) -> RoomCard:
        values: dict[str, float | int | None] = {}
        for name, (edit, label) in self._numbers.items():
            try:
                number = parse_decimal(edit.text())
            except ValueError:
                raise ValidationError("room_card_form.not_number", name, field=label,
                                      text=edit.text().strip()) from None
            if number is not None and number < 0:
                raise ValidationError("room_card_form.negative", name, field=label)
            if name == "gas_max_cylinders" and number is not None:
                if not number.is_integer():
                    raise ValidationError("room_card_form.not_whole", name, field=label)
                number = int(number)
            values[name] = number
        return RoomCard(
            activity_type=self.activity_type.text().strip(),
            special_hazards=self.special_hazards.toPlainText().strip(),
            unsafe_after_incident=self.unsafe_after_incident.toPlainText().strip(),
            gas_max_litres=values["gas_max_litres"],
            gas_max_cylinders=values["gas_max_cylinders"],  # type: ignore[arg-type]
            central_gas_supply=self.central_gas_supply.isChecked(),
            flammable_cat1_max_litres=values["flammable_cat1_max_litres"],
            flammable_cat2_max_litres=values["flammable_cat2_max_litres"],
            toxic_liquids=self.toxic_liquids.text().strip(),
            gas_alarm=self.gas_alarm.isChecked(),
            shared_with_other_org=self.shared.isChecked(),
            coordination_agreement=(self.coordination_agreement.text().strip()
                                    if self.shared.isChecked() else ""),
            alert_needs=self.alert_needs.toPlainText().strip(),
            other_info=self.other_info.toPlainText().strip(),
            pictograms=tuple(code for code, b in self.pictogram_buttons.items()
                             if b.isChecked()),
            warning_signs=tuple(sign for sign, b in self.sign_buttons.items()
                                if b.isChecked()),
        )

    def accept(self) -> None:
        with reported(self) as outcome:
            try:
                card = self.card_from_fields()
                self.ctx.services.room_cards.save(self.room.id or 0, card)
            except ValidationError as exc:
                field = self._numbers.get(exc.field)
                self.show_error(exc.message, field[0] if field else None)
                return
        if outcome:
            super().accept()
