"""The Statistics area's chart panel: the matplotlib figures as Qt canvases, one below the
other. matplotlib's Qt canvas is imported inside a function, so the area costs nothing
until charts are shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from vernetool.i18n import tr
from vernetool.ui.statistics.tables import caption

CHART_KEYS = ("month", "category", "severity", "injuries")


def make_canvas(figure: Any) -> QWidget:
    """A Qt canvas for a matplotlib Figure (imported here: only when charts are shown)."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]  # matplotlib: untyped
    width, height = figure.get_size_inches() * figure.dpi
    canvas.setMinimumSize(int(width * 0.75), int(height))
    canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return canvas


class ChartsPanel(QWidget):
    """The charts per month, category, severity and injuries, or what is happening."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("charts")
        self.charts_layout = QVBoxLayout(self)
        self.charts_layout.setContentsMargins(0, 0, 0, 0)
        self.placeholder = caption(tr("Computing…"))
        self.charts_layout.addWidget(self.placeholder)
        self.charts_layout.addStretch(1)
        self.canvases: dict[str, QWidget] = {}

    def show_computing(self) -> None:
        self.placeholder.setText(tr("Computing…"))

    def show_failed(self, exc: object) -> None:
        self.placeholder.setText(tr("The statistics could not be computed: {error}")
                                 .format(error=exc))
        self.placeholder.show()

    def show_figures(self, figures: dict[str, Any]) -> None:
        for canvas in self.canvases.values():
            self.charts_layout.removeWidget(canvas)
            canvas.hide()
            canvas.deleteLater()
        self.canvases = {}
        self.placeholder.hide()
        position = 0
        for key in CHART_KEYS:
            figure = figures.get(key)
            if figure is None:
                continue
            canvas = make_canvas(figure)
            canvas.setObjectName(f"chart_{key}")
            self.charts_layout.insertWidget(position, canvas)
            canvas.show()  # now, not by the layout's queued call: laid out before painted
            position += 1
            self.canvases[key] = canvas
