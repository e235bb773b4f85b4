"""Agent types, risk groups, notes and containment in the words people use; notification,
workers register, vaccination and biosafety cabinet rules; the 10/40-year retention."""

from __future__ import annotations

import datetime as dt

import pytest

from vernetool.domain.biology import workers
from vernetool.domain.biology.agents import (
    AgentNote,
    AgentType,
    CertificationState,
    NotificationState,
    RiskGroup,
    agent_note_phrase,
    agent_type_phrase,
    cabinet_certification,
    check_certifier,
    containment_below_group,
    format_notes,
    notification_check,
    notification_required,
    parse_agent_type,
    parse_containment_level,
    parse_notes,
    parse_risk_group,
    vaccine_offer_required,
    workers_register_required,
)
from vernetool.domain.errors import ValidationError
from vernetool.i18n import translator

D = dt.date
A, DN, T, V = AgentNote


@pytest.mark.parametrize(("text", "agent_type"), [
    ("bacterium", AgentType.BACTERIUM), ("Bakterie", AgentType.BACTERIUM),
    ("virus", AgentType.VIRUS), ("Parasitt", AgentType.PARASITE), ("Sopp", AgentType.FUNGUS),
    ("fungus", AgentType.FUNGUS), ("Cellelinje", AgentType.CELL_LINE),
    ("cell_line", AgentType.CELL_LINE), ("cell line", AgentType.CELL_LINE),
    ("Annet", AgentType.OTHER),
])
def test_agent_types(text: str, agent_type: AgentType) -> None:
    assert parse_agent_type(text) is agent_type


def test_every_type_reads_back_from_its_bokmal_word() -> None:
    nb = translator("nb")
    for agent_type in AgentType:
        assert parse_agent_type(nb.render(agent_type_phrase(agent_type).code)) is agent_type
    with pytest.raises(ValidationError) as caught:
        parse_agent_type("prion?")
    assert caught.value.code == "agent.type_unknown"


@pytest.mark.parametrize(("text", "group"), [
    (1, RiskGroup.ONE), ("2", RiskGroup.TWO), ("Gruppe 3", RiskGroup.THREE),
    ("smitterisikogruppe 4", RiskGroup.FOUR), ("RG3", RiskGroup.THREE),
    ("risk group 2", RiskGroup.TWO), (" 3 ", RiskGroup.THREE),
])
def test_risk_groups(text: str | int, group: RiskGroup) -> None:
    assert parse_risk_group(text) is group


@pytest.mark.parametrize("text", [0, "5", "III", "", "3a"])
def test_not_risk_groups(text: str | int) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_risk_group(text, field="Smitterisikogruppe")
    assert (caught.value.code, caught.value.field) == ("agent.risk_group_invalid",
                                                       "Smitterisikogruppe")


@pytest.mark.parametrize(("text", "level"), [
    (2, 2), ("3", 3), ("BSL-2", 2), ("P3", 3), ("CL 2", 2), ("Nivå 1", 1),
    ("containment level 4", 4), ("Inneslutningsnivå 3", 3),
])
def test_containment_levels(text: str | int, level: int) -> None:
    assert parse_containment_level(text) == level


def test_not_a_containment_level() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_containment_level("BSL-5")
    assert caught.value.code == "agent.containment_level_invalid"


@pytest.mark.parametrize(("text", "notes"), [
    ("A, D", {A, DN}), ("AD", {A, DN}), ("a d", {A, DN}), ("V", {V}), ("D, V", {DN, V}),
    ("T;V", {T, V}), ("T/V", {T, V}), ("", set()), (None, set()), ("-", set()),
    ("D og V", {DN, V}), ("(**) D, V", {DN, V}), ("A,D,T,V", {A, DN, T, V}),
])
def test_notes(text: str | None, notes: set[AgentNote]) -> None:
    assert parse_notes(text) == notes


def test_unknown_notes_are_named() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_notes("A, X, B")
    assert caught.value.code == "agent.note_unknown"
    assert caught.value.params["notes"] == "BX"


def test_notes_print_in_the_annex_order_and_have_words() -> None:
    assert format_notes(frozenset({V, DN, A})) == "A, D, V"
    assert format_notes(frozenset()) == ""
    for note in AgentNote:
        code = agent_note_phrase(note).code
        assert translator("nb").render(code).startswith(f"{note.value}:")
        assert translator("en").render(code).startswith(f"{note.value}:")


def test_who_needs_a_register_a_vaccine_offer_and_a_notification() -> None:
    assert not workers_register_required(RiskGroup.TWO, frozenset())
    assert workers_register_required(RiskGroup.TWO, frozenset({DN}))
    assert workers_register_required(RiskGroup.THREE, frozenset())
    assert workers_register_required(4, frozenset())
    assert vaccine_offer_required(frozenset({DN, V}))
    assert not vaccine_offer_required(frozenset({A, T}))
    assert [g for g in RiskGroup if notification_required(g)] == [2, 3, 4]
    assert containment_below_group(RiskGroup.THREE, 2)
    assert not containment_below_group(RiskGroup.THREE, 3)
    assert not containment_below_group(RiskGroup.THREE, None)


def test_notification_thirty_days_before_first_use() -> None:
    first_use = D(2025, 3, 1)
    assert notification_check(1, None, first_use).state is NotificationState.NOT_REQUIRED
    in_time = notification_check(2, D(2025, 1, 30), first_use)  # exactly 30 days before
    assert (in_time.state, in_time.notify_by) == (NotificationState.OK, D(2025, 1, 30))
    late = notification_check(3, D(2025, 2, 19), first_use)  # 10 days before: 20 short
    assert (late.state, late.shortfall_days) == (NotificationState.LATE, 20)
    after = notification_check(3, D(2025, 3, 5), first_use)  # 4 days after first use
    assert (after.state, after.shortfall_days) == (NotificationState.LATE, 34)
    missing = notification_check(2, None, first_use)
    assert (missing.state, missing.notify_by) == (NotificationState.MISSING, D(2025, 1, 30))
    assert notification_check(2, D(2025, 1, 1), None).state is NotificationState.OK
    assert notification_check(4, None, None).state is NotificationState.MISSING


def test_biosafety_cabinet_yearly_certification() -> None:
    last = D(2024, 9, 10)
    assert cabinet_certification(last, D(2025, 1, 1)).state is CertificationState.OK
    soon = cabinet_certification(last, D(2025, 8, 20))
    assert (soon.state, soon.next_due) == (CertificationState.DUE_SOON, D(2025, 9, 10))
    late = cabinet_certification(last, D(2025, 11, 1))
    assert (late.state, late.days_overdue) == (CertificationState.OVERDUE, 52)
    # the certifier's own next date wins over "a year after"
    written = cabinet_certification(last, D(2025, 7, 1), next_due=D(2025, 6, 30))
    assert (written.state, written.next_due) == (CertificationState.OVERDUE, D(2025, 6, 30))
    assert cabinet_certification(None, D(2025, 1, 1)).state is CertificationState.NEVER
    assert check_certifier("  Bio  Service AS ") == "Bio Service AS"
    with pytest.raises(ValidationError) as caught:
        check_certifier(" ")
    assert caught.value.code == "cabinet.certifier_missing"


def test_register_kept_ten_or_forty_years() -> None:
    last = D(2025, 5, 20)
    assert workers.retain_until(last, long_term=False) == D(2035, 5, 20)
    assert workers.retain_until(last, long_term=True) == D(2065, 5, 20)
    workers.check_deletion(last, False, today=D(2035, 5, 21))
    with pytest.raises(ValidationError):
        workers.check_deletion(last, False, today=D(2035, 5, 20))
    with pytest.raises(ValidationError) as caught:
        workers.check_deletion(last, True, today=D(2035, 5, 20))
    assert caught.value.params == {"years": 40, "until": "2065-05-20"}
    with pytest.raises(ValidationError) as caught:
        workers.check_deletion(None, False, today=D(2090, 1, 1))
    assert caught.value.code == "retention.exposure_open"


def test_vaccination_offers() -> None:
    offer = workers.vaccine_offer(D(2025, 2, 1), workers.VaccineAnswer.ACCEPTED, D(2025, 2, 3))
    assert offer.answer is workers.VaccineAnswer.ACCEPTED
    with pytest.raises(ValidationError) as caught:
        workers.vaccine_offer(None)
    assert caught.value.code == "vaccine.offer_date_missing"
    with pytest.raises(ValidationError) as caught:
        workers.vaccine_offer(D(2025, 2, 1), workers.VaccineAnswer.DECLINED, D(2025, 1, 1))
    assert caught.value.code == "vaccine.answer_before_offer"
