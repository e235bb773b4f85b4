"""The demo university's biological register (data only; see biology.py).

Agents are entries of the built-in catalogue (domain.biology.catalogue, from Directive
2000/54/EC Annex III as amended) in the demo's biology and medicine labs, with the
containment level of the room and the notification to Arbeidstilsynet. The BSL-3 lab works
with Mycobacterium tuberculosis and with hepatitis B virus (HepG2.2.15 cells, which release
HBV): both group 3, so a workers register is kept, and both marked V, so vaccination (BCG,
hepatitis B) is offered in writing. Biosafety cabinets (class II, EN 12469) are certified
yearly. Makes and models are real products; serial numbers and certifiers are made up.

Problems a safety rep should find: SARS-CoV-2 notified 11 days before first use instead of
30, one BSL-3 worker without a written vaccination offer, one cabinet overdue for its yearly
certification.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoAgent:
    name: str                          # the catalogue's name
    building: str
    room: str
    containment: int
    first_use: dt.date | int | None    # a date, or days before today
    notified: dt.date | int | None     # None: not notified (groups 2-4 must be)
    use: str = ""


AGENTS: tuple[DemoAgent, ...] = (
    # group 1: cloning and expression hosts
    DemoAgent("Escherichia coli K-12", "REAL", "Molekylærbiologilab", 1, dt.date(2009, 1, 12),
              None, "Kloning (DH5α, TOP10)"),
    DemoAgent("Escherichia coli B (incl. BL21)", "REAL", "Proteinlab", 1,
              dt.date(2011, 3, 1), None, "Proteinuttrykk (BL21(DE3))"),
    DemoAgent("Saccharomyces cerevisiae", "REAL", "Molekylærbiologilab", 1,
              dt.date(2009, 1, 12), None, "Gjærgenetikk"),
    DemoAgent("Komagataella phaffii", "REAL", "Proteinlab", 1, dt.date(2016, 5, 2), None,
              "Proteinuttrykk (Pichia pastoris)"),
    DemoAgent("Bacillus subtilis", "MTFS", "Molekylærbiologilab", 1, dt.date(2014, 9, 1),
              None, "Sporedannelse, undervisning"),
    # group 2: the microbiology and cell culture labs
    DemoAgent("Staphylococcus aureus", "REAL", "Mikrobiologilab", 2, dt.date(2012, 2, 1),
              dt.date(2011, 12, 5), "Antibiotikaresistens (MRSA-isolater)"),
    DemoAgent("Pseudomonas aeruginosa", "REAL", "Mikrobiologilab", 2, dt.date(2012, 2, 1),
              dt.date(2011, 12, 5), "Biofilm"),
    DemoAgent("Salmonella enterica (other serovars)", "REAL", "Mikrobiologilab", 2,
              dt.date(2015, 4, 13), dt.date(2015, 2, 20), "Vertspatogen-interaksjon "
              "(serovar Typhimurium)"),
    DemoAgent("Candida albicans", "REAL", "Mikrobiologilab", 2, dt.date(2018, 8, 20),
              dt.date(2018, 6, 29), "Soppinfeksjoner, antifungale stoffer"),
    DemoAgent("Aspergillus fumigatus", "REAL", "Mikrobiologilab", 2, dt.date(2018, 8, 20),
              dt.date(2018, 6, 29), "Soppinfeksjoner, antifungale stoffer"),
    DemoAgent("Lentiviral vectors (HIV-1 based, replication-incompetent)", "MTFS",
              "Cellekulturlab (BSL-2)", 2, dt.date(2017, 1, 9), dt.date(2016, 11, 21),
              "Genoverføring til humane celler (tredjegenerasjons, SIN)"),
    DemoAgent("Human adenoviruses", "MTFS", "Cellekulturlab (BSL-2)", 2, dt.date(2019, 10, 1),
              dt.date(2019, 8, 26), "Adenovirale vektorer (replikasjonsdefekte, ΔE1/E3)"),
    DemoAgent("Legionella pneumophila", "REAL", "Mikrobiologilab", 2, dt.date(2019, 9, 2),
              dt.date(2019, 7, 1), "Overlevelse i biofilm fra vannsystemer"),
    # group 3: the BSL-3 lab
    DemoAgent("Mycobacterium tuberculosis", "MTFS", "Mikrobiologilab (BSL-3)", 3,
              dt.date(2014, 2, 3), dt.date(2013, 11, 18),
              "Dyrking av kliniske isolater, resistenstesting"),
    DemoAgent("Hepatitis B virus", "MTFS", "Mikrobiologilab (BSL-3)", 3,
              dt.date(2021, 6, 1), dt.date(2021, 4, 12),
              "HBV-produserende cellelinje HepG2.2.15, antivirale stoffer"),
    DemoAgent("Severe acute respiratory syndrome coronavirus 2", "MTFS",
              "Mikrobiologilab (BSL-3)", 3, dt.date(2020, 12, 1), dt.date(2020, 11, 20),
              "Virusdyrking og nøytraliseringstester"),
)


@dataclass(frozen=True)
class DemoCabinet:
    building: str
    room: str
    make: str
    model: str
    serial: str
    installed: int
    certified: tuple[int, ...]   # days before today, oldest first
    certifier: str


CERTIFIER = "Labservice Midt AS (EN 12469)"
CABINETS: tuple[DemoCabinet, ...] = (
    DemoCabinet("MTFS", "Mikrobiologilab (BSL-3)", "Thermo Scientific", "Herasafe 2030i 1.5",
                "42795331", 2014, (1060, 700, 335, 40), CERTIFIER),
    DemoCabinet("MTFS", "Mikrobiologilab (BSL-3)", "Thermo Scientific", "Herasafe 2030i 1.8",
                "42795348", 2014, (1060, 700, 335, 40), CERTIFIER),
    DemoCabinet("MTFS", "Cellekulturlab (BSL-2)", "Scanlaf", "Mars 1500", "M15-3391",
                2017, (1100, 740, 420), CERTIFIER),   # overdue: last 420 days ago
    DemoCabinet("REAL", "Cellekulturlab (BSL-2)", "Esco", "Labculture LA2-4A1",
                "2013-87465", 2013, (890, 520, 150), CERTIFIER),
    DemoCabinet("REAL", "Mikrobiologilab", "Thermo Scientific", "MSC-Advantage 1.2",
                "41983310", 2012, (760, 395, 20), CERTIFIER),
)


@dataclass(frozen=True)
class DemoBioWorker:
    name: str
    work: str
    employed_from: dt.date
    agents: tuple[str, ...]                 # catalogue names
    # (vaccine, offered in writing on, answer) — empty: no offer made
    offers: tuple[tuple[str, dt.date, str], ...] = ()
    incidents: tuple[tuple[int, str], ...] = ()   # (days before today, what happened)
    ended: dt.date | None = None            # the day the work with the agents ended


TB = "Mycobacterium tuberculosis"
HBV = "Hepatitis B virus"
COV = "Severe acute respiratory syndrome coronavirus 2"
BIO_WORKERS: tuple[DemoBioWorker, ...] = (
    DemoBioWorker("Ingrid Haugen", "Laboratorieleder BSL-3: dyrking av M. tuberculosis, "
                  "HBV-produserende celler", dt.date(2012, 8, 1), (TB, HBV, COV),
                  offers=(("BCG-vaksine", dt.date(2013, 12, 2), "already_immune"),
                          ("Hepatitt B-vaksine (Engerix-B)", dt.date(2021, 4, 26),
                           "already_immune"))),
    DemoBioWorker("Wei Zhang", "Forsker: resistenstesting av M. tuberculosis",
                  dt.date(2018, 1, 15), (TB,),
                  offers=(("BCG-vaksine", dt.date(2018, 1, 22), "accepted"),),
                  incidents=((610, "Rør med M. tuberculosis-kultur knust i sentrifugen; "
                                   "sentrifugen åpnet i sikkerhetskabinettet etter 30 min, "
                                   "ingen synlig aerosol utenfor. IGRA-test etter 8 uker "
                                   "negativ."),)),
    DemoBioWorker("Kjærsti Rønning", "Stipendiat: antivirale stoffer mot HBV (HepG2.2.15)",
                  dt.date(2021, 9, 1), (HBV,),
                  offers=(("Hepatitt B-vaksine (Engerix-B)", dt.date(2021, 9, 6), "accepted"),),
                  incidents=((340, "Stikkskade med kanyle etter arbeid med "
                                   "HepG2.2.15-supernatant. Fulgt opp av "
                                   "bedriftshelsetjenesten; anti-HBs over 100 IU/L, "
                                   "ingen smitte."),)),
    DemoBioWorker("Rahul Mehta", "Postdoktor: nøytraliseringstester med SARS-CoV-2 og "
                  "dyrking av M. tuberculosis", dt.date(2023, 2, 1), (COV, TB)),
    DemoBioWorker("Sigrid Bakken", "Overingeniør BSL-3: drift, avfall og dekontaminering",
                  dt.date(2014, 1, 6), (TB, HBV, COV),
                  offers=(("BCG-vaksine", dt.date(2014, 1, 13), "declined"),
                          ("Hepatitt B-vaksine (Engerix-B)", dt.date(2021, 4, 26), "accepted"))),
    DemoBioWorker("Jonas Strand", "Masterstudent: HBV-replikasjon i HepG2.2.15",
                  dt.date(2021, 8, 16), (HBV,),
                  offers=(("Hepatitt B-vaksine (Engerix-B)", dt.date(2021, 8, 23), "accepted"),),
                  ended=dt.date(2022, 6, 30)),
)
