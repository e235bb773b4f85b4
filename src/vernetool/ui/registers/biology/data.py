"""What the biological register's screens read, through the services: agents with their rooms,
the cabinets, and the topics that make the screens read again."""

from __future__ import annotations

import datetime as dt

from vernetool.context import AppContext
from vernetool.domain.biology.catalogue import CatalogueAgent
from vernetool.domain.biology.model import (
    Agent,
    AgentInput,
    AgentUse,
    AgentUseInput,
    BioWorker,
    BioWorkerInput,
    Cabinet,
    CabinetInput,
    CatalogueEntry,
    CertificationInput,
    Incident,
    IncidentInput,
    VaccinationOffer,
    VaccinationOfferInput,
)
from vernetool.services import Topic
from vernetool.ui.registers.biology.agents_model import AgentRow, UseRow


def agent_topics() -> tuple[Topic, ...]:
    return (Topic.AGENTS, Topic.ROOMS)


def worker_topics() -> tuple[Topic, ...]:
    return (Topic.BIO_WORKERS, Topic.AGENTS)


def use_row(use: AgentUse) -> UseRow:
    return UseRow(use.id, use.room_id, use.room_label, use.containment_level,
                  use.notified_at, use.first_use)


def agent_row(agent: Agent, uses: list[AgentUse]) -> AgentRow:
    return AgentRow(agent.id, agent.name, agent.agent_type, int(agent.risk_group),
                    agent.notes, tuple(use_row(u) for u in uses), agent.long_retention,
                    agent.remarks)


def agent_rows(ctx: AppContext) -> list[AgentRow]:
    service = ctx.services.bio_agents
    by_agent: dict[int, list[AgentUse]] = {}
    for use in service.uses():
        by_agent.setdefault(use.agent_id, []).append(use)
    return [agent_row(agent, by_agent.get(agent.id, [])) for agent in service.agents()]


def cabinet_rows(ctx: AppContext) -> list[Cabinet]:
    return ctx.services.bio_agents.cabinets()


def catalogue_search(ctx: AppContext, text: str) -> list[CatalogueAgent | CatalogueEntry]:
    """The built-in list's entries matching ``text`` (for the agent dialog's picker)."""
    return list(ctx.services.bio_agents.catalogue(text, limit=15))


def catalogue_lookup(ctx: AppContext, name: str) -> CatalogueAgent | CatalogueEntry | None:
    return ctx.services.bio_agents.catalogue_entry(name)


def save_agent(ctx: AppContext, agent_id: int | None, inp: AgentInput) -> int:
    return ctx.services.bio_agents.save(inp, agent_id).id


def agents(ctx: AppContext) -> list[Agent]:
    return ctx.services.bio_agents.agents()


def save_use(ctx: AppContext, use_id: int | None, inp: AgentUseInput) -> int:
    return ctx.services.bio_agents.save_use(inp).id


def end_use(ctx: AppContext, use_id: int, on: dt.date) -> None:
    ctx.services.bio_agents.end_use(use_id, on)


def save_cabinet(ctx: AppContext, cabinet_id: int | None, inp: CabinetInput) -> int:
    return ctx.services.bio_agents.save_cabinet(inp, cabinet_id).id


def certify(ctx: AppContext, cabinet_id: int, inp: CertificationInput) -> None:
    ctx.services.bio_agents.certify(cabinet_id, inp)


def room_agents(ctx: AppContext, room_id: int) -> list[AgentUse]:
    return ctx.services.bio_agents.room_agents(room_id)


# -- the workers register --------------------------------------------------------------------
def workers(ctx: AppContext) -> list[BioWorker]:
    return ctx.services.bio_workers.workers()


def workers_lacking_offer(ctx: AppContext) -> set[int]:
    return {w.id for w in ctx.services.bio_workers.lacking_vaccination_offer()}


def offers(ctx: AppContext, worker_id: int) -> list[VaccinationOffer]:
    return ctx.services.bio_workers.vaccination_offers(worker_id)


def incidents(ctx: AppContext, worker_id: int) -> list[Incident]:
    return ctx.services.bio_workers.incidents(worker_id)


def save_worker(ctx: AppContext, worker_id: int | None, inp: BioWorkerInput,
                offer: VaccinationOfferInput | None = None) -> int:
    service = ctx.services.bio_workers
    saved = service.register(inp).id if worker_id is None else service.update(worker_id, inp).id
    if offer is not None:
        service.offer_vaccination(saved, offer)
    return saved


def save_offer(ctx: AppContext, worker_id: int, offer_id: int | None,
               inp: VaccinationOfferInput) -> None:
    service = ctx.services.bio_workers
    if offer_id is None:
        service.offer_vaccination(worker_id, inp)
    else:
        service.record_answer(offer_id, inp)


def add_incident(ctx: AppContext, worker_id: int, inp: IncidentInput) -> None:
    ctx.services.bio_workers.add_incident(worker_id, inp)


def reveal_identity(ctx: AppContext, worker_id: int) -> str:
    return ctx.services.bio_workers.reveal_identity(worker_id)


def delete_worker(ctx: AppContext, worker_id: int, today: dt.date) -> None:
    ctx.services.bio_workers.delete(worker_id, today=today)
