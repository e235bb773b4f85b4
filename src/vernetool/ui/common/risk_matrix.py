"""The 5×5 risk matrix: potential consequence (columns 1-5) × probability (rows 5..1).

Cells are coloured green/yellow/red by the thresholds of ``vernetool.domain.deviations.rules
.RiskMatrix`` (``db.deviation_settings.get_risk_matrix``); the chosen cell is outlined. Click a cell
or use the arrow keys (←/→ consequence, ↑/↓ probability) to choose; Delete clears.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from vernetool.domain.deviations.rules import RiskLevel, RiskMatrix
from vernetool.i18n import tr
from vernetool.ui.common.labels import consequence_label, probability_label, risk_level_label
from vernetool.ui.shell import theme

RISK_COLOURS = {RiskLevel.GREEN: theme.RISK_GREEN, RiskLevel.YELLOW: theme.RISK_YELLOW,
                RiskLevel.RED: theme.RISK_RED}
RISK_TEXT = {RiskLevel.GREEN: theme.RISK_GREEN_TEXT, RiskLevel.YELLOW: theme.RISK_YELLOW_TEXT,
             RiskLevel.RED: theme.RISK_RED_TEXT}
FRAME = theme.TEXT


def risk_colour(level: RiskLevel | str | None) -> str:
    return RISK_COLOURS.get(RiskLevel(level), theme.BORDER) if level else theme.BORDER


class RiskMatrixWidget(QWidget):
    """Shows (and, unless read-only, lets the user choose) a cell of the risk matrix."""

    value_changed = Signal(object, object)   # severity, probability (None when cleared)

    def __init__(self, matrix: RiskMatrix | None = None, *, cell: int = 30,
                 read_only: bool = False, show_axes: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix = matrix or RiskMatrix()
        self._cell = cell
        self._read_only = read_only
        self._axes = show_axes
        self._severity: int | None = None
        self._probability: int | None = None
        self._margin_left = 30 if show_axes else 1
        self._margin_bottom = 30 if show_axes else 1
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus if read_only else Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr("Risk matrix"))
        self._update_tooltip()

    # -- value ------------------------------------------------------------------------------
    def matrix(self) -> RiskMatrix:
        return self._matrix

    def set_matrix(self, matrix: RiskMatrix) -> None:
        self._matrix = matrix
        self._update_tooltip()
        self.update()

    def value(self) -> tuple[int | None, int | None]:
        return self._severity, self._probability

    def level(self) -> RiskLevel | None:
        return self._matrix.level_or_none(self._severity, self._probability)

    def set_value(self, severity: int | None, probability: int | None) -> None:
        """Set without emitting (the dialog's combos call this)."""
        self._severity, self._probability = severity, probability
        self._update_tooltip()
        self.update()

    def _choose(self, severity: int | None, probability: int | None) -> None:
        if (severity, probability) == (self._severity, self._probability):
            return
        self.set_value(severity, probability)
        self.value_changed.emit(severity, probability)

    def _update_tooltip(self) -> None:
        s, p = self._severity, self._probability
        if s is None or p is None:
            text = tr("No risk assessed yet.")
        else:
            text = tr("Consequence {s} ({sl}) × probability {p} ({pl}) = {score}: {level}").format(
                s=s, sl=consequence_label(s), p=p, pl=probability_label(p), score=s * p,
                level=risk_level_label(self.level()))
        if not self._read_only:
            text += "\n" + tr("Click a cell, or use the arrow keys: ←/→ consequence, "
                              "↑/↓ probability.")
        self.setToolTip(text)

    # -- geometry ---------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(self._margin_left + 5 * self._cell + 2,
                     5 * self._cell + self._margin_bottom + 2)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def cell_rect(self, severity: int, probability: int) -> QRect:
        x = self._margin_left + (severity - 1) * self._cell
        y = (5 - probability) * self._cell
        return QRect(x, y, self._cell, self._cell)

    def cell_at(self, point: QPoint) -> tuple[int, int] | None:
        x = point.x() - self._margin_left
        y = point.y()
        if x < 0 or y < 0 or x >= 5 * self._cell or y >= 5 * self._cell:
            return None
        return x // self._cell + 1, 5 - y // self._cell

    # -- painting ---------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 7.0))
        painter.setFont(small)
        for severity in range(1, 6):
            for probability in range(1, 6):
                rect = self.cell_rect(severity, probability)
                level = self._matrix.level(severity, probability)
                painter.fillRect(rect, QColor(RISK_COLOURS[level]))
                painter.setPen(QPen(QColor(theme.BASE), 1))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                if self._cell >= 24:
                    painter.setPen(QColor(RISK_TEXT[level]))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter,
                                     str(severity * probability))
        if self._axes:
            painter.setPen(QColor(theme.MUTED))
            for n in range(1, 6):
                column = self.cell_rect(n, 1)
                painter.drawText(QRect(column.left(), 5 * self._cell + 2, self._cell, 14),
                                 Qt.AlignmentFlag.AlignCenter, str(n))
                row = self.cell_rect(1, n)
                painter.drawText(QRect(self._margin_left - 16, row.top(), 12, self._cell),
                                 Qt.AlignmentFlag.AlignCenter, str(n))
            painter.drawText(QRect(self._margin_left, 5 * self._cell + 15, 5 * self._cell, 14),
                             Qt.AlignmentFlag.AlignCenter, tr("Consequence →"))
            painter.save()
            painter.translate(11, 5 * self._cell)
            painter.rotate(-90)
            painter.drawText(QRect(0, -11, 5 * self._cell, 14), Qt.AlignmentFlag.AlignCenter,
                             tr("Probability →"))
            painter.restore()
        if self._severity is not None and self._probability is not None:
            rect = self.cell_rect(self._severity, self._probability)
            painter.setPen(QPen(QColor(FRAME), 3))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        if self.hasFocus():
            painter.setPen(QPen(QColor(theme.ACCENT), 1, Qt.PenStyle.DashLine))
            painter.drawRect(QRect(self._margin_left - 2, 0, 5 * self._cell + 3,
                                   5 * self._cell + 1))
        painter.end()

    # -- input ------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._read_only:
            return super().mousePressEvent(event)
        hit = self.cell_at(event.position().toPoint())
        if hit is not None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._choose(*hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._read_only:
            return super().keyPressEvent(event)
        key = event.key()
        s = self._severity or 0
        p = self._probability or 0
        moves = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                 Qt.Key.Key_Up: (0, 1), Qt.Key.Key_Down: (0, -1)}
        if key in moves:
            ds, dp = moves[Qt.Key(key)]
            if s and p:  # move from the chosen cell; the first press picks the corner 1×1
                s, p = min(max(s + ds, 1), 5), min(max(p + dp, 1), 5)
            self._choose(s or 1, p or 1)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._choose(None, None)
            return
        super().keyPressEvent(event)
