"""Demo steps: room cards (romkort) for labs, stores, workshops, animal rooms, greenhouses
(``add_room_cards``, before the registers), and — once the registers are filled — the cards
brought in line with what the registers hold, as a room responsible accepting the proposals
would (``reconcile_room_cards``), except two deliberately stale cards the Needs-attention
screen has something true to show for: a lab that got a toxic product after its card was
printed (the card lacks GHS06) and a lab with a class 4 laser whose card lacks the laser sign.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from dataclasses import replace

from vernetool.db.checks import agent_uses, held_sources
from vernetool.db.organisation.room_cards import card_holdings, cards, save_card
from vernetool.db.organisation.rooms import list_rooms
from vernetool.demo.organisation import card_profile
from vernetool.domain.organisation import RoomCard, RoomType
from vernetool.domain.radiation.sources import DsaStatus, is_held
from vernetool.domain.room_card_proposal import (
    CardField,
    ProposalSource,
    ProposedCard,
    accept_field,
    compare_card,
    propose_card,
)

ACTOR = "demo"
_ALERT = "Varsle romansvarlig og vaktsentralen (73 59 88 00) ved alarm eller søl."
_SHOWER = "Øyedusj og nøddusj ved døra. Branntepper og CO₂-apparat i korridoren."

PROFILES: dict[str, RoomCard] = {
    "organic": RoomCard(
        activity_type="Organisk syntese",
        special_hazards="Brannfarlige løsemidler, etsende og giftige stoffer, trykkgass",
        unsafe_after_incident="Brann eller større søl av løsemidler",
        gas_max_litres=100, gas_max_cylinders=2, central_gas_supply=True,
        flammable_cat1_max_litres=5, flammable_cat2_max_litres=25,
        toxic_liquids="Diklormetan, metanol, acetonitril",
        alert_needs=_ALERT, other_info=_SHOWER,
        pictograms=("GHS02", "GHS05", "GHS06", "GHS07", "GHS08")),
    "inorganic": RoomCard(
        activity_type="Uorganisk kjemi og elektrokjemi",
        special_hazards="Sterke syrer og baser, oksiderende stoffer, tungmetallsalter",
        flammable_cat2_max_litres=10, toxic_liquids="Konsentrert salpetersyre, kromsyre",
        alert_needs=_ALERT, other_info=_SHOWER,
        pictograms=("GHS03", "GHS05", "GHS06", "GHS09")),
    "gcms": RoomCard(
        activity_type="Instrumentanalyse (GC-MS, HPLC)",
        special_hazards="Hydrogen og helium fra sentralt gassanlegg, løsemidler",
        unsafe_after_incident="Gasslekkasje: ikke gå inn før gassalarmen er kvittert",
        gas_max_litres=50, gas_max_cylinders=1, central_gas_supply=True, gas_alarm=True,
        flammable_cat1_max_litres=2, flammable_cat2_max_litres=10,
        alert_needs=_ALERT, pictograms=("GHS02", "GHS04", "GHS07")),
    "nmr": RoomCard(
        activity_type="NMR-spektroskopi",
        special_hazards="Sterkt magnetfelt (pacemaker forbudt), flytende helium og nitrogen",
        unsafe_after_incident="Quench: fare for oksygenmangel",
        gas_alarm=True, alert_needs="Oksygenalarm: forlat rommet og varsle romansvarlig.",
        other_info="Magnetfeltgrense 5 gauss merket på gulvet.", pictograms=("GHS04",)),
    "isotope": RoomCard(
        activity_type="Isotoplab (åpne radioaktive kilder)",
        special_hazards="Ioniserende stråling: P-32, S-35, H-3 og I-125",
        unsafe_after_incident="Søl av radioaktivt materiale: ikke gå inn, kontakt "
                              "strålevernkoordinator",
        flammable_cat2_max_litres=5, toxic_liquids="Scintillasjonsvæske",
        alert_needs="Strålevernkoordinator varsles ved søl eller tap av kilde.",
        other_info="Kontaminasjonsmonitor ved utgangen. Eget avfall for radioaktivt avfall.",
        pictograms=("GHS02", "GHS07"), warning_signs=("radiation",)),
    "hf": RoomCard(
        activity_type="Arbeid med flussyre",
        special_hazards="Flussyre (HF): gir alvorlige etseskader og forgiftning",
        unsafe_after_incident="Søl av flussyre",
        toxic_liquids="Flussyre 40 %", alert_needs=_ALERT,
        other_info="Kalsiumglukonatgel i førstehjelpsskapet ved døra.",
        pictograms=("GHS05", "GHS06")),
    "bio2": RoomCard(
        activity_type="Cellekultur og mikrobiologi, smitterisikogruppe 2",
        special_hazards="Biologiske faktorer (risikogruppe 2), flytende nitrogen",
        unsafe_after_incident="Søl av smittefarlig materiale",
        alert_needs="Biosikkerhetsansvarlig varsles ved søl eller stikkskade.",
        other_info="Sikkerhetsbenk klasse II. Autoklavering av avfall.",
        pictograms=("GHS04", "GHS05"),
        warning_signs=("biohazard",)),
    "bio3": RoomCard(
        activity_type="Sikkerhetslaboratorium, smitterisikogruppe 3",
        special_hazards="Biologiske faktorer i risikogruppe 3 (Mycobacterium tuberculosis)",
        unsafe_after_incident="Enhver hendelse med aerosoldannelse",
        alert_needs="Kun opplært personell. Biosikkerhetsansvarlig varsles straks.",
        other_info="Undertrykk og sluse. Arbeidstakerregister føres.",
        pictograms=("GHS05", "GHS08"),
        warning_signs=("biohazard",)),
    "molbio": RoomCard(
        activity_type="Molekylærbiologi",
        special_hazards="Fenol, kloroform, etidiumbromid, UV-lys",
        flammable_cat2_max_litres=5, toxic_liquids="Fenol/kloroform",
        alert_needs=_ALERT, pictograms=("GHS05", "GHS06", "GHS08")),
    "histology": RoomCard(
        activity_type="Histologi og preparering",
        special_hazards="Formaldehyd og xylen (kreftfremkallende/helseskadelig)",
        flammable_cat2_max_litres=20, toxic_liquids="Formalin 4 %, xylen",
        alert_needs=_ALERT, other_info="Avtrekksbenk skal brukes ved alt arbeid med formalin.",
        pictograms=("GHS02", "GHS05", "GHS07", "GHS08")),
    "laser": RoomCard(
        activity_type="Laserlab",
        special_hazards="Klasse 4-laser, usynlig infrarød stråling",
        alert_needs="Varsellampe over døra lyser når laseren er i bruk.",
        other_info="Vernebriller for riktig bølgelengde ved inngangen.",
        warning_signs=("laser",)),
    "xray": RoomCard(
        activity_type="Røntgendiffraksjon",
        special_hazards="Røntgenstråling (lukket anlegg med sikkerhetsbrytere)",
        other_info="Registrert i DSAs kilderegister.",
        warning_signs=("radiation",)),
    "cryo": RoomCard(
        activity_type="Kryogene væsker",
        special_hazards="Flytende nitrogen og helium: kuldeskader og oksygenmangel",
        unsafe_after_incident="Oksygenalarm",
        gas_alarm=True, alert_needs="Ved oksygenalarm: forlat rommet, ikke gå inn igjen.",
        pictograms=("GHS04",)),
    "highvoltage": RoomCard(
        activity_type="Høyspenningslaboratorium",
        special_hazards="Høyspenning inntil 400 kV",
        unsafe_after_incident="Ikke gå inn før anlegget er frakoblet og jordet",
        alert_needs="Kun instruert personell. Adgangskontroll med nøkkelsystem."),
    "cleanroom": RoomCard(
        activity_type="Renrom",
        special_hazards="Flussyre, piranha-løsning, silan og giftige gasser",
        unsafe_after_incident="Gassalarm: ikke gå inn",
        gas_max_litres=50, gas_max_cylinders=6, central_gas_supply=True, gas_alarm=True,
        flammable_cat1_max_litres=2, flammable_cat2_max_litres=10,
        toxic_liquids="Flussyre, TMAH", shared_with_other_org=True,
        coordination_agreement="Samarbeidsavtale med SINTEF om felles renrom (2021)",
        alert_needs=_ALERT,
        pictograms=("GHS02", "GHS04", "GHS05", "GHS06", "GHS08")),
    "furnace": RoomCard(
        activity_type="Høytemperaturovner",
        special_hazards="Ovner over 1000 °C, argon og hydrogen",
        gas_max_litres=50, gas_max_cylinders=4, gas_alarm=True,
        alert_needs=_ALERT, pictograms=("GHS02", "GHS04")),
    "chem_store": RoomCard(
        activity_type="Kjemikalielager",
        special_hazards="Brannfarlige, giftige, etsende og miljøskadelige stoffer",
        unsafe_after_incident="Brann eller lekkasje i lageret",
        flammable_cat1_max_litres=50, flammable_cat2_max_litres=200,
        toxic_liquids="Giftige og etsende stoffer i ventilerte skap",
        alert_needs=_ALERT,
        pictograms=("GHS02", "GHS03", "GHS05", "GHS06", "GHS08", "GHS09")),
    "gas_store": RoomCard(
        activity_type="Gasslager",
        special_hazards="Trykkgass: hydrogen, acetylen, oksygen, argon, CO₂",
        unsafe_after_incident="Gasslekkasje eller brann",
        gas_max_litres=2000, gas_max_cylinders=40, gas_alarm=True,
        alert_needs="Brannvesenet må informeres om gassflaskene ved brann.",
        pictograms=("GHS02", "GHS03", "GHS04")),
    "flam_store": RoomCard(
        activity_type="Lager for brannfarlig væske",
        special_hazards="Brannfarlige væsker kategori 1 og 2",
        unsafe_after_incident="Brann",
        flammable_cat1_max_litres=100, flammable_cat2_max_litres=400,
        alert_needs=_ALERT, pictograms=("GHS02", "GHS07")),
    "waste": RoomCard(
        activity_type="Avfallsrom for farlig avfall",
        special_hazards="Blandet kjemikalieavfall, brukte løsemidler",
        flammable_cat2_max_litres=200, alert_needs=_ALERT,
        pictograms=("GHS02", "GHS05", "GHS06", "GHS09")),
    "mech_workshop": RoomCard(
        activity_type="Mekanisk verksted",
        special_hazards="Roterende maskiner, skjærevæsker, støy",
        gas_max_litres=100, gas_max_cylinders=2,
        other_info="Hørselvern påbudt. Nødstopp på alle maskiner.",
        pictograms=("GHS07",)),
    "glassblowing": RoomCard(
        activity_type="Glassblåserverksted",
        special_hazards="Propan og oksygen, høye temperaturer",
        gas_max_litres=100, gas_max_cylinders=2,
        pictograms=("GHS02", "GHS03", "GHS04")),
    "welding": RoomCard(
        activity_type="Sveiseverksted",
        special_hazards="Sveiserøyk, UV-stråling, acetylen og oksygen",
        gas_max_litres=150, gas_max_cylinders=4,
        other_info="Punktavsug skal brukes. Varme arbeider krever tillatelse.",
        pictograms=("GHS02", "GHS04")),
    "wood_workshop": RoomCard(
        activity_type="Snekkerverksted",
        special_hazards="Trestøv (kreftfremkallende ved hardved), roterende maskiner",
        other_info="Sponavsug skal være på ved maskinarbeid.", pictograms=("GHS08",)),
    "animal": RoomCard(
        activity_type="Forsøksdyravdeling",
        special_hazards="Allergener fra forsøksdyr, zoonoser",
        alert_needs="Dyrepleier varsles ved strømbrudd eller ventilasjonsstans.",
        other_info="Adgang kun for personell med kurs i forsøksdyrlære (FELASA)."),
    "greenhouse": RoomCard(
        activity_type="Veksthus",
        special_hazards="Plantevernmidler, høy temperatur og luftfuktighet",
        toxic_liquids="Plantevernmidler i låst skap",
        other_info="Sprøyting varsles på døra; ikke gå inn før skiltet er tatt ned.",
        pictograms=("GHS07", "GHS09")),
}


def add_room_cards(conn: sqlite3.Connection, rng: random.Random, today: dt.date
                   ) -> dict[str, int]:
    cards = 0
    for room in list_rooms(conn):
        profile = card_profile(room.type, room.name)
        if profile is None or room.id is None:
            continue
        card = PROFILES[profile]
        # the quantities differ a little from room to room, as real permits do
        if card.flammable_cat2_max_litres is not None:
            card = replace(card, flammable_cat2_max_litres=card.flammable_cat2_max_litres
                           * rng.choice((0.5, 1, 1, 2)))
        if card.gas_max_cylinders is not None and rng.random() < 0.3:
            card = replace(card, gas_max_cylinders=card.gas_max_cylinders + 1)
        save_card(conn, room.id, card, ACTOR)
        cards += 1
    return {"room_cards": cards}


#: what the special hazards say of a hazard only words show (the demo's cards are Norwegian)
_HAZARD_WORDS = {"cmr": "kreftfremkallende eller reproduksjonstoksiske stoffer (CMR)"}
#: the litre maxima a permit is written with: the litres in use rounded up to one of these
_PERMIT_LITRES = (1, 2, 5, 10, 15, 20, 25, 50, 100, 200, 400)


def _proposals(conn: sqlite3.Connection) -> dict[int, ProposedCard]:
    sources: dict[int, list[ProposalSource]] = {}
    for _sid, rid, _label, kind, laser, _dsa, status, _stated, _name in held_sources(conn):
        if rid is not None and is_held(DsaStatus(status) if status else None):
            sources.setdefault(rid, []).append(ProposalSource(kind, laser or None))
    groups: dict[int, list[int]] = {}
    for rid, *_rest, group in agent_uses(conn):
        groups.setdefault(rid, []).append(group)
    holdings = card_holdings(conn)
    return {rid: propose_card(holdings.get(rid, ()), sources.get(rid, ()), groups.get(rid, ()))
            for rid in {*holdings, *sources, *groups}}


def _permit(litres: float | None) -> float | None:
    if litres is None:
        return None
    return float(next((p for p in _PERMIT_LITRES if p >= litres), litres))


def reconcile_room_cards(conn: sqlite3.Connection, rng: random.Random, today: dt.date
                         ) -> dict[str, int]:
    """Accept the registers' proposals on every stored card, but for two stale ones."""
    proposals = _proposals(conn)
    stored = cards(conn, set(proposals))
    labs = {r.id for r in list_rooms(conn) if r.type is RoomType.LAB}
    toxic = sorted(rid for rid in stored if rid in labs
                   and "GHS06" in proposals[rid].pictograms)
    lasers = sorted(rid for rid in stored if rid in labs and proposals[rid].laser)
    stale_pictogram = rng.choice(toxic) if toxic else None
    stale_laser = next((rid for rid in lasers if rid != stale_pictogram), None)
    updated = 0
    for rid, card in sorted(stored.items()):
        proposal = proposals[rid]
        new = card
        for field in CardField:
            new = accept_field(new, proposal, field, _HAZARD_WORDS)
        if new.flammable_cat1_max_litres != card.flammable_cat1_max_litres:
            new = replace(new, flammable_cat1_max_litres=_permit(new.flammable_cat1_max_litres))
        if new.flammable_cat2_max_litres != card.flammable_cat2_max_litres:
            new = replace(new, flammable_cat2_max_litres=_permit(new.flammable_cat2_max_litres))
        if rid == stale_pictogram:
            new = replace(new, pictograms=tuple(p for p in new.pictograms if p != "GHS06"))
        if rid == stale_laser:
            new = replace(new, warning_signs=tuple(s for s in new.warning_signs
                                                   if s != "laser"))
        assert compare_card(new, proposal).stale is (rid in (stale_pictogram, stale_laser))
        if save_card(conn, rid, new, ACTOR):
            updated += 1
    return {"room cards brought in line with the registers": updated}
