"""The demo's radiation and biological registers: the issue's items and the problems to find."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from vernetool.demo.builder import build_demo
from vernetool.services import Services, Store

TODAY = dt.date(2025, 3, 14)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("demo_registers") / "demo.sqlite"
    return path, build_demo(path, seed=2024, today=TODAY)


@pytest.fixture
def services(demo: tuple[Path, dict[str, int]]) -> Iterator[Services]:
    from vernetool.db.migrations import open_store

    conn = open_store(demo[0])
    try:
        yield Services(Store(conn, demo[0], lambda: "test"))
    finally:
        conn.close()


def _unlocked(services: Services) -> Services:
    from vernetool.demo.vault import DEMO_PASSPHRASE
    from vernetool.security.identity_vault import ENV_PASSPHRASE

    services.exposure.unlock(os.environ.get(ENV_PASSPHRASE) or DEMO_PASSPHRASE)
    return services


# -- radiation ---------------------------------------------------------------------------

def test_the_issues_sources_are_there(services: Services) -> None:
    from vernetool.db.radiation.sources import SourceFilter
    from vernetool.domain.radiation.sources import DsaStatus, LaserClass, SourceKind

    sources = services.radiation_sources.register_now(as_of=TODAY)
    by_kind = {kind: [n for n in sources if n.source.kind is kind] for kind in SourceKind}
    assert len(by_kind[SourceKind.SEALED_SOURCE]) >= 5
    assert len(by_kind[SourceKind.OPEN_SOURCE]) >= 5
    # the Cs-137 check source from 2000, with leak tests, the last one overdue
    check = next(n for n in by_kind[SourceKind.SEALED_SOURCE]
                 if n.source.nuclide == "Cs-137" and n.source.reference_date is not None
                 and n.source.reference_date.year == 2000)
    assert check.source.activity_unit == "µCi" and check.source.dsa_status is DsaStatus.IN_USE
    assert len(services.radiation_sources.leak_tests(check.source.id)) >= 3
    due = services.radiation_sources.due_leak_tests(TODAY)
    assert [n.source.id for n in due if n.leak_test and n.leak_test.state == "overdue"] == \
        [check.source.id]
    # 25 years of a 30.08-year half-life: about 56 % left
    assert 0.55 < (check.activity_now_bq or 0) / (check.source.activity_bq or 1) < 0.58
    # open sources: P-32 (one batch expired), I-125, H-3, C-14; waste pick-up dates
    nuclides = {n.source.nuclide for n in by_kind[SourceKind.OPEN_SOURCE]}
    assert {"P-32", "I-125", "H-3", "C-14"} <= nuclides
    expired = [n for n in by_kind[SourceKind.OPEN_SOURCE]
               if n.source.nuclide == "P-32" and n.source.reference_date is not None
               and (TODAY - n.source.reference_date).days > 60]
    assert len(expired) == 1 and "gått ut på dato" in expired[0].source.notes
    assert sum("gått ut på dato" in n.source.notes for n in by_kind[SourceKind.OPEN_SOURCE]) == 1
    assert all(n.source.waste_pickup_on is None or n.source.reference_date is None
               or n.source.waste_pickup_on > n.source.reference_date
               for n in by_kind[SourceKind.OPEN_SOURCE])
    assert (expired[0].activity_now_bq or 0) < 0.01 * (expired[0].source.activity_bq or 0)
    assert sum(n.source.waste_pickup_on is not None for n in by_kind[SourceKind.OPEN_SOURCE]) >= 4
    # the X-ray diffractometer, notifiable, with its DSA id, in use
    d8 = next(n.source for n in by_kind[SourceKind.XRAY] if n.source.model == "D8 Advance")
    assert d8.make == "Bruker" and d8.notifiable and d8.dsa_id
    assert d8.dsa_status is DsaStatus.IN_USE
    assert [s.status for s in services.radiation_sources.status_history(d8.id)] == \
        [DsaStatus.PENDING, DsaStatus.IN_USE]
    # lasers: one class 4 without a DSA id (the problem), class 3B tracked, not notifiable
    lasers = [n.source for n in by_kind[SourceKind.LASER]]
    class4 = [s for s in lasers if s.laser_class is LaserClass.C4]
    assert len(class4) >= 2 and all(s.notifiable for s in class4)
    assert sum(not s.dsa_id for s in class4) == 1
    assert any(s.laser_class is LaserClass.C3B and s.notifiable is False for s in lasers)
    # the one problem of its kind: of the kinds always notifiable, only that laser lacks an id
    always = [n.source for n in sources if n.source.kind in (
        SourceKind.XRAY, SourceKind.MRI, SourceKind.ACCELERATOR, SourceKind.IPL)]
    assert always and all(s.dsa_id for s in always)
    # statuses in DSA's words, a disposal with its status, responsibles, rooms in the labs
    everything = services.radiation_sources.list(SourceFilter(include_disposed=True))
    assert {s.dsa_status for s in everything} >= {
        DsaStatus.IN_USE, DsaStatus.PENDING, DsaStatus.STORED, DsaStatus.DEPOSITED,
        DsaStatus.CONDEMNED}
    gone = [s for s in everything if s.disposed]
    assert len(gone) == 2 and all(s.disposal and s.disposal.method for s in gone)
    assert all(s.room_label and s.responsible for s in everything)


def test_every_nuclide_is_known_and_every_room_a_lab(services: Services,
                                                     demo: tuple[Path, dict[str, int]]) -> None:
    from vernetool.db.connection import connect
    from vernetool.demo.radiation_data import SOURCES
    from vernetool.domain.radiation.nuclides import half_life, normalise_nuclide

    for item in SOURCES:
        if item.nuclide:
            assert normalise_nuclide(item.nuclide) == item.nuclide
            assert half_life(item.nuclide).seconds > 0
    conn = connect(demo[0], read_only=True)
    try:
        types = {r[0] for r in conn.execute(
            "SELECT DISTINCT r.type FROM radiation_source s JOIN room r ON r.id = s.room_id "
            "UNION SELECT DISTINCT r.type FROM bio_agent_use u JOIN room r ON r.id = u.room_id "
            "UNION SELECT DISTINCT r.type FROM bio_cabinet c JOIN room r ON r.id = c.room_id")}
    finally:
        conn.close()
    assert types == {"lab"}


def test_radiation_workers_with_doses_one_close_to_a_limit(services: Services) -> None:
    from vernetool.domain.identity import birth_date, check_identity_number

    workers = _unlocked(services).radiation_workers
    register = workers.workers()
    assert 4 <= len(register) <= 8
    assert all(w.identity_masked.endswith("*****") and w.address and w.work
               and w.employed_from for w in register)
    for w in register:
        born = birth_date(check_identity_number(workers.reveal_identity(w.id, "test")))
        assert born is not None and born.year >= 2035
    years = workers.yearly(year=TODAY.year - 1)
    assert {y.year for y in years} == {TODAY.year - 1}
    assert not [y for y in years if y.over_limit]
    close = [y for y in years if y.extremities_msv > 0.8 * y.limits["extremities"]]
    assert len(close) == 1 and close[0].extremities_msv <= close[0].limits["extremities"]
    assert all(y.effective_msv < 1.0 for y in years)  # university work: well below 20 mSv
    earlier = workers.yearly(year=TODAY.year - 2)
    assert all(y.extremities_msv < 0.5 * y.limits["extremities"] for y in earlier)
    left = [w for w in register if w.exposure_end is not None]
    assert len(left) == 1 and left[0].retain_until is not None
    assert left[0].retain_until.year == left[0].exposure_end.year + 60


# -- biology -----------------------------------------------------------------------------

def test_agents_of_groups_1_to_3_from_the_catalogue(services: Services) -> None:
    from vernetool.domain.biology.catalogue import lookup

    agents = services.bio_agents.agents()
    assert {int(a.risk_group) for a in agents} == {1, 2, 3}
    for agent in agents:
        entry = lookup(agent.name)
        assert entry is not None and agent.catalogue_name == entry.name
        assert (agent.risk_group, agent.notes) == (entry.risk_group, entry.notes)
    uses = services.bio_agents.uses()
    assert all(u.containment_level is not None and not u.containment_too_low for u in uses)
    # group 2/3 notified in time, except one notified too late
    problems = services.bio_agents.notification_problems()
    assert [(p.agent_name, p.notification.state) for p in problems] == \
        [("Severe acute respiratory syndrome coronavirus 2", "late")]
    assert problems[0].notification.shortfall_days == 19


def test_workers_register_for_group_3_with_vaccination_offers(services: Services) -> None:
    services = _unlocked(services)
    bio = services.bio_workers
    assert bio.missing_registers() == []
    rows = bio.workers()
    assert len(rows) >= 6 and all(r.identity_masked.endswith("*****") for r in rows)
    agents = {r.agent_name for r in rows}
    assert {"Mycobacterium tuberculosis", "Hepatitis B virus"} <= agents
    assert all(r.long_term == (r.agent_name != "Severe acute respiratory syndrome "
                                                "coronavirus 2") for r in rows)
    # note V: offers in writing with answers, one worker without
    lacking = bio.lacking_vaccination_offer()
    assert len({r.person for r in lacking}) == 1
    assert sum(r.vaccination_offers for r in rows) >= 5
    assert sum(r.incidents for r in rows) >= 2
    # one person's rows share the number (one person, several agents)
    by_person: dict[str, set[str]] = {}
    for r in rows:
        by_person.setdefault(r.person, set()).add(bio.reveal_identity(r.id, "test"))
    assert all(len(numbers) == 1 for numbers in by_person.values())
    assert max(len([r for r in rows if r.person == p]) for p in by_person) >= 2


def test_one_cabinet_overdue_for_certification(services: Services) -> None:
    cabinets = services.bio_agents.cabinets()
    assert len(cabinets) >= 4
    overdue = services.bio_agents.overdue_cabinets(TODAY)
    assert len(overdue) == 1 and overdue[0].make == "Scanlaf"
    assert all(len(services.bio_agents.certifications(c.id)) >= 2 for c in cabinets)


def test_no_identity_number_in_clear_in_the_file(services: Services,
                                                 demo: tuple[Path, dict[str, int]]) -> None:
    services = _unlocked(services)
    numbers = {services.radiation_workers.reveal_identity(w.id, "test")
               for w in services.radiation_workers.workers()}
    numbers |= {services.bio_workers.reveal_identity(w.id, "test")
                for w in services.bio_workers.workers()}
    assert len(numbers) >= 10
    data = b"".join(p.read_bytes() for p in demo[0].parent.iterdir() if p.is_file())
    assert not any(n.encode() in data for n in numbers)


def test_room_cards_say_what_the_registers_hold(demo: tuple[Path, dict[str, int]]) -> None:
    from vernetool.db.connection import connect
    from vernetool.db.organisation.room_cards import get_card
    from vernetool.db.organisation.rooms import list_rooms
    from vernetool.demo.radiation import RoomFinder

    conn = connect(demo[0], read_only=True)
    try:
        find = RoomFinder(list_rooms(conn))

        def hazards(building: str, name: str) -> str:
            room_id = find(building, name).id
            assert room_id is not None
            return get_card(conn, room_id).special_hazards
        assert "Ni-63" in hazards("KJ1", "Instrumentlab (GC-MS)")
        assert "7 T MR" in hazards("MTFS", "Fysiologilab")
        assert "SARS-CoV-2" in hazards("MTFS", "Mikrobiologilab (BSL-3)")
        assert "stråling" in hazards("REAL", "Isotoplab")
    finally:
        conn.close()


def test_summary_counts(demo: tuple[Path, dict[str, int]]) -> None:
    summary = demo[1]
    assert summary["radiation sources"] >= 20
    assert summary["radiation workers"] >= 5 and summary["dose readings"] >= 100
    assert summary["biological agents"] >= 12 and summary["biosafety cabinets"] >= 4


def test_room_cards_agree_with_the_registers_but_two_deliberately_stale(
        demo: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    from vernetool.context import AppContext
    from vernetool.domain.checks import CheckCode
    from vernetool.i18n import render, using_language
    from vernetool.settings import Settings

    ctx = AppContext.open(demo[0], Settings(tmp_path / "settings.json"))
    try:
        problems = ctx.services.checks.problems(as_of=TODAY)
        stale = [p for p in problems if p.code is CheckCode.ROOMCARD_STALE]
        with using_language("en"):
            reasons = sorted(str(p.params["reasons"]) for p in stale)
        assert reasons == ["the card lacks the pictogram GHS06 (acute toxicity)",
                           "the card lacks the warning sign laser beam"]
        with using_language("nb"):
            assert all("romkortet for" in render(p.message_code, **p.params) for p in stale)
        signed = ctx.conn.execute(
            "SELECT count(*) FROM room_card WHERE warning_signs <> ''").fetchone()[0]
        assert signed >= 8  # the isotope, laser, X-ray and biosafety rooms and more
        # the checks (bulk) and the room screen's comparison (one room) are the one rule
        stale_rooms = {p.room for p in stale}
        card_rooms = [r for (r,) in ctx.conn.execute("SELECT room_id FROM room_card")]
        for rid in card_rooms:
            room = ctx.services.rooms.get(rid)
            assert room is not None
            assert ctx.services.room_cards.comparison(rid).stale is (room.label in stale_rooms)
        for problem in stale:  # the proposal names what the stale card lacks, no more
            building, number = problem.room.split(":")
            room = ctx.services.rooms.find(building, number)
            assert room is not None and room.id is not None
            [disagreement] = ctx.services.room_cards.comparison(room.id).disagreements
            assert disagreement.field.value in ("pictograms", "warning_signs")
    finally:
        ctx.close()
