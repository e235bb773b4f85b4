"""Demo step: units (faculties → departments), campuses, buildings and ~300 rooms."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from dataclasses import dataclass

from vernetool.db.organisation.buildings import ensure_building
from vernetool.db.organisation.rooms import save_room
from vernetool.db.organisation.units import upsert_unit
from vernetool.domain.organisation import Room, RoomType, Unit

# (code, name, parent code)
UNITS: list[tuple[str, str, str | None]] = [
    ("NV", "Fakultet for naturvitenskap", None),
    ("IKJ", "Institutt for kjemi", "NV"),
    ("IBT", "Institutt for bioteknologi og matvitenskap", "NV"),
    ("IBI", "Institutt for biologi", "NV"),
    ("IFY", "Institutt for fysikk", "NV"),
    ("IMA", "Institutt for materialteknologi", "NV"),
    ("IE", "Fakultet for informasjonsteknologi og elektroteknikk", None),
    ("IES", "Institutt for elektroniske systemer", "IE"),
    ("IEL", "Institutt for elkraftteknikk", "IE"),
    ("IDI", "Institutt for datateknologi og informatikk", "IE"),
    ("IIK", "Institutt for informasjonssikkerhet og kommunikasjonsteknologi", "IE"),
    ("IIR", "Institutt for IKT og realfag", "IE"),
    ("IV", "Fakultet for ingeniørvitenskap", None),
    ("MTP", "Institutt for maskinteknikk og produksjon", "IV"),
    ("IVB", "Institutt for vareproduksjon og byggteknikk", "IV"),
    ("MH", "Fakultet for medisin og helsevitenskap", None),
    ("IKOM", "Institutt for klinisk og molekylær medisin", "MH"),
    ("INB", "Institutt for nevromedisin og bevegelsesvitenskap", "MH"),
    ("IHA", "Institutt for helsevitenskap i Ålesund", "MH"),
    ("KOMPMED", "Komparativ medisin (forsøksdyravdelingen)", "MH"),
    ("SU", "Fakultet for samfunns- og utdanningsvitenskap", None),
    ("IPS", "Institutt for psykologi", "SU"),
    ("ISS", "Institutt for sosiologi og statsvitenskap", "SU"),
    ("VM", "Vitenskapsmuseet", None),
    ("IAK", "Institutt for arkeologi og kulturhistorie", "VM"),
    ("INH", "Institutt for naturhistorie", "VM"),
    ("FA", "Fellesadministrasjonen", None),
    ("EA", "Eiendomsavdelingen", "FA"),
]

# Room names per type; labs, workshops and stores carry a room-card profile (room_cards.py).
OFFICES = ["Kontor", "Kontor", "Kontor", "Kontor", "Kontor (delt)", "Stipendiatkontor",
           "Kontorlandskap", "Gjesteforskerkontor"]
COMMON = ["Korridor/fellesareal", "Trapperom", "Pauserom", "Garderobe", "Møterom",
          "Vestibyle", "Lesesal", "Kantine"]
OTHER = ["Teknisk rom", "Serverrom", "Kopirom", "Renholdssentral", "Ventilasjonsrom",
         "Auditorium"]
LABS: dict[str, list[tuple[str, str | None]]] = {
    "chem": [("Organisk syntese-lab", "organic"), ("Uorganisk lab", "inorganic"),
             ("Instrumentlab (GC-MS)", "gcms"), ("Analyselab (NMR)", "nmr"),
             ("Studentlab kjemi", "organic"), ("Katalyselab", "gcms"),
             ("Elektrokjemilab", "inorganic"), ("Polymerlab", "organic"),
             ("Isotoplab", "isotope"), ("Flussyrelab", "hf")],
    "bio": [("Cellekulturlab (BSL-2)", "bio2"), ("Mikrobiologilab", "bio2"),
            ("Molekylærbiologilab", "molbio"), ("Proteinlab", "molbio"),
            ("Mikroskopilab", None), ("Isotoplab", "isotope"),
            ("Laserlab", "laser"), ("Lavtemperaturlab", "cryo"),
            ("Optikklab", "laser"), ("Røntgenlab (XRD)", "xray")],
    "mat": [("Metallografilab", "inorganic"), ("Korrosjonslab", "inorganic"),
            ("Keramikklab", "furnace"), ("Elektronmikroskopi (SEM)", "cryo"),
            ("Røntgenlab (XRD)", "xray"), ("Smeltelab", "furnace")],
    "elec": [("Elektronikklab", None), ("Elkraftlab", "highvoltage"),
             ("Høyspenningslab", "highvoltage"), ("Studentlab elektronikk", None),
             ("Renrom (NanoLab)", "cleanroom"), ("Optoelektronikklab", "laser")],
    "med": [("Cellekulturlab (BSL-2)", "bio2"), ("Histologilab", "histology"),
            ("Molekylærbiologilab", "molbio"), ("Isotoplab", "isotope"),
            ("Fysiologilab", None), ("Biobank (frysere)", "cryo"),
            ("Mikrobiologilab (BSL-3)", "bio3"), ("Proteomikklab", "gcms")],
    "ict": [("Datalab", None), ("Nettverkslab", None), ("Robotlab", None),
            ("VR-lab", None)],
    "museum": [("DNA-lab (arkeologi)", "molbio"), ("Konserveringslab", "organic"),
               ("Dateringslab (C-14)", "isotope"), ("Zoologisk preparantlab", "histology")],
    "social": [("Observasjonslab", None), ("Eyetracking-lab", None)],
    "sport": [("Bevegelseslab", None), ("Treningsfysiologisk lab", None)],
    "green": [("Plantefysiologilab", "molbio")],
}
WORKSHOPS: list[tuple[str, str | None]] = [
    ("Mekanisk verksted", "mech_workshop"), ("Elektronikkverksted", None),
    ("Finmekanisk verksted", "mech_workshop"), ("Glassblåserverksted", "glassblowing"),
    ("Sveiseverksted", "welding"), ("Studentverksted", "mech_workshop"),
    ("3D-printverksted", None), ("Snekkerverksted", "wood_workshop"),
]
STORES: list[tuple[str, str | None]] = [
    ("Kjemikalielager", "chem_store"), ("Gasslager", "gas_store"),
    ("Lager for brannfarlig væske", "flam_store"), ("Avfallsrom (kjemikalier)", "waste"),
    ("Lager", None), ("Magasin", None), ("Kjølelager", None), ("Arkiv", None),
]
EXAMS = ["Undersøkelsesrom", "Behandlingsrom", "Testlab (fysiologi)", "Prøvetakingsrom",
         "Simuleringsrom"]
ANIMALS = ["Dyrestall (mus)", "Dyrestall (rotter)", "Akvarierom (fisk)", "Karantenerom dyr",
           "Operasjonsrom forsøksdyr"]
GREENHOUSES = ["Veksthus", "Veksthus (tropisk)", "Vekstkammer", "Klimarom (planter)"]


@dataclass(frozen=True)
class BuildingSpec:
    code: str
    name: str
    campus: str
    floors: tuple[str, ...]
    units: tuple[str, ...]
    labs: str
    mix: dict[RoomType, int]
    wing: str = ""


T = RoomType
BUILDINGS: list[BuildingSpec] = [
    BuildingSpec("REAL", "Realfagbygget", "Gløshaugen", ("U", "1", "2", "3", "4", "5"),
                 ("IBT", "IBI", "IFY"), "bio",
                 {T.OFFICE: 14, T.LAB: 12, T.WORKSHOP: 1, T.STORAGE: 3, T.ANIMAL_ROOM: 1,
                  T.GREENHOUSE: 1, T.COMMON_AREA: 3, T.OTHER: 2}, wing="D"),
    BuildingSpec("KJ1", "Kjemiblokk 1", "Gløshaugen", ("U", "1", "2", "3"), ("IKJ",), "chem",
                 {T.OFFICE: 8, T.LAB: 8, T.WORKSHOP: 1, T.STORAGE: 3, T.COMMON_AREA: 2,
                  T.OTHER: 1}),
    BuildingSpec("KJ3", "Kjemiblokk 3", "Gløshaugen", ("1", "2", "3", "4"), ("IKJ",), "chem",
                 {T.OFFICE: 8, T.LAB: 8, T.STORAGE: 2, T.COMMON_AREA: 2, T.OTHER: 1}),
    BuildingSpec("KJ5", "Kjemiblokk 5", "Gløshaugen", ("1", "2", "3"), ("IMA", "IKJ"), "mat",
                 {T.OFFICE: 6, T.LAB: 6, T.WORKSHOP: 1, T.STORAGE: 2, T.COMMON_AREA: 2,
                  T.OTHER: 1}),
    BuildingSpec("EL", "Elektrobygget", "Gløshaugen", ("U", "1", "2", "3", "4"),
                 ("IES", "IEL"), "elec",
                 {T.OFFICE: 12, T.LAB: 6, T.WORKSHOP: 2, T.STORAGE: 1, T.COMMON_AREA: 2,
                  T.OTHER: 2}, wing="B"),
    BuildingSpec("SB1", "Sentralbygg 1", "Gløshaugen", ("1", "2", "3", "4", "5", "6"),
                 ("IDI", "EA"), "ict",
                 {T.OFFICE: 18, T.LAB: 1, T.STORAGE: 1, T.COMMON_AREA: 4, T.OTHER: 3}),
    BuildingSpec("VAT", "Verkstedteknisk", "Gløshaugen", ("1", "2"), ("MTP", "IMA"), "mat",
                 {T.OFFICE: 6, T.LAB: 4, T.WORKSHOP: 4, T.STORAGE: 2, T.COMMON_AREA: 1,
                  T.OTHER: 1}),
    BuildingSpec("IDR", "Idrettsbygget", "Dragvoll", ("1", "2"), ("INB",), "sport",
                 {T.OFFICE: 4, T.LAB: 2, T.EXAM_TREATMENT: 3, T.STORAGE: 1, T.COMMON_AREA: 3,
                  T.OTHER: 1}),
    BuildingSpec("LAV", "Låven", "Dragvoll", ("1", "2"), ("IPS", "ISS"), "social",
                 {T.OFFICE: 10, T.LAB: 1, T.WORKSHOP: 1, T.COMMON_AREA: 2, T.OTHER: 1}),
    BuildingSpec("GUN", "Gunnerusbygget", "Kalvskinnet", ("U", "1", "2", "3"), ("IAK", "INH"),
                 "museum",
                 {T.OFFICE: 6, T.LAB: 4, T.WORKSHOP: 1, T.STORAGE: 3, T.COMMON_AREA: 1,
                  T.OTHER: 1}),
    BuildingSpec("VEK", "Veksthuset", "Kalvskinnet", ("1",), ("INH", "IBI"), "green",
                 {T.OFFICE: 1, T.LAB: 1, T.GREENHOUSE: 4, T.STORAGE: 1, T.COMMON_AREA: 1}),
    BuildingSpec("MTFS", "Medisinsk teknisk forskningssenter", "Øya",
                 ("U", "1", "2", "3", "4"), ("IKOM", "INB", "KOMPMED"), "med",
                 {T.OFFICE: 8, T.LAB: 8, T.ANIMAL_ROOM: 4, T.EXAM_TREATMENT: 2, T.STORAGE: 2,
                  T.COMMON_AREA: 2, T.OTHER: 1}),
    BuildingSpec("LAB", "Laboratoriesenteret", "Øya", ("1", "2", "3", "4"), ("IKOM",), "med",
                 {T.OFFICE: 6, T.LAB: 6, T.EXAM_TREATMENT: 3, T.STORAGE: 1,
                  T.COMMON_AREA: 2}),
    BuildingSpec("TEKG", "Teknologibygget", "Gjøvik", ("1", "2", "3"), ("IIK", "IVB"), "ict",
                 {T.OFFICE: 8, T.LAB: 3, T.WORKSHOP: 2, T.STORAGE: 1, T.COMMON_AREA: 2,
                  T.OTHER: 1}),
    BuildingSpec("ANK", "Ankeret", "Ålesund", ("1", "2", "3"), ("IIR", "IHA"), "elec",
                 {T.OFFICE: 7, T.LAB: 3, T.EXAM_TREATMENT: 2, T.WORKSHOP: 1, T.STORAGE: 1,
                  T.COMMON_AREA: 2, T.OTHER: 1}),
]

_AREA_M2: dict[RoomType, tuple[float, float]] = {
    T.OFFICE: (9, 22), T.LAB: (24, 95), T.WORKSHOP: (35, 160), T.STORAGE: (6, 35),
    T.EXAM_TREATMENT: (12, 28), T.ANIMAL_ROOM: (15, 45), T.GREENHOUSE: (40, 220),
    T.COMMON_AREA: (15, 320), T.OTHER: (5, 70),
}


_CHEMICAL_LABS = {"chem", "bio", "mat", "elec", "med", "museum", "green"}
# Rooms whose size does not follow their type's usual range.
_AREA_BY_NAME: dict[str, tuple[float, float]] = {
    "Møterom": (15, 45), "Pauserom": (15, 40), "Garderobe": (8, 30), "Trapperom": (12, 30),
    "Kantine": (120, 350), "Vestibyle": (80, 300), "Lesesal": (60, 180),
    "Auditorium": (80, 300), "Kopirom": (5, 12), "Serverrom": (10, 40),
    "Kontorlandskap": (60, 160), "Korridor/fellesareal": (40, 320),
}


def _names(spec: BuildingSpec, room_type: RoomType, rng: random.Random) -> list[str]:
    """Names for this building's rooms of one type, varied but not random nonsense."""
    count = spec.mix.get(room_type, 0)
    pool: list[str]
    if room_type is T.LAB:
        pool = [name for name, _ in LABS[spec.labs]]
    elif room_type is T.WORKSHOP:
        pool = [name for name, _ in WORKSHOPS]
    elif room_type is T.STORAGE and spec.labs in _CHEMICAL_LABS:
        pool = [name for name, _ in STORES]
    elif room_type is T.STORAGE:
        pool = [name for name, profile in STORES if profile is None]
    else:
        pool = {T.OFFICE: OFFICES, T.COMMON_AREA: COMMON, T.OTHER: OTHER, T.EXAM_TREATMENT: EXAMS,
                T.ANIMAL_ROOM: ANIMALS, T.GREENHOUSE: GREENHOUSES}[room_type]
    if room_type is T.LAB or (room_type is T.STORAGE and spec.labs in _CHEMICAL_LABS):
        # the first ones are the typical rooms of the building; keep them, vary the rest
        ordered = pool[:3] + rng.sample(pool[3:], len(pool[3:]))
    else:
        ordered = rng.sample(pool, len(pool))
    return [ordered[i % len(ordered)] for i in range(count)]


def add_organisation(conn: sqlite3.Connection, rng: random.Random, today: dt.date
                     ) -> dict[str, int]:
    for code, name, parent in UNITS:
        upsert_unit(conn, Unit(code, name, parent))
    rooms = 0
    for spec in BUILDINGS:
        ensure_building(conn, spec.code, spec.name, spec.campus)
        planned: list[tuple[RoomType, str]] = []
        for room_type in RoomType:
            planned.extend((room_type, name) for name in _names(spec, room_type, rng))
        rng.shuffle(planned)
        # spread the rooms over the floors in order, numbering them like the door signs
        per_floor = -(-len(planned) // len(spec.floors))
        seq = 0
        for index, (room_type, name) in enumerate(planned):
            floor = spec.floors[index // per_floor]
            seq = (seq if index % per_floor else 0) + rng.randint(1, 3)
            number = f"{spec.wing}{floor}{seq:02d}"
            low, high = _AREA_BY_NAME.get(name) or _AREA_M2[room_type]
            if room_type in (T.COMMON_AREA, T.OTHER):
                unit = "EA"
            elif room_type is T.ANIMAL_ROOM and "KOMPMED" in spec.units:
                unit = "KOMPMED"  # the animal facility runs the animal rooms
            else:
                unit = rng.choice([u for u in spec.units if u != "EA"] or ["EA"])
            room = Room(spec.code, number, room_type, name, floor=floor,
                        area_m2=round(rng.uniform(low, high) * 2) / 2, unit_code=unit,
                        building_name=spec.name, campus=spec.campus)
            save_room(conn, room)
            rooms += 1
    campuses = len({spec.campus for spec in BUILDINGS})
    return {"units": len(UNITS), "campuses": campuses, "buildings": len(BUILDINGS),
            "rooms": rooms}


def card_profile(room_type: RoomType, name: str) -> str | None:
    """The room-card profile a demo room of this type and name gets (None: no card)."""
    if room_type is T.LAB:
        for rooms in LABS.values():
            for lab_name, profile in rooms:
                if lab_name == name:
                    return profile
        return None
    if room_type is T.WORKSHOP:
        return dict(WORKSHOPS).get(name)
    if room_type is T.STORAGE:
        return dict(STORES).get(name)
    if room_type is T.ANIMAL_ROOM:
        return "animal"
    if room_type is T.GREENHOUSE:
        return "greenhouse"
    return None
