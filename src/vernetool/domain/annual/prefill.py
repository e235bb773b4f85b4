"""The answers the data can propose for a unit's annual report (DESIGN "Annual HSE
reporting"): facts in, ``Prefill(question, answer | None, reason_code, params)`` out.

Pure: the facts are read elsewhere (``db.annual.facts``, the unit with its sub-units); the
words are the message catalogs' (``annual.prefill.*``), so every proposal says in Bokmål and
English where it came from. ``answer`` None is a hint: the data tells something about the
question but not the answer (9 from the deviation log, 26c when no agent needs a register).

- 10: a round of the unit starting in the year (any status) → yes, else no.
- 24: a source held during the year (not disposed before it began, not gone) → yes, else no.
- 24c: ionising sources held → yes if the radiation workers register has entries for the
  unit's people or names one of its sources, no if not; only non-ionising → not_applicable.
- 24e: notifiable sources held → yes if every one has a DSA id, no (naming how many lack it)
  if not; none notifiable → not_applicable.
- 25: chemical holdings in use during the year → yes, else no.
- 26: biological agents in use during the year → yes, else no.
- 26c: agents that need the workers register (risk group 3/4 or note D) in use → yes if the
  register has a worker for each, no (naming how many lack one) if not; none → a hint.
- 26d: agents with note V in use → yes if every registered worker for them has a vaccination
  offer recorded, no if some have none; no such agent, or no worker registered → a hint.
- 24d / 26e: the rooms with sources / agents → yes if each has a room responsible and a room
  card that is not stale, no (naming how many lack which) if not.
- 9: a hint from the deviations the unit reported in the year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: source kinds that carry no ionising radiation (room_card_proposal draws the same line)
NON_IONISING_KINDS = frozenset({"laser", "ipl", "mri"})
#: DSA statuses of a source that is no longer the unit's
GONE_STATUSES = frozenset({"sold", "condemned", "deposited", "returned"})
ROUND_DONE = frozenset({"completed", "reported"})


@dataclass(frozen=True)
class RoundFact:
    start_date: dt.date
    status: str
    title: str = ""


@dataclass(frozen=True)
class SourceFact:
    id: int
    name: str
    kind: str
    dsa_id: str = ""
    notifiable: bool | None = None
    dsa_status: str = ""
    disposed_on: dt.date | None = None
    room_id: int | None = None
    serial_number: str = ""

    @property
    def ionising(self) -> bool:
        return self.kind not in NON_IONISING_KINDS

    def held_in(self, year: int) -> bool:
        """The unit's during some of ``year``: not disposed before it began (a source gone
        without a date counts as gone)."""
        if self.disposed_on is not None:
            return self.disposed_on >= dt.date(year, 1, 1)
        return self.dsa_status not in GONE_STATUSES


@dataclass(frozen=True)
class RadiationWorkerFact:
    person_in_unit: bool
    sources_text: str = ""


@dataclass(frozen=True)
class AgentUseFact:
    agent_id: int
    agent_name: str
    risk_group: int
    notes: str = ""                     # the letters A, D, T, V
    room_id: int = 0

    @property
    def needs_register(self) -> bool:
        return self.risk_group >= 3 or "D" in self.notes

    @property
    def needs_vaccine_offer(self) -> bool:
        return "V" in self.notes


@dataclass(frozen=True)
class BioWorkerFact:
    agent_id: int | None
    vaccination_offers: int = 0


@dataclass(frozen=True)
class HazardRoomFact:
    room_id: int
    label: str
    radiation: bool
    biology: bool
    has_responsible: bool
    has_card: bool
    card_stale: bool

    @property
    def in_order(self) -> bool:
        return self.has_responsible and self.has_card and not self.card_stale


@dataclass(frozen=True)
class UnitFacts:
    year: int
    unit_code: str
    rounds: tuple[RoundFact, ...] = ()
    sources: tuple[SourceFact, ...] = ()
    radiation_workers: tuple[RadiationWorkerFact, ...] = ()
    holdings: int = 0                   # chemical holdings in use during the year
    holding_rooms: int = 0
    agent_uses: tuple[AgentUseFact, ...] = ()
    bio_workers: tuple[BioWorkerFact, ...] = ()
    hazard_rooms: tuple[HazardRoomFact, ...] = ()
    deviations: tuple[dt.date, ...] = ()   # reported by the unit in the year
    sub_units: int = 0


@dataclass(frozen=True)
class Prefill:
    question: str
    answer: str | None
    reason_code: str
    params: dict[str, Any] = field(default_factory=dict)


def _p(question: str, answer: str | None, reason: str, **params: Any) -> Prefill:
    return Prefill(question, answer, f"annual.prefill.{reason}", params)


def _names(items: Iterable[str], most: int = 3) -> str:
    """``"a, b, c"`` (and ``"…"`` after ``most``), each once, in order."""
    seen = list(dict.fromkeys(i for i in items if i))
    return ", ".join(seen[:most]) + (", …" if len(seen) > most else "")


def prefill(facts: UnitFacts) -> dict[str, Prefill]:
    """Every proposal (and hint) the facts give, by question id."""
    found = [_rounds(facts), *_radiation(facts), _chemicals(facts), *_biology(facts),
             _deviations(facts)]
    return {p.question: p for p in found if p is not None}


def _rounds(facts: UnitFacts) -> Prefill:
    rounds = sorted((r for r in facts.rounds if r.start_date.year == facts.year),
                    key=lambda r: r.start_date)
    if not rounds:
        return _p("10", "no", "rounds_none", year=facts.year)
    latest = rounds[-1]
    return _p("10", "yes", "rounds_found", n=len(rounds), year=facts.year,
              latest=latest.start_date.isoformat(), title=latest.title or "–",
              done=sum(r.status in ROUND_DONE for r in rounds))


def _radiation(facts: UnitFacts) -> list[Prefill]:
    held = [s for s in facts.sources if s.held_in(facts.year)]
    if not held:
        return [_p("24", "no", "sources_none", year=facts.year)]
    ionising = [s for s in held if s.ionising]
    out = [_p("24", "yes", "sources_held", n=len(held), ionising=len(ionising),
              year=facts.year, names=_names(s.name for s in held))]
    # 24c: the workers register for ionising radiation
    if not ionising:
        out.append(_p("24c", "not_applicable", "workers_not_ionising", n=len(held)))
    else:
        terms = {t.casefold() for s in ionising for t in (s.name, s.dsa_id, s.serial_number)
                 if len(t.strip()) >= 3}
        entries = [w for w in facts.radiation_workers
                   if w.person_in_unit or any(t in w.sources_text.casefold() for t in terms)]
        if entries:
            out.append(_p("24c", "yes", "workers_registered", n=len(entries),
                          sources=len(ionising)))
        else:
            out.append(_p("24c", "no", "workers_none", sources=len(ionising)))
    # 24e: the notifiable sources in DSA's register
    notifiable = [s for s in held if s.notifiable]
    if not notifiable:
        out.append(_p("24e", "not_applicable", "dsa_none_notifiable", n=len(held)))
    else:
        missing = [s for s in notifiable if not s.dsa_id.strip()]
        if missing:
            out.append(_p("24e", "no", "dsa_missing", n=len(missing), of=len(notifiable),
                          names=_names(s.name or str(s.id) for s in missing)))
        else:
            out.append(_p("24e", "yes", "dsa_all", n=len(notifiable)))
    rooms = _rooms_rule("24d", [r for r in facts.hazard_rooms if r.radiation], "sources")
    if rooms is not None:
        out.append(rooms)
    return out


def _chemicals(facts: UnitFacts) -> Prefill:
    if facts.holdings:
        return _p("25", "yes", "holdings_found", n=facts.holdings, rooms=facts.holding_rooms,
                  year=facts.year)
    return _p("25", "no", "holdings_none", year=facts.year)


def _biology(facts: UnitFacts) -> list[Prefill]:
    uses = facts.agent_uses
    if not uses:
        return [_p("26", "no", "agents_none", year=facts.year)]
    agents = {u.agent_id: u for u in uses}
    out = [_p("26", "yes", "agents_found", n=len(agents),
              rooms=len({u.room_id for u in uses}), year=facts.year,
              names=_names(u.agent_name for u in agents.values()))]
    # 26c: the workers register for agents that need it
    registered = {w.agent_id for w in facts.bio_workers if w.agent_id is not None}
    needing = [a for a in agents.values() if a.needs_register]
    if not needing:
        out.append(_p("26c", None, "bio_register_not_required", n=len(agents)))
    else:
        uncovered = [a for a in needing if a.agent_id not in registered]
        if uncovered:
            out.append(_p("26c", "no", "bio_register_missing", n=len(uncovered),
                          of=len(needing), names=_names(a.agent_name for a in uncovered)))
        else:
            out.append(_p("26c", "yes", "bio_register_all", n=len(needing)))
    # 26d: vaccination offers where the agent has a vaccine (note V)
    vaccine = {a.agent_id: a for a in agents.values() if a.needs_vaccine_offer}
    if not vaccine:
        out.append(_p("26d", None, "vaccine_not_needed", n=len(agents)))
    else:
        workers = [w for w in facts.bio_workers if w.agent_id in vaccine]
        if not workers:
            out.append(_p("26d", None, "vaccine_no_workers", n=len(vaccine),
                          names=_names(a.agent_name for a in vaccine.values())))
        else:
            without = [w for w in workers if w.vaccination_offers == 0]
            if without:
                out.append(_p("26d", "no", "vaccine_missing", n=len(without),
                              of=len(workers)))
            else:
                out.append(_p("26d", "yes", "vaccine_all", n=len(workers)))
    rooms = _rooms_rule("26e", [r for r in facts.hazard_rooms if r.biology], "agents")
    if rooms is not None:
        out.append(rooms)
    return out


def _rooms_rule(question: str, rooms: list[HazardRoomFact], what: str) -> Prefill | None:
    """24d / 26e: each room with the hazard has a responsible and a card that is not stale."""
    if not rooms:
        return None
    lacking = [r for r in rooms if not r.in_order]
    if not lacking:
        return _p(question, "yes", f"rooms_in_order_{what}", n=len(rooms))
    return _p(question, "no", f"rooms_lacking_{what}", n=len(lacking), of=len(rooms),
              no_responsible=sum(not r.has_responsible for r in rooms),
              no_card=sum(not r.has_card for r in rooms),
              stale=sum(r.has_card and r.card_stale for r in rooms),
              names=_names(r.label for r in lacking))


def _deviations(facts: UnitFacts) -> Prefill:
    reported = sorted(d for d in facts.deviations if d.year == facts.year)
    if not reported:
        return _p("9", None, "deviations_none", year=facts.year)
    return _p("9", None, "deviations_found", n=len(reported), year=facts.year,
              latest=reported[-1].isoformat())
