"""Cross-register checks (``vernetool check``, the Needs-attention screen): every problem
code of DESIGN.md over the whole database or one room, as of a date. One module per
register family; the reads are in ``db.checks``, the rules in the domain packages."""

from __future__ import annotations

import datetime as dt

from vernetool.domain.checks import Problem, problem_order
from vernetool.services.store import Store

__all__ = ["ChecksService"]


class ChecksService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def problems(self, room_id: int | None = None, as_of: dt.date | None = None
                 ) -> list[Problem]:
        """The problems (room by room, unit problems first) of the room or of everything,
        as of ``as_of`` (default today). Unit problems (``round_missing``) only without a
        room."""
        from vernetool.services.checks.biology import biology_checks
        from vernetool.services.checks.chemicals import chemical_problems
        from vernetool.services.checks.follow_up import follow_up_checks
        from vernetool.services.checks.radiation import radiation_checks
        from vernetool.services.checks.rooms import room_checks
        from vernetool.services.chemicals.products import ChemicalsService

        day = as_of or dt.date.today()
        max_age = ChemicalsService(self.store).sds_max_age_years()
        with self.store.read() as conn:
            radiation = radiation_checks(conn, room_id)
            biology = biology_checks(conn, room_id)
            found_problems = [
                *chemical_problems(conn, room_id, day, max_age),
                *radiation.problems, *biology.problems,
                *room_checks(conn, room_id, day, radiation.sources, biology.agent_groups),
                *follow_up_checks(conn, room_id, day)]
        return sorted(found_problems, key=problem_order)
