"""Render the GHS pictograms (resources/pictograms/GHS0*.svg) once to PNG for the PDF reports.

The reports must not import Qt and reportlab cannot read SVG without svglib (not a
dependency), so the PNGs are rendered here with QtSvg and committed under
resources/pictograms/png/. Run again only when the SVGs change:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render_ghs_png.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZE = 256  # pixels: sharp at 12 mm printed (≈ 540 dpi)
ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "pictograms"
TARGET = SOURCE / "png"


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841 (QPainter needs an application)
    TARGET.mkdir(exist_ok=True)
    for svg in sorted(SOURCE.glob("GHS*.svg")):
        renderer = QSvgRenderer(str(svg))
        image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        out = TARGET / f"{svg.stem}.png"
        if not image.save(str(out), "PNG"):
            print(f"could not write {out}", file=sys.stderr)
            return 1
        print(out.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
