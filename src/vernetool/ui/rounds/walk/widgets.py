"""Small parts of the walk view: status icons, painted text, the keyboard-driven checklist pane.

The item row, the item editor and the re-check card have their own modules
(round_walk_item_row, round_walk_item_editor, round_walk_recheck).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QKeyEvent, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QWidget

from vernetool.domain.rounds import Finding
from vernetool.i18n import tr
from vernetool.ui.common.labels import format_date, severity_label
from vernetool.ui.shell.theme import (
    ACCENT,
    DISABLED_TEXT,
    ERROR,
    MUTED,
    ROUND_IMPROVE,
    ROUND_PENDING_EDGE,
    ROUND_PENDING_FILL,
    SUCCESS,
)

ITEM_POINT_SIZE = 11.0
ANSWER_KEYS = {Qt.Key.Key_1: "ok", Qt.Key.Key_2: "improve", Qt.Key.Key_3: "not_relevant"}
ANSWER_ORDER = ("ok", "improve", "not_relevant")
ANSWER_COLOURS = {"ok": SUCCESS, "improve": ROUND_IMPROVE, "not_relevant": MUTED}
OVERDUE = ERROR


_ICONS: dict[tuple[str, int], QIcon] = {}


def status_icon(status: str, size: int = 18) -> QIcon:
    """A small round mark: grey ring (not started), amber dot (in progress), green tick (done).
    Drawn once per status and size."""
    icon = _ICONS.get((status, size))
    if icon is None:
        icon = _ICONS[(status, size)] = _draw_status_icon(status, size)
    return icon


def _draw_status_icon(status: str, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(2, 2, size - 4, size - 4)
    if status == "done":
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(SUCCESS))
        p.drawEllipse(rect)
        pen = QPen(QColor("white"), size / 9)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        path = QPainterPath(QPointF(size * 0.3, size * 0.52))
        path.lineTo(QPointF(size * 0.45, size * 0.67))
        path.lineTo(QPointF(size * 0.72, size * 0.36))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
    elif status == "in_progress":
        p.setPen(QPen(QColor(ROUND_PENDING_EDGE), 2))
        p.setBrush(QColor(ROUND_PENDING_FILL))
        p.drawEllipse(rect)
    elif status == "skipped":
        p.setPen(QPen(QColor(DISABLED_TEXT), 2))
        p.drawEllipse(rect)
        p.drawLine(QPointF(size * 0.3, size * 0.5), QPointF(size * 0.7, size * 0.5))
    else:
        p.setPen(QPen(QColor(DISABLED_TEXT), 2))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(rect)
    p.end()
    return QIcon(pixmap)


def finding_summary(finding: Finding, today: dt.date) -> str:
    """'Tiltak: … · Ansvarlig: … · Frist 01.02.2026 (forfalt)' for a one-line display."""
    parts = []
    if finding.action:
        parts.append(tr("Action: {text}").format(text=finding.action))
    if finding.responsible_name:
        parts.append(tr("Responsible: {name}").format(name=finding.responsible_name))
    if finding.deadline:
        deadline = tr("Deadline {date}").format(date=format_date(finding.deadline))
        if finding.is_overdue(today):
            deadline += " — " + tr("OVERDUE")
        parts.append(deadline)
    parts.append(tr("Severity: {severity}").format(severity=severity_label(finding.severity)))
    if finding.register_label:
        parts.append(tr("Concerns: {entry}").format(entry=finding.register_label))
    return " · ".join(parts)


class PaintedText(QWidget):
    """Text that changes on every answer without asking for a new layout: it is painted into
    a fixed number of lines (a QLabel's setText makes the whole window lay itself out again).
    Longer text is elided; the full text is in the tooltip."""

    def __init__(self, lines: int = 1, *, min_text: str = "",
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._lines = lines
        self._align = align
        self._min_text = min_text
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._fit()

    def _fit(self) -> None:
        metrics = self.fontMetrics()
        self.setFixedHeight(self._lines * metrics.lineSpacing() + 2)
        self.setMinimumWidth(metrics.horizontalAdvance(self._min_text) + 4
                             if self._min_text else 40)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit()
        super().changeEvent(event)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setToolTip(text)  # the whole text, also when a line elides it
            self.update()

    def paintEvent(self, event: object) -> None:
        p = QPainter(self)
        p.setPen(self.palette().color(self.foregroundRole()))
        rect = self.rect().adjusted(2, 0, -2, 0)
        flags = int(self._align | Qt.AlignmentFlag.AlignTop)
        if self._lines > 1:
            flags |= int(Qt.TextFlag.TextWordWrap)
            text = self._text
            bound = p.boundingRect(rect, flags, text)
            if bound.height() > rect.height():  # too long: cut at the last line, with an ellipsis
                text = self.fontMetrics().elidedText(
                    text, Qt.TextElideMode.ElideRight, rect.width() * self._lines - 40)
        else:
            flags |= int(Qt.AlignmentFlag.AlignVCenter)
            text = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight,
                                                 rect.width())
        p.drawText(rect, flags, text)
        p.end()


class ClickableLabel(QLabel):
    clicked = Signal()

    def mousePressEvent(self, event: object) -> None:
        self.clicked.emit()


class ChecklistPane(QScrollArea):
    """The room's checklist; takes the walk keys while it has focus.

    1 / 2 / 3 answer the current item, Up/Down move, Enter goes to the next item, Tab or
    Ctrl+M go into the comment field.
    """

    answer_key = Signal(str)
    step = Signal(int)            # move to the item above (-1) or below (+1)
    edit_comment = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setObjectName("checklistPane")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def focusNextPrevChild(self, next: bool) -> bool:
        if next and self.hasFocus():
            self.edit_comment.emit()
            return True
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.NoModifier:
            if key in ANSWER_KEYS:
                self.answer_key.emit(ANSWER_KEYS[key])
                return
            if key == Qt.Key.Key_Down:
                self.step.emit(1)
                return
            if key == Qt.Key.Key_Up:
                self.step.emit(-1)
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.step.emit(1)
                return
        super().keyPressEvent(event)


class SectionHeader(QLabel):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        font = self.font()
        font.setPointSizeF(ITEM_POINT_SIZE + 1)
        font.setWeight(QFont.Weight.DemiBold)
        self.setFont(font)
        self.setStyleSheet(f"color: {ACCENT}; padding: 12px 2px 2px 2px;")
