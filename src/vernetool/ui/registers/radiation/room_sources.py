"""The room detail's radiation sources (Rooms area): each held source with its activity
today, an overdue leak test and a missing DSA id flagged. Imported when a room is shown."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QLayout, QSizePolicy, QVBoxLayout

from vernetool.domain.radiation.model import Source, SourceNow
from vernetool.i18n import tr
from vernetool.ui.common.list_detail import MUTED
from vernetool.ui.registers.radiation.sources_table_model import SourceRow
from vernetool.ui.registers.radiation.words import activity_text, kind_label
from vernetool.ui.shell import theme


def _clear(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is not None and (widget := item.widget()) is not None:
            widget.deleteLater()


def source_line(source: Source, activity_now_bq: float | None) -> str:
    """"Kapslet kilde · Cs-137 · 208 MBq today · Blyskap 2"."""
    what = source.nuclide or (tr("class {c}").format(c=source.laser_class)
                              if source.laser_class else "")
    name = source.name or " ".join(p for p in (source.make, source.model) if p)
    now = (tr("{activity} today").format(activity=activity_text(activity_now_bq))
           if activity_now_bq is not None else "")
    return " · ".join(p for p in (kind_label(source.kind), what, name, now, source.location)
                      if p)


def fill(box: QVBoxLayout, sources: Sequence[SourceNow]) -> list[QLabel]:
    """Fill ``box`` with the room's held sources; returns their lines."""
    _clear(box)
    held = [now for now in sources if now.source.disposal is None]
    if not held:
        none = QLabel(tr("No radiation sources are registered in this room."))
        none.setWordWrap(True)
        none.setStyleSheet(MUTED)
        box.addWidget(none)
        return []
    lines = []
    for now in held:
        row = SourceRow.of(now)
        text = source_line(now.source, row.activity_now_bq)
        flags = []
        if row.leak_test_overdue:
            flags.append(tr("leak test overdue"))
        if row.missing_dsa_id:
            flags.append(tr("no DSA id"))
        if flags:
            text += " — " + ", ".join(flags)
        label = QLabel(text)
        label.setObjectName("roomSource")
        label.setWordWrap(True)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        label.setMinimumWidth(40)
        if flags:
            label.setStyleSheet(f"color: {theme.ERROR};")
        box.addWidget(label)
        lines.append(label)
    return lines
