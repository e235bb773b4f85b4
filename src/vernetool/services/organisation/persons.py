"""Persons: the paged, filtered listing behind the people table, lookups, and saving."""

from __future__ import annotations

from vernetool.db import audit
from vernetool.db.organisation import persons
from vernetool.db.organisation.persons import PersonFilter
from vernetool.domain.organisation import Person
from vernetool.services.notifier import Topic
from vernetool.services.store import Store

_ALL = PersonFilter()


class PersonsService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reads ---------------------------------------------------------------------------------
    def count(self, flt: PersonFilter = _ALL) -> int:
        with self.store.read() as conn:
            return persons.count_persons(conn, flt)

    def search(self, flt: PersonFilter = _ALL, *, offset: int = 0, limit: int = -1
               ) -> list[Person]:
        """Persons matching the filter in name order (a page of the table, or the matches)."""
        with self.store.read() as conn:
            return persons.list_persons(conn, flt, offset=offset, limit=limit)

    def get(self, person_id: int) -> Person | None:
        with self.store.read() as conn:
            return persons.get_person(conn, person_id)

    def find_by_email(self, email: str) -> Person | None:
        with self.store.read() as conn:
            return persons.find_person_by_email(conn, email)

    # -- writes --------------------------------------------------------------------------------
    def save(self, person: Person) -> int:
        """Create (no id) or update a person with their roles, and audit it if anything
        changed: all or nothing. Returns the person's id."""
        with self.store.write(Topic.PERSONS, Topic.UNITS) as conn:
            person_id, changed = persons.save_person(conn, person)
            if changed:
                audit.record(conn, self.store.actor, "person", person_id,
                             "update" if person.id is not None else "create", _details(person))
        return person_id


def _details(person: Person) -> dict[str, object]:
    return {"name": person.name, "email": person.email, "phone": person.phone,
            "unit": person.unit_code, "roles": sorted(r.value for r in person.roles),
            "active": person.active}
