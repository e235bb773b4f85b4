"""GHS pictograms drawn from their SVGs (resources/pictograms), each size rendered once; the
room card's warning signs likewise (resources/warning_signs, ISO 7010).

The register's table paints a row of small pictograms on every visible row as it scrolls;
rendering an SVG costs ~0.3 ms, a cached pixmap nothing.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from vernetool.paths import resource_path

KNOWN = tuple(f"GHS0{n}" for n in range(1, 10))
#: the room card's warning signs (``domain.organisation.WARNING_SIGNS``) → their ISO 7010 SVG
SIGN_FILES = {"radiation": "ISO_7010_W003", "laser": "ISO_7010_W004",
              "biohazard": "ISO_7010_W009"}


@cache
def _renderer(code: str) -> QSvgRenderer:
    return QSvgRenderer(str(resource_path("pictograms", f"{code}.svg")))


@cache
def _rendered(code: str, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    if code in KNOWN:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _renderer(code).render(painter)
        painter.end()
    return pixmap


def pictogram_pixmap(code: str, size: int) -> QPixmap:
    """A GHS pictogram rendered sharp at ``size`` device pixels (transparent for an unknown
    code); a copy (implicitly shared, so free) the caller may give a pixel ratio."""
    return QPixmap(_rendered(code, size))


def pictogram_icon(code: str, size: int = 40) -> QIcon:
    return QIcon(pictogram_pixmap(code, size))


def scaled_pictogram(code: str, logical: int, ratio: float) -> QPixmap:
    """The pictogram for a widget of device pixel ratio ``ratio``, ``logical`` px wide."""
    pixmap = pictogram_pixmap(code, round(logical * ratio))
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@cache
def _sign_rendered(sign: str, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    if sign in SIGN_FILES:
        renderer = QSvgRenderer(str(resource_path("warning_signs", f"{SIGN_FILES[sign]}.svg")))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        renderer.render(painter)
        painter.end()
    return pixmap


def warning_sign_icon(sign: str, size: int = 40) -> QIcon:
    """A warning sign ("radiation", "laser", "biohazard") as an icon (empty if unknown)."""
    return QIcon(QPixmap(_sign_rendered(sign, size)))
