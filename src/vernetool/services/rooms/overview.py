"""One room, everything (DESIGN.md "`room` JSON"): the room, its responsible and deputy, the
stored card and the card the registers propose, its chemicals, sources (with the activity on
the day asked), agents, open deviations and open round findings, as plain JSON values.

``problems`` is this room's list from the ``check`` engine (``services.checks``, DESIGN.md
"`check` JSON") as ``domain.checks.Problem`` values: their messages are words, so the front
end renders them (``vernetool room`` prints them as the ``check`` command does).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from vernetool.db.organisation import room_overview
from vernetool.domain.organisation import Responsibility, ResponsibilityKind, Room, RoomCard
from vernetool.domain.room_card_proposal import ProposedCard
from vernetool.services.store import Store


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _person(duty: Responsibility | None) -> dict[str, Any] | None:
    if duty is None:
        return None
    return {"person_id": duty.person_id, "name": duty.person_name, "phone": duty.person_phone,
            "email": duty.person_email, "valid_from": _iso(duty.valid_from),
            "valid_to": _iso(duty.valid_to)}


def card_json(card: RoomCard) -> dict[str, Any] | None:
    """The stored card's fields (None when the room has no card)."""
    if card.is_empty():
        return None
    values = asdict(card)
    values["pictograms"] = list(card.pictograms)
    values["warning_signs"] = list(card.warning_signs)
    return values


def proposal_json(proposal: ProposedCard) -> dict[str, Any]:
    return {"pictograms": list(proposal.pictograms), "radiation": proposal.radiation,
            "laser": proposal.laser, "biohazard": proposal.biohazard,
            "flammable_cat1_litres": proposal.flammable_cat1_litres,
            "flammable_cat2_litres": proposal.flammable_cat2_litres,
            "unconverted_holdings": list(proposal.unconverted),
            "gas_cylinders": proposal.gas_cylinders, "hazards": list(proposal.hazards)}


class RoomOverviewService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def find_room(self, building_code: str, number: str) -> Room | None:
        from vernetool.services.organisation.rooms import RoomsService

        return RoomsService(self.store).find(building_code, number)

    def overview(self, room: Room, as_of: dt.date | None = None) -> dict[str, Any]:
        """The room's JSON (keys as DESIGN.md) on ``as_of`` (default today)."""
        from vernetool.services.biology.agents import BioAgentsService
        from vernetool.services.checks import ChecksService
        from vernetool.services.chemicals.products import ChemicalsService
        from vernetool.services.organisation.responsibilities import ResponsibilitiesService
        from vernetool.services.organisation.room_cards import RoomCardsService, card_proposal
        from vernetool.services.radiation.sources import RadiationSourcesService

        if room.id is None:
            raise ValueError("the room is not stored")
        day = as_of or dt.date.today()
        duties = ResponsibilitiesService(self.store).current(room.id, day)
        holdings = ChemicalsService(self.store).room_chemicals(room.id)
        sources = RadiationSourcesService(self.store).room_sources(room.id, day)
        agents = BioAgentsService(self.store).room_agents(room.id)
        card = RoomCardsService(self.store).get(room.id)
        proposal = card_proposal(holdings, [s.source for s in sources], agents)
        with self.store.read() as conn:
            deviations = room_overview.open_deviations(conn, room.id)
            findings = room_overview.open_findings(conn, room.id)
        return {
            "room": {"building": room.building_code, "room": room.number, "name": room.name,
                     "type": str(room.type), "unit": room.unit_code},
            "responsible": {"current": _person(duties.get(ResponsibilityKind.RESPONSIBLE)),
                            "deputy": _person(duties.get(ResponsibilityKind.DEPUTY))},
            "card": card_json(card),
            "proposed_card": proposal_json(proposal),
            "chemicals": [
                {"id": h.id, "product_id": h.product_id, "product": h.product_name,
                 "supplier": h.supplier, "place": h.place, "quantity": h.quantity,
                 "unit": h.unit, "containers": h.containers, "status": str(h.status),
                 "hazard_codes": list(h.hazard_codes), "pictograms": list(h.pictograms),
                 "exposure_register": h.exposure_register} for h in holdings],
            "sources": [
                {"id": s.source.id, "kind": str(s.source.kind), "nuclide": s.source.nuclide,
                 "activity_bq": s.source.activity_bq,
                 "reference_date": _iso(s.source.reference_date),
                 "activity_now_bq": s.activity_now_bq,
                 "laser_class": None if s.source.laser_class is None
                 else str(s.source.laser_class),
                 "make": s.source.make, "model": s.source.model,
                 "serial_number": s.source.serial_number, "dsa_id": s.source.dsa_id,
                 "dsa_status": None if s.source.dsa_status is None
                 else str(s.source.dsa_status),
                 "notifiable": s.source.notifiable} for s in sources],
            "agents": [
                {"id": a.id, "agent_id": a.agent_id, "name": a.agent_name,
                 "type": str(a.agent_type), "risk_group": int(a.risk_group),
                 "notes": sorted(str(n) for n in a.notes),
                 "containment_level": a.containment_level,
                 "notified_at": _iso(a.notified_at), "first_use": _iso(a.first_use)}
                for a in agents],
            "open_deviations": deviations,
            "open_findings": findings,
            "problems": ChecksService(self.store).problems(room.id, day),
        }
