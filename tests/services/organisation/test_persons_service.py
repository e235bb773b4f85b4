"""PersonsService: saving a person with roles and audit as one intention; lookups; listing."""

from __future__ import annotations

import pytest

from vernetool.context import AppContext
from vernetool.db import audit
from vernetool.db.organisation import persons as person_repo
from vernetool.services import Change, Services, Topic
from vernetool.services.errors import ValidationError
from vernetool.services.organisation import Person, PersonFilter, Role
from vernetool.services.organisation import persons as persons_module


def test_create_update_and_unchanged(services: Services, ctx: AppContext,
                                     changes: list[Change]) -> None:
    person_id = services.persons.save(Person("Åse Ødegård", "ase@ntnu.no", "735 94 120", "IKJ",
                                             frozenset({Role.SAFETY_REP})))
    saved = services.persons.get(person_id)
    assert saved is not None and (saved.name, saved.unit_code, saved.roles) == (
        "Åse Ødegård", "IKJ", {Role.SAFETY_REP})
    assert services.persons.find_by_email("ase@ntnu.no") == saved
    saved.active = False
    assert services.persons.save(saved) == person_id
    assert services.persons.save(saved) == person_id  # nothing changed: no audit entry
    entries = audit.history(ctx.conn, "person", person_id)
    assert [(e.action, e.details["active"]) for e in entries] == [("create", True),
                                                                  ("update", False)]
    assert [c.topic for c in changes].count(Topic.PERSONS) == 3
    left = services.persons.get(person_id)
    assert left is not None and not left.active


def test_an_e_mail_of_another_person_is_refused(services: Services,
                                                changes: list[Change]) -> None:
    services.persons.save(Person("Åse", "ase@ntnu.no"))
    services.persons.save(Person("Bjørn", "bjorn@ntnu.no"))
    bjorn = services.persons.find_by_email("bjorn@ntnu.no")
    assert bjorn is not None
    changes.clear()
    with pytest.raises(ValidationError) as info:
        services.persons.save(Person("Bjørn", "ase@ntnu.no", id=bjorn.id))
    assert info.value.field == "email"
    assert services.persons.get(bjorn.id or 0) == bjorn
    assert changes == []


def test_a_save_failing_half_way_writes_nothing(services: Services, ctx: AppContext,
                                                changes: list[Change],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("audit trail unavailable")

    monkeypatch.setattr(persons_module.audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.persons.save(Person("Chen Li", "chen@ntnu.no", unit_code="IBI",
                                     roles=frozenset({Role.EMPLOYEE})))
    assert person_repo.count_persons(ctx.conn) == 0
    assert ctx.conn.execute("SELECT count(*) FROM person_role").fetchone()[0] == 0
    assert ctx.conn.execute("SELECT count(*) FROM unit").fetchone()[0] == 0
    assert changes == []


def test_listing_filters_and_pages_as_the_repository(services: Services,
                                                     ctx: AppContext) -> None:
    for n in range(12):
        services.persons.save(Person(f"Person {n:02d}", f"p{n}@ntnu.no",
                                     roles=frozenset({Role.EMPLOYEE} if n % 2 else set()),
                                     active=n != 3))
    flt = PersonFilter(role=Role.EMPLOYEE, active_only=True)
    assert services.persons.count(flt) == person_repo.count_persons(ctx.conn, flt) == 5
    page = services.persons.search(flt, offset=1, limit=2)
    assert page == person_repo.list_persons(ctx.conn, flt, offset=1, limit=2)
    assert [p.name for p in page] == ["Person 05", "Person 07"]
    assert services.persons.count(PersonFilter(active_only=True)) == 11
    assert services.persons.get(999) is None
