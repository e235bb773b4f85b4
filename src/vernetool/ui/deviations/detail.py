"""The detail panel of the deviations area: every field, the injury, the risk cell, the
measures with their notes, the status history and the attachments (thumbnails)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from vernetool.domain.deviations.rules import (
    Action,
    Deviation,
    DeviationStatus,
    DeviationType,
    RiskMatrix,
)
from vernetool.i18n import tr
from vernetool.services.deviations.attachments import Attachment
from vernetool.services.deviations.recording import StatusHistoryEntry
from vernetool.ui.common.flow_layout import FlowLayout
from vernetool.ui.common.labels import (
    absence_label,
    consequence_label,
    deviation_status_label,
    deviation_type_label,
    format_date,
    format_date_time,
    probability_label,
    risk_level_label,
    tristate_label,
)
from vernetool.ui.common.list_detail import (
    MUTED,
    FieldGrid,
    detail_title,
    muted_label,
    plain_label,
    section_title,
)
from vernetool.ui.common.risk_matrix import RiskMatrixWidget, risk_colour
from vernetool.ui.deviations.attachments_block import AttachmentsBlock
from vernetool.ui.deviations.history_table import StatusHistoryTable, history_detail_text
from vernetool.ui.deviations.measures_block import MeasuresBlock
from vernetool.ui.deviations.rich_fields import RichFields
from vernetool.ui.shell.theme import (
    ACCENT,
    BASE,
    DEVIATION_STATUS_COLOURS,
    DEVIATION_STATUS_UNKNOWN,
    OVERDUE_RED,
    TEXT,
)

__all__ = ["OVERDUE_RED", "DeviationDetail", "history_detail_text", "status_badge_style"]



def status_badge_style(status: str) -> str:
    background, colour = DEVIATION_STATUS_COLOURS.get(status, DEVIATION_STATUS_UNKNOWN)
    return (f"background: {background}; color: {colour}; border-radius: 9px; "
            "padding: 2px 10px; font-weight: bold;")


class DeviationDetail(QFrame):
    """Shows one deviation; the view connects the buttons and ``transition_requested``."""

    transition_requested = Signal(object)     # the target DeviationStatus
    attachment_opened = Signal(object)        # the Attachment
    room_requested = Signal(int)              # the deviation's room: open its room screen

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
            f"background: {OVERDUE_RED}; color: {BASE}; border-radius: 9px; padding: 2px 10px;"
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
        self.source.setStyleSheet(f"color: {ACCENT};")
        self.empty = muted_label(tr("Select a deviation to see its details."))

        self.workflow_row = FlowLayout()  # the buttons wrap in a narrow panel
        self.edit_button = QPushButton(tr("&Edit…"))
        self.edit_button.setToolTip(tr("Edit the deviation (F2)"))
        self.workflow_buttons: dict[DeviationStatus, QPushButton] = {}

        self.fields = RichFields([
            ("occurred", tr("When:")), ("reported", tr("Reported:")), ("room", tr("Where:")),
            ("unit", tr("Unit:")), ("reporter", tr("Reported by:")),
            ("category", tr("Category:")), ("deadline", tr("Closing deadline:")),
            ("decision", tr("Decision:")), ("description", tr("Description:"))])
        self.fields.setObjectName("deviationFields")
        self.room_button = QPushButton(self)  # into the workflow row with the buttons
        self.room_button.hide()
        self.room_button.setObjectName("deviationRoom")
        self.room_button.setToolTip(tr("The room's screen: its card, registers, deviations "
                                       "and findings"))
        self.room_button.clicked.connect(self._room_clicked)
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

        self.measures = MeasuresBlock()
        self.measure_tree = self.measures.tree
        self.no_actions = self.measures.no_actions
        self.add_action_button = self.measures.add_action_button
        self.add_note_button = self.measures.add_note_button
        self.done_button = self.measures.done_button

        self.history = StatusHistoryTable()

        self.attachments_block = AttachmentsBlock()
        self.attachments_block.attachment_opened.connect(self.attachment_opened)
        self.attachments = self.attachments_block.attachments
        self.no_attachments = self.attachments_block.no_attachments
        self.attach_button = self.attachments_block.attach_button

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
        inner.addWidget(self.measures)
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("Status history")))
        inner.addWidget(self.history)
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("Photos and files")))
        inner.addWidget(self.attachments_block)
        inner.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addLayout(badges)
        layout.addWidget(self.source)
        layout.addWidget(self.empty)
        layout.addSpacing(6)
        layout.addWidget(self.content, 1)
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

    def _room_clicked(self) -> None:
        if self.deviation is not None and self.deviation.room_id is not None:
            self.room_requested.emit(self.deviation.room_id)

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
        v["occurred"].setText(format_date_time(occurred) if occurred else "—")
        v["reported"].setText(format_date(dev.reported_at))
        v["room"].setText(dev.room_label or dev.room_text or "—")
        self.room_button.setText(tr("Open room {room}").format(room=dev.room_label or ""))
        self.room_button.setVisible(dev.room_id is not None)
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
                f"{BASE if level == 'red' else TEXT}; border-radius: 4px; "
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
        self.measures.show_actions(actions or [], dev)
        self.history.show_history(history or [])
        self.attachments_block.show_attachments(attachments or [], thumbnails or {})
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
        from vernetool.ui.deviations.workflow_dialogs import transition_text

        while self.workflow_row.count():
            item = self.workflow_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget not in (self.edit_button, self.room_button):
                widget.hide()
                widget.deleteLater()
        self.workflow_buttons = {}
        for target in transitions:
            button = QPushButton(transition_text(dev.status, target))
            button.setObjectName(f"workflow_{target.value}")
            button.clicked.connect(lambda _=False, t=target: self.transition_requested.emit(t))
            self.workflow_row.addWidget(button)
            self.workflow_buttons[target] = button
        self.workflow_row.addWidget(self.edit_button)
        self.workflow_row.addWidget(self.room_button)  # the room's screen, when it has a room

    def selected_action(self) -> Action | None:
        return self.measures.selected_action()
