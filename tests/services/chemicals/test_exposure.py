"""ExposureService: §31-1 entries only for CMR products, identity numbers sealed (never in
clear in the database file, the audit trail or the log), reveals audited, retention kept."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from vernetool.context import AppContext
from vernetool.db import audit
from vernetool.domain.chemicals.model import ExposureInput, ExposureRoute, ProductInput
from vernetool.domain.identity import control_digit
from vernetool.services import Services
from vernetool.services.chemicals.exposure import VaultStatus
from vernetool.services.errors import ValidationError
from vernetool.settings import Settings

from .conftest import BENZENE, PASSPHRASE, TOLUENE, Labs

DMF = ProductInput("N,N-dimetylformamid", "Merck", statements=("H226 H312 H319 H332 H360D",))


def valid_number(birth: str, individual: str) -> str | None:
    """A fødselsnummer with both check digits (``birth`` DDMMYY, ``individual`` 3 digits),
    None where no check digit fits."""
    nine = birth + individual
    k1 = control_digit(nine, (3, 7, 6, 1, 8, 9, 4, 5, 2))
    k2 = None if k1 is None else control_digit(nine + str(k1),
                                                 (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
    return None if k2 is None else f"{nine}{k1}{k2}"


def numbers(count: int) -> list[str]:
    found: list[str] = []
    individual = 433
    while len(found) < count:
        number = valid_number("150765", f"{individual:03d}")
        if number is not None:
            found.append(number)
        individual += 7
    return found


@pytest.fixture
def unlocked(services: Services) -> Services:
    services.exposure.set_up_vault(PASSPHRASE)
    return services


def _entry(product_id: int, number: str, **fields: object) -> ExposureInput:
    values: dict[str, object] = {
        "person": "Kari Nordmann", "identity_number": number, "position": "PhD candidate",
        "workplace": "Synthesis lab", "route": ExposureRoute.INHALATION,
        "concentration": "< 1 ppm", "exposure_start": dt.date(2026, 3, 2),
        "exposure_end": dt.date(2026, 3, 2), "duration": "2 h"}
    values.update(fields)
    return ExposureInput(product_id, **values)  # type: ignore[arg-type]


def test_exposure_is_refused_for_a_product_that_does_not_trigger_it(unlocked: Services
                                                                    ) -> None:
    toluene = unlocked.chemicals.save_product(TOLUENE)          # H361d: category 2
    with pytest.raises(ValidationError) as caught:
        unlocked.exposure.register(_entry(toluene.id, numbers(1)[0]))
    assert (caught.value.code, caught.value.field) == ("exposure.not_cmr", "product")
    assert unlocked.exposure.entries() == []


def test_an_entry_round_trips_masked_with_its_retention(unlocked: Services, ctx: AppContext,
                                                        labs: Labs) -> None:
    benzene = unlocked.chemicals.save_product(BENZENE)
    dmf = unlocked.chemicals.save_product(DMF)
    number = numbers(1)[0]
    entry = unlocked.exposure.register(_entry(benzene.id, number, room_id=labs.synthesis))
    assert (entry.person, entry.identity_masked, entry.room_label) == (
        "Kari Nordmann", "150765*****", "REALF:D2-108")
    assert entry.retain_until == dt.date(2086, 3, 2)              # 60 years: carcinogen
    repro = unlocked.exposure.register(_entry(dmf.id, number))
    assert repro.retain_until == dt.date(2031, 3, 2)              # 5 years: reprotoxic
    ongoing = unlocked.exposure.register(_entry(dmf.id, number, exposure_end=None))
    assert ongoing.retain_until is None
    assert [e.id for e in unlocked.exposure.entries(benzene.id)] == [entry.id]
    assert len(unlocked.exposure.entries()) == 3
    [created] = audit.history(ctx.conn, "exposure_entry", entry.id)
    assert created.action == "create" and number not in str(created.details)


def test_bad_entries_are_refused(unlocked: Services) -> None:
    benzene = unlocked.chemicals.save_product(BENZENE)
    number = numbers(1)[0]
    mistyped = number[:-1] + str((int(number[-1]) + 1) % 10)
    cases: list[tuple[str, dict[str, object], str]] = [
        (number, {"person": " "}, "exposure.person_required"),
        (number, {"exposure_end": dt.date(2026, 3, 1)}, "exposure.end_before_start"),
        (mistyped, {}, "identity.check_digit")]
    for given, fields, code in cases:
        with pytest.raises(ValidationError) as caught:
            unlocked.exposure.register(_entry(benzene.id, given, **fields))
        assert caught.value.code == code
        assert given not in str(caught.value) + repr(caught.value)
    assert unlocked.exposure.entries() == []


def test_reveal_is_audited_without_the_number(unlocked: Services, ctx: AppContext,
                                              caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    benzene = unlocked.chemicals.save_product(BENZENE)
    number = numbers(1)[0]
    entry = unlocked.exposure.register(_entry(benzene.id, number))
    assert unlocked.exposure.reveal_identity(entry.id, "the worker asked") == number
    entries = audit.history(ctx.conn, "exposure_entry", entry.id)
    assert [e.action for e in entries] == ["create", "reveal_identity"]
    assert entries[-1].actor == ctx.actor
    assert number not in repr(entries) and number not in caplog.text


def test_update_keeps_the_number_unless_a_new_one_is_given(unlocked: Services) -> None:
    benzene = unlocked.chemicals.save_product(BENZENE)
    first, second = numbers(2)
    entry = unlocked.exposure.register(_entry(benzene.id, first))
    kept = unlocked.exposure.update(entry.id, _entry(benzene.id, "", duration="3 h"))
    assert kept.duration == "3 h"
    assert unlocked.exposure.reveal_identity(entry.id) == first
    unlocked.exposure.update(entry.id, _entry(benzene.id, entry.identity_masked))
    assert unlocked.exposure.reveal_identity(entry.id) == first
    unlocked.exposure.update(entry.id, _entry(benzene.id, second))
    assert unlocked.exposure.reveal_identity(entry.id) == second


def test_deletion_is_refused_before_retention_and_audited_after(unlocked: Services,
                                                                ctx: AppContext) -> None:
    dmf = unlocked.chemicals.save_product(DMF)
    entry = unlocked.exposure.register(_entry(dmf.id, numbers(1)[0]))
    with pytest.raises(ValidationError) as caught:
        unlocked.exposure.delete(entry.id, dt.date(2031, 3, 2))
    assert caught.value.code == "exposure.retention"
    ongoing = unlocked.exposure.register(_entry(dmf.id, "", exposure_end=None))
    with pytest.raises(ValidationError):
        unlocked.exposure.delete(ongoing.id, dt.date(2200, 1, 1))
    unlocked.exposure.delete(entry.id, dt.date(2031, 3, 3))
    assert [e.id for e in unlocked.exposure.entries()] == [ongoing.id]
    assert audit.history(ctx.conn, "exposure_entry", entry.id)[-1].action == "delete"


def test_a_locked_vault_refuses_and_a_wrong_passphrase_is_a_code(
        unlocked: Services, ctx: AppContext, db_path: Path, settings: Settings) -> None:
    benzene = unlocked.chemicals.save_product(BENZENE)
    number = numbers(1)[0]
    entry = unlocked.exposure.register(_entry(benzene.id, number))
    ctx.close()
    again = AppContext.open(db_path, settings)
    try:
        exposure = again.services.exposure
        assert exposure.vault_status() is VaultStatus.LOCKED
        assert exposure.entries()[0].identity_masked == "150765*****"   # masked needs no key
        with pytest.raises(ValidationError) as locked:
            exposure.reveal_identity(entry.id)
        assert locked.value.code == "vault.locked"
        with pytest.raises(ValidationError) as wrong:
            exposure.unlock("not the passphrase")
        assert wrong.value.code == "vault.wrong_passphrase"
        exposure.unlock(PASSPHRASE)
        assert exposure.vault_status() is VaultStatus.UNLOCKED
        assert exposure.reveal_identity(entry.id) == number
    finally:
        again.close()


def test_no_vault_set_up_means_no_numbers(services: Services) -> None:
    benzene = services.chemicals.save_product(BENZENE)
    assert services.exposure.vault_status() is VaultStatus.NOT_SET_UP
    with pytest.raises(ValidationError) as caught:
        services.exposure.register(_entry(benzene.id, numbers(1)[0]))
    assert caught.value.code == "vault.not_set_up"
    without = services.exposure.register(_entry(benzene.id, ""))
    assert without.identity_masked == "" and not without.has_identity


def _forms(number: str) -> list[bytes]:
    """The ways a number could sit in a file: text (ASCII, UTF-16), an integer."""
    hidden = number[6:]                               # the digits the mask hides
    value = int(number)
    return [number.encode(), number.encode("utf-16-le"), number.encode("utf-16-be"),
            hidden.encode(), hidden.encode("utf-16-le"),
            value.to_bytes(8, "big"), value.to_bytes(8, "little"),
            f"{number[:6]} {number[6:]}".encode()]


def test_the_database_file_holds_no_identity_number_in_clear(
        unlocked: Services, ctx: AppContext, db_path: Path, labs: Labs) -> None:
    benzene = unlocked.chemicals.save_product(BENZENE)
    dmf = unlocked.chemicals.save_product(DMF)
    registered = numbers(6)
    for i, number in enumerate(registered):
        unlocked.exposure.register(_entry((benzene if i % 2 else dmf).id, number,
                                          person=f"Person {i}", room_id=labs.synthesis))
    entry = unlocked.exposure.entries()[0]
    unlocked.exposure.update(entry.id, _entry(entry.product_id, registered[0],
                                              person="Renamed"))
    unlocked.exposure.reveal_identity(entry.id)
    wal = db_path.with_name(db_path.name + "-wal")
    contents = db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert b"150765*****" in contents                  # the masked numbers are there
    ctx.close()
    contents += db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    for number in registered:
        for form in _forms(number):
            assert form not in contents, (number[:6], form)


def test_an_entry_stays_correctable_after_its_product_lost_the_cmr_codes(
        unlocked: Services) -> None:
    dmf = unlocked.chemicals.save_product(DMF)
    entry = unlocked.exposure.register(_entry(dmf.id, numbers(1)[0]))
    unlocked.chemicals.save_product(ProductInput(DMF.name, DMF.supplier,
                                                 statements=("H226 H312 H319 H332",)), dmf.id)
    corrected = unlocked.exposure.update(entry.id, _entry(dmf.id, "", duration="4 h"))
    assert corrected.duration == "4 h"
    assert corrected.retain_until == dt.date(2086, 3, 2)    # the longest, never shortened
    with pytest.raises(ValidationError) as caught:
        unlocked.exposure.register(_entry(dmf.id, numbers(1)[0]))
    assert caught.value.code == "exposure.not_cmr"


def test_export_reveals_are_audited_one_by_one(unlocked: Services, ctx: AppContext) -> None:
    benzene = unlocked.chemicals.save_product(BENZENE)
    first, second = numbers(2)
    a = unlocked.exposure.register(_entry(benzene.id, first))
    b = unlocked.exposure.register(_entry(benzene.id, second, person="Ola"))
    c = unlocked.exposure.register(_entry(benzene.id, "", person="Uten nummer"))
    assert unlocked.exposure.reveal_for_export([a.id, b.id, c.id]) == {a.id: first,
                                                                      b.id: second}
    for entry_id in (a.id, b.id):
        last = audit.history(ctx.conn, "exposure_entry", entry_id)[-1]
        assert (last.action, last.details) == ("reveal_identity", {"purpose": "export"})


def test_new_codes_on_the_product_extend_the_retention_of_its_entries(
        unlocked: Services, ctx: AppContext) -> None:
    dmf = unlocked.chemicals.save_product(DMF)                        # reprotoxic: 5 years
    entry = unlocked.exposure.register(_entry(dmf.id, numbers(1)[0]))
    assert entry.retain_until == dt.date(2031, 3, 2)
    unlocked.chemicals.save_product(ProductInput(
        DMF.name, DMF.supplier, statements=("H226 H312 H319 H332 H360D H350",)), dmf.id)
    assert unlocked.exposure.entry(entry.id).retain_until == dt.date(2086, 3, 2)
    assert audit.history(ctx.conn, "exposure_entry", entry.id)[-1].action == "extend_retention"
