"""The persons table: a paged model over ``PersonsService.search``."""

from __future__ import annotations

from typing import Any

from vernetool.i18n import tr
from vernetool.services.organisation import Person, PersonFilter, Role
from vernetool.services.organisation.persons import PersonsService
from vernetool.ui.common.labels import role_label
from vernetool.ui.common.paged_table_model import Column, PagedTableModel, Sort


def roles_text(person: Person) -> str:
    """The person's roles in a fixed order (the order of ``Role``), as words."""
    return ", ".join(role_label(role) for role in Role if role in person.roles)


def status_text(person: Person) -> str:
    return tr("Active") if person.active else tr("Has left")


def person_columns() -> list[Column[Person]]:
    return [
        Column(lambda: tr("Name"), lambda p: p.name, tooltip=lambda p: p.name),
        Column(lambda: tr("E-mail"), lambda p: p.email or "", tooltip=lambda p: p.email or ""),
        Column(lambda: tr("Phone"), lambda p: p.phone),
        Column(lambda: tr("Unit"), lambda p: p.unit_code or ""),
        Column(lambda: tr("Roles"), roles_text, tooltip=roles_text),
        Column(lambda: tr("Status"), status_text),
    ]


class PersonsTableModel(PagedTableModel[Person, PersonFilter]):
    """Persons matching a ``PersonFilter`` in name order, loaded 200 rows at a time."""

    def __init__(self, persons: PersonsService, flt: PersonFilter | None = None, *,
                 page_size: int = 200, parent: Any = None) -> None:
        def fetch(f: PersonFilter, offset: int, limit: int, _sort: Sort | None) -> list[Person]:
            return persons.search(f, offset=offset, limit=limit)

        super().__init__(person_columns(), persons.count, fetch,
                         flt or PersonFilter(), page_size=page_size, parent=parent)

    def row_of_person(self, person_id: int) -> int:
        """The loaded row showing this person, or -1."""
        for row, person in enumerate(self._rows):
            if person.id == person_id:
                return row
        return -1
