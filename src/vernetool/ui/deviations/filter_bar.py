"""The deviations area's filter bar: search, room, status, type, category, consequence,
unit, dates and "only overdue", and the status chips with their counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.deviations.rules import DeviationStatus, DeviationType
from vernetool.i18n import language, tr
from vernetool.services.deviations.queries import DeviationFilter
from vernetool.ui.common.flow_layout import FlowLayout
from vernetool.ui.common.labels import (
    consequence_label,
    date_display_format,
    deviation_status_label,
    deviation_type_label,
    format_count,
)
from vernetool.ui.common.room_picker import RoomPicker
from vernetool.ui.deviations.detail import status_badge_style
from vernetool.ui.deviations.form_widgets import TYPE_ORDER
from vernetool.ui.shell.theme import (
    OVERDUE_CHIP_BACKGROUND,
    OVERDUE_CHIP_BORDER,
    OVERDUE_RED,
    TEXT,
)

STATUS_ORDER = (DeviationStatus.REGISTERED, DeviationStatus.ACCEPTED,
                DeviationStatus.IN_PROGRESS, DeviationStatus.CLOSED, DeviationStatus.REJECTED,
                DeviationStatus.TRANSFERRED)
NO_DATE = QDate(2000, 1, 1)


def _date_filter(placeholder: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_display_format())
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(placeholder)
    edit.setDate(NO_DATE)
    edit.setMinimumWidth(110)
    return edit


def _date_value(edit: QDateEdit) -> dt.date | None:
    d = edit.date()
    if d == NO_DATE:
        return None
    return dt.date(d.year(), d.month(), d.day())


class DeviationFilterBar:
    """The filter widgets and the chips; the view lays them out (``filters``, ``chips``)
    and re-queries on ``connect_changes``."""

    def __init__(self, ctx: AppContext) -> None:
        self.services = ctx.services
        self.search = QLineEdit()
        self.search.setObjectName("deviationSearch")
        self.search.setPlaceholderText(tr("Search title, description, cause … (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.addItem(tr("All statuses"), None)
        self.status_combo.addItem(tr("Open (not finished)"), "open")
        for status in STATUS_ORDER:
            self.status_combo.addItem(deviation_status_label(status), status.value)
        self.type_combo = QComboBox()
        self.type_combo.addItem(tr("All types"), None)
        for kind in TYPE_ORDER:
            self.type_combo.addItem(deviation_type_label(kind), kind.value)
        self.category_combo = QComboBox()
        self.severity_combo = QComboBox()
        self.severity_combo.addItem(tr("Any consequence"), None)
        self.severity_combo.addItem(tr("Very serious or worse (4–5)"), "min4")
        for n in range(1, 6):
            self.severity_combo.addItem(f"{n} – {consequence_label(n)}", n)
        self.unit_combo = QComboBox()
        self.load_choices()
        self.room_filter = RoomPicker(ctx)
        self.room_filter.setObjectName("roomFilter")
        self.room_filter.setPlaceholderText(tr("Room, e.g. GLØS:101"))
        self.room_filter.setFixedWidth(200)
        self.date_from = _date_filter(tr("From"))
        self.date_to = _date_filter(tr("To"))
        self.overdue_check = QCheckBox(tr("Only o&verdue"))
        self.clear_button = QPushButton(tr("Clear filters"))

    def load_choices(self) -> None:
        """(Re)fill the category and unit choices, keeping what is chosen, without a signal
        (categories and units may change while the area is open)."""
        category, unit = self.category_combo.currentData(), self.unit_combo.currentData()
        for combo in (self.category_combo, self.unit_combo):
            combo.blockSignals(True)
            combo.clear()
        self.category_combo.addItem(tr("All categories"), None)
        self.category_combo.addItem(tr("Not categorised"), "")
        for cat in self.services.deviation_settings.categories(include_inactive=True):
            self.category_combo.addItem(cat.label(language()), cat.name)
        self.unit_combo.addItem(tr("All units"), None)
        for unit in self.services.deviations.units():
            self.unit_combo.addItem(unit.code, unit.id)
            self.unit_combo.setItemData(self.unit_combo.count() - 1, unit.name,
                                        Qt.ItemDataRole.ToolTipRole)
        for combo, chosen in ((self.category_combo, category), (self.unit_combo, unit)):
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)

    def combos(self) -> tuple[QComboBox, ...]:
        return (self.status_combo, self.type_combo, self.category_combo, self.severity_combo,
                self.unit_combo)

    def build_filters(self) -> FlowLayout:
        """The filters wrap onto a second line on a small laptop instead of widening the
        window."""
        filters = FlowLayout()
        for combo in self.combos():
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMaximumWidth(210)
            filters.addWidget(combo)
        dates = QWidget()
        dates_row = QHBoxLayout(dates)
        dates_row.setContentsMargins(0, 0, 0, 0)
        dates_row.addWidget(QLabel(tr("Reported:")))
        dates_row.addWidget(self.date_from)
        dates_row.addWidget(QLabel("–"))
        dates_row.addWidget(self.date_to)
        dates_row.addSpacing(6)
        dates_row.addWidget(self.overdue_check)
        dates_row.addSpacing(6)
        dates_row.addWidget(self.clear_button)
        filters.addWidget(dates)
        return filters

    def build_chips(self) -> QHBoxLayout:
        """One chip per status and one for overdue; a click filters by it."""
        self.chips = QHBoxLayout()
        self.chips.setSpacing(6)
        self.chip_buttons: dict[str, QPushButton] = {}
        for key in [s.value for s in STATUS_ORDER] + ["overdue"]:
            chip = QPushButton()
            chip.setObjectName(f"chip_{key}")
            chip.setFlat(True)
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.clicked.connect(lambda _=False, k=key: self._chip_clicked(k))
            self.chips.addWidget(chip)
            self.chip_buttons[key] = chip
        self.chips.addStretch(1)
        return self.chips

    def connect_changes(self, slot: Callable[[], None]) -> None:
        """Every filter but the search box (which waits for a pause in typing)."""
        for combo in self.combos():
            combo.currentIndexChanged.connect(slot)
        self.room_filter.room_changed.connect(slot)
        self.room_filter.textChanged.connect(lambda text: slot() if not text else None)
        self.date_from.dateChanged.connect(slot)
        self.date_to.dateChanged.connect(slot)
        self.overdue_check.toggled.connect(slot)

    def current_filter(self) -> DeviationFilter:
        status = self.status_combo.currentData()
        kind = self.type_combo.currentData()
        severity = self.severity_combo.currentData()
        room = self.room_filter.room()
        return DeviationFilter(
            statuses=(DeviationStatus(status),) if status not in (None, "open") else (),
            open_only=status == "open",
            types=(DeviationType(kind),) if kind else (),
            category=self.category_combo.currentData(),
            severities=(severity,) if isinstance(severity, int) else (),
            min_severity=4 if severity == "min4" else None,
            room_id=room.id if room else None,
            unit_id=self.unit_combo.currentData(),
            date_from=_date_value(self.date_from), date_to=_date_value(self.date_to),
            text=self.search.text(), overdue_only=self.overdue_check.isChecked())

    def reset(self) -> None:
        """Every filter back to "all", without a signal (the view re-queries once)."""
        widgets = (*self.combos(), self.room_filter, self.date_from, self.date_to,
                   self.overdue_check, self.search)
        for widget in widgets:
            widget.blockSignals(True)
        for combo in self.combos():
            combo.setCurrentIndex(0)
        self.room_filter.set_room(None)
        self.date_from.setDate(NO_DATE)
        self.date_to.setDate(NO_DATE)
        self.overdue_check.setChecked(False)
        self.search.clear()
        for widget in widgets:
            widget.blockSignals(False)

    def update_chips(self, counts: dict[str, int]) -> None:
        chosen = self.status_combo.currentData()
        for key, chip in self.chip_buttons.items():
            n = counts.get(key, 0)
            active = key == chosen or (key == "overdue" and self.overdue_check.isChecked())
            if key == "overdue":
                chip.setText(tr("Overdue {n}").format(n=format_count(n)))
                border = OVERDUE_RED if active else OVERDUE_CHIP_BORDER
                style = (f"QPushButton {{ background: {OVERDUE_CHIP_BACKGROUND}; "
                         f"color: {OVERDUE_RED}; border-radius: 10px; padding: 3px 10px; "
                         f"font-weight: bold; border: 1px solid {border}; }}")
                chip.setStyleSheet(style)
                chip.setToolTip(tr("Show only overdue deviations"))
            else:
                chip.setText(f"{deviation_status_label(key)} {format_count(n)}")
                base = status_badge_style(key).replace("border-radius: 9px", "border-radius: 10px")
                border = f"1px solid {TEXT}" if active else "1px solid transparent"
                chip.setStyleSheet(f"QPushButton {{ {base} padding: 3px 10px; "
                                   f"font-weight: normal; border: {border}; }}")
                chip.setToolTip(tr("Show only this status"))

    def _chip_clicked(self, key: str) -> None:
        if key == "overdue":
            self.overdue_check.toggle()
            return
        index = self.status_combo.findData(key)
        self.status_combo.setCurrentIndex(0 if self.status_combo.currentIndex() == index
                                          else index)
