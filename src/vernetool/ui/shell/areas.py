"""The areas of the main window, in navigation order. A new screen adds one entry here.

Each ``build`` returns the area's page: a ``QWidget`` the window adapts with
``ui.shell.area.area_page`` (see the protocol there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from vernetool.context import AppContext
from vernetool.i18n import tr


@dataclass(frozen=True)
class Area:
    key: str
    title: Callable[[], str]        # called after the language is set
    icon: str                       # file name in resources/icons
    build: Callable[[AppContext], QWidget]


def _rooms(ctx: AppContext) -> QWidget:
    from vernetool.ui.organisation.rooms_view import RoomsView

    return RoomsView(ctx)


def _persons(ctx: AppContext) -> QWidget:
    from vernetool.ui.organisation.persons_view import PersonsView

    return PersonsView(ctx)


def _rounds(ctx: AppContext) -> QWidget:
    from vernetool.ui.rounds.rounds_view import RoundsView

    ctx.services.checklists.ensure_builtin()
    return RoundsView(ctx)


def _checklists(ctx: AppContext) -> QWidget:
    from vernetool.ui.checklists.editor import TemplateEditorView

    ctx.services.checklists.ensure_builtin()
    return TemplateEditorView(ctx)


def _deviations(ctx: AppContext) -> QWidget:
    from vernetool.ui.deviations.view import DeviationsView

    return DeviationsView(ctx)


def _registers(ctx: AppContext) -> QWidget:
    from vernetool.ui.registers.registers_view import RegistersView

    return RegistersView(ctx)


def _attention(ctx: AppContext) -> QWidget:
    from vernetool.ui.attention.view import AttentionView

    return AttentionView(ctx)


def _statistics(ctx: AppContext) -> QWidget:
    from vernetool.ui.statistics.view import StatisticsView  # matplotlib only when shown

    return StatisticsView(ctx)


def _sync(ctx: AppContext) -> QWidget:
    from vernetool.ui.delivery.view import DeliveryView

    return DeliveryView(ctx)


def _annual(ctx: AppContext) -> QWidget:
    from vernetool.ui.annual.view import AnnualView  # the questionnaire only when shown

    return AnnualView(ctx)


def all_areas() -> list[Area]:
    return [
        Area("rooms", lambda: tr("Rooms"), "rooms.svg", _rooms),
        Area("persons", lambda: tr("People"), "people.svg", _persons),
        Area("rounds", lambda: tr("HSE rounds"), "rounds.svg", _rounds),
        Area("deviations", lambda: tr("Deviations"), "deviations.svg", _deviations),
        Area("registers", lambda: tr("Registers"), "registers.svg", _registers),
        Area("attention", lambda: tr("Needs attention"), "attention.svg", _attention),
        Area("statistics", lambda: tr("Statistics"), "stats.svg", _statistics),
        Area("checklists", lambda: tr("Checklists"), "checklists.svg", _checklists),
        Area("sync", lambda: tr("Sync"), "sync.svg", _sync),
        Area("annual", lambda: tr("Annual reporting"), "annual.svg", _annual),
    ]
