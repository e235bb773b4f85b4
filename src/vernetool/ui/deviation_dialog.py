"""Record (or edit) a deviation: quick with the keyboard, consequence before cause.

Tab order: type (keys 1-4 or first letters) → title → description → when → where (type to
search 30,000 rooms) → unit (follows the room) → reporter (may be left out) → category →
subcategory → the injury (accidents only) → actual consequence → potential consequence →
probability → risk matrix → cause → immediate action. Ctrl+Enter saves; the
record is written in one transaction at once.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vernetool.context import AppContext
from vernetool.db import deviations as store
from vernetool.db.connection import transaction
from vernetool.db.units import list_units
from vernetool.domain.deviations import (
    Absence,
    Deviation,
    DeviationType,
    Injury,
    TriState,
)
from vernetool.domain.errors import ValidationError
from vernetool.domain.rounds import Finding
from vernetool.ui.i18n import language, tr
from vernetool.ui.labels import (
    absence_label,
    consequence_label,
    deviation_type_label,
    probability_label,
    risk_level_label,
    tristate_label,
)
from vernetool.ui.widgets.form_errors import FormError, accept_button, save_cancel_buttons
from vernetool.ui.widgets.person_picker import PersonPicker
from vernetool.ui.widgets.risk_matrix import RiskMatrixWidget, risk_colour
from vernetool.ui.widgets.room_picker import RoomPicker

log = logging.getLogger(__name__)

TYPE_ORDER = (DeviationType.IMPROVEMENT, DeviationType.HAZARD, DeviationType.NEAR_MISS,
              DeviationType.ACCIDENT)


def field_label(name: str) -> str:
    """The form's name for a field a ``ValidationError`` names."""
    labels = {
        "title": tr("Title"), "type": tr("Type"), "occurred_at": tr("When"),
        "reported_at": tr("Reported"), "room": tr("Where"), "unit": tr("Unit"),
        "reporter": tr("Reported by"), "category": tr("Category"),
        "actual_consequence": tr("Actual consequence"),
        "potential_consequence": tr("Potential consequence"),
        "probability": tr("Probability"), "injury": tr("Personal injury"),
        "closing_deadline": tr("Closing deadline"), "reason": tr("Reason"),
        "transferred_to": tr("Transferred to"), "note": tr("Note"),
        "closed_at": tr("Closed"), "description": tr("Description"),
        "responsible": tr("Responsible"), "status": tr("Status"),
        "attachment": tr("Attachment"), "hours_worked": tr("Hours worked"),
    }
    return labels.get(name, name)


def error_text(exc: ValidationError) -> str:
    return f"{field_label(exc.field)}: {exc.message}"


class TypeCombo(QComboBox):
    """The four deviation types; keys 1-4 choose directly, letters search as in any combo."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for number, kind in enumerate(TYPE_ORDER, start=1):
            self.addItem(deviation_type_label(kind), kind.value)
            self.setItemData(number - 1, tr("Key {n}").format(n=number),
                             Qt.ItemDataRole.ToolTipRole)
        self.setToolTip(tr("Keys 1-4 or the first letters choose the type"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if text in ("1", "2", "3", "4") and plain:
            self.setCurrentIndex(int(text) - 1)
            return
        super().keyPressEvent(event)

    def selected(self) -> DeviationType:
        return DeviationType(self.currentData())

    def set_selected(self, kind: DeviationType) -> None:
        self.setCurrentIndex(self.findData(kind.value))


class WhenEdit(QDateTimeEdit):
    """Date and time; Tab leaves the field (instead of walking its five sections), the
    arrow keys and typing change it."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def _scale_combo(label: object, none_text: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(none_text, None)
    for n in range(1, 6):
        combo.addItem(f"{n} – {label(n)}", n)  # type: ignore[operator]
    return combo


def _tristate_combo() -> QComboBox:
    combo = QComboBox()
    for state in (TriState.UNKNOWN, TriState.YES, TriState.NO):
        combo.addItem(tristate_label(state.value), state.value)
    return combo


def _text_edit(lines: int, placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


def _select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


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
        self.description = _text_edit(6, tr("What happened or what did you see?"))
        self.when = WhenEdit()
        self.when.setDisplayFormat("dd.MM.yyyy HH:mm" if lang == "nb" else "yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setDateTime(QDateTime(QDate(self.now.year, self.now.month, self.now.day),
                                        QTime(self.now.hour, self.now.minute)))
        self.room = RoomPicker(ctx)
        self.unit_combo = QComboBox()
        self.unit_combo.addItem(tr("— no unit —"), None)
        self._unit_codes: dict[str, int] = {}
        for unit in list_units(ctx.conn):
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
        self._categories = store.list_categories(ctx.conn)
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
        self.actual = _scale_combo(consequence_label, tr("— not assessed —"))
        self.potential = _scale_combo(consequence_label, tr("— not assessed —"))
        self.probability = _scale_combo(probability_label, tr("— not assessed —"))
        self.actual.setToolTip(tr("How serious the outcome for people actually was "
                                  "(1 insignificant … 5 catastrophic)"))
        self.potential.setToolTip(tr("How serious it could have been if things had been a "
                                     "little different; this is what the risk and the "
                                     "statistics use"))
        self.matrix = RiskMatrixWidget(store.get_risk_matrix(ctx.conn))
        self.matrix.setObjectName("riskMatrix")
        self.risk_label = QLabel()
        self.risk_label.setObjectName("riskLabel")
        self.risk_label.setWordWrap(True)
        self.risk_label.setMinimumWidth(150)
        matrix_row = QHBoxLayout()
        matrix_row.addWidget(self.matrix)
        matrix_row.addSpacing(8)
        matrix_row.addWidget(self.risk_label, 1, Qt.AlignmentFlag.AlignVCenter)
        risk = QGroupBox(tr("Consequence and risk"))
        risk_form = QFormLayout(risk)
        risk_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        risk_form.addRow(tr("&Actual consequence:"), self.actual)
        hint = QLabel(tr("Judge what could have happened, regardless of the actual outcome."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5a6472;")
        risk_form.addRow(hint)
        risk_form.addRow(tr("P&otential consequence:"), self.potential)
        risk_form.addRow(tr("Probabilit&y:"), self.probability)
        matrix_label = QLabel(tr("Risk &matrix:"))
        matrix_label.setBuddy(self.matrix)
        risk_form.addRow(matrix_label, matrix_row)

        self.immediate = _text_edit(2, tr("What was done at once?"))
        self.cause = _text_edit(2, tr("Why did it happen?"))
        # consequence first, then cause, then what was done (DESIGN.md)
        measures = QGroupBox(tr("Cause and immediate action"))
        measures_form = QFormLayout(measures)
        measures_form.addRow(tr("&Cause:"), self.cause)
        measures_form.addRow(tr("Immediate actio&n:"), self.immediate)

        # -- injury ----------------------------------------------------------------------------
        self.nav_reported = QCheckBox(tr("Reported to NAV as an occupational injury"))
        self.absence = QComboBox()
        for value in Absence:
            self.absence.addItem(absence_label(value.value), value.value)
        self.treatment = _tristate_combo()
        self.reassigned = _tristate_combo()
        self.fatality = QCheckBox(tr("Fatality"))
        self.injury_box = QGroupBox(tr("Personal injury"))
        self.injury_box.setObjectName("injuryBox")
        grid = QGridLayout(self.injury_box)
        grid.setHorizontalSpacing(12)
        grid.addWidget(self.nav_reported, 0, 0, 1, 2)
        for row, text, widget in ((1, tr("Absence from wor&k:"), self.absence),
                                  (2, tr("Medical tr&eatment:"), self.treatment),
                                  (3, tr("&Reassignment/reduced capacity:"), self.reassigned)):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1)
        grid.addWidget(self.fatality, 4, 0, 1, 2)
        note = QLabel(tr("Medical treatment and reassignment are needed for H2; "
                         "leave “Unknown” only when it is not known."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #5a6472;")
        grid.addWidget(note, 5, 0, 1, 2)
        grid.setColumnStretch(1, 1)

        self.source_label = QLabel()
        self.source_label.setStyleSheet("color: #5a6472;")
        self.source_label.setWordWrap(True)
        self.source_label.setTextFormat(Qt.TextFormat.PlainText)

        self.error = FormError()
        buttons = save_cancel_buttons(self, tr("Save deviation"))
        self.save_button = accept_button(buttons)
        self.save_button.setToolTip(tr("Save (Ctrl+Enter)"))
        for button in buttons.buttons():
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
        self.scroll = QScrollArea()
        self.scroll.setWidget(body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._body = body
        layout = QVBoxLayout(self)
        layout.addWidget(self.source_label)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.category.currentIndexChanged.connect(self._category_changed)
        self.room.room_changed.connect(self._room_changed)
        self.anonymous.toggled.connect(self._anonymous_toggled)
        self.potential.currentIndexChanged.connect(self._combos_to_matrix)
        self.probability.currentIndexChanged.connect(self._combos_to_matrix)
        self.matrix.value_changed.connect(self._matrix_to_combos)

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
        self._combos_to_matrix()
        self.type_combo.setFocus()
        self._fit_to_screen()
        self._initial = self._snapshot()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Tab or a mnemonic into a field below the fold scrolls it into view."""
        if new is not None and self._body.isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new, 8, 8)

    def _fit_to_screen(self) -> None:
        """As large as the form wants, but never larger than the screen it opens on."""
        body = self._body.sizeHint()
        extra = self.sizeHint() - self.scroll.sizeHint()
        width = max(body.width() + 24, 900) + extra.width()
        height = body.height() + extra.height() + 8
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width = min(width, screen.width() - 16)
            height = min(height, screen.height() - 48)  # room for the title bar
        self.resize(width, height)

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
        _select_data(self.unit_combo, dev.unit_id)
        if dev.id is not None and not dev.reporter:
            self.anonymous.setChecked(True)
        elif dev.reporter:
            self.reporter.setText(dev.reporter)
        _select_data(self.category, dev.category)
        self._category_changed()
        _select_data(self.subcategory, dev.subcategory)
        _select_data(self.actual, dev.actual_consequence)
        _select_data(self.potential, dev.potential_consequence)
        _select_data(self.probability, dev.probability)
        self.immediate.setPlainText(dev.immediate_action)
        self.cause.setPlainText(dev.cause)
        if dev.injury is not None:
            i = dev.injury
            self.nav_reported.setChecked(i.nav_reported)
            _select_data(self.absence, i.absence.value)
            _select_data(self.treatment, i.medical_treatment.value)
            _select_data(self.reassigned, i.reassigned.value)
            self.fatality.setChecked(i.fatality)
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
            _select_data(self.unit_combo, self._unit_codes[room.unit_code])

    def _anonymous_toggled(self, checked: bool) -> None:
        if checked:
            self.reporter.clear()
        self.reporter.setEnabled(not checked)

    def _combos_to_matrix(self) -> None:
        self.matrix.set_value(self.potential.currentData(), self.probability.currentData())
        self._show_risk()

    def _matrix_to_combos(self, severity: int | None, probability: int | None) -> None:
        for combo, value in ((self.potential, severity), (self.probability, probability)):
            combo.blockSignals(True)
            _select_data(combo, value)
            combo.blockSignals(False)
        self._show_risk()

    def _show_risk(self) -> None:
        s, p = self.matrix.value()
        level = self.matrix.level()
        if level is None:
            self.risk_label.setText(tr("Choose the potential consequence and the probability, "
                                       "or click a cell."))
            self.risk_label.setStyleSheet("color: #5a6472;")
            return
        self.risk_label.setText(tr("Risk {score}: {level}").format(
            score=(s or 0) * (p or 0), level=risk_level_label(level)))
        text_colour = "#ffffff" if level == "red" else "#1f2933"
        self.risk_label.setStyleSheet(
            f"background: {risk_colour(level)}; color: {text_colour}; border-radius: 4px; "
            "padding: 4px 8px; font-weight: bold;")

    # -- saving ----------------------------------------------------------------------------
    def show_error(self, message: str, widget: QWidget | None = None) -> None:
        self.error.show_error(message, widget)

    def occurred_at(self) -> dt.datetime:
        value = self.when.dateTime()
        d, t = value.date(), value.time()
        return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())

    def build(self) -> Deviation | None:
        """The deviation the form describes, or ``None`` after showing what is wrong."""
        title = self.title_edit.text().strip()
        if not title:
            self.show_error(tr("Title: write a short title."), self.title_edit)
            return None
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
            injury = Injury(self.nav_reported.isChecked(), Absence(self.absence.currentData()),
                            TriState(self.treatment.currentData()),
                            TriState(self.reassigned.currentData()), self.fatality.isChecked())
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
            return Deviation(reported_at=reported, **fields)  # type: ignore[arg-type]
        return replace(base, reported_at=reported, **fields)  # type: ignore[arg-type]

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

    def accept(self) -> None:
        dev = self.build()
        if dev is None:
            return
        conn = self.ctx.conn
        try:
            if dev.id is None:
                with transaction(conn):
                    self.deviation_id = store.create_deviation(conn, dev, actor=self.ctx.actor)
                    if dev.source_finding_id is not None:
                        from vernetool.db.findings import link_deviation

                        link_deviation(conn, dev.source_finding_id, self.deviation_id)
            else:
                store.update_deviation(conn, dev, actor=self.ctx.actor)
        except ValidationError as exc:
            self.deviation_id = self.original.id if self.original else None
            self.show_error(error_text(exc))
            return
        except sqlite3.Error as exc:
            self.deviation_id = self.original.id if self.original else None
            log.exception("saving the deviation failed")
            self.show_error(tr("The deviation could not be saved: {error}").format(error=exc))
            return
        super().accept()


# -- from a round finding ------------------------------------------------------------------------
def deviation_from_finding(ctx: AppContext, finding: Finding,
                           today: dt.date | None = None) -> Deviation:
    """A new hazard deviation prefilled from a saved round finding (linked on save)."""
    from vernetool.db.rooms import get_room

    first_line = (finding.description.strip().splitlines() or [""])[0]
    title = (first_line or finding.item_text or tr("Finding")).strip()
    if len(title) > 120:
        title = title[:119].rstrip() + "…"
    parts = [finding.description.strip()]
    if finding.action.strip():
        parts.append(tr("Proposed action: {action}").format(action=finding.action.strip()))
    unit_id = None
    room = get_room(ctx.conn, finding.room_id) if finding.room_id is not None else None
    if room is not None and room.unit_code:
        unit_id = next((u.id for u in list_units(ctx.conn) if u.code == room.unit_code), None)
    return Deviation(DeviationType.HAZARD, title, today or dt.date.today(),
                     "\n\n".join(p for p in parts if p), room_id=finding.room_id,
                     unit_id=unit_id, source_finding_id=finding.id)


class FindingDeviationLink(QPushButton):
    """The finding dialog's "Make deviation…" button, or "Deviation N…" once linked."""

    def __init__(self, ctx: AppContext, finding: Finding, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.finding = finding
        self.setObjectName("makeDeviation")
        self.setAutoDefault(False)
        self.dialog: DeviationDialog | None = None
        self.clicked.connect(self.open)
        self._update()

    def _update(self) -> None:
        if self.finding.deviation_id is None:
            self.setText(tr("Make &deviation…"))
            self.setToolTip(tr("Record a deviation from this finding, linked both ways"))
        else:
            self.setText(tr("Deviation {id}").format(id=self.finding.deviation_id) + " …")
            self.setToolTip(tr("Edit deviation"))

    def open(self) -> None:
        if self.finding.deviation_id is not None:
            dev = store.get_deviation(self.ctx.conn, self.finding.deviation_id)
        else:
            dev = deviation_from_finding(self.ctx, self.finding)
        dialog = DeviationDialog(self.ctx, dev, self.window())
        self.dialog = dialog
        if dialog.exec() and dialog.deviation_id is not None:
            self.finding.deviation_id = dialog.deviation_id
            self._update()
