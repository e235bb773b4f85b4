"""Label/value rows of the deviation detail drawn as one wrapped rich-text table."""

from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

from vernetool.ui.shell.theme import MUTED


class _Cell:
    """One value of a ``RichFields`` block (the label-like ``setText``/``setStyleSheet``)."""

    def __init__(self, owner: RichFields, key: str) -> None:
        self.owner = owner
        self.key = key
        self.text_value = ""
        self.style = ""

    def setText(self, text: str) -> None:
        self.text_value = text
        self.owner.redraw()

    def setStyleSheet(self, style: str) -> None:
        self.style = style
        self.owner.redraw()

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

    def redraw(self) -> None:
        lines = []
        for key, label in self.rows:
            cell = self.cells[key]
            value = html.escape(cell.text_value).replace("\n", "<br>")
            style = cell.style.replace('"', "'")
            lines.append(f"<tr><td style='color: {MUTED}'>{html.escape(label)}&nbsp;&nbsp;"
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
