"""The demo university's radiation sources and radiation workers (data only; see radiation.py).

Sources are what Norwegian university labs hold: check and calibration sources in the
isotope labs, the Ni-63 of a GC electron-capture detector, the Ba-133 external standard of a
liquid scintillation counter, radiolabelled compounds (P-32, S-35, I-125, H-3, C-14) bought
from the usual suppliers in the usual amounts, X-ray diffractometers, a micro-CT, a
preclinical MR scanner and research lasers. Makes and models are real products; serial
numbers and DSA ids are made up. Rooms are named by building code and room name (the demo's
labs, demo/organisation.py); ``days`` are days before the demo's today, so due dates stay
due whatever day the demo is built.

Problems a safety rep should find: the Cs-137 check source from 2000 overdue for its leak
test, an expired P-32 batch still held, a class 4 laser without a DSA id, and one worker's
finger doses close to the extremity limit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoSource:
    key: str                         # a short handle for tests and for the workers table
    kind: str                        # SourceKind value
    building: str
    room: str                        # room name in the building (demo/organisation.py)
    make: str
    model: str
    serial: str
    description: str                 # technical specification, as DSA's form asks
    year: int | None = None
    dealer: str | None = None
    use: str | None = None
    nuclide: str | None = None
    activity: str | None = None      # as written on the certificate, in its unit
    activity_unit: str | None = None
    reference: dt.date | int | None = None   # a date, or days before today
    laser_class: str | None = None
    dsa_id: str | None = None
    dsa_status: str | None = None    # in DSA's words, as the register shows them
    notifiable: bool | None = None   # stated (radioactive sources); None: the rule decides
    leak_interval_months: int | None = None
    leak_tests: tuple[int, ...] = ()  # days before today, oldest first
    # the earlier statuses, oldest first: (since, DSA's word) with a date or days before
    # today; ``status_since`` dates the current one (default: when the source came)
    history: tuple[tuple[int | dt.date, str], ...] = ()
    status_since: int | dt.date | None = None
    disposed: tuple[int | dt.date, str] | None = None   # (when, how)
    # open sources: the waste's pick-up (days before today; negative: planned) and what it is
    waste_pickup: tuple[int, str] | None = None
    expires_days: int | None = None  # open sources: shelf life after the reference date
    notes: str = ""
    tags: tuple[str, ...] = field(default=())


SOURCES: tuple[DemoSource, ...] = (
    # -- sealed sources ----------------------------------------------------------------
    DemoSource(
        "cs137_check", "sealed_source", "REAL", "Isotoplab",
        "Isotope Products Laboratories", "Punktkilde, skive Ø 25 mm", "IPL-0031-2000",
        "Kontrollkilde Cs-137, 10 µCi per 1. mars 2000, kapslet i epoksy mellom plastskiver",
        year=2000, dealer="Isotope Products Laboratories, Burbank (USA)",
        use="Daglig funksjonskontroll av kontaminasjonsmonitor og gammateller",
        nuclide="Cs-137", activity="10", activity_unit="µCi", reference=dt.date(2000, 3, 1),
        dsa_id="K-2000-00417", dsa_status="I bruk", notifiable=True,
        leak_interval_months=12, leak_tests=(1490, 1120, 760, 420),
        notes="Lekkasjetest: tørket med fuktet filterpapir, målt i gammateller.",
        tags=("overdue_leak_test",)),
    DemoSource(
        "ni63_ecd", "sealed_source", "KJ1", "Instrumentlab (GC-MS)",
        "Agilent Technologies", "G2397A µECD", "US10823004",
        "Elektroninnfangingsdetektor (micro-ECD) med Ni-63-folie, 555 MBq (15 mCi)",
        year=2010, dealer="Agilent Technologies Norge",
        use="Gasskromatografi av halogenerte forbindelser (GC-ECD)",
        nuclide="Ni-63", activity="15", activity_unit="mCi", reference=dt.date(2010, 6, 1),
        dsa_id="K-2010-01288", dsa_status="I bruk", notifiable=True,
        leak_interval_months=6, leak_tests=(540, 360, 185, 20),
        notes="Lekkasjetest hver 6. måned etter Agilents anvisning (avtørking av utløpet)."),
    DemoSource(
        "ba133_lsc", "sealed_source", "MTFS", "Isotoplab",
        "PerkinElmer", "Tri-Carb 4910TR (ekstern standard)", "DT49100712",
        "Ba-133 ekstern standard innebygd i væskescintillasjonsteller, 20 µCi",
        year=2016, dealer="PerkinElmer Norge",
        use="Quench-korreksjon ved væskescintillasjonstelling (H-3, C-14, P-32, S-35)",
        nuclide="Ba-133", activity="740", activity_unit="kBq", reference=dt.date(2016, 9, 1),
        dsa_id="K-2016-02215", dsa_status="I bruk", notifiable=True,
        leak_interval_months=12, leak_tests=(700, 340)),
    DemoSource(
        "am241_alpha", "sealed_source", "REAL", "Isotoplab",
        "Eckert & Ziegler", "Alfakilde, skive Ø 25 mm (aktivt område Ø 5 mm)", "EZ-1844-73",
        "Am-241 alfakilde 74 kBq for studentforsøk (rekkevidde av alfapartikler i luft)",
        year=2012, dealer="Eckert & Ziegler Nuclitec",
        use="Undervisning, laboratorieøvelser i kjernefysikk",
        nuclide="Am-241", activity="74", activity_unit="kBq", reference=dt.date(2012, 1, 15),
        dsa_id="K-2012-00960", dsa_status="I bruk", notifiable=True,
        leak_interval_months=24, leak_tests=(800, 95)),
    DemoSource(
        "sr90_beta", "sealed_source", "REAL", "Isotoplab",
        "Eckert & Ziegler", "Betakilde Sr-90/Y-90, skive Ø 25 mm", "EZ-1844-74",
        "Sr-90/Y-90 betakilde 74 kBq for studentforsøk (absorpsjon i aluminium)",
        year=2012, dealer="Eckert & Ziegler Nuclitec",
        use="Undervisning, laboratorieøvelser i kjernefysikk",
        nuclide="Sr-90", activity="74", activity_unit="kBq", reference=dt.date(2012, 1, 15),
        dsa_id="K-2012-00961", dsa_status="I bruk", notifiable=True,
        leak_interval_months=24, leak_tests=(800, 95)),
    DemoSource(
        "co60_stored", "sealed_source", "REAL", "Isotoplab",
        "Eckert & Ziegler", "Gammakilde, skive Ø 25 mm", "EZ-0977-12",
        "Co-60 gammakilde 37 kBq (1 µCi) for energikalibrering",
        year=2009, dealer="Eckert & Ziegler Nuclitec",
        use="Energikalibrering av NaI-detektor (ikke brukt siden detektoren ble byttet)",
        nuclide="Co-60", activity="1", activity_unit="µCi", reference=dt.date(2009, 5, 1),
        dsa_id="K-2009-00733", dsa_status="Ikke i bruk/På lager", notifiable=True,
        leak_interval_months=24, leak_tests=(1500, 770, 60),
        history=((dt.date(2009, 6, 2), "I bruk"),), status_since=2100),
    DemoSource(
        "cs137_deposited", "sealed_source", "KJ3", "Isotoplab",
        "Amersham", "Punktkilde", "AM-CDR-1987-112",
        "Cs-137 kalibreringskilde 3,7 MBq (100 µCi) fra 1987",
        year=1987, dealer="Amersham International",
        use="Kalibrering av gammaspektrometer (avviklet)",
        nuclide="Cs-137", activity="100", activity_unit="µCi", reference=dt.date(1987, 4, 1),
        dsa_id="K-1987-00052", dsa_status="Deponert", notifiable=True,
        leak_interval_months=12, leak_tests=(1300, 930),
        history=((dt.date(1987, 5, 1), "I bruk"), (1650, "Ikke i bruk/På lager")),
        disposed=(890, "Levert som radioaktivt avfall til det nasjonale mottaket på Kjeller "
                       "for deponering i KLDRA Himdalen; kvittering arkivert")),
    # -- open sources (radiolabelled compounds; DSA registers each delivery) --------------
    DemoSource(
        "p32_expired", "open_source", "MTFS", "Isotoplab",
        "Revvity (PerkinElmer)", "[α-32P]dCTP, 3000 Ci/mmol, 10 mCi/mL", "BLU013H, lot 417-03",
        "Fosfor-32-merket deoksycytidintrifosfat i vandig løsning, 250 µCi",
        dealer="Revvity Norge", use="Radioaktiv merking av DNA-prober (Southern blot)",
        nuclide="P-32", activity="250", activity_unit="µCi", reference=150,
        dsa_id="Å-2025-03117", dsa_status="I bruk", notifiable=True, expires_days=21,
        waste_pickup=(-23, "Rester av løsningen og fast avfall, planlagt henting"),
        notes="Står fortsatt i fryseren (−20 °C) i isotoplabben.",
        tags=("expired",)),
    DemoSource(
        "p32_current", "open_source", "MTFS", "Isotoplab",
        "Revvity (PerkinElmer)", "[γ-32P]ATP, 6000 Ci/mmol, 10 mCi/mL", "Lot 502-11",
        "Fosfor-32-merket adenosintrifosfat i vandig løsning, 250 µCi",
        dealer="Revvity Norge", use="Kinaseforsøk (fosforylering in vitro)",
        nuclide="P-32", activity="9.25", activity_unit="MBq", reference=6,
        dsa_id="Å-2026-03902", dsa_status="I bruk", notifiable=True, expires_days=21),
    DemoSource(
        "i125_nai", "open_source", "MTFS", "Isotoplab",
        "Revvity (PerkinElmer)", "Natriumjodid [¹²⁵I], i 10⁻⁵ M NaOH", "NEZ033A, lot 633-41",
        "Jod-125 som natriumjodid, 1 mCi, til jodering av proteiner",
        dealer="Revvity Norge", use="Jodering av antistoffer til radioimmunoassay",
        nuclide="I-125", activity="1", activity_unit="mCi", reference=40,
        dsa_id="Å-2026-03688", dsa_status="I bruk", notifiable=True, expires_days=60,
        waste_pickup=(-9, "Fast avfall (pipettespisser, hansker) i blyskjermet beholder")),
    DemoSource(
        "h3_thymidine", "open_source", "LAB", "Isotoplab",
        "Revvity (PerkinElmer)", "[metyl-³H]tymidin, 1 mCi/mL", "NET027E, lot 708-08",
        "Tritium-merket tymidin i vandig løsning, 5 mCi",
        dealer="Revvity Norge", use="Celleproliferasjonsforsøk (inkorporering i DNA)",
        nuclide="H-3", activity="185", activity_unit="MBq", reference=420,
        dsa_id="Å-2025-02954", dsa_status="I bruk", notifiable=True,
        waste_pickup=(120, "Scintillasjonsvæske med H-3, 2 × 5 L")),
    DemoSource(
        "c14_glucose", "open_source", "REAL", "Isotoplab",
        "American Radiolabeled Chemicals", "D-[U-¹⁴C]glukose, 0,1 mCi/mL", "Lot 230512",
        "Karbon-14-merket glukose i etanol:vann 9:1, 50 µCi",
        dealer="American Radiolabeled Chemicals", use="Opptak av glukose i planteceller og alger",
        nuclide="C-14", activity="1.85", activity_unit="MBq", reference=700,
        dsa_id="Å-2024-02410", dsa_status="I bruk", notifiable=True,
        waste_pickup=(150, "Fast avfall med C-14 (rør og spisser), 1 sekk")),
    DemoSource(
        "s35_met", "open_source", "MTFS", "Isotoplab",
        "Revvity (PerkinElmer)", "EasyTag L-[³⁵S]-metionin, 11 mCi/mL", "NEG709A, lot 922-22",
        "Svovel-35-merket metionin, 500 µCi",
        dealer="Revvity Norge", use="Metabolsk merking av proteiner (pulse-chase)",
        nuclide="S-35", activity="500", activity_unit="µCi", reference=50,
        dsa_id="Å-2026-03745", dsa_status="I bruk", notifiable=True, expires_days=90,
        waste_pickup=(-30, "Fast avfall med S-35 (aktivt kull-filter, rør), 1 sekk")),
    DemoSource(
        "h3_standard", "open_source", "GUN", "Dateringslab (C-14)",
        "PerkinElmer", "Ikke-quenchede standarder ³H/¹⁴C (flammeforseglede glass)",
        "STD-2019-021",
        "Ikke-quenchede standarder: H-3 ca. 220 000 dpm og C-14 ca. 100 000 dpm i glass",
        dealer="PerkinElmer Norge", use="Kalibrering av væskescintillasjonsteller",
        nuclide="H-3", activity="3.7", activity_unit="kBq", reference=dt.date(2019, 2, 1),
        notifiable=False, notes="Under unntaksgrensen; registrert for oversikten."),
    # -- X-ray equipment ---------------------------------------------------------------
    DemoSource(
        "xrd_d8", "xray", "KJ5", "Røntgenlab (XRD)",
        "Bruker", "D8 Advance", "208547",
        "Røntgendiffraktometer, Cu-rør 40 kV / 40 mA, LYNXEYE XE-T-detektor, fullt "
        "innkapslet kabinett med sikkerhetsbrytere",
        year=2018, dealer="Bruker AXS Nordic", use="Pulverdiffraksjon av materialprøver",
        dsa_id="R-2018-11342", dsa_status="I bruk",
        history=((dt.date(2018, 9, 3), "Avventer"),), status_since=dt.date(2018, 11, 5)),
    DemoSource(
        "xrd_empyrean", "xray", "VAT", "Røntgenlab (XRD)",
        "Malvern Panalytical", "Empyrean", "DY5519",
        "Røntgendiffraktometer, Cu-rør 45 kV / 40 mA, PIXcel3D-detektor, innkapslet",
        year=2021, dealer="Malvern Panalytical Nordic",
        use="Restspenningsmåling og teksturanalyse av metaller",
        dsa_id="R-2021-14810", dsa_status="I bruk"),
    DemoSource(
        "xrd_smartlab", "xray", "REAL", "Røntgenlab (XRD)",
        "Rigaku", "SmartLab 9 kW", "HD3120N",
        "Røntgendiffraktometer med roterende anode (Cu, 45 kV / 200 mA), tynnfilm og SAXS",
        year=2024, dealer="Rigaku Europe", use="Tynnfilmdiffraksjon og småvinkelspredning",
        dsa_id="R-2024-17702", dsa_status="Avventer", status_since=40,
        notes="Installert; venter på DSAs bekreftelse."),
    DemoSource(
        "xrd_d5000", "xray", "KJ5", "Røntgenlab (XRD)",
        "Siemens", "D5000", "W1-1994-066",
        "Røntgendiffraktometer, Cu-rør 40 kV / 30 mA, scintillasjonsdetektor",
        year=1994, dealer="Siemens Analytical X-Ray Systems",
        use="Pulverdiffraksjon (erstattet av D8 Advance)",
        dsa_id="R-1994-00318", dsa_status="EE-avfall/kondemnert",
        history=((dt.date(1994, 11, 1), "I bruk"), (dt.date(2018, 10, 1), "Ikke i bruk/På lager")),
        disposed=(dt.date(2019, 3, 12), "Røntgenrøret demontert; levert som EE-avfall til "
                                        "godkjent mottak")),
    DemoSource(
        "microct", "xray", "MTFS", "Histologilab",
        "Bruker", "SkyScan 1276", "1276-0411",
        "Mikro-CT for små dyr og prøver, 20–100 kV, maks. 10 W, innkapslet kabinett",
        year=2020, dealer="Bruker Nordic",
        use="Avbildning av beinvev og prøver fra forsøksdyr",
        dsa_id="R-2020-13391", dsa_status="I bruk"),
    # -- MR ------------------------------------------------------------------------------
    DemoSource(
        "mri_biospec", "mri", "MTFS", "Fysiologilab",
        "Bruker", "BioSpec 70/20 USR", "BS-T12733",
        "Preklinisk MR, 7 tesla, horisontal magnet med 20 cm åpning",
        year=2015, dealer="Bruker BioSpin",
        use="Avbildning av forsøksdyr (mus og rotter)",
        dsa_id="M-2017-00088", dsa_status="I bruk"),
    # -- lasers --------------------------------------------------------------------------
    DemoSource(
        "laser_chameleon", "laser", "REAL", "Laserlab",
        "Coherent", "Chameleon Ultra II", "CU2-7715",
        "Ti:safir femtosekundlaser, 680–1080 nm, 3,5 W ved 800 nm, 80 MHz",
        year=2022, dealer="Coherent (Nordic)",
        use="Tofotonmikroskopi og ikke-lineær optikk", laser_class="4", tags=("no_dsa_id",)),
    DemoSource(
        "laser_quantaray", "laser", "EL", "Optoelektronikklab",
        "Spectra-Physics", "Quanta-Ray INDI-40", "QR-1102",
        "Pulset Nd:YAG, 1064/532/355 nm, 10 Hz, 450 mJ per puls ved 1064 nm",
        year=2013, dealer="MKS Instruments (Spectra-Physics)",
        use="Laserindusert plasma og pumpekilde for OPO", laser_class="4",
        dsa_id="L-2013-00231", dsa_status="I bruk"),
    DemoSource(
        "laser_obis", "laser", "REAL", "Optikklab",
        "Coherent", "OBIS 488 nm LX 100 mW", "OB-41273",
        "Diodelaser 488 nm, kontinuerlig, 100 mW", year=2019, dealer="Coherent (Nordic)",
        use="Fluorescenseksitasjon", laser_class="3B"),
    DemoSource(
        "laser_cobolt", "laser", "EL", "Optoelektronikklab",
        "Cobolt (HÜBNER Photonics)", "06-MLD 405 nm", "CB-06-9930",
        "Diodelaser 405 nm, kontinuerlig, 250 mW", year=2021, dealer="HÜBNER Photonics",
        use="Fotolitografi og fotoluminescens", laser_class="3B"),
)


# What the room cards of rooms holding sources add, where their kind of room card does not
# say it: (building, room) -> (activity type for a room without a card, the hazard)
CARD_HAZARDS: dict[tuple[str, str], tuple[str, str]] = {
    ("KJ1", "Instrumentlab (GC-MS)"): (
        "", "Kapslet radioaktiv kilde: Ni-63 (555 MBq) i ECD-detektor på GC"),
    ("MTFS", "Histologilab"): ("", "Røntgenstråling: mikro-CT (innkapslet kabinett)"),
    ("MTFS", "Fysiologilab"): (
        "Fysiologi og preklinisk MR",
        "Sterkt magnetfelt: 7 T MR (pacemaker og løse metallgjenstander forbudt innenfor "
        "0,5 mT-linjen), flytende helium"),
}


@dataclass(frozen=True)
class DemoWorker:
    key: str
    name: str                      # used when the room's unit has no one else to pick
    building: str                  # where the work is (the person is picked from its unit)
    room: str
    address: str
    work: str
    sources: str                   # what the worker uses (the register's "source" field)
    employed_from: dt.date
    # monthly body dosimeter readings: typical Hp(10), Hp(0.07) per month in mSv
    body: tuple[float, float] | None = None
    # ring dosimeter: typical Hp(0.07) per month in mSv
    ring: float | None = None
    since: int = 3                 # years of readings back from today
    ended: dt.date | None = None   # the day the radiation work ended
    # the extremity sum of the last whole year, where it is to be close to the limit
    extremity_year_msv: float | None = None


WORKERS: tuple[DemoWorker, ...] = (
    DemoWorker("isotope_engineer", "Ragnhild Aune", "MTFS", "Isotoplab",
               "Elgeseter gate 23, 7030 Trondheim",
               "Overingeniør, isotoplab (P-32, I-125, S-35; jodering av proteiner)",
               "P-32, I-125, S-35 (åpne kilder)",
               dt.date(2011, 8, 15), body=(0.05, 0.09), ring=11.0, since=4,
               extremity_year_msv=441.3),
    DemoWorker("postdoc_p32", "Olena Kovalenko", "MTFS", "Isotoplab",
               "Moholt allé 12, 7050 Trondheim",
               "Postdoktor, merking av DNA-prober med P-32", "P-32 (åpne kilder)",
               dt.date(2022, 9, 1), body=(0.02, 0.05), ring=4.0, since=3),
    DemoWorker("xrd_engineer", "Torbjørn Krogstad", "KJ5", "Røntgenlab (XRD)",
               "Bjarne Ness' vei 4, 7046 Trondheim",
               "Avdelingsingeniør, røntgendiffraksjon (D8 Advance, Empyrean)",
               "Røntgendiffraktometre Bruker D8 Advance og Malvern Panalytical Empyrean",
               dt.date(2007, 1, 2), body=(0.0, 0.0), since=4),
    DemoWorker("physics_lecturer", "Ahmed Hassan", "REAL", "Isotoplab",
               "Nedre Møllenberg gate 41, 7014 Trondheim",
               "Førsteamanuensis, laboratorieøvelser med kapslede kilder",
               "Am-241, Sr-90, Cs-137 (kapslede kilder)",
               dt.date(2015, 8, 1), body=(0.01, 0.01), since=3),
    DemoWorker("lsc_technician", "Marte Tøndel", "LAB", "Isotoplab",
               "Persaunvegen 88, 7045 Trondheim",
               "Laborant, væskescintillasjonstelling og avfallshåndtering (H-3, C-14)",
               "H-3, C-14 (åpne kilder), Ba-133 (ekstern standard i LSC)",
               dt.date(2019, 3, 1), body=(0.0, 0.01), since=3),
    DemoWorker("phd_left", "Lukas Schneider", "MTFS", "Isotoplab",
               "Kong Øysteins vei 2, 7018 Trondheim",
               "Stipendiat, metabolsk merking med S-35 (avsluttet)", "S-35 (åpne kilder)",
               dt.date(2019, 8, 15), body=(0.01, 0.03), ring=1.5, since=5,
               ended=dt.date(2023, 8, 31)),
)
