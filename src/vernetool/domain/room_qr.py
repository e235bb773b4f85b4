"""The text of the QR code on a printed room card: which room the door sign belongs to.

Two lines, nothing personal (no names, phones or e-mail addresses):

    vernetool:room:KJ1:313
    Instrumentlab (GC-MS)

The first line names the room the way the command line does (``BUILDING:ROOM``) behind the
``vernetool:room:`` prefix, so a scanner that knows vernetool can open the room; a ``%``,
``:`` or any white space in the building code or room number is percent-encoded, so the line
always splits back into the same two parts. The second line is the room's name as stored
(cut to ``NAME_CHARS``), so any phone's scanner shows a person what the code is about. A
room without a name has only the first line.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

__all__ = ["NAME_CHARS", "PREFIX", "parse_room_qr", "room_qr_text"]

PREFIX = "vernetool:room:"
NAME_CHARS = 80   # keeps the code small enough to scan from a door at arm's length


def _part(value: str) -> str:
    """``value`` as is, or percent-encoded whole when it holds ``%``, ``:``, white space or
    an unprintable character (so ``unquote`` gives it back either way)."""
    plain = value.isprintable() and not any(c in "%:" or c.isspace() for c in value)
    return value if plain else quote(value, safe="")


def room_qr_text(building_code: str, number: str, name: str = "") -> str:
    """The QR text of a room (see the module docstring)."""
    first = f"{PREFIX}{_part(building_code)}:{_part(number)}"
    name = " ".join(name.split())
    if len(name) > NAME_CHARS:
        name = name[:NAME_CHARS - 1] + "…"
    return f"{first}\n{name}" if name else first


def parse_room_qr(text: str) -> tuple[str, str] | None:
    """(building code, room number) of a room card's QR text, None for any other text."""
    first = text.split("\n", 1)[0].strip()
    if not first.startswith(PREFIX):
        return None
    building, colon, number = first[len(PREFIX):].partition(":")
    if not colon or not building or not number or ":" in number:
        return None
    return unquote(building), unquote(number)
