"""The built-in agent list: classifications a safety rep can check against Annex III, and
lookup by the names people write."""

from __future__ import annotations

import pytest

from vernetool.domain.biology.agents import (
    AgentNote,
    AgentType,
    parse_notes,
    vaccine_offer_required,
    workers_register_required,
)
from vernetool.domain.biology.catalogue import (
    AGENTS,
    NOTES_TO_VERIFY,
    CatalogueAgent,
    lookup,
    name_key,
    search,
)


def _agent(name: str) -> CatalogueAgent:
    agent = lookup(name)
    assert agent is not None, name
    return agent


@pytest.mark.parametrize(("name", "group", "notes", "agent_type"), [
    ("Escherichia coli K-12", 1, "", AgentType.BACTERIUM),
    ("E. coli O157:H7", 3, "T", AgentType.BACTERIUM),
    ("Staphylococcus aureus", 2, "", AgentType.BACTERIUM),
    ("Salmonella enterica Typhi", 3, "V", AgentType.BACTERIUM),
    ("Mycobacterium tuberculosis", 3, "V", AgentType.BACTERIUM),
    ("Legionella pneumophila", 2, "", AgentType.BACTERIUM),
    ("Listeria monocytogenes", 2, "", AgentType.BACTERIUM),
    ("Clostridium tetani", 2, "T, V", AgentType.BACTERIUM),
    ("Corynebacterium diphtheriae", 2, "T, V", AgentType.BACTERIUM),
    ("Hepatitis B virus", 3, "D, V", AgentType.VIRUS),
    ("Hepatitis C virus", 3, "D", AgentType.VIRUS),
    ("HIV", 3, "D", AgentType.VIRUS),
    ("SARS-CoV-2", 3, "", AgentType.VIRUS),
    ("Influenza A", 2, "V", AgentType.VIRUS),
    ("Herpes simplex virus", 2, "", AgentType.VIRUS),
    ("Adenovirus", 2, "", AgentType.VIRUS),
    ("Ebola virus", 4, "", AgentType.VIRUS),
    ("Saccharomyces cerevisiae", 1, "", AgentType.FUNGUS),
    ("Aspergillus fumigatus", 2, "A", AgentType.FUNGUS),
    ("Candida albicans", 2, "A", AgentType.FUNGUS),
    ("Plasmodium falciparum", 3, "", AgentType.PARASITE),
    ("Toxoplasma gondii", 2, "", AgentType.PARASITE),
])
def test_classifications(name: str, group: int, notes: str, agent_type: AgentType) -> None:
    agent = _agent(name)
    assert (int(agent.risk_group), agent.notes_text, agent.agent_type) == (group, notes,
                                                                           agent_type)


@pytest.mark.parametrize(("text", "name"), [
    ("escherichia coli k12", "Escherichia coli K-12"),
    ("E. coli K12", "Escherichia coli K-12"),
    ("E.coli K-12", "Escherichia coli K-12"),
    ("E. coli", "Escherichia coli, except for non-pathogenic strains"),
    ("Salmonella enterica subsp. enterica serovar Typhi", "Salmonella enterica serovar Typhi"),
    ("salmonella  typhi", "Salmonella enterica serovar Typhi"),
    ("S. Typhimurium", "Salmonella enterica (other serovars)"),
    ("S. aureus", "Staphylococcus aureus"),
    ("MRSA", "Staphylococcus aureus"),
    ("C. difficile", "Clostridioides difficile"),
    ("Clostridium difficile", "Clostridioides difficile"),
    ("HBV", "Hepatitis B virus"),
    ("hiv-1", "Human immunodeficiency virus"),
    ("sars cov 2", "Severe acute respiratory syndrome coronavirus 2"),
    ("Pichia pastoris", "Komagataella phaffii"),
    ("EHEC", "Escherichia coli, verocytotoxigenic strains (e.g. O157:H7 or O103)"),
    ("lentiviral vector", "Lentiviral vectors (HIV-1 based, replication-incompetent)"),
])
def test_lookup_by_the_names_people_write(text: str, name: str) -> None:
    assert _agent(text).name == name


def test_unknown_names() -> None:
    assert lookup("Unobtainium bacillus") is None
    assert lookup("") is None


def test_the_list_is_sized_and_consistent() -> None:
    assert 40 <= len(AGENTS) <= 120
    names = [name_key(agent.name) for agent in AGENTS]
    assert len(names) == len(set(names))
    for agent in AGENTS:
        assert lookup(agent.name) is agent, agent.name
        for alias in agent.aliases:
            assert lookup(alias) is agent, alias
        assert parse_notes(agent.notes_text) == agent.notes
        # the annex lists groups 2-4 only: a group 1 entry is ours, never "listed"
        if agent.risk_group == 1:
            assert not agent.listed, agent.name
        # 40-year retention matters only where a register is kept at all
        if agent.long_retention:
            assert workers_register_required(agent.risk_group, agent.notes), agent.name
    assert {lookup(name) is not None for name in NOTES_TO_VERIFY} == {True}


def test_what_the_rules_say_for_catalogue_agents() -> None:
    hbv = _agent("HBV")
    assert workers_register_required(hbv.risk_group, hbv.notes)
    assert vaccine_offer_required(hbv.notes)
    assert hbv.not_airborne and hbv.long_retention
    tb = _agent("Mycobacterium tuberculosis")
    assert workers_register_required(tb.risk_group, tb.notes) and not tb.not_airborne
    legionella = _agent("Legionella pneumophila")
    assert not workers_register_required(legionella.risk_group, legionella.notes)
    assert AgentNote.VACCINE not in legionella.notes


def test_search_for_a_picker() -> None:
    names = [agent.name for agent in search("coli")]
    assert len([n for n in names if n.startswith("Escherichia coli")]) == 4
    assert search("hepatitis b")[0].name == "Hepatitis B virus"
    herpes = [agent.name for agent in search("herpes")]
    assert herpes[0] == "Herpes simplex virus types 1 and 2"
    assert "Varicella-zoster virus" in herpes  # "Human alphaherpesvirus 3"
    assert len(search("", limit=5)) == 5
