"""What the Needs-attention screen says about a problem, and how it groups and filters them:
plain Python (the words through ``tr``), no widgets.

- families: chemicals, radiation, biology, rooms and room cards, follow-up;
- the safety rep's view (issue 11): units without this year's HSE round, overdue measures
  and actions, CMR products without exposure entries, notifiable sources without DSA id,
  missing workers registers, overdue leak tests and cabinet certifications, stale or missing
  room cards, rooms with registers and no room responsible;
- the tree: unit → room → problem; a unit's own problems (no room) sit on the unit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from vernetool.domain.checks import CheckCode, Problem
from vernetool.i18n import tr

C = CheckCode

FAMILIES: dict[str, tuple[CheckCode, ...]] = {
    "chemicals": (C.SDS_MISSING, C.SDS_OLD, C.SDS_LANGUAGE, C.EXPOSURE_MISSING),
    "radiation": (C.SOURCE_NOT_NOTIFIED, C.SOURCE_MISSING, C.LEAK_TEST_OVERDUE),
    "biology": (C.BIO_NOTIFICATION_MISSING, C.BIO_REGISTER_MISSING, C.VACCINE_OFFER_MISSING,
                C.CABINET_CERTIFICATION_OVERDUE),
    "rooms": (C.ROOMCARD_MISSING, C.ROOMCARD_STALE, C.RESPONSIBLE_MISSING),
    "follow_up": (C.ROUND_MISSING, C.ACTION_OVERDUE),
}

SAFETY_REP = "safety_rep"

#: the safety rep's view, as issue 11 lists it
SAFETY_REP_CODES: frozenset[CheckCode] = frozenset({
    C.ROUND_MISSING, C.ACTION_OVERDUE, C.EXPOSURE_MISSING, C.SOURCE_NOT_NOTIFIED,
    C.BIO_REGISTER_MISSING, C.LEAK_TEST_OVERDUE, C.CABINET_CERTIFICATION_OVERDUE,
    C.ROOMCARD_MISSING, C.ROOMCARD_STALE, C.RESPONSIBLE_MISSING})


def family_titles() -> list[tuple[str, str]]:
    """(key, title) of the show filter, in its order ("" = every problem)."""
    return [("", tr("All problems")),
            (SAFETY_REP, tr("Safety rep's view")),
            ("chemicals", tr("Chemicals")),
            ("radiation", tr("Radiation")),
            ("biology", tr("Biology")),
            ("rooms", tr("Rooms and room cards")),
            ("follow_up", tr("Rounds and follow-up"))]


def codes_of(family: str) -> frozenset[CheckCode]:
    if family == SAFETY_REP:
        return SAFETY_REP_CODES
    if family in FAMILIES:
        return frozenset(FAMILIES[family])
    return frozenset(CheckCode)


def title(code: CheckCode) -> str:
    """A short name of the problem (the tree's first column)."""
    return {
        C.SDS_MISSING: tr("No safety data sheet"),
        C.SDS_OLD: tr("Old safety data sheet"),
        C.SDS_LANGUAGE: tr("Safety data sheet not in Norwegian or English"),
        C.EXPOSURE_MISSING: tr("No exposure register entry"),
        C.ROOMCARD_MISSING: tr("No room card"),
        C.ROOMCARD_STALE: tr("Room card out of date"),
        C.SOURCE_NOT_NOTIFIED: tr("Source not notified to DSA"),
        C.SOURCE_MISSING: tr("Source missing or stolen"),
        C.BIO_NOTIFICATION_MISSING: tr("Agent not notified in time"),
        C.BIO_REGISTER_MISSING: tr("No workers register entry"),
        C.VACCINE_OFFER_MISSING: tr("No vaccination offer"),
        C.RESPONSIBLE_MISSING: tr("No room responsible"),
        C.ROUND_MISSING: tr("No HSE round this year"),
        C.ACTION_OVERDUE: tr("Overdue measure"),
        C.LEAK_TEST_OVERDUE: tr("Leak test overdue"),
        C.CABINET_CERTIFICATION_OVERDUE: tr("Cabinet certification overdue"),
    }[code]


def advice(code: CheckCode) -> str:
    """What to do about it, in a sentence or two (the detail pane)."""
    return {
        C.SDS_MISSING: tr("Get the supplier's safety data sheet (Norwegian or English) and add "
                          "it to the product in the chemical register."),
        C.SDS_OLD: tr("Ask the supplier for the current revision of the safety data sheet "
                      "and add it to the product."),
        C.SDS_LANGUAGE: tr("Get the safety data sheet in Norwegian or English and add it to "
                           "the product."),
        C.EXPOSURE_MISSING: tr("The product is carcinogenic, mutagenic or toxic to "
                               "reproduction (§ 31-1): register who works with it in the "
                               "exposure register."),
        C.ROOMCARD_MISSING: tr("The room holds hazardous chemicals, sources or agents: make a "
                               "room card and put it on the door."),
        C.ROOMCARD_STALE: tr("Bring the room card in line with the registers (accept the "
                             "proposal field by field) and print a new door sign."),
        C.SOURCE_NOT_NOTIFIED: tr("Notify the source to DSA and enter the source id DSA "
                                  "gives it."),
        C.SOURCE_MISSING: tr("Find the source, or follow up the report to DSA and the "
                             "police; record its status when it is settled."),
        C.BIO_NOTIFICATION_MISSING: tr("Notify Arbeidstilsynet of the use (at least 30 days "
                                       "before first use) and record the date notified."),
        C.BIO_REGISTER_MISSING: tr("Register the people who work with the agent in the "
                                   "workers register (§ 31-3)."),
        C.VACCINE_OFFER_MISSING: tr("Offer the vaccine and record the offer and the "
                                    "answer for the worker."),
        C.RESPONSIBLE_MISSING: tr("Appoint a room responsible for the room."),
        C.ROUND_MISSING: tr("Plan this year's HSE round for the unit."),
        C.ACTION_OVERDUE: tr("Carry out the measure, or agree on a new deadline with the "
                             "person responsible, and record it."),
        C.LEAK_TEST_OVERDUE: tr("Have the sealed source leak tested (wipe test) and record "
                                "the test."),
        C.CABINET_CERTIFICATION_OVERDUE: tr("Have the biosafety cabinet certified and "
                                            "record the certification."),
    }[code]


def go_to_label(kind: str) -> str:
    """The "Go to" button's words for a target kind."""
    return {
        "product": tr("Open the product in the chemical register"),
        "holding": tr("Open the holding in the chemical register"),
        "exposure": tr("Open the exposure register"),
        "source": tr("Open the source in the radiation register"),
        "agent": tr("Open the agent in the biological register"),
        "cabinet": tr("Open the biosafety cabinets"),
        "radiation_worker": tr("Open the radiation workers register"),
        "bio_worker": tr("Open the worker in the workers register"),
        "bio_workers": tr("Open the workers register"),
        "room": tr("Show the room in Rooms"),
        "room_card": tr("Open the room card"),
        "room_screen": tr("Open the room"),
        "unit": tr("Plan a round for the unit"),
        "round": tr("Open the round"),
        "deviation": tr("Open the deviation"),
        "measure": tr("Open the deviation"),
        "finding": tr("Open the round's action plan"),
    }.get(kind, tr("Go to"))


def concerns(problem: Problem) -> str:
    """What the problem is about, beside its name in the tree: the product, source, agent,
    person or measure (with its deadline); the reasons of a stale card; the year of a
    missing round. Nothing when it would only repeat the room."""
    from vernetool.ui.common.labels import format_date

    params = problem.params
    if problem.code is C.ROOMCARD_STALE:
        return str(params.get("reasons", ""))
    if problem.code is C.ROUND_MISSING:
        return str(params.get("year", ""))
    if problem.code in (C.ROOMCARD_MISSING, C.RESPONSIBLE_MISSING):
        return ""
    due = str(params.get("deadline") or params.get("due") or "")
    if due:
        with contextlib.suppress(ValueError):
            due = format_date(dt.date.fromisoformat(due))
        return tr("{subject} (due {date})").format(subject=problem.subject, date=due)
    return problem.subject


DATE_PARAMS = ("deadline", "due", "revised", "notified", "first_use")


def message(problem: Problem) -> str:
    """The problem's message as the screen shows it: the check's words, with the dates as
    the language writes them (the ``check`` JSON keeps ISO dates)."""
    from vernetool.i18n import render
    from vernetool.ui.common.labels import format_date

    params = dict(problem.params)
    for name in DATE_PARAMS:
        value = params.get(name)
        if isinstance(value, str) and value:
            with contextlib.suppress(ValueError):
                params[name] = format_date(dt.date.fromisoformat(value))
    return render(problem.message_code, **params)


def matches(problem: Problem, message: str, words: Sequence[str]) -> bool:
    """Every word of the search in the problem's room, unit, subject, title or message."""
    if not words:
        return True
    haystack = " ".join((problem.room, problem.unit, problem.subject, title(problem.code),
                         message)).casefold()
    return all(word in haystack for word in words)


# -- the tree -----------------------------------------------------------------------------
@dataclass
class RoomGroup:
    room: str
    problems: list[Problem] = field(default_factory=list)


@dataclass
class UnitGroup:
    unit: str                                    # "" for problems with no unit
    own: list[Problem] = field(default_factory=list)      # the unit's own (no room)
    rooms: list[RoomGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.own) + sum(len(r.problems) for r in self.rooms)


def group(problems: Iterable[Problem]) -> list[UnitGroup]:
    """Unit by unit (code order, "no unit" last), the unit's own problems first, then room by
    room (label order); within each, the problems keep their order (DESIGN's codes)."""
    units: dict[str, UnitGroup] = {}
    rooms: dict[tuple[str, str], RoomGroup] = {}
    for problem in problems:
        unit = units.setdefault(problem.unit, UnitGroup(problem.unit))
        if not problem.room:
            unit.own.append(problem)
            continue
        key = (problem.unit, problem.room)
        if key not in rooms:
            rooms[key] = RoomGroup(problem.room)
            unit.rooms.append(rooms[key])
        rooms[key].problems.append(problem)
    for unit in units.values():
        unit.rooms.sort(key=lambda r: r.room.casefold())
    return sorted(units.values(), key=lambda u: (u.unit == "", u.unit.casefold()))
