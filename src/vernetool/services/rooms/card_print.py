"""The printed room card (the A4 door sign): gathering what it shows and writing the PDF.

``build()`` reads, in one transaction, the room, its unit, the STORED card (what the room
responsible accepted — never the registers' proposal), the warning signs on it, when it was
last changed, and the room responsible and deputy on the day; ``render()`` hands that to
``reports.room_card`` (reportlab and segno imported only then) and needs no database, so a
job off the GUI thread may run it; ``write()`` does both.

A room without a card (or with an empty one) is refused with ``NotFoundError``
(``room_card.missing``): a door sign nobody has filled in or accepted helps no one, and
printing the proposal would put on the door what no room responsible has checked. Make the
card first (the room's card, where the proposal can be accepted field by field).

A stored card that disagrees with the registers is still printed as stored; ``stale()``
gives the check engine's ``roomcard_stale`` problem for the room, so the front end can say
so beside the print (the CLI prints it as a one-line warning on stderr).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from vernetool.domain.errors import NotFoundError

if TYPE_CHECKING:
    from vernetool.domain.checks import Problem
    from vernetool.domain.organisation import Responsibility
    from vernetool.reports.room_card import CardSheet, Contact
    from vernetool.services.store import Store

__all__ = ["RoomCardPrintService"]

SIGNS = ("radiation", "laser", "biohazard")


def _contact(duty: Responsibility | None) -> Contact | None:
    from vernetool.reports.room_card import Contact

    return None if duty is None else Contact(duty.person_name, duty.person_phone)


def _local_day(stamp: str | None) -> dt.date | None:
    """The local day of a UTC timestamp as SQLite writes it ("2026-12-02T12:34:31Z")."""
    if not stamp:
        return None
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().date()


class RoomCardPrintService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def build(self, room_id: int, as_of: dt.date | None = None) -> CardSheet:
        """What the door sign of the room shows on ``as_of`` (default today): the day
        printed and whose responsibility it is. ``NotFoundError`` for a room that does not
        exist (``room.no_such_id``) or has no card (``room_card.missing``)."""
        from vernetool.db.organisation import responsibilities, room_card_print, room_cards, rooms
        from vernetool.domain.organisation import ResponsibilityKind
        from vernetool.domain.room_qr import room_qr_text
        from vernetool.reports.room_card import CardSheet

        day = as_of or dt.date.today()
        with self.store.read() as conn:
            room = rooms.get_room(conn, room_id)
            if room is None:
                raise NotFoundError("room.no_such_id", room_id=room_id)
            card = room_cards.get_card(conn, room_id)
            changed = room_card_print.card_changed_at(conn, room_id)
            if changed is None or card.is_empty():
                raise NotFoundError("room_card.missing", room=room.label)
            duties = responsibilities.current(conn, room_id, day)
            unit_name = room_card_print.unit_name(conn, room.unit_code) if room.unit_code \
                else ""
        on_card = set(card.warning_signs)
        unit = f"{room.unit_code} {unit_name}".strip() if room.unit_code else ""
        return CardSheet(
            building_code=room.building_code, room_number=room.number, card=card,
            room_name=room.name, building_name=room.building_name, campus=room.campus,
            unit=unit, warning_signs=tuple(s for s in SIGNS if s in on_card),
            responsible=_contact(duties.get(ResponsibilityKind.RESPONSIBLE)),
            deputy=_contact(duties.get(ResponsibilityKind.DEPUTY)),
            updated=_local_day(changed), printed=day,
            qr_text=room_qr_text(room.building_code, room.number, room.name))

    @staticmethod
    def render(sheet: CardSheet, path: Path, lang: str) -> Path:
        """Write a card built before (no database access: a job off the GUI thread may)."""
        from vernetool.reports.room_card import write_room_card

        return write_room_card(sheet, path, lang)

    def write(self, room_id: int, path: Path, lang: str, as_of: dt.date | None = None
              ) -> Path:
        """Write the room's door sign to ``path`` as PDF in ``lang`` (nb or en); returns the
        path. See ``build`` for the errors."""
        return self.render(self.build(room_id, as_of), Path(path), lang)

    def stale(self, room_id: int, as_of: dt.date | None = None) -> list[Problem]:
        """The room's ``roomcard_stale`` problem (at most one): how the stored card
        disagrees with the registers; empty when it agrees."""
        from vernetool.domain.checks import CheckCode
        from vernetool.services.checks import ChecksService

        return [p for p in ChecksService(self.store).problems(room_id, as_of)
                if p.code is CheckCode.ROOMCARD_STALE]
