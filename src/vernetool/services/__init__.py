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
    from vernetool.services.rounds.action_plan import ActionPlanService
    from vernetool.services.rounds.bundles import RoundBundlesService
    from vernetool.services.rounds.findings import FindingsService
    from vernetool.services.rounds.photos import RoundPhotosService
    from vernetool.services.rounds.planning import RoundPlanningService
    from vernetool.services.rounds.walk import RoundWalkService

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

    def _feature(self, name: str, factory: Callable[[Store], T]) -> T:
        built = self._built.get(name)
        if built is None:
            built = self._built[name] = factory(self.store)
        return cast(T, built)
