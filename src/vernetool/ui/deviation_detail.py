"""The detail panel of the deviations area: every field, the injury, the risk cell, the
measures with their notes, the status history and the attachments (thumbnails)."""

from __future__ import annotations

import datetime as dt
import html
import math
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImageReader, QPixmap, QResizeEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vernetool.db.deviations import Attachment, StatusHistoryEntry
from vernetool.domain.deviations import (
    Action,
    ActionStatus,
    Deviation,
    DeviationStatus,
    DeviationType,
    RiskMatrix,
)
from vernetool.ui.i18n import tr
from vernetool.ui.labels import (
    absence_label,
    action_status_label,
    consequence_label,
    deviation_status_label,
    deviation_type_label,
    format_date,
    probability_label,
    risk_level_label,
    tristate_label,
)
from vernetool.ui.models.deviations_table_model import plain_tooltip
from vernetool.ui.widgets.list_detail import (
    MUTED,
    FieldGrid,
    detail_title,
    muted_label,
    plain_label,
    section_title,
)
from vernetool.ui.widgets.risk_matrix import RiskMatrixWidget, risk_colour

THUMB = 96
OVERDUE_RED = "#b42318"
STATUS_COLOURS = {
    "registered": ("#e8eef7", "#1f3b63"), "accepted": ("#fff4d6", "#6b4e00"),
    "in_progress": ("#e3f0ff", "#0b4a8b"), "closed": ("#e4f4e6", "#1e5a24"),
    "rejected": ("#f1f1f1", "#4a4a4a"), "transferred": ("#efe8fb", "#4b2a83"),
}


def thumbnail(path: Path, size: int = THUMB) -> QPixmap:
    """A small picture of a photo, decoded at thumbnail size (phone photos are large)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # respect the camera's orientation
    original = reader.size()
    if original.isValid() and (original.width() > size or original.height() > size):
        reader.setScaledSize(original.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return QPixmap.fromImage(image) if not image.isNull() else QPixmap()


def status_badge_style(status: str) -> str:
    background, colour = STATUS_COLOURS.get(status, ("#eeeeee", "#333333"))
    return (f"background: {background}; color: {colour}; border-radius: 9px; "
            "padding: 2px 10px; font-weight: bold;")


def history_detail_text(entry: StatusHistoryEntry) -> str:
    """What a status change carried, in the user's language, then the user's own note."""
    parts: list[str] = []
    if entry.source == "import":
        parts.append(tr("Imported from a file"))
    elif entry.source == "measure":
        parts.append(tr("Measure added"))
    elif entry.source == "finding" and entry.finding_id is not None:
        parts.append(tr("From HSE round finding no. {id}").format(id=entry.finding_id))
    if entry.closing_deadline is not None and entry.to_status is DeviationStatus.ACCEPTED:
        parts.append(tr("Closing deadline {date}").format(
            date=format_date(entry.closing_deadline)))
    if entry.reason:
        parts.append(tr("Reason: {reason}").format(reason=entry.reason))
    if entry.transferred_to:
        parts.append(tr("To: {to}").format(to=entry.transferred_to))
    if entry.note:
        parts.append(entry.note)
    return " · ".join(parts)


def timestamp_text(value: str) -> str:
    """An ISO UTC timestamp from the store as local date and time."""
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{format_date(moment.date())} {moment:%H:%M}"


class _Cell:
    """One value of a ``RichFields`` block (the label-like ``setText``/``setStyleSheet``)."""

    def __init__(self, owner: RichFields, key: str) -> None:
        self.owner = owner
        self.key = key
        self.text_value = ""
        self.style = ""

    def setText(self, text: str) -> None:
        self.text_value = text
        self.owner.render()

    def setStyleSheet(self, style: str) -> None:
        self.style = style
        self.owner.render()

    def text(self) -> str:
        return self.text_value


class RichFields(QLabel):
    """Label/value rows drawn as one wrapped rich-text table: long values wrap and the block
    always gets the height it needs. User text is escaped (``<b>`` shows as typed)."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rows = rows
        self.cells = {key: _Cell(self, key) for key, _label in rows}

    def render(self) -> None:
        lines = []
        for key, label in self.rows:
            cell = self.cells[key]
            value = html.escape(cell.text_value).replace("\n", "<br>")
            style = cell.style.replace('"', "'")
            lines.append(f"<tr><td style='color: #5a6472'>{html.escape(label)}&nbsp;&nbsp;"
                         f"</td><td style=\"{style}\">{value}</td></tr>")
        self.setText(f"<table cellspacing='0' cellpadding='1'>{''.join(lines)}</table>")
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        # QLabel's height-for-width underestimates wrapped table rows; measure the document
        # at the real width so the scroll area never squeezes the rows together.
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setDocumentMargin(0)
        document.setHtml(self.text())
        document.setTextWidth(max(self.contentsRect().width() - 16, 150))  # slack for the label
        need = math.ceil(document.size().height()) + 2
        if need != self.minimumHeight():
            self.setMinimumHeight(need)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    for column in range(len(headers) - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table


class DeviationDetail(QFrame):
    """Shows one deviation; the view connects the buttons and ``transition_requested``."""

    transition_requested = Signal(object)     # the target DeviationStatus
    attachment_opened = Signal(object)        # the Attachment

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.matrix_thresholds = RiskMatrix()
        self.title = detail_title()
        self.status_badge = QLabel()
        self.status_badge.setObjectName("statusBadge")
        self.overdue_badge = QLabel(tr("Overdue"))
        self.overdue_badge.setObjectName("overdueBadge")
        self.overdue_badge.setStyleSheet(
            f"background: {OVERDUE_RED}; color: white; border-radius: 9px; padding: 2px 10px;"
            " font-weight: bold;")
        self.subtitle = plain_label()
        self.subtitle.setStyleSheet(MUTED)
        badges = QHBoxLayout()
        badges.setContentsMargins(0, 0, 0, 0)
        badges.addWidget(self.status_badge)
        badges.addWidget(self.overdue_badge)
        badges.addWidget(self.subtitle, 1)
        self.source = plain_label()
        self.source.setObjectName("sourceFinding")
        self.source.setStyleSheet("color: #00509e;")
        self.empty = muted_label(tr("Select a deviation to see its details."))

        self.workflow_row = QHBoxLayout()
        self.workflow_row.setContentsMargins(0, 0, 0, 0)
        self.edit_button = QPushButton(tr("&Edit…"))
        self.edit_button.setToolTip(tr("Edit the deviation (F2)"))
        self.workflow_buttons: dict[DeviationStatus, QPushButton] = {}

        self.fields = RichFields([
            ("occurred", tr("When:")), ("reported", tr("Reported:")), ("room", tr("Where:")),
            ("unit", tr("Unit:")), ("reporter", tr("Reported by:")),
            ("category", tr("Category:")), ("deadline", tr("Closing deadline:")),
            ("decision", tr("Decision:")), ("description", tr("Description:"))])
        self.fields.setObjectName("deviationFields")
        self.values: dict[str, Any] = dict(self.fields.cells)

        self.assessment = FieldGrid()
        for key, label in (("actual", tr("Actual consequence:")),
                           ("potential", tr("Potential consequence:")),
                           ("probability", tr("Probability:"))):
            value = plain_label()
            self.values[key] = value
            self.assessment.add_row(label, value)
        self.risk_matrix = RiskMatrixWidget(cell=16, read_only=True, show_axes=False)
        self.risk_matrix.setObjectName("detailRiskMatrix")
        self.risk_label = QLabel()
        self.risk_label.setObjectName("detailRisk")
        self.risk_label.setWordWrap(True)  # "12 – middels risiko" may take two lines
        risk_row = QHBoxLayout()
        risk_row.setContentsMargins(0, 0, 0, 0)
        risk_row.addWidget(self.risk_matrix)
        risk_row.addSpacing(8)
        risk_row.addWidget(self.risk_label, 0, Qt.AlignmentFlag.AlignVCenter)
        risk_row.addStretch(1)
        risk_box = QWidget()
        risk_box.setLayout(risk_row)
        self.assessment.add_row(tr("Risk:"), risk_box)
        self.cause_fields = RichFields([("cause", tr("Cause:")),
                                        ("immediate", tr("Immediate action:"))])
        self.values.update(self.cause_fields.cells)

        self.injury_title = section_title(tr("Personal injury"))
        self.injury = RichFields([
            ("nav", tr("Reported to NAV:")), ("absence", tr("Absence:")),
            ("treatment", tr("Medical treatment:")),
            ("reassigned", tr("Reassignment/reduced capacity:")), ("fatality", tr("Fatality:"))])
        self.values.update(self.injury.cells)

        self.actions = QTreeWidget()
        self.actions.setObjectName("actionsTree")
        self.actions.setColumnCount(4)
        self.actions.setHeaderLabels([tr("Measure"), tr("Responsible"), tr("Deadline"),
                                      tr("Status")])
        self.actions.setRootIsDecorated(True)
        self.actions.setWordWrap(True)
        self.actions.setUniformRowHeights(False)
        self.actions.setAlternatingRowColors(True)
        header = self.actions.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.actions.currentItemChanged.connect(self._action_selection_changed)
        self.no_actions = QLabel(tr("No measures yet."))
        self.no_actions.setStyleSheet(MUTED)
        self.add_action_button = QPushButton(tr("Add &measure…"))
        self.add_note_button = QPushButton(tr("Add &note…"))
        self.add_note_button.setToolTip(tr("A progress note on the selected measure"))
        self.done_button = QPushButton(tr("Mark &done"))
        action_buttons = QHBoxLayout()
        action_buttons.addWidget(self.add_action_button)
        action_buttons.addWidget(self.add_note_button)
        action_buttons.addWidget(self.done_button)
        action_buttons.addStretch(1)

        # the change and what it carried share one wrapped cell, so a narrow panel still
        # reads "Registrert → Akseptert / Frist for lukking 01.07.2025" in full
        self.history = _table([tr("When"), tr("Who"), tr("Change")])
        self.history.setObjectName("statusHistory")

        self.attachments = QListWidget()
        self.attachments.setObjectName("attachments")
        self.attachments.setViewMode(QListWidget.ViewMode.IconMode)
        self.attachments.setIconSize(QSize(THUMB, THUMB))
        self.attachments.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.attachments.setMovement(QListWidget.Movement.Static)
        self.attachments.setWrapping(True)
        self.attachments.setSpacing(6)
        self.attachments.setFixedHeight(THUMB + 48)
        self.attachments.setToolTip(tr("Double-click to open. Drop image files here to attach."))
        self.attachments.itemActivated.connect(self._open_item)
        self.no_attachments = QLabel(tr("No photos or files. Drop image files here or use "
                                        "“Attach photo…”."))
        self.no_attachments.setWordWrap(True)
        self.no_attachments.setStyleSheet(MUTED)
        self.attach_button = QPushButton(tr("Attach &photo…"))
        attach_row = QHBoxLayout()
        attach_row.addWidget(self.attach_button)
        attach_row.addStretch(1)

        self.content = QWidget()
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(self.workflow_row)
        inner.addSpacing(8)
        inner.addWidget(self.fields)
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("Consequence and risk")))
        inner.addWidget(self.assessment)
        inner.addWidget(self.cause_fields)
        inner.addSpacing(8)
        inner.addWidget(self.injury_title)
        inner.addWidget(self.injury)
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("Measures")))
        inner.addWidget(self.no_actions)
        inner.addWidget(self.actions)
        inner.addLayout(action_buttons)
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("Status history")))
        inner.addWidget(self.history)
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("Photos and files")))
        inner.addWidget(self.no_attachments)
        inner.addWidget(self.attachments)
        inner.addLayout(attach_row)
        inner.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addLayout(badges)
        layout.addWidget(self.source)
        layout.addWidget(self.empty)
        layout.addSpacing(6)
        layout.addWidget(self.content, 1)
        self._actions: list[Action] = []
        self._attachments: list[Attachment] = []
        self.deviation: Deviation | None = None
        self.show_deviation(None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Wrapped labels in grids: the scroll area must grant the height they need at this
        # width, or the rows are squeezed on top of each other.
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            need = layout.totalHeightForWidth(self.width())
            if need != self.minimumHeight():
                self.setMinimumHeight(need)

    # -- showing ----------------------------------------------------------------------------
    def show_deviation(self, dev: Deviation | None, *, overdue: bool = False,
                       actions: list[Action] | None = None,
                       history: list[StatusHistoryEntry] | None = None,
                       attachments: list[Attachment] | None = None,
                       thumbnails: dict[int, Path] | None = None,
                       transitions: tuple[DeviationStatus, ...] = (),
                       matrix: RiskMatrix | None = None) -> None:
        self.deviation = dev
        has = dev is not None
        for widget in (self.title, self.status_badge, self.subtitle, self.content):
            widget.setVisible(has)
        self.overdue_badge.setVisible(has and overdue)
        self.empty.setVisible(not has)
        if dev is None:
            self.source.hide()
            return
        self.title.setText(dev.title)
        self.status_badge.setText(deviation_status_label(dev.status))
        self.status_badge.setStyleSheet(status_badge_style(dev.status.value))
        self.subtitle.setText(f"{deviation_type_label(dev.type)} · {tr('No.')} {dev.id}")
        self.source.setText(tr("From HSE round finding no. {id}").format(id=dev.source_finding_id)
                            if dev.source_finding_id is not None else "")
        self.source.setVisible(dev.source_finding_id is not None)
        self._set_workflow(dev, transitions)
        v = self.values
        occurred = dev.occurred_at
        v["occurred"].setText(f"{format_date(occurred.date())} {occurred:%H:%M}"
                              if occurred else "—")
        v["reported"].setText(format_date(dev.reported_at))
        v["room"].setText(dev.room_label or dev.room_text or "—")
        v["unit"].setText(dev.unit_code or "—")
        v["reporter"].setText(dev.reporter or tr("(left out)"))
        v["category"].setText(" › ".join(p for p in (dev.category, dev.subcategory) if p)
                              or tr("Not categorised"))
        v["deadline"].setText(format_date(dev.closing_deadline) or "—")
        v["deadline"].setStyleSheet(f"color: {OVERDUE_RED}; font-weight: bold;"
                                    if overdue else "")
        v["decision"].setText(self._decision_text(dev))
        v["description"].setText(dev.description or "—")

        def scale(value: int | None, label: object) -> str:
            return f"{value} – {label(value)}" if value else tr("Not assessed")  # type: ignore[operator]

        v["actual"].setText(scale(dev.actual_consequence, consequence_label))
        v["potential"].setText(scale(dev.potential_consequence, consequence_label))
        v["probability"].setText(scale(dev.probability, probability_label))
        self.matrix_thresholds = matrix or self.matrix_thresholds
        self.risk_matrix.set_matrix(self.matrix_thresholds)
        self.risk_matrix.set_value(dev.potential_consequence, dev.probability)
        level = dev.risk(self.matrix_thresholds)
        if level is None:
            self.risk_label.setText(tr("Not assessed"))
            self.risk_label.setStyleSheet(MUTED)
        else:
            score = (dev.potential_consequence or 0) * (dev.probability or 0)
            self.risk_label.setText(f"{score} – {risk_level_label(level)}")
            self.risk_label.setStyleSheet(
                f"background: {risk_colour(level)}; color: "
                f"{'#ffffff' if level == 'red' else '#1f2933'}; border-radius: 4px; "
                "padding: 3px 8px; font-weight: bold;")
        v["immediate"].setText(dev.immediate_action or "—")
        v["cause"].setText(dev.cause or "—")

        injury = dev.injury
        show_injury = dev.type is DeviationType.ACCIDENT
        self.injury_title.setVisible(show_injury)
        self.injury.setVisible(show_injury)
        if injury is not None:
            v["nav"].setText(tr("Yes") if injury.nav_reported else tr("No"))
            v["absence"].setText(absence_label(injury.absence.value))
            v["treatment"].setText(tristate_label(injury.medical_treatment.value))
            v["reassigned"].setText(tristate_label(injury.reassigned.value))
            v["fatality"].setText(tr("Yes") if injury.fatality else tr("No"))
        else:
            for key in ("nav", "absence", "treatment", "reassigned", "fatality"):
                v[key].setText("—")
        self._show_actions(actions or [], dev)
        self._show_history(history or [])
        self._show_attachments(attachments or [], thumbnails or {})
        self._fit_height()

    def _decision_text(self, dev: Deviation) -> str:
        if dev.status is DeviationStatus.REJECTED:
            return tr("Rejected: {reason}").format(reason=dev.rejected_reason)
        if dev.status is DeviationStatus.TRANSFERRED:
            return tr("Transferred to {to}").format(to=dev.transferred_to)
        if dev.status is DeviationStatus.CLOSED:
            return tr("Closed {date}").format(date=format_date(dev.closed_at))
        if dev.status is DeviationStatus.REGISTERED:
            return tr("Waiting for a decision")
        return tr("Accepted")

    def _set_workflow(self, dev: Deviation, transitions: tuple[DeviationStatus, ...]) -> None:
        from vernetool.ui.deviation_workflow_dialogs import transition_text

        while self.workflow_row.count():
            item = self.workflow_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.edit_button:
                widget.hide()
                widget.deleteLater()
        self.workflow_buttons = {}
        for target in transitions:
            button = QPushButton(transition_text(dev.status, target))
            button.setObjectName(f"workflow_{target.value}")
            button.clicked.connect(lambda _=False, t=target: self.transition_requested.emit(t))
            self.workflow_row.addWidget(button)
            self.workflow_buttons[target] = button
        self.workflow_row.addStretch(1)
        self.workflow_row.addWidget(self.edit_button)

    def _show_actions(self, actions: list[Action], dev: Deviation) -> None:
        self._actions = actions
        self.actions.clear()
        today = dt.date.today()
        for action in actions:
            item = QTreeWidgetItem([action.description, action.responsible_name,
                                    format_date(action.deadline),
                                    action_status_label(action.status.value)])
            item.setData(0, Qt.ItemDataRole.UserRole, action.id)
            item.setToolTip(0, plain_tooltip(action.description))
            item.setToolTip(1, plain_tooltip(action.responsible_name))
            if action.is_overdue(today):
                for column in (2, 3):
                    item.setForeground(column, Qt.GlobalColor.red)
                item.setToolTip(2, tr("Overdue"))
            for note in action.notes:
                text = f"{note.note} — {note.actor}, {timestamp_text(note.at)}"
                child = QTreeWidgetItem([text])
                child.setToolTip(0, plain_tooltip(text))
                child.setForeground(0, Qt.GlobalColor.darkGray)
                child.setFlags(child.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                item.addChild(child)
            self.actions.addTopLevelItem(item)
            for index in range(item.childCount()):
                item.child(index).setFirstColumnSpanned(True)
            item.setExpanded(True)
        self.actions.setVisible(bool(actions))
        self.no_actions.setVisible(not actions)
        rows = len(actions) + sum(len(a.notes) for a in actions)
        self.actions.setFixedHeight(self.actions.header().sizeHint().height()
                                    + max(min(rows, 8), 1) * 26 + 6)
        finished = dev.status in (DeviationStatus.CLOSED, DeviationStatus.REJECTED,
                                  DeviationStatus.TRANSFERRED)
        self.add_action_button.setEnabled(not finished)
        self.add_action_button.setToolTip(tr("Reopen the deviation to add measures")
                                          if finished else tr("A measure with a responsible "
                                                              "and a deadline"))
        if actions:
            self.actions.setCurrentItem(self.actions.topLevelItem(0))
        self._action_selection_changed()

    def _action_selection_changed(self) -> None:
        action = self.selected_action()
        self.add_note_button.setEnabled(action is not None)
        self.done_button.setEnabled(action is not None and action.status
                                    is not ActionStatus.DONE)

    def selected_action(self) -> Action | None:
        item = self.actions.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        if item is None:
            return None
        action_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((a for a in self._actions if a.id == action_id), None)

    def _show_history(self, history: list[StatusHistoryEntry]) -> None:
        self.history.setRowCount(len(history))
        for row, entry in enumerate(history):
            if entry.from_status is None:
                change = deviation_status_label(entry.to_status.value)
            else:
                change = (f"{deviation_status_label(entry.from_status.value)} → "
                          f"{deviation_status_label(entry.to_status.value)}")
            details = history_detail_text(entry)
            if details:
                change = f"{change}\n{details}"
            for column, text in enumerate((timestamp_text(entry.at), entry.actor, change)):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tooltip(text))
                self.history.setItem(row, column, item)
        self.history.resizeRowsToContents()
        height = sum(self.history.rowHeight(r) for r in range(min(len(history), 8)))
        self.history.setFixedHeight(self.history.horizontalHeader().sizeHint().height()
                                    + max(height, 24) + 4)

    def _show_attachments(self, attachments: list[Attachment], thumbnails: dict[int, Path]
                          ) -> None:
        self._attachments = attachments
        self.attachments.clear()
        for attachment in attachments:
            item = QListWidgetItem(attachment.original_name or attachment.sha256[:8])
            path = thumbnails.get(attachment.id)
            pixmap = thumbnail(path) if path is not None and \
                attachment.media_type.startswith("image/") else QPixmap()
            if not pixmap.isNull():
                item.setIcon(QIcon(pixmap))
            else:
                item.setIcon(self.style().standardIcon(
                    self.style().StandardPixmap.SP_FileIcon))
            item.setToolTip(plain_tooltip(attachment.original_name))
            item.setData(Qt.ItemDataRole.UserRole, attachment.id)
            item.setSizeHint(QSize(THUMB + 24, THUMB + 36))
            self.attachments.addItem(item)
        self.attachments.setVisible(bool(attachments))
        self.no_attachments.setVisible(not attachments)

    def _open_item(self, item: QListWidgetItem) -> None:
        attachment_id = item.data(Qt.ItemDataRole.UserRole)
        found = next((a for a in self._attachments if a.id == attachment_id), None)
        if found is not None:
            self.attachment_opened.emit(found)
