"""Render the GHS pictograms (resources/pictograms/GHS0*.svg) and the ISO 7010 warning signs
(resources/warning_signs/ISO_7010_W00*.svg) once to PNG for the PDF reports.

The reports must not import Qt and reportlab cannot read SVG without svglib (not a
dependency), so the PNGs are rendered here with QtSvg and committed under
resources/pictograms/png/ and resources/warning_signs/png/. Run again only when the SVGs
change:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render_ghs_png.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZE = 256  # pixels: sharp at 12 mm printed (≈ 540 dpi)
SIGN_WIDTH = 600  # pixels: the warning signs print up to ~40 mm wide on the room card
ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "pictograms"
TARGET = SOURCE / "png"
SIGNS = ROOT / "resources" / "warning_signs"
# the signs the room card prints: ionising radiation, laser beam, biological hazard
SIGN_FILES = ("ISO_7010_W003.svg", "ISO_7010_W004.svg", "ISO_7010_W009.svg")


def _render(svg: Path, out: Path, width: int, height: int) -> bool:
    renderer = QSvgRenderer(str(svg))
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    if not image.save(str(out), "PNG"):
        print(f"could not write {out}", file=sys.stderr)
        return False
    print(out.relative_to(ROOT))
    return True


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841 (QPainter needs an application)
    TARGET.mkdir(exist_ok=True)
    for svg in sorted(SOURCE.glob("GHS*.svg")):
        if not _render(svg, TARGET / f"{svg.stem}.png", SIZE, SIZE):
            return 1
    (SIGNS / "png").mkdir(exist_ok=True)
    for name in SIGN_FILES:
        svg = SIGNS / name
        box = QSvgRenderer(str(svg)).viewBoxF()   # keep the triangle's proportions
        height = round(SIGN_WIDTH * box.height() / box.width())
        if not _render(svg, SIGNS / "png" / f"{svg.stem}.png", SIGN_WIDTH, height):
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
