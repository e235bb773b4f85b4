"""Source kinds, laser classes and DSA statuses in the words people use; notifiability with its
reason; the leak-test schedule of sealed sources."""

from __future__ import annotations

import datetime as dt

import pytest

from vernetool.domain.errors import ValidationError
from vernetool.domain.radiation.sources import (
    DsaStatus,
    LaserClass,
    LeakTestState,
    NotifiableReason,
    SourceKind,
    check_laser_class,
    dsa_status_phrase,
    is_held,
    is_lost,
    is_tracked_laser,
    leak_test_status,
    needs_leak_test,
    next_leak_test,
    notifiability,
    notifiable_reason_phrase,
    parse_dsa_status,
    parse_laser_class,
    parse_source_kind,
    source_kind_phrase,
)
from vernetool.i18n import translator

D = dt.date


@pytest.mark.parametrize(("text", "kind"), [
    ("Kapslet kilde", SourceKind.SEALED_SOURCE), ("sealed_source", SourceKind.SEALED_SOURCE),
    ("Åpen kilde", SourceKind.OPEN_SOURCE), ("åpen  kilde", SourceKind.OPEN_SOURCE),
    ("open_source", SourceKind.OPEN_SOURCE), ("Røntgenapparat", SourceKind.XRAY),
    ("X-ray", SourceKind.XRAY), ("xray", SourceKind.XRAY), ("Akselerator", SourceKind.ACCELERATOR),
    ("Laser", SourceKind.LASER), ("IPL", SourceKind.IPL), ("MR", SourceKind.MRI),
    ("MR-maskin", SourceKind.MRI), ("mri", SourceKind.MRI), ("Annet", SourceKind.OTHER),
])
def test_source_kinds(text: str, kind: SourceKind) -> None:
    assert parse_source_kind(text) is kind


def test_unknown_kind() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_source_kind("Solarium", field="Type")
    assert (caught.value.code, caught.value.field) == ("source.kind_unknown", "Type")
    assert caught.value.params["text"] == "Solarium"


@pytest.mark.parametrize(("text", "laser_class"), [
    ("1", LaserClass.C1), ("1M", LaserClass.C1M), ("1c", LaserClass.C1C), ("2", LaserClass.C2),
    ("2m", LaserClass.C2M), ("3R", LaserClass.C3R), ("3b", LaserClass.C3B), ("4", LaserClass.C4),
    ("Klasse 3B", LaserClass.C3B), ("class 4", LaserClass.C4), ("IV", LaserClass.C4),
    ("IIIb", LaserClass.C3B), ("Laserklasse 2M", LaserClass.C2M),
])
def test_laser_classes(text: str, laser_class: LaserClass) -> None:
    assert parse_laser_class(text) is laser_class


@pytest.mark.parametrize("text", ["5", "3A", "IIIa", "3", ""])
def test_not_laser_classes(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_laser_class(text)
    assert caught.value.code == "source.laser_class_unknown"


def test_only_3b_and_4_are_tracked() -> None:
    assert [c.value for c in LaserClass if is_tracked_laser(c)] == ["3B", "4"]
    assert not is_tracked_laser(None)


def test_a_laser_has_a_class_and_nothing_else_has_one() -> None:
    check_laser_class(SourceKind.LASER, LaserClass.C4)
    check_laser_class(SourceKind.XRAY, None)
    with pytest.raises(ValidationError) as caught:
        check_laser_class(SourceKind.LASER, None)
    assert caught.value.code == "source.laser_class_missing"
    with pytest.raises(ValidationError) as caught:
        check_laser_class(SourceKind.XRAY, LaserClass.C4)
    assert caught.value.code == "source.laser_class_not_laser"


@pytest.mark.parametrize(("text", "status"), [
    ("Avventer", DsaStatus.PENDING), ("I bruk", DsaStatus.IN_USE),
    ("Ikke i bruk/På lager", DsaStatus.STORED), ("Ikke i bruk / På lager", DsaStatus.STORED),
    ("På lager", DsaStatus.STORED), ("Utleid", DsaStatus.LEASED), ("Solgt", DsaStatus.SOLD),
    ("EE-avfall/kondemnert", DsaStatus.CONDEMNED), ("Deponert", DsaStatus.DEPOSITED),
    ("Returnert til forhandler", DsaStatus.RETURNED), ("Savnet", DsaStatus.MISSING),
    ("Stjålet", DsaStatus.STOLEN), ("Registrering mislykkes", DsaStatus.FAILED),
    ("in_use", DsaStatus.IN_USE), ("STOLEN", DsaStatus.STOLEN), ("i  bruk", DsaStatus.IN_USE),
])
def test_dsa_statuses_in_dsa_words(text: str, status: DsaStatus) -> None:
    assert parse_dsa_status(text) is status


def test_unknown_status() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_dsa_status("Kassert?")
    assert caught.value.code == "source.dsa_status_unknown"


def test_every_status_reads_back_from_its_bokmal_display_word() -> None:
    nb, en = translator("nb"), translator("en")
    for status in DsaStatus:
        phrase = dsa_status_phrase(status)
        assert parse_dsa_status(nb.render(phrase.code)) is status
        assert en.render(phrase.code) != phrase.code
    assert nb.render(dsa_status_phrase("stored").code) == "Ikke i bruk/På lager"
    assert en.render(dsa_status_phrase(DsaStatus.FAILED).code) == "Registration failed"


def test_every_kind_reads_back_from_its_bokmal_word() -> None:
    nb = translator("nb")
    for kind in SourceKind:
        assert parse_source_kind(nb.render(source_kind_phrase(kind).code)) is kind


@pytest.mark.parametrize(("kind", "reason"), [
    (SourceKind.XRAY, NotifiableReason.XRAY),
    (SourceKind.ACCELERATOR, NotifiableReason.ACCELERATOR),
    (SourceKind.IPL, NotifiableReason.IPL), (SourceKind.MRI, NotifiableReason.MRI),
])
def test_always_notifiable_kinds(kind: SourceKind, reason: NotifiableReason) -> None:
    assert notifiability(kind).notifiable is True
    assert notifiability(kind).reason is reason
    said_no = notifiability(kind, stated=False)
    assert (said_no.notifiable, said_no.overruled) == (True, True)


def test_lasers_class_4_always_lower_classes_as_stated_or_not() -> None:
    assert notifiability(SourceKind.LASER, LaserClass.C4).reason is NotifiableReason.LASER_CLASS_4
    assert notifiability(SourceKind.LASER, LaserClass.C4).notifiable is True
    below = notifiability(SourceKind.LASER, LaserClass.C3B)
    assert (below.notifiable, below.reason) == (False, NotifiableReason.LASER_BELOW_CLASS_4)
    assert notifiability(SourceKind.LASER, LaserClass.C3B, stated=True).notifiable is True


def test_radioactive_sources_take_the_users_answer() -> None:
    sealed = notifiability(SourceKind.SEALED_SOURCE, stated=True)
    assert (sealed.notifiable, sealed.reason) == (True, NotifiableReason.STATED)
    assert notifiability(SourceKind.OPEN_SOURCE, stated=False).notifiable is False
    unknown = notifiability(SourceKind.SEALED_SOURCE)
    assert (unknown.notifiable, unknown.reason) == (None, NotifiableReason.NOT_STATED)


def test_every_reason_has_words() -> None:
    for language in ("nb", "en"):
        for reason in NotifiableReason:
            code = notifiable_reason_phrase(reason).code
            assert translator(language).render(code) != code


def test_leak_test_schedule() -> None:
    assert needs_leak_test(SourceKind.SEALED_SOURCE)
    assert not needs_leak_test(SourceKind.OPEN_SOURCE)
    assert next_leak_test(D(2024, 3, 15), 12) == D(2025, 3, 15)
    assert next_leak_test(D(2024, 8, 31), 6) == D(2025, 2, 28)
    assert next_leak_test(D(2024, 2, 29), 24) == D(2026, 2, 28)


def test_leak_test_states() -> None:
    last = D(2024, 3, 15)
    assert leak_test_status(last, 12, D(2024, 12, 1)).state is LeakTestState.OK
    soon = leak_test_status(last, 12, D(2025, 3, 1))
    assert (soon.state, soon.next_due) == (LeakTestState.DUE_SOON, D(2025, 3, 15))
    assert leak_test_status(last, 12, D(2025, 3, 15)).state is LeakTestState.DUE_SOON
    late = leak_test_status(last, 12, D(2025, 4, 14))
    assert (late.state, late.days_overdue) == (LeakTestState.OVERDUE, 30)
    never = leak_test_status(None, 12, D(2025, 1, 1))
    assert (never.state, never.next_due) == (LeakTestState.NEVER_TESTED, None)


@pytest.mark.parametrize("months", [0, -1, 121])
def test_leak_test_interval_bounds(months: int) -> None:
    with pytest.raises(ValidationError) as caught:
        next_leak_test(D(2024, 1, 1), months)
    assert caught.value.code == "source.leak_test_interval_invalid"


def test_lost_and_held_sources() -> None:
    assert [s.value for s in DsaStatus if is_lost(s)] == ["missing", "stolen"]
    assert [s.value for s in DsaStatus if not is_held(s)] == ["sold", "condemned", "deposited",
                                                                "returned"]
    assert is_held(None) and not is_lost(None)
