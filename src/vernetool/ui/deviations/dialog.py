"""Record (or edit) a deviation: quick with the keyboard, consequence before cause.

Tab order: type (keys 1-4 or first letters) → title → description → when → where (type to
search 30,000 rooms) → unit (follows the room) → reporter (may be left out) → category →
subcategory → the injury (accidents only) → actual consequence → potential consequence →
probability → risk matrix → cause → immediate action. Ctrl+Enter saves; the
record is written in one transaction at once (``services.deviations.save``).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import QDate, QDateTime, QSize, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.domain.deviations.rules import Deviation, DeviationType
from vernetool.domain.errors import ValidationError
from vernetool.i18n import language, tr
from vernetool.ui.common.error_reporting import reported
from vernetool.ui.common.form_errors import FormError, accept_button, save_cancel_buttons
from vernetool.ui.common.person_picker import PersonPicker
from vernetool.ui.common.room_picker import RoomPicker
from vernetool.ui.common.screen_fit import fitting_size
from vernetool.ui.deviations.form_widgets import (
    TypeCombo,
    WhenEdit,
    error_text,
    select_data,
    text_edit,
)
from vernetool.ui.deviations.injury_section import InjurySection
from vernetool.ui.deviations.risk_section import RiskSection
from vernetool.ui.shell.theme import MUTED

log = logging.getLogger(__name__)

class DeviationDialog(QDialog):
    """New deviation (``deviation`` None, or a prefilled one without id) or edit one.

    After ``accept`` ``deviation_id`` is the saved record. A prefilled deviation with
    ``source_finding_id`` is linked back to that round finding in the same transaction.
    """

    def __init__(self, ctx: AppContext, deviation: Deviation | None = None,
                 parent: QWidget | None = None, *, now: dt.datetime | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.now = (now or dt.datetime.now()).replace(second=0, microsecond=0)
        self.original = deviation
        self.deviation_id: int | None = deviation.id if deviation else None
        new = self.deviation_id is None
        self.setWindowTitle(tr("Record deviation") if new else tr("Edit deviation"))
        self.setObjectName("deviationDialog")
        lang = language()

        # -- what happened -----------------------------------------------------------------
        self.type_combo = TypeCombo()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(tr("Short title, e.g. “Blocked escape route 2nd floor”"))
        self.title_edit.setMaxLength(300)
        self.description = text_edit(6, tr("What happened or what did you see?"))
        self.when = WhenEdit()
        self.when.setDisplayFormat("dd.MM.yyyy HH:mm" if lang == "nb" else "yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setDateTime(QDateTime(QDate(self.now.year, self.now.month, self.now.day),
                                        QTime(self.now.hour, self.now.minute)))
        self.room = RoomPicker(ctx)
        self.unit_combo = QComboBox()
        self.unit_combo.addItem(tr("— no unit —"), None)
        self._unit_codes: dict[str, int] = {}
        for unit in ctx.services.deviations.units():
            text = f"{unit.code} – {unit.name}" if unit.name else unit.code
            self.unit_combo.addItem(text, unit.id)
            if unit.id is not None:
                self._unit_codes[unit.code] = unit.id
        self.reporter = PersonPicker(ctx)
        self.reporter.setPlaceholderText(tr("Name (optional)"))
        self.anonymous = QCheckBox(tr("Leave out"))
        self.anonymous.setToolTip(tr("Record the deviation without the reporter's name"))
        reporter_row = QHBoxLayout()
        reporter_row.setContentsMargins(0, 0, 0, 0)
        reporter_row.addWidget(self.reporter, 1)
        reporter_row.addWidget(self.anonymous)
        self.category = QComboBox()
        self.subcategory = QComboBox()
        for combo in (self.unit_combo, self.category, self.subcategory):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(24)
        self._categories = ctx.services.deviation_settings.categories()
        self.category.addItem(tr("— not categorised —"), "")
        for cat in self._categories:
            self.category.addItem(cat.label(lang), cat.name)

        what = QGroupBox(tr("What happened"))
        form = QFormLayout(what)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("&Type:"), self.type_combo)
        form.addRow(tr("T&itle:"), self.title_edit)
        form.addRow(tr("&Description:"), self.description)
        form.addRow(tr("&When:"), self.when)
        form.addRow(tr("W&here:"), self.room)
        form.addRow(tr("&Unit:"), self.unit_combo)
        reporter_label = QLabel(tr("Re&ported by:"))
        reporter_label.setBuddy(self.reporter)
        form.addRow(reporter_label, reporter_row)
        form.addRow(tr("Cate&gory:"), self.category)
        form.addRow(tr("Su&bcategory:"), self.subcategory)

        # -- consequence and risk ------------------------------------------------------------
        risk = RiskSection(ctx.services.deviation_settings.risk_matrix())
        self.actual, self.potential = risk.actual, risk.potential
        self.probability, self.matrix = risk.probability, risk.matrix
        self.risk_label = risk.risk_label

        self.immediate = text_edit(2, tr("What was done at once?"))
        self.cause = text_edit(2, tr("Why did it happen?"))
        # consequence first, then cause, then what was done (DESIGN.md)
        measures = QGroupBox(tr("Cause and immediate action"))
        measures_form = QFormLayout(measures)
        measures_form.addRow(tr("&Cause:"), self.cause)
        measures_form.addRow(tr("Immediate actio&n:"), self.immediate)

        # -- injury ----------------------------------------------------------------------------
        self.injury_box = InjurySection()
        self.nav_reported, self.absence = self.injury_box.nav_reported, self.injury_box.absence
        self.treatment, self.reassigned = self.injury_box.treatment, self.injury_box.reassigned
        self.fatality = self.injury_box.fatality

        self.source_label = QLabel()
        self.source_label.setStyleSheet(f"color: {MUTED};")
        self.source_label.setWordWrap(True)
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)

        self.error = FormError()
        buttons = save_cancel_buttons(self, tr("Save deviation"))
        self.save_button = accept_button(buttons)
        self.save_button.setToolTip(tr("Save (Ctrl+Enter)"))
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)  # Enter in a field must not save half a record
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

        left = QVBoxLayout()
        left.addWidget(what)
        left.addWidget(self.injury_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(risk)
        right.addWidget(measures)
        right.addStretch(1)
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 11)
        columns.addSpacing(6)
        columns.addLayout(right, 10)
        # on a small laptop screen the form scrolls; the buttons and the error stay in view
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidget(body)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._body = body
        layout = QVBoxLayout(self)
        layout.addWidget(self.source_label)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.category.currentIndexChanged.connect(self._category_changed)
        self.room.room_changed.connect(self._room_changed)
        self.anonymous.toggled.connect(self._anonymous_toggled)

        order = [self.type_combo, self.title_edit, self.description, self.when, self.room,
                 self.unit_combo, self.reporter, self.anonymous, self.category,
                 self.subcategory, self.nav_reported, self.absence, self.treatment,
                 self.reassigned, self.fatality, self.actual, self.potential, self.probability,
                 self.matrix, self.cause, self.immediate, self.save_button]
        for first, second in pairwise(order):
            self.setTabOrder(first, second)

        self._category_changed()
        self.type_combo.set_selected(DeviationType.HAZARD)  # the most common report
        if deviation is not None:
            self._load(deviation)
        self._type_changed()
        risk.combos_to_matrix()
        self.type_combo.setFocus()
        self._fit_to_screen()
        self._initial = self._snapshot()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Tab or a mnemonic into a field below the fold scrolls it into view."""
        if new is not None and self._body.isAncestorOf(new):
            self.scroll_area.ensureWidgetVisible(new, 8, 8)

    def _fit_to_screen(self) -> None:
        """As large as the form wants, but never larger than the screen it opens on."""
        body = self._body.sizeHint()
        extra = self.sizeHint() - self.scroll_area.sizeHint()
        width = max(body.width() + 24, 900) + extra.width()
        height = body.height() + extra.height() + 8
        self.resize(fitting_size(self, QSize(width, height)))  # frame and title bar included

    # -- loading ---------------------------------------------------------------------------
    def _load(self, dev: Deviation) -> None:
        self.type_combo.set_selected(dev.type)
        self.title_edit.setText(dev.title)
        self.title_edit.setCursorPosition(0)
        self.description.setPlainText(dev.description)
        if dev.occurred_at is not None:
            o = dev.occurred_at
            self.when.setDateTime(QDateTime(QDate(o.year, o.month, o.day),
                                            QTime(o.hour, o.minute)))
        if dev.room_id is not None:
            self.room.set_room_id(dev.room_id)
        elif dev.room_text:
            self.room.setText(dev.room_text)
        select_data(self.unit_combo, dev.unit_id)
        if dev.id is not None and not dev.reporter:
            self.anonymous.setChecked(True)
        elif dev.reporter:
            self.reporter.setText(dev.reporter)
        select_data(self.category, dev.category)
        self._category_changed()
        select_data(self.subcategory, dev.subcategory)
        select_data(self.actual, dev.actual_consequence)
        select_data(self.potential, dev.potential_consequence)
        select_data(self.probability, dev.probability)
        self.immediate.setPlainText(dev.immediate_action)
        self.cause.setPlainText(dev.cause)
        if dev.injury is not None:
            self.injury_box.load(dev.injury)
        if dev.source_finding_id is not None:
            self.source_label.setText(tr("From HSE round finding no. {id}").format(
                id=dev.source_finding_id))

    # -- reactions ---------------------------------------------------------------------------
    def _type_changed(self) -> None:
        self.injury_box.setVisible(self.type_combo.selected() is DeviationType.ACCIDENT)
        self.source_label.setVisible(bool(self.source_label.text()))
        if self.isVisible():
            self._fit_to_screen()

    def _category_changed(self) -> None:
        name = self.category.currentData()
        self.subcategory.clear()
        self.subcategory.addItem(tr("— none —"), "")
        for cat in self._categories:
            if cat.name == name:
                for sub in cat.subcategories:
                    self.subcategory.addItem(sub.label(language()), sub.name)
        self.subcategory.setEnabled(self.subcategory.count() > 1)

    def _room_changed(self) -> None:
        room = self.room.room()
        if room is not None and room.unit_code in self._unit_codes:
            select_data(self.unit_combo, self._unit_codes[room.unit_code])

    def _anonymous_toggled(self, checked: bool) -> None:
        if checked:
            self.reporter.clear()
        self.reporter.setEnabled(not checked)

    # -- saving ----------------------------------------------------------------------------
    def show_error(self, message: str, widget: QWidget | None = None) -> None:
        self.error.show_error(message, widget)

    def occurred_at(self) -> dt.datetime:
        value = self.when.dateTime()
        d, t = value.date(), value.time()
        return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())

    def build(self) -> Deviation | None:
        """The deviation the form describes, or ``None`` after showing what is wrong (the
        rules of a deviation itself are checked once, by the service that saves it)."""
        title = self.title_edit.text().strip()
        occurred = self.occurred_at()
        base = self.original
        reported = base.reported_at if base is not None and base.id is not None \
            else self.now.date()
        if occurred > max(self.now, dt.datetime.combine(reported, dt.time(23, 59))):
            self.show_error(tr("When: the time lies in the future."), self.when)
            return None
        self.room.resolve()
        room = self.room.room()
        kind = self.type_combo.selected()
        injury = None
        if kind is DeviationType.ACCIDENT:
            injury = self.injury_box.injury()
        reporter = None if self.anonymous.isChecked() else (self.reporter.name() or None)
        fields = {
            "type": kind, "title": title, "description": self.description.toPlainText().strip(),
            "occurred_at": occurred, "room_id": room.id if room else None,
            "room_text": self.room.free_text(), "unit_id": self.unit_combo.currentData(),
            "reporter": reporter, "category": self.category.currentData() or "",
            "subcategory": self.subcategory.currentData() or "",
            "actual_consequence": self.actual.currentData(),
            "potential_consequence": self.potential.currentData(),
            "probability": self.probability.currentData(),
            "immediate_action": self.immediate.toPlainText().strip(),
            "cause": self.cause.toPlainText().strip(), "injury": injury,
        }
        if base is None:
            return Deviation(reported_at=reported, **fields)
        return replace(base, reported_at=reported, **fields)

    def _snapshot(self) -> tuple[object, ...]:
        return (self.type_combo.currentIndex(), self.title_edit.text(),
                self.description.toPlainText(), self.room.text(), self.reporter.text(),
                self.category.currentIndex(), self.subcategory.currentIndex(),
                self.actual.currentIndex(), self.potential.currentIndex(),
                self.probability.currentIndex(), self.immediate.toPlainText(),
                self.cause.toPlainText(), self.absence.currentIndex(),
                self.nav_reported.isChecked(), self.fatality.isChecked())

    def reject(self) -> None:
        """Esc or Cancel: a form with typed text is not thrown away without asking."""
        if self._snapshot() != self._initial and self.isVisible():
            box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(),
                              tr("Discard what you have written?"), parent=self)
            discard = box.addButton(tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
            keep = box.addButton(tr("&Keep writing"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(keep)
            box.setEscapeButton(keep)
            box.exec()
            if box.clickedButton() is not discard:
                return
        super().reject()

    def field_widget(self, field: str) -> QWidget | None:
        """The widget to put the cursor in for an error about ``field``."""
        widgets: dict[str, QWidget] = {
            "title": self.title_edit, "type": self.type_combo, "occurred_at": self.when,
            "room": self.room, "unit": self.unit_combo, "reporter": self.reporter,
            "category": self.category, "actual_consequence": self.actual,
            "potential_consequence": self.potential, "probability": self.probability,
            "injury": self.absence, "description": self.description,
        }
        return widgets.get(field)

    def accept(self) -> None:
        dev = self.build()
        if dev is None:
            return
        with reported(self) as outcome:
            try:
                self.deviation_id = self.ctx.services.deviations.save(dev)
            except ValidationError as exc:
                self.show_error(error_text(exc), self.field_widget(exc.field))
                return
        if outcome:
            super().accept()
