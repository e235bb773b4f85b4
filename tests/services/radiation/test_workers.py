"""RadiationWorkersService (§31-4): entries with identity numbers sealed by the exposure
register's vault (never in clear in the database file), masked, reveals audited; doses with
the yearly sums and the limits; deletion refused before 60 years."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vernetool.context import AppContext
from vernetool.db import audit
from vernetool.domain.radiation.doses import DosimeterPosition
from vernetool.domain.radiation.model import DoseInput, RadiationWorkerInput
from vernetool.services import Change, Services, Topic
from vernetool.services.errors import ValidationError

from .conftest import PASSPHRASE, numbers


@pytest.fixture
def unlocked(services: Services) -> Services:
    services.exposure.set_up_vault(PASSPHRASE)
    return services


def _worker(number: str = "", person: str = "Kari Nordmann",
            **fields: object) -> RadiationWorkerInput:
    values: dict[str, object] = {
        "identity_number": number, "address": "Høgskoleringen 5, 7034 Trondheim",
        "work": "Isotoparbeid med P-32", "employed_from": dt.date(2019, 8, 1),
        "sources": "P-32, Cs-137 kontrollkilde"}
    values.update(fields)
    return RadiationWorkerInput(person, **values)  # type: ignore[arg-type]


def test_register_masks_and_reveal_is_audited(unlocked: Services,
                                              changes: list[Change]) -> None:
    number = numbers(1)[0]
    worker = unlocked.radiation_workers.register(_worker(number))
    assert worker.identity_masked == "150765*****" and worker.has_identity
    assert worker.retain_until is None
    assert Change(Topic.RADIATION_WORKERS) in changes
    assert unlocked.radiation_workers.reveal_identity(worker.id, "lege") == number
    with unlocked.store.read() as conn:
        entries = audit.history(conn, "radiation_worker", worker.id)
    assert [e.action for e in entries] == ["create", "reveal_identity"]
    assert entries[1].details == {"purpose": "lege"}
    assert all(number not in str(e.details) and number[6:] not in str(e.details)
               for e in entries)
    assert unlocked.radiation_workers.reveal_for_export([worker.id]) == {worker.id: number}


def test_the_vault_is_the_exposure_registers(services: Services) -> None:
    assert services.radiation_workers.vault is services.exposure.vault
    with pytest.raises(ValidationError) as info:
        services.radiation_workers.register(_worker(numbers(1)[0]))
    assert info.value.code == "vault.not_set_up"
    services.exposure.set_up_vault(PASSPHRASE)
    assert services.radiation_workers.register(_worker(numbers(1)[0])).has_identity


def test_bad_identity_numbers_are_refused(unlocked: Services) -> None:
    good = numbers(1)[0]
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as info:
        unlocked.radiation_workers.register(_worker(bad))
    assert info.value.code == "identity.check_digit" and bad not in str(info.value)


def test_update_keeps_the_number_when_left_as_masked(unlocked: Services) -> None:
    number, other = numbers(2)
    worker = unlocked.radiation_workers.register(_worker(number))
    same = unlocked.radiation_workers.update(worker.id, _worker("150765*****",
                                                                work="Røntgen"))
    assert same.work == "Røntgen"
    assert unlocked.radiation_workers.reveal_identity(worker.id) == number
    unlocked.radiation_workers.update(worker.id, _worker(other))
    assert unlocked.radiation_workers.reveal_identity(worker.id) == other


def test_doses_summed_per_year_with_the_limits(services: Services) -> None:
    workers = services.radiation_workers
    kari = workers.register(_worker())
    ola = workers.register(_worker(person="Ola Nordmann", apprentice=True))
    for date, hp10, hp007 in ((dt.date(2025, 3, 31), "12,0", "12,5"),
                              (dt.date(2025, 6, 30), "9.5", "10"),
                              (dt.date(2026, 3, 31), "0.2", "0.3")):
        workers.add_dose(DoseInput(kari.id, date, hp10, hp007))
    workers.add_dose(DoseInput(kari.id, dt.date(2025, 6, 30), None, "120",
                               DosimeterPosition.EXTREMITY))
    workers.add_dose(DoseInput(ola.id, dt.date(2025, 6, 30), "6", "6"))
    years = {(y.person, y.year): y for y in workers.yearly()}
    k2025 = years[("Kari Nordmann", 2025)]
    assert (k2025.effective_msv, k2025.skin_msv, k2025.extremities_msv) == (21.5, 22.5, 120.0)
    assert k2025.over == ("effective", "eye_lens") and k2025.over_limit
    assert k2025.limits["effective"] == 20.0 and k2025.entries == 3
    assert not years[("Kari Nordmann", 2026)].over
    o2025 = years[("Ola Nordmann", 2025)]
    assert o2025.limits["effective"] == 5.0 and o2025.over == ("effective",)
    assert [(y.person, y.year) for y in workers.over_limit(2025)] == [
        ("Kari Nordmann", 2025), ("Ola Nordmann", 2025)]
    assert [y.year for y in workers.yearly(kari.id)] == [2025, 2026]
    with pytest.raises(ValidationError) as info:
        workers.add_dose(DoseInput(kari.id, dt.date(2025, 3, 31), "1", "1"))
    assert info.value.code == "radiation_dose.exists"
    with pytest.raises(ValidationError) as info:
        workers.add_dose(DoseInput(kari.id, dt.date(2025, 4, 30), None, None))
    assert info.value.code == "dose.missing"


def test_deletion_refused_before_60_years(services: Services) -> None:
    workers = services.radiation_workers
    worker = workers.register(_worker())
    workers.add_dose(DoseInput(worker.id, dt.date(2025, 12, 31), "0.1", "0.1"))
    with pytest.raises(ValidationError) as info:
        workers.delete(worker.id, dt.date(2100, 1, 1))
    assert info.value.code == "retention.exposure_open"            # still exposed
    ended = workers.update(worker.id, _worker(exposure_end=dt.date(2025, 6, 30)))
    assert ended.retain_until == dt.date(2085, 12, 31)             # the later dose counts
    with pytest.raises(ValidationError) as info:
        workers.delete(worker.id, dt.date(2085, 12, 31))
    assert info.value.code == "retention.not_expired"
    assert info.value.params["until"] == "2085-12-31"
    workers.delete(worker.id, dt.date(2086, 1, 1))
    assert workers.workers() == []
    with services.store.read() as conn:
        assert audit.history(conn, "radiation_worker", worker.id)[-1].action == "delete"


def test_employment_and_end_checked(services: Services) -> None:
    with pytest.raises(ValidationError) as info:
        services.radiation_workers.register(_worker(exposure_end=dt.date(2010, 1, 1)))
    assert info.value.code == "radiation_worker.end_before_employment"
    with pytest.raises(ValidationError) as info:
        services.radiation_workers.register(_worker(person="  "))
    assert info.value.code == "radiation_worker.person_required"


def test_upserts_for_the_importer(unlocked: Services) -> None:
    number = numbers(1)[0]
    workers = unlocked.radiation_workers
    first, changed = workers.upsert(_worker(number))
    assert changed
    assert workers.upsert(_worker(number, person="Kari N.")) == (first, True)
    assert workers.upsert(_worker(number, person="Kari N.")) == (first, False)
    doses = [DoseInput(first, dt.date(2025, m, 28), "0,1", "0,2") for m in (1, 2)]
    assert workers.upsert_doses(doses) == 2 and workers.upsert_doses(doses) == 0


def test_the_database_file_holds_no_identity_number_in_clear(
        unlocked: Services, ctx: AppContext, db_path: Path) -> None:
    registered = numbers(5)
    for i, number in enumerate(registered):
        worker = unlocked.radiation_workers.register(_worker(number, person=f"Person {i}"))
        unlocked.radiation_workers.add_dose(DoseInput(worker.id, dt.date(2025, 1, 31),
                                                      "0.1", "0.1"))
    first = unlocked.radiation_workers.workers()[0]
    unlocked.radiation_workers.update(first.id, _worker(registered[0], person="Renamed"))
    unlocked.radiation_workers.reveal_identity(first.id)
    wal = db_path.with_name(db_path.name + "-wal")
    contents = db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert b"150765*****" in contents
    ctx.close()
    contents += db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    for number in registered:
        value = int(number)
        for form in (number.encode(), number.encode("utf-16-le"), number.encode("utf-16-be"),
                     number[6:].encode(), value.to_bytes(8, "big"),
                     value.to_bytes(8, "little")):
            assert form not in contents, number[:6]
