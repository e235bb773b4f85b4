"""The room detail's biological agents (Rooms area): each agent used in the room with its
risk group and the room's containment level, a containment level below the group or a
missing/late notification in the error colour, and the room's biosafety cabinets overdue for
certification.

Imported when a room is first shown, never at start-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QLayout, QSizePolicy, QVBoxLayout, QWidget

from vernetool.domain.biology.agents import CertificationState
from vernetool.domain.biology.model import AgentUse, Cabinet
from vernetool.i18n import tr
from vernetool.ui.common.list_detail import MUTED
from vernetool.ui.registers.biology.cabinets_model import cabinet_name, state_text
from vernetool.ui.registers.biology.words import (
    containment_label,
    group_label,
    notes_tooltip,
    notification_flagged,
    notification_label,
)
from vernetool.ui.shell import theme


def _clear(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is not None and (widget := item.widget()) is not None:
            widget.deleteLater()


def agent_line(use: AgentUse) -> tuple[str, bool]:
    """("Hepatitis B virus · group 3 · level 2 · not notified", flagged?)."""
    parts = [use.agent_name, group_label(use.risk_group).lower(),
             containment_label(use.containment_level).lower()]
    flagged = False
    if use.containment_too_low:
        parts.append(tr("containment below the risk group"))
        flagged = True
    if notification_flagged(use.notification.state):
        parts.append(notification_label(use.notification.state).lower())
        flagged = True
    return " · ".join(parts), flagged


def _label(text: str, style: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    # the panel's width is the splitter's to give: a long name wraps, it never widens it
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(40)
    if style:
        label.setStyleSheet(style)
    return label


def fill(box: QVBoxLayout, uses: Sequence[AgentUse], cabinets: Sequence[Cabinet] = (),
         today: dt.date | None = None) -> list[QLabel]:
    """Fill ``box`` with the room's agents and its cabinets' certification; returns the
    agents' lines."""
    _clear(box)
    rows: list[QLabel] = []
    if not uses:
        box.addWidget(_label(tr("No biological agents are registered in this room."), MUTED))
    for use in uses:
        text, flagged = agent_line(use)
        label = _label(text, f"color: {theme.ERROR};" if flagged else "")
        label.setObjectName("roomAgent")
        label.setToolTip(notes_tooltip(use.notes))
        box.addWidget(label)
        rows.append(label)
    day = today or dt.date.today()
    for cabinet in cabinets:
        cert = cabinet.certification(day)
        bad = cert.state in (CertificationState.OVERDUE, CertificationState.NEVER)
        label = _label(tr("Biosafety cabinet {name}: {state}").format(
            name=cabinet_name(cabinet), state=state_text(cert).lower()),
            f"color: {theme.ERROR};" if bad else MUTED)
        label.setObjectName("roomCabinet")
        box.addWidget(label)
    return rows


def settle(detail: QWidget) -> None:
    """Lay the filled panel out now: its scroll area grows it to the new height in the same
    turn, so no section is squeezed (a frame's flicker, and cut for a moment) meanwhile."""
    from PySide6.QtCore import QCoreApplication, QEvent

    layout = detail.layout()
    if layout is not None:
        layout.activate()
    for _ in range(2):  # the panel's request, then its scroll area's
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
