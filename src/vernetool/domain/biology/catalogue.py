"""A built-in list of biological agents common in university labs, with risk group and notes.

Written by us from Annex III of Directive 2000/54/EC of the European Parliament and of the
Council of 18 September 2000 on the protection of workers from risks related to exposure to
biological agents at work, as amended by Commission Directive (EU) 2019/1833 of 24 October
2019 (names and classifications) and Commission Directive (EU) 2020/739 of 3 June 2020
(SARS-CoV-2, group 3). In Norway the list applies through forskrift om tiltaks- og
grenseverdier vedlegg 2; where that text and the amended annex differ, the user's edited copy
in the register decides. The catalogue is a starting point: entries are copied into the
register, where they can be edited.

How to read an entry:

* ``risk_group`` 1-4 and ``notes`` A, D, T, V as in the annex; ``not_airborne`` is the
  annex's ``(**)``: normally not infectious through the air (some containment measures may be
  relaxed after a risk assessment).
* ``listed=False``: the agent is not in Annex III, which lists only agents known to infect
  humans (groups 2-4), and says that an unlisted agent is *not* thereby group 1. These
  entries are our classification, for agents whose group is settled in practice: laboratory
  strains such as *E. coli* K-12 and *Saccharomyces cerevisiae* (group 1), and lentiviral
  vectors (group 2, below).
* ``long_retention``: agents that can give latent or persistent infections, for which the
  workers register is kept 40 years instead of 10 (a proposal; the employer judges).
* Lentiviral vectors (HIV-1 based, replication-incompetent, third generation,
  self-inactivating) are genetically modified organisms: their class comes from the contained
  use risk assessment (genmodifiseringsforskriften), not from Annex III. They are commonly
  handled at containment level 2, which the entry proposes; the parent virus (HIV, group 3,
  D) is listed separately.
* ``NOTES_TO_VERIFY`` names entries whose notes we could not confirm against the published
  text of the amended annex (the 2019 amendment added T and V notes to several bacteria);
  check them against the current vedlegg 2 before relying on them.

Cell lines are not classified by the annex and are not in this list; register them with type
``cell_line`` and the group of the risk assessment (e.g. of adventitious agents).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from vernetool.domain.biology.agents import AgentNote, AgentType, RiskGroup

B, V, P, F, OT = (AgentType.BACTERIUM, AgentType.VIRUS, AgentType.PARASITE, AgentType.FUNGUS,
                 AgentType.OTHER)


@dataclass(frozen=True, slots=True)
class CatalogueAgent:
    name: str
    agent_type: AgentType
    risk_group: RiskGroup
    notes: frozenset[AgentNote] = frozenset()
    aliases: tuple[str, ...] = ()
    not_airborne: bool = False
    listed: bool = True
    long_retention: bool = False
    #: spelled-out notes in the annex's order, e.g. "D, V" (for tables and exports)
    notes_text: str = field(init=False, default="")

    def __post_init__(self) -> None:
        text = ", ".join(note.value for note in AgentNote if note in self.notes)
        object.__setattr__(self, "notes_text", text)


def _agent(name: str, agent_type: AgentType, group: int, notes: str = "",
           *aliases: str, not_airborne: bool = False, listed: bool = True,
           long_retention: bool = False) -> CatalogueAgent:
    return CatalogueAgent(name, agent_type, RiskGroup(group),
                          frozenset(AgentNote(letter) for letter in notes), tuple(aliases),
                          not_airborne, listed, long_retention)


AGENTS: tuple[CatalogueAgent, ...] = (
    # -- bacteria --------------------------------------------------------------------------
    _agent("Escherichia coli K-12", B, 1, "", "E. coli K12", listed=False),
    _agent("Escherichia coli B (incl. BL21)", B, 1, "", "Escherichia coli B", "E. coli B",
           "E. coli BL21", "E. coli BL21(DE3)", "BL21", "BL21(DE3)", listed=False),
    _agent("Escherichia coli, except for non-pathogenic strains", B, 2, "",
           "Escherichia coli", "E. coli"),
    _agent("Escherichia coli, verocytotoxigenic strains (e.g. O157:H7 or O103)", B, 3, "T",
           "E. coli O157:H7", "Escherichia coli O157:H7", "EHEC", "VTEC", "STEC",
           "E. coli O103", not_airborne=True),
    _agent("Bacillus subtilis", B, 1, "", listed=False),
    _agent("Bacillus anthracis", B, 3, "T"),
    _agent("Bordetella pertussis", B, 2, "V"),
    _agent("Campylobacter jejuni", B, 2),
    _agent("Chlamydia trachomatis", B, 2),
    _agent("Clostridioides difficile", B, 2, "T", "Clostridium difficile"),
    _agent("Clostridium botulinum", B, 2, "T"),
    _agent("Clostridium perfringens", B, 2),
    _agent("Clostridium tetani", B, 2, "TV"),
    _agent("Corynebacterium diphtheriae", B, 2, "TV"),
    _agent("Haemophilus influenzae", B, 2, "V"),
    _agent("Helicobacter pylori", B, 2),
    _agent("Klebsiella pneumoniae", B, 2),
    _agent("Legionella pneumophila", B, 2),
    _agent("Listeria monocytogenes", B, 2),
    _agent("Mycobacterium bovis (except BCG strain)", B, 3, "V", "Mycobacterium bovis",
           long_retention=True),
    _agent("Mycobacterium tuberculosis", B, 3, "V", "M. tb", "Mtb", long_retention=True),
    _agent("Neisseria gonorrhoeae", B, 2),
    _agent("Neisseria meningitidis", B, 2, "V"),
    _agent("Pseudomonas aeruginosa", B, 2),
    _agent("Salmonella enterica serovar Typhi", B, 3, "V", "Salmonella Typhi",
           "Salmonella typhi", "Salmonella enterica Typhi",
           "Salmonella enterica subsp. enterica serovar Typhi", not_airborne=True),
    _agent("Salmonella enterica (other serovars)", B, 2, "", "Salmonella enterica",
           "Salmonella Typhimurium", "Salmonella enterica serovar Typhimurium",
           "Salmonella Enteritidis", "Salmonella enterica serovar Enteritidis"),
    _agent("Shigella dysenteriae type 1", B, 3, "T", not_airborne=True),
    _agent("Shigella sonnei", B, 2),
    _agent("Staphylococcus aureus", B, 2, "", "MRSA"),
    _agent("Streptococcus pneumoniae", B, 2, "V", "pneumococcus"),
    _agent("Streptococcus pyogenes", B, 2, "", "group A streptococcus"),
    _agent("Treponema pallidum", B, 2),
    _agent("Yersinia enterocolitica", B, 2),
    _agent("Agrobacterium tumefaciens", B, 1, "", "Rhizobium radiobacter", listed=False),
    # -- viruses ---------------------------------------------------------------------------
    _agent("Hepatitis A virus", V, 2, "V", "HAV"),
    _agent("Hepatitis B virus", V, 3, "DV", "HBV", "Hepatitis B", not_airborne=True,
           long_retention=True),
    _agent("Hepatitis C virus", V, 3, "D", "HCV", "Hepatitis C", not_airborne=True,
           long_retention=True),
    _agent("Human immunodeficiency virus", V, 3, "D", "HIV", "HIV-1", "HIV-2",
           "Human immunodeficiency virus 1", "Human immunodeficiency virus 2",
           not_airborne=True, long_retention=True),
    _agent("Human T-lymphotropic virus types 1 and 2", V, 3, "D", "HTLV", "HTLV-1",
           "HTLV-2", not_airborne=True, long_retention=True),
    _agent("Herpes simplex virus types 1 and 2", V, 2, "", "Herpes simplex virus", "HSV",
           "HSV-1", "HSV-2", "Herpes simplex", "Human alphaherpesvirus 1",
           "Human alphaherpesvirus 2"),
    _agent("Varicella-zoster virus", V, 2, "V", "VZV", "Human alphaherpesvirus 3"),
    _agent("Epstein-Barr virus", V, 2, "", "EBV", "Human gammaherpesvirus 4"),
    _agent("Human cytomegalovirus", V, 2, "", "Cytomegalovirus", "CMV", "HCMV",
           "Human betaherpesvirus 5"),
    _agent("Human papillomavirus", V, 2, "", "HPV", "Human papillomaviruses"),
    _agent("Human adenoviruses", V, 2, "", "Adenovirus", "Adenoviruses", "Human adenovirus"),
    _agent("Adeno-associated virus", V, 1, "", "AAV", listed=False),
    _agent("Lentiviral vectors (HIV-1 based, replication-incompetent)", OT, 2, "",
           "Lentiviral vector", "Lentiviral vectors", "Lentivirus vector", listed=False),
    _agent("Influenza A virus", V, 2, "V", "Influenza A", "Influenza virus A",
           "Influenzavirus A"),
    _agent("Influenza B virus", V, 2, "V", "Influenza B", "Influenza virus B"),
    _agent("Measles virus", V, 2, "V"),
    _agent("Mumps virus", V, 2, "V"),
    _agent("Rubella virus", V, 2, "V"),
    _agent("Respiratory syncytial virus", V, 2, "", "RSV"),
    _agent("Human rhinoviruses", V, 2, "", "Rhinovirus", "Human rhinovirus"),
    _agent("Human rotaviruses", V, 2, "", "Rotavirus"),
    _agent("Norovirus", V, 2, "", "Norwalk virus"),
    _agent("Human coronaviruses (229E, OC43, NL63, HKU1)", V, 2, "", "Human coronavirus",
           "HCoV-229E", "HCoV-OC43"),
    _agent("Severe acute respiratory syndrome coronavirus 2", V, 3, "", "SARS-CoV-2",
           "SARS CoV 2"),
    _agent("Middle East respiratory syndrome coronavirus", V, 3, "", "MERS-CoV"),
    _agent("Dengue virus", V, 3),
    _agent("Rabies virus", V, 3, "V", not_airborne=True),
    _agent("Vaccinia virus", V, 2),
    _agent("Ebola virus", V, 4, "", "Zaire ebolavirus"),
    # -- prions ----------------------------------------------------------------------------
    _agent("Creutzfeldt-Jakob disease agent", OT, 3, "D", "CJD agent",
           "Variant Creutzfeldt-Jakob disease agent", "vCJD agent", not_airborne=True,
           long_retention=True),
    # -- fungi -----------------------------------------------------------------------------
    _agent("Saccharomyces cerevisiae", F, 1, "", "baker's yeast", listed=False),
    _agent("Komagataella phaffii", F, 1, "", "Pichia pastoris", listed=False),
    _agent("Aspergillus fumigatus", F, 2, "A"),
    _agent("Candida albicans", F, 2, "A"),
    _agent("Coccidioides immitis", F, 3, "A"),
    _agent("Cryptococcus neoformans", F, 2, "A"),
    _agent("Pneumocystis jirovecii", F, 2, "", "Pneumocystis carinii"),
    _agent("Trichophyton rubrum", F, 2),
    # -- parasites -------------------------------------------------------------------------
    _agent("Cryptosporidium parvum", P, 2),
    _agent("Echinococcus multilocularis", P, 3, "", not_airborne=True),
    _agent("Entamoeba histolytica", P, 2),
    _agent("Giardia lamblia", P, 2, "", "Giardia duodenalis", "Giardia intestinalis"),
    _agent("Leishmania major", P, 2),
    _agent("Plasmodium falciparum", P, 3, "", not_airborne=True),
    _agent("Toxoplasma gondii", P, 2),
    _agent("Trypanosoma cruzi", P, 3),
)

#: entries whose notes we could not confirm against the published amended annex (the 2019
#: amendment added T and V notes to several bacteria): check against the current vedlegg 2
NOTES_TO_VERIFY: frozenset[str] = frozenset({
    "Bacillus anthracis", "Bordetella pertussis", "Clostridioides difficile",
    "Clostridium perfringens", "Haemophilus influenzae", "Neisseria meningitidis",
    "Pseudomonas aeruginosa", "Staphylococcus aureus", "Streptococcus pneumoniae",
    "Streptococcus pyogenes",
})

_IGNORED_WORDS = frozenset({"subsp", "ssp", "serovar", "ser", "sv", "var", "strain", "the"})
_BINOMIAL_TYPES = (AgentType.BACTERIUM, AgentType.FUNGUS, AgentType.PARASITE)


def name_key(text: str) -> str:
    """A name reduced for lookup: case, punctuation, hyphens and ``subsp.``/``serovar`` go.

    ``"Salmonella enterica subsp. enterica serovar Typhi"`` and ``"salmonella enterica
    Typhi"`` differ only by the repeated ``enterica``; both are listed as aliases.
    """
    words = re.findall(r"[0-9a-zæøåäöü']+", str(text).casefold().replace("-", ""))
    return " ".join(word for word in words if word not in _IGNORED_WORDS)


def _keys(agent: CatalogueAgent) -> Iterable[str]:
    for name in (agent.name, *agent.aliases):
        yield name_key(name)
        words = name.split()
        if agent.agent_type in _BINOMIAL_TYPES and len(words) >= 2 and words[0][0].isupper():
            yield name_key(f"{words[0][0]}. {' '.join(words[1:])}")  # "S. aureus"


@cache
def _index() -> dict[str, CatalogueAgent]:
    index: dict[str, CatalogueAgent] = {}
    ambiguous: set[str] = set()
    for agent in AGENTS:
        for key in _keys(agent):
            if key in index and index[key] is not agent:
                ambiguous.add(key)
            index.setdefault(key, agent)
    for key in ambiguous:  # an abbreviation two entries share names neither
        del index[key]
    return index


def lookup(name: str) -> CatalogueAgent | None:
    """The catalogue's entry for a name or alias (case and spacing free), or None."""
    return _index().get(name_key(name))


def search(text: str, limit: int = 20) -> list[CatalogueAgent]:
    """Entries whose name or an alias contains ``text`` (for a picker), exact matches first."""
    key = name_key(text)
    if not key:
        return list(AGENTS[:limit])
    exact = lookup(text)
    found = [exact] if exact else []
    for agent in AGENTS:
        if agent not in found and any(key in name_key(n) for n in (agent.name, *agent.aliases)):
            found.append(agent)
    return found[:limit]
