"""What the biology repositories share: the audit entity names and row helpers."""

from __future__ import annotations

from vernetool.domain.biology.agents import AgentNote

AGENT = "bio_agent"
CATALOGUE = "bio_catalogue_edit"
AGENT_USE = "bio_agent_use"
CABINET = "bio_cabinet"
CERTIFICATION = "bio_cabinet_certification"
WORKER = "bio_worker"
INCIDENT = "bio_incident"
VACCINATION = "bio_vaccination_offer"

ROOM_LABEL_SQL = ("(SELECT b.code || ':' || r.number FROM room r JOIN building b "
                  "ON b.id = r.building_id WHERE r.id = {column})")


def room_label_sql(column: str) -> str:
    """A sub-select giving ``BUILDING:ROOM`` for the room id in ``column``."""
    return ROOM_LABEL_SQL.format(column=column)


def to_notes(letters: str) -> frozenset[AgentNote]:
    return frozenset(AgentNote(letter) for letter in letters)
