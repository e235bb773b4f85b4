"""Before a round is completed: if checklist items are not answered, say which (room and item)
and ask. The question is non-blocking (``open``), so the walk and the tests never wait in a
nested event loop; ``then`` runs when the person chooses to complete anyway."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from vernetool.i18n import language, tr, trn
from vernetool.services import Services
from vernetool.services.rounds.planning import Unanswered
from vernetool.ui.common.message_details import set_details
from vernetool.ui.rounds.walk.rooms import entry_title

#: rooms named in the question itself; the rest are in "Show Details…"
ROOMS_SHOWN = 8
#: a room missing this many items or fewer names them; more, and it gives the count
ITEMS_NAMED = 3


def unanswered_summary(missing: list[Unanswered], lang: str) -> str:
    """One line per room: its few unanswered items, or how many of its items are open."""
    lines = []
    for entry in missing[:ROOMS_SHOWN]:
        if len(entry.items) <= ITEMS_NAMED:
            what = "; ".join(f"{no} {item.text(lang)}" for no, item in entry.items)
        else:
            what = tr("{n} of {total} items not answered").format(n=len(entry.items),
                                                                  total=entry.asked)
        lines.append(f"• {entry_title(entry.room)}: {what}")
    if len(missing) > ROOMS_SHOWN:
        lines.append(trn("… and {n} more room", "… and {n} more rooms",
                         len(missing) - ROOMS_SHOWN).format(n=len(missing) - ROOMS_SHOWN))
    return "\n".join(lines)


def unanswered_details(missing: list[Unanswered], lang: str) -> str:
    """Every unanswered item, room by room (the message box's details)."""
    blocks = []
    for entry in missing:
        items = "\n".join(f"   {no}  {item.text(lang)}" for no, item in entry.items)
        blocks.append(f"{entry_title(entry.room)}\n{items}")
    return "\n\n".join(blocks)


def confirm_completion(parent: QWidget, services: Services, round_id: int,
                       then: Callable[[], None]) -> QMessageBox | None:
    """Run ``then`` at once when every item is answered; otherwise open the question and run
    it only if the person completes anyway. Returns the open question (or None)."""
    missing = services.rounds.unanswered(round_id)
    if not missing:
        then()
        return None
    lang = language()
    count = sum(len(entry.items) for entry in missing)
    question = trn("{n} checklist item is not answered. Complete the round anyway?",
                   "{n} checklist items are not answered. Complete the round anyway?",
                   count).format(n=count)
    box = QMessageBox(QMessageBox.Icon.Question, tr("Complete round"),
                      f"{question}\n\n{unanswered_summary(missing, lang)}", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # checklist text is shown as written
    set_details(box, unanswered_details(missing, lang))
    complete = box.addButton(tr("Complete anyway"), QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(tr("Go on answering"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.finished.connect(lambda _r: then() if box.clickedButton() is complete else None)
    box.open()
    return box
