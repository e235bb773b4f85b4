"""Demo step: the chemical register and the exposure register of the demo university.

Every product of ``chemical_catalogue`` is saved with its safety data sheet (links to the
supplier's SDS search, most revised within three years, some older, a few in another
language, a few missing). The labs, chemical stores and workshops hold them by what they
do (chemistry labs and stores the most), in storage places that fit each product: acids in
the acid cabinet, flammables in the fire cabinet and so on — except one deliberate
segregation problem (an oxidiser in a fire cabinet), so the register has one to show. The
flammable litres stay within each room card's maximum. Some holdings are disposed, some
changed (history). CMR products in use get exposure register entries for some of their users
(synthetic people with synthetic identity numbers, sealed by the vault), not for others.

The identity vault is set up with ``VERNETOOL_PASSPHRASE`` if set, else ``DEMO_PASSPHRASE``
(documented in the README; for the demo database only) by demo.vault, which the radiation
and biology steps share.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections import defaultdict
from collections.abc import Sequence

from vernetool.db.chemicals.exposure import ExposureRow, SealedIdentity, insert_exposure
from vernetool.db.chemicals.holdings import upsert_holdings
from vernetool.db.chemicals.products import prepare_product, upsert_products
from vernetool.db.chemicals.sds import add_sds
from vernetool.db.organisation.persons import list_persons
from vernetool.db.organisation.room_cards import get_card
from vernetool.db.organisation.rooms import list_rooms
from vernetool.demo.chemical_catalogue import CatalogueProduct, products
from vernetool.demo.organisation import card_profile
from vernetool.demo.vault import DEMO_PASSPHRASE as DEMO_PASSPHRASE  # the tests import it here
from vernetool.demo.vault import demo_vault
from vernetool.domain.chemicals.model import (
    ExposureRoute,
    HoldingInput,
    HoldingStatus,
    ProductInput,
    SignalWord,
)
from vernetool.domain.organisation import Person, Room, RoomType

ACTOR = "demo"

# The storage place a class of products goes to (numbered when a room has many of them).
PLACES = {
    "acid": "Syreskap", "base": "Baseskap", "flam": "Brannskap", "tox": "Giftskap",
    "ox": "Skap for oksiderende stoffer", "wr": "Skap for vannreaktive stoffer",
    "fridge": "Kjøleskap", "hood": "Avtrekksskap", "shelf": "Hylle",
    "gas": "Gassflaskestativ", "gas_flam": "Gasskap (brannfarlig gass)",
    "gas_ox": "Gassflaskestativ (oksygen)", "cryo": "Dewar-stativ",
}
_PER_PLACE = {"shelf": 14, "flam": 30, "tox": 30}  # more than this: "Hylle 1", "Hylle 2" …

# What each room-card profile (demo.organisation) uses: weights per catalogue use, and how
# many holdings such a room has.
PROFILES: dict[str, tuple[dict[str, float], tuple[int, int]]] = {
    "organic": ({"org": 1, "all": 0.6, "anal": 0.3, "nmr": 0.3}, (110, 150)),
    "inorganic": ({"inorg": 1, "all": 0.6, "mat": 0.3, "anal": 0.3}, (70, 100)),
    "gcms": ({"anal": 1, "org": 0.3, "all": 0.4}, (40, 60)),
    "nmr": ({"nmr": 1, "org": 0.15}, (15, 25)),
    "isotope": ({"mol": 0.5, "bio": 0.5, "all": 0.4}, (18, 30)),
    "hf": ({"hf": 1, "mat": 0.3, "inorg": 0.2}, (12, 20)),
    "bio2": ({"bio": 1, "mol": 0.4, "all": 0.3}, (40, 60)),
    "bio3": ({"bio": 1, "mol": 0.3}, (20, 30)),
    "molbio": ({"mol": 1, "bio": 0.5, "all": 0.3}, (60, 90)),
    "histology": ({"histo": 1, "em": 0.6, "bio": 0.3}, (30, 45)),
    "cryo": ({"cryo": 1, "em": 0.5}, (5, 12)),
    "furnace": ({"mat": 1, "inorg": 0.3}, (20, 30)),
    "cleanroom": ({"clean": 1, "hf": 0.6, "mat": 0.3}, (35, 55)),
    "xray": ({"mat": 0.3}, (3, 6)),
    "laser": ({"all": 0.3, "anal": 0.2}, (4, 8)),
    "mech_workshop": ({"ws": 1}, (4, 8)),
    "welding": ({"weld": 1, "ws": 0.5}, (6, 10)),
    "glassblowing": ({"glass": 1}, (3, 6)),
    "wood_workshop": ({"ws": 0.5}, (2, 4)),
    "animal": ({"bio": 0.2}, (2, 4)),
    "lab": ({"all": 0.3}, (3, 8)),  # a lab without a chemical profile: cleaning solvents
}
# Chemical stores hold every class of their kind.
_STORES = {"chem_store": (120, 170), "flam_store": (50, 80), "gas_store": (12, 20)}

_SIZES: dict[str, list[tuple[float, str]]] = {
    "liq": [(100, "mL"), (250, "mL"), (500, "mL"), (1, "L"), (1, "L"), (2.5, "L")],
    "sol": [(5, "g"), (25, "g"), (100, "g"), (250, "g"), (500, "g"), (1, "kg")],
    "sliq": [(1, "mL"), (5, "mL"), (10, "mL"), (25, "mL"), (50, "mL"), (100, "mL")],
    "ssol": [(100, "mg"), (1, "g"), (5, "g"), (10, "g"), (25, "g")],
    "metal": [(5, "g"), (25, "g"), (50, "g"), (100, "g")],
    "cryo": [(25, "L"), (35, "L"), (60, "L"), (100, "L")],
}
_LITRES = {"mL": 0.001, "L": 1.0}

# Where the supplier's safety data sheets are found (a search, not a made-up file).
_SDS_SEARCH = {
    "Sigma-Aldrich": "https://www.sigmaaldrich.com/NO/no/search/{cas}?focus=documents",
    "Merck": "https://www.sigmaaldrich.com/NO/no/search/{cas}?focus=documents",
    "VWR": "https://no.vwr.com/store/search?keyword={cas}",
    "Thermo Fisher Scientific": "https://www.thermofisher.com/search/results?query={cas}",
    "Honeywell": "https://lab.honeywell.com/en/search?q={cas}",
    "Fluka": "https://lab.honeywell.com/en/search?q={cas}",
    "Bio-Rad": "https://www.bio-rad.com/search?search_api_fulltext={cas}",
    "Kemetyl": "https://www.kemetyl.no/sikkerhetsdatablad",
    "Antibac": "https://www.antibac.no/sikkerhetsdatablad",
    "Linde Gas": "https://www.linde-gas.no/sikkerhetsdatablad",
    "AGA": "https://www.linde-gas.no/sikkerhetsdatablad",
    "Nippon Gases": "https://nippongases.com/no-no/sikkerhetsdatablader",
}

_POSITIONS = ["Stipendiat", "Postdoktor", "Overingeniør", "Avdelingsingeniør", "Forsker",
              "Professor", "Førsteamanuensis", "Masterstudent", "Laboratorieleder"]
_DURATIONS = ["ca. 2 timer per uke", "1–2 timer per dag", "ca. 30 min per forsøk",
              "4 timer per måned", "daglig, under 15 min", "ved behov, ca. 1 time per uke"]
_CONCENTRATIONS = ["ikke målt (arbeid i avtrekk)", "under 0,1 ppm (målt)",
                   "ukjent, arbeid i avtrekksskap", "< 10 % av grenseverdi (målt)",
                   "ikke målt (hansker brukt)", "lav (lukket system)"]


def _storage(item: CatalogueProduct) -> str:
    if item.storage != "gas":
        return item.storage
    if "H270" in item.hazards:
        return "gas_ox"
    if "H220" in item.hazards or "H221" in item.hazards:
        return "gas_flam"
    return "gas"


def _weight(item: CatalogueProduct, uses: dict[str, float]) -> float:
    return max((uses.get(use, 0.0) for use in item.uses), default=0.0)


def _flammable_category(item: CatalogueProduct) -> int | None:
    return 1 if "H224" in item.hazards else 2 if "H225" in item.hazards else None


def synthetic_identity_number(rng: random.Random, d_number: bool = False) -> str:
    """A fødselsnummer (or D-nummer) with valid mod-11 check digits that no one has: its
    birth date lies in 2035–2039 (individual numbers 500–999 mean 2000–2039), after the
    demo's today, so it has never been given to a real person."""
    while True:
        birth = dt.date(rng.randint(2035, 2039), rng.randint(1, 12), rng.randint(1, 28))
        day = birth.day + (40 if d_number else 0)
        head = f"{day:02d}{birth.month:02d}{birth.year % 100:02d}{rng.randint(500, 999):03d}"
        first = _control(head, (3, 7, 6, 1, 8, 9, 4, 5, 2))
        if first is None:
            continue
        second = _control(f"{head}{first}", (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
        if second is None:
            continue
        return f"{head}{first}{second}"


def _control(digits: str, weights: tuple[int, ...]) -> int | None:
    digit = (11 - sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11) % 11
    return None if digit == 10 else digit


def add_chemicals(conn: sqlite3.Connection, rng: random.Random, today: dt.date
                  ) -> dict[str, int]:
    catalogue = products()
    ids = upsert_products(conn, [prepare_product(_product_input(p)) for p in catalogue],
                          actor=ACTOR)
    by_id = dict(zip(ids, catalogue, strict=True))
    sheets = _add_sheets(conn, rng, today, by_id)
    holdings, rooms_by_id, problem = _plan_holdings(conn, rng, by_id)
    upsert_holdings(conn, holdings, actor=ACTOR)
    changed = _dispose_and_change(conn, rng, today, holdings, keep=problem)
    exposure = _add_exposure(conn, rng, today, by_id, holdings, rooms_by_id)
    return {"chemical products": len(ids), "safety data sheets": sheets,
            "chemical holdings": len(holdings), "disposed holdings": changed,
            "exposure entries": exposure}


def _product_input(item: CatalogueProduct) -> ProductInput:
    return ProductInput.with_cas(
        item.name, item.cas, supplier=item.supplier,
        statements=item.hazards + item.precautions,
        signal_word=SignalWord(item.signal_word) if item.signal_word else None)


def _add_sheets(conn: sqlite3.Connection, rng: random.Random, today: dt.date,
                by_id: dict[int, CatalogueProduct]) -> int:
    """Most sheets recent (nb or en), about one in eight older than three years, a few in
    another language, a few missing; some products keep a replaced sheet in their history."""
    count = 0
    for product_id, item in by_id.items():
        roll = rng.random()
        if roll < 0.03:
            continue  # no sheet: the register shows it missing
        url = _SDS_SEARCH[item.supplier].format(cas=item.cas[0] if item.cas else "")
        if roll < 0.15:
            revised, language = today - dt.timedelta(days=rng.randint(1190, 2900)), "nb"
        elif roll < 0.19:
            revised = today - dt.timedelta(days=rng.randint(60, 900))
            language = rng.choice(["sv", "da", "de"])
        else:
            revised = today - dt.timedelta(days=rng.randint(20, 1060))
            language = "nb" if rng.random() < 0.75 else "en"
            if rng.random() < 0.2:  # the sheet it replaced stays in the history
                older = revised - dt.timedelta(days=rng.randint(700, 1500))
                add_sds(conn, product_id, url=url, revised_on=older, language=language,
                        actor=ACTOR)
                count += 1
        add_sds(conn, product_id, url=url, revised_on=revised, language=language, actor=ACTOR)
        count += 1
    return count


def _room_plan(room: Room) -> tuple[dict[str, float] | None, tuple[int, int], str]:
    """(use weights or None for a store, holdings range, store kind) of a demo room."""
    profile = card_profile(room.type, room.name)
    if profile in _STORES:
        return None, _STORES[profile], profile
    if profile in PROFILES:
        uses, count = PROFILES[profile]
        return uses, count, ""
    if room.type is RoomType.LAB and room.unit_code not in {"IDI", "IIK", "IPS", "ISS", "INB"}:
        uses, count = PROFILES["lab"]
        return uses, count, ""
    return None, (0, 0), ""


def _store_takes(kind: str, item: CatalogueProduct) -> bool:
    if kind == "gas_store":
        return item.storage == "gas"
    if kind == "flam_store":
        return item.storage == "flam" and item.form == "liq"
    return item.storage not in ("gas", "cryo")


def _plan_holdings(conn: sqlite3.Connection, rng: random.Random,
                   by_id: dict[int, CatalogueProduct]
                   ) -> tuple[list[HoldingInput], dict[int, Room], HoldingInput | None]:
    holdings: list[HoldingInput] = []
    rooms_by_id: dict[int, Room] = {}
    problem: HoldingInput | None = None
    for room in list_rooms(conn):
        assert room.id is not None
        uses, (low, high), store = _room_plan(room)
        if high == 0:
            continue
        if uses is not None:
            pool = [(pid, _weight(item, uses)) for pid, item in by_id.items()]
            pool = [(pid, w) for pid, w in pool if w > 0]
        else:
            pool = [(pid, 1.0) for pid, item in by_id.items() if _store_takes(store, item)]
        chosen = _weighted_sample(rng, pool, min(rng.randint(low, high), len(pool)))
        room_holdings = _place(rng, conn, room, chosen, by_id, bool(store))
        if problem is None and room.name == "Organisk syntese-lab":
            problem = _segregation_problem(room.id, by_id, room_holdings)
            room_holdings.append(problem)
        holdings += room_holdings
        rooms_by_id[room.id] = room
    return holdings, rooms_by_id, problem


def _weighted_sample(rng: random.Random, pool: Sequence[tuple[int, float]], k: int
                     ) -> list[int]:
    """``k`` distinct ids, each drawn with its weight (Efraimidis–Spirakis keys)."""
    keyed = sorted(pool, key=lambda pair: rng.random() ** (1.0 / pair[1]), reverse=True)
    return sorted(pid for pid, _ in keyed[:k])


def _place(rng: random.Random, conn: sqlite3.Connection, room: Room, chosen: list[int],
           by_id: dict[int, CatalogueProduct], store: bool) -> list[HoldingInput]:
    """Holdings of ``chosen`` in the room's places, flammable litres within the room card."""
    assert room.id is not None
    card = get_card(conn, room.id)
    caps = {1: card.flammable_cat1_max_litres, 2: card.flammable_cat2_max_litres}
    left = {cat: 0.9 * (cap if cap is not None else (40.0 if store else 3.0))
            for cat, cap in caps.items()}
    by_class: dict[str, list[int]] = defaultdict(list)
    for pid in chosen:
        by_class[_storage(by_id[pid])].append(pid)
    result: list[HoldingInput] = []
    for storage, pids in sorted(by_class.items()):
        per_place = _PER_PLACE.get(storage, 10_000)
        places = -(-len(pids) // per_place)
        for n, pid in enumerate(pids):
            item = by_id[pid]
            place = PLACES[storage] + (f" {n % places + 1}" if places > 1 else "")
            quantity, unit, containers = _amount(rng, item, store)
            category = _flammable_category(item)
            if category is not None and unit in _LITRES:
                litres = quantity * _LITRES[unit]
                if litres > left[category]:
                    quantity, unit, containers = 100.0, "mL", 1
                    litres = 0.1
                    if litres > left[category]:
                        continue
                left[category] -= litres
            result.append(HoldingInput(pid, room.id, place, quantity, unit, containers))
    return result


def _amount(rng: random.Random, item: CatalogueProduct, store: bool
            ) -> tuple[float, str, int]:
    """(quantity, unit, containers): the whole amount of a holding and its containers."""
    if item.form == "gas":
        cylinders = rng.choice([1, 1, 1, 2, 2, 3, 4, 6] if store else [1, 1, 1, 2])
        return float(cylinders), "pcs", cylinders
    sizes = _SIZES[item.form]
    if item.form == "liq" and not store:
        sizes = sizes[:5]
    size, unit = rng.choice(sizes)
    containers = rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 6] if store else [1, 1, 1, 1, 1, 2, 2, 3])
    return round(size * containers, 3), unit, containers


def _segregation_problem(room_id: int, by_id: dict[int, CatalogueProduct],
                         placed: list[HoldingInput]) -> HoldingInput:
    """The one deliberate mistake: potassium permanganate (an oxidiser) in a fire cabinet
    that holds flammable liquids."""
    fire = next((h.place for h in placed if h.place.startswith(PLACES["flam"])),
                PLACES["flam"])
    taken = {h.product_id for h in placed if h.place == fire}
    pid = next(pid for pid, item in sorted(by_id.items())
               if item.substance == "Potassium permanganate" and pid not in taken)
    return HoldingInput(pid, room_id, fire, 500.0, "g", 1)


def _dispose_and_change(conn: sqlite3.Connection, rng: random.Random, today: dt.date,
                        holdings: list[HoldingInput], keep: HoldingInput | None) -> int:
    """About one holding in fifteen disposed (with its date), one in ten changed since it
    was registered: both leave the earlier state in the holding's history."""
    later: list[HoldingInput] = []
    disposed = 0
    for h in holdings:
        roll = rng.random()
        if h == keep:
            continue
        if roll < 0.065:
            on = today - dt.timedelta(days=rng.randint(5, 1100))
            later.append(HoldingInput(h.product_id, h.room_id, h.place, h.quantity, h.unit,
                                      h.containers, HoldingStatus.DISPOSED, on))
            disposed += 1
        elif roll < 0.165 and h.quantity is not None and (h.containers or 0) > 1:
            containers = (h.containers or 1) - 1
            per = h.quantity / (h.containers or 1)
            later.append(HoldingInput(h.product_id, h.room_id, h.place,
                                      round(per * containers, 3), h.unit, containers))
    if later:
        upsert_holdings(conn, later, actor=ACTOR)
    return disposed


def _add_exposure(conn: sqlite3.Connection, rng: random.Random, today: dt.date,
                  by_id: dict[int, CatalogueProduct], holdings: list[HoldingInput],
                  rooms_by_id: dict[int, Room]) -> int:
    """Entries for about half of the CMR products in use (one to four people each); the
    other half has none, as in registers where people skip it."""
    from vernetool.domain.chemicals.exposure import retain_until, triggers_exposure_register

    rooms_of: dict[int, list[int]] = defaultdict(list)
    for h in holdings:
        if triggers_exposure_register(by_id[h.product_id].hazards):
            rooms_of[h.product_id].append(h.room_id)
    if not rooms_of:
        return 0
    vault = demo_vault(conn)
    people: dict[str | None, list[Person]] = defaultdict(list)
    for person in list_persons(conn):
        if person.active:
            people[person.unit_code].append(person)
            people[None].append(person)
    count = 0
    for pid in sorted(rooms_of):
        if rng.random() < 0.45:
            continue
        item = by_id[pid]
        for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
            room = rooms_by_id[rng.choice(rooms_of[pid])]
            person = rng.choice(people.get(room.unit_code) or people[None])
            start = today - dt.timedelta(days=rng.randint(30, 2200))
            end = (start + dt.timedelta(days=rng.randint(20, 700))
                   if rng.random() < 0.4 else None)
            if end is not None and end > today:
                end = None
            row = ExposureRow(
                product_id=pid, person=person.name, position=rng.choice(_POSITIONS),
                workplace=f"{room.building_name}, {room.name}",
                route=rng.choice([ExposureRoute.INHALATION, ExposureRoute.INHALATION,
                                  ExposureRoute.SKIN]),
                concentration=rng.choice(_CONCENTRATIONS), exposure_start=start,
                exposure_end=end, duration=rng.choice(_DURATIONS),
                retain_until=retain_until(item.hazards, end), room_id=room.id,
                person_id=person.id)
            sealed = None
            if rng.random() < 0.92:  # a guest without a Norwegian number has none recorded
                s = vault.seal(synthetic_identity_number(rng, d_number=rng.random() < 0.15))
                sealed = SealedIdentity(s.cipher, s.masked, s.index)
            insert_exposure(conn, row, sealed, actor=ACTOR)
            count += 1
    return count
