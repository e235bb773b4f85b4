"""Use cases, by feature: the only thing ``ui/`` and ``commands/`` call.

One call = one transaction = one user intention (plan a round, answer an item, record a
deviation, import a file). A service takes plain values and returns domain objects or plain
rows; it raises ``ValidationError`` (a code the person can correct) or ``StoreError`` (a known
problem with the file); anything else is a bug. After a write commits, listeners hear of it
through ``Services.notifier``.

Each feature's services are built on first use (``services.rooms``), so nothing below a screen
is imported before that screen is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from vernetool.services.notifier import Change, Listener, Notifier, Topic
from vernetool.services.store import Store

if TYPE_CHECKING:
    from vernetool.services.annual.aggregate import AnnualAggregateService
    from vernetool.services.annual.answering import AnnualService
    from vernetool.services.biology.agents import BioAgentsService
    from vernetool.services.biology.workers import BioWorkersService
    from vernetool.services.checklists.templates import TemplatesService
    from vernetool.services.checks import ChecksService
    from vernetool.services.chemicals.exposure import ExposureService
    from vernetool.services.chemicals.exposure_gaps import ExposureGapsService
    from vernetool.services.chemicals.products import ChemicalsService
    from vernetool.services.chemicals.register import ChemicalRegisterService
    from vernetool.services.chemicals.safety_data_sheets import SafetyDataSheetsService
    from vernetool.services.chemicals.storage_list import StorageListService
    from vernetool.services.delivery import DeliveryService
    from vernetool.services.deviations.attachments import DeviationAttachmentsService
    from vernetool.services.deviations.measures import DeviationMeasuresService
    from vernetool.services.deviations.queries import DeviationQueryService
    from vernetool.services.deviations.recording import DeviationsService
    from vernetool.services.deviations.settings import DeviationSettingsService
    from vernetool.services.deviations.workflow import DeviationWorkflowService
    from vernetool.services.exchange.archive import ArchiveService
    from vernetool.services.exchange.files import ExchangeService
    from vernetool.services.maintenance.store_checks import MaintenanceService
    from vernetool.services.organisation.persons import PersonsService
    from vernetool.services.organisation.responsibilities import ResponsibilitiesService
    from vernetool.services.organisation.room_cards import RoomCardsService
    from vernetool.services.organisation.rooms import RoomsService
    from vernetool.services.organisation.units import UnitsService
    from vernetool.services.radiation.sources import RadiationSourcesService
    from vernetool.services.radiation.workers import RadiationWorkersService
    from vernetool.services.rooms.card_print import RoomCardPrintService
    from vernetool.services.rooms.overview import RoomOverviewService
    from vernetool.services.rounds.action_plan import ActionPlanService
    from vernetool.services.rounds.bundles import RoundBundlesService
    from vernetool.services.rounds.findings import FindingsService
    from vernetool.services.rounds.photos import RoundPhotosService
    from vernetool.services.rounds.planning import RoundPlanningService
    from vernetool.services.rounds.walk import RoundWalkService
    from vernetool.services.statistics.year import StatisticsService

__all__ = ["Change", "Listener", "Notifier", "Services", "Store", "Topic"]

T = TypeVar("T")


class Services:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._built: dict[str, object] = {}

    @property
    def notifier(self) -> Notifier:
        return self.store.notifier

    @property
    def db_path(self) -> Path:
        return self.store.db_path

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    @property
    def actor(self) -> str:
        return self.store.actor

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        return self.notifier.subscribe(listener)

    # -- features ----------------------------------------------------------------------------
    # Each feature adds a property here that builds its service class on first use, e.g.
    #
    #     @property
    #     def rooms(self) -> RoomsService:          # RoomsService imported under TYPE_CHECKING
    #         from vernetool.services.organisation.rooms import RoomsService
    #         return self._feature("rooms", RoomsService)

    # organisation
    @property
    def rooms(self) -> RoomsService:
        from vernetool.services.organisation.rooms import RoomsService
        return self._feature("rooms", RoomsService)

    @property
    def persons(self) -> PersonsService:
        from vernetool.services.organisation.persons import PersonsService
        return self._feature("persons", PersonsService)

    @property
    def responsibilities(self) -> ResponsibilitiesService:
        from vernetool.services.organisation.responsibilities import ResponsibilitiesService
        return self._feature("responsibilities", ResponsibilitiesService)

    @property
    def room_cards(self) -> RoomCardsService:
        from vernetool.services.organisation.room_cards import RoomCardsService
        return self._feature("room_cards", RoomCardsService)

    @property
    def units(self) -> UnitsService:
        from vernetool.services.organisation.units import UnitsService
        return self._feature("units", UnitsService)

    # file exchange and maintenance
    @property
    def exchange(self) -> ExchangeService:
        from vernetool.services.exchange.files import ExchangeService
        # the exposure register's files use the exposure service's identity vault, so a
        # vault unlocked on screen is unlocked for an import or export too
        return self._feature("exchange", lambda store: ExchangeService(
            store, vault=lambda: self.exposure.vault))

    @property
    def archive(self) -> ArchiveService:
        from vernetool.services.exchange.archive import ArchiveService
        # the identity numbers in clear (when asked for) through the exposure service's vault
        return self._feature("archive", lambda store: ArchiveService(
            store, vault=lambda: self.exposure.vault))

    @property
    def maintenance(self) -> MaintenanceService:
        from vernetool.services.maintenance.store_checks import MaintenanceService
        return self._feature("maintenance", MaintenanceService)

    @property
    def checklists(self) -> TemplatesService:
        from vernetool.services.checklists.templates import TemplatesService

        return self._feature("checklists", TemplatesService)

    # -- deviations and statistics -------------------------------------------------------------
    @property
    def deviations(self) -> DeviationsService:
        from vernetool.services.deviations.recording import DeviationsService

        return self._feature("deviations", DeviationsService)

    @property
    def deviation_workflow(self) -> DeviationWorkflowService:
        from vernetool.services.deviations.workflow import DeviationWorkflowService

        return self._feature("deviation_workflow", DeviationWorkflowService)

    @property
    def deviation_measures(self) -> DeviationMeasuresService:
        from vernetool.services.deviations.measures import DeviationMeasuresService

        return self._feature("deviation_measures", DeviationMeasuresService)

    @property
    def deviation_attachments(self) -> DeviationAttachmentsService:
        from vernetool.services.deviations.attachments import DeviationAttachmentsService

        return self._feature("deviation_attachments", DeviationAttachmentsService)

    @property
    def deviation_queries(self) -> DeviationQueryService:
        from vernetool.services.deviations.queries import DeviationQueryService

        return self._feature("deviation_queries", DeviationQueryService)

    @property
    def deviation_settings(self) -> DeviationSettingsService:
        from vernetool.services.deviations.settings import DeviationSettingsService

        return self._feature("deviation_settings", DeviationSettingsService)

    @property
    def checks(self) -> ChecksService:
        from vernetool.services.checks import ChecksService

        return self._feature("checks", ChecksService)

    @property
    def statistics(self) -> StatisticsService:
        from vernetool.services.statistics.year import StatisticsService

        return self._feature("statistics", StatisticsService)

    # -- rounds
    @property
    def rounds(self) -> RoundPlanningService:
        from vernetool.services.rounds.planning import RoundPlanningService
        return self._feature("rounds", RoundPlanningService)

    @property
    def walk(self) -> RoundWalkService:
        from vernetool.services.rounds.walk import RoundWalkService
        return self._feature("walk", RoundWalkService)

    @property
    def findings(self) -> FindingsService:
        from vernetool.services.rounds.findings import FindingsService
        return self._feature("findings", FindingsService)

    @property
    def round_photos(self) -> RoundPhotosService:
        from vernetool.services.rounds.photos import RoundPhotosService
        return self._feature("round_photos", RoundPhotosService)

    @property
    def action_plan(self) -> ActionPlanService:
        from vernetool.services.rounds.action_plan import ActionPlanService
        return self._feature("action_plan", ActionPlanService)

    @property
    def round_bundles(self) -> RoundBundlesService:
        from vernetool.services.rounds.bundles import RoundBundlesService
        return self._feature("round_bundles", RoundBundlesService)

    # -- the chemical register and the exposure register
    @property
    def chemicals(self) -> ChemicalsService:
        from vernetool.services.chemicals.products import ChemicalsService
        return self._feature("chemicals", ChemicalsService)

    @property
    def chemical_register(self) -> ChemicalRegisterService:
        from vernetool.services.chemicals.register import ChemicalRegisterService
        return self._feature("chemical_register", ChemicalRegisterService)

    @property
    def safety_data_sheets(self) -> SafetyDataSheetsService:
        from vernetool.services.chemicals.safety_data_sheets import SafetyDataSheetsService
        return self._feature("safety_data_sheets", SafetyDataSheetsService)

    @property
    def exposure(self) -> ExposureService:
        from vernetool.services.chemicals.exposure import ExposureService
        return self._feature("exposure", ExposureService)

    # -- the chemical register's printed lists (built over the chemicals service)
    @property
    def storage_lists(self) -> StorageListService:
        from vernetool.services.chemicals.storage_list import StorageListService
        return self._feature("storage_lists", lambda _store: StorageListService(self))

    @property
    def exposure_gaps(self) -> ExposureGapsService:
        from vernetool.services.chemicals.exposure_gaps import ExposureGapsService
        return self._feature("exposure_gaps", ExposureGapsService)

    # -- the radiation register and its workers register (§31-4)
    @property
    def radiation_sources(self) -> RadiationSourcesService:
        from vernetool.services.radiation.sources import RadiationSourcesService
        return self._feature("radiation_sources", RadiationSourcesService)

    @property
    def radiation_workers(self) -> RadiationWorkersService:
        from vernetool.services.radiation.workers import RadiationWorkersService
        # the exposure register's identity vault: one per database, unlocked for both
        return self._feature("radiation_workers",
                             lambda store: RadiationWorkersService(store, self.exposure))

    # -- the biological register and its workers register (§31-3)
    @property
    def bio_agents(self) -> BioAgentsService:
        from vernetool.services.biology.agents import BioAgentsService
        return self._feature("bio_agents", BioAgentsService)

    @property
    def bio_workers(self) -> BioWorkersService:
        from vernetool.services.biology.workers import BioWorkersService
        # the exposure register's vault: one unlock serves both registers' numbers
        return self._feature("bio_workers", lambda store: BioWorkersService(
            store, vault=self.exposure.vault))

    # -- one room, everything (the room view and ``vernetool room``)
    @property
    def room_overview(self) -> RoomOverviewService:
        from vernetool.services.rooms.overview import RoomOverviewService
        return self._feature("room_overview", RoomOverviewService)

    # -- the printed room card (the A4 door sign; ``vernetool report roomcard``)
    @property
    def room_card_print(self) -> RoomCardPrintService:
        from vernetool.services.rooms.card_print import RoomCardPrintService
        return self._feature("room_card_print", RoomCardPrintService)

    # -- delivery to the central systems: targets, the outbox, sync
    @property
    def delivery(self) -> DeliveryService:
        from vernetool.services.delivery import DeliveryService
        return self._feature("delivery", DeliveryService)

    # annual reporting
    @property
    def annual(self) -> AnnualService:
        from vernetool.services.annual.answering import AnnualService
        return self._feature("annual", AnnualService)

    @property
    def annual_aggregate(self) -> AnnualAggregateService:
        from vernetool.services.annual.aggregate import AnnualAggregateService
        return self._feature("annual_aggregate", AnnualAggregateService)

    def _feature(self, name: str, factory: Callable[[Store], T]) -> T:
        built = self._built.get(name)
        if built is None:
            built = self._built[name] = factory(self.store)
        return cast(T, built)
