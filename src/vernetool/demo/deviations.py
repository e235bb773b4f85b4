"""Demo step: a deviation log over three years (this year and the two before).

About 130 reports a year (a unit-sized share of the ~1,100 a year in the seed), in the
seed's proportions: mostly hazardous conditions and near misses, some accidents with
personal injuries, some improvement suggestions. Earlier years are fully handled (accepted,
measures done, closed; a few rejected or transferred); this year's are at every stage, some
overdue. Hours worked are recorded per year (~12.7 million, as in the seed). Injuries of
earlier years record treatment and reassignment, so H2 can be computed; some of this year's
do not yet, so the statistics show why H2 is missing.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from dataclasses import dataclass

from vernetool.db.deviations import actions as dev_actions
from vernetool.db.deviations import records as repo
from vernetool.db.deviations import settings as dev_settings
from vernetool.db.organisation.persons import PersonFilter, list_persons
from vernetool.db.organisation.rooms import list_rooms
from vernetool.domain.deviations.rules import (
    Absence,
    Action,
    ActionStatus,
    Deviation,
    DeviationStatus,
    DeviationType,
    Injury,
    StatusChange,
    TriState,
)
from vernetool.domain.organisation import Person, RoomType

ACTOR = "demo"
PER_YEAR = 130
HZ, NM, AC, IM = (DeviationType.HAZARD, DeviationType.NEAR_MISS, DeviationType.ACCIDENT,
                  DeviationType.IMPROVEMENT)
C_WORK = "Arbeidsplass og personskade/-sykdom"
C_BUILD = "Bygning og materiell"
C_FIRE = "Brann, utslipp og evakuering"
C_INTENT = "Tilsiktet hendelse"
C_OTHER = "Annet"


@dataclass(frozen=True)
class _Template:
    type: DeviationType
    category: str
    subcategory: str
    title: str
    description: str
    cause: str
    immediate: str
    measure: str
    potential: tuple[int, ...]
    lab: bool = False
    weight: int = 3


TEMPLATES = (
    _Template(HZ, C_FIRE, "Blokkert rømningsvei eller -dør", "Rømningsvei blokkert av paller",
              "Paller og esker står i korridoren foran nødutgangen i {room}.",
              "Varelevering satt igjen uten avtale om lagerplass.",
              "Esker flyttet bort fra døren.", "Avklare fast plass for varemottak", (2, 3, 4),
              weight=8),
    _Template(HZ, C_FIRE, "Blokkert rømningsvei eller -dør", "Branndør holdt åpen med kile",
              "Branndøren ut mot trapperommet ved {room} sto åpen med en trekile.",
              "Døren er tung, og brukerne vil slippe å åpne den hele tiden.",
              "Kilen fjernet, døren lukket.", "Montere dørautomatikk koblet til brannalarm",
              (3, 4), weight=5),
    _Template(NM, C_FIRE, "Unødvendig alarm", "Brannalarm utløst av røyk fra varmeplate",
              "Varmeplate i {room} ble stående på med tom kolbe; detektoren løste ut.",
              "Arbeidet ble forlatt uten tilsyn.", "Varmeplaten slått av, rommet luftet.",
              "Innføre tidsbryter på varmeplater", (2, 3), lab=True, weight=4),
    _Template(NM, C_FIRE, "Brann eller branntilløp", "Branntilløp i avtrekksskap",
              "Løsemiddel tok fyr i avtrekksskapet i {room} under inndamping.",
              "Antennelseskilde for nær brannfarlig væske.",
              "Slukket med CO₂-apparat; avtrekket holdt røyken unna.",
              "Revidere risikovurderingen for inndamping", (4, 5), lab=True, weight=2),
    _Template(HZ, C_FIRE, "Utslipp eller søl", "Søl av saltsyre på benk",
              "Om lag 50 ml konsentrert saltsyre rant ut på benken i {room}.",
              "Flasken sto uten oppsamlingskar.", "Nøytralisert og tørket opp med sølpute.",
              "Skaffe oppsamlingskar til syreflasker", (2, 3), lab=True, weight=3),
    _Template(HZ, C_WORK, "Kjemikalier og gasser", "Gassflaske uten sikring",
              "En 50-liters gassflaske sto usikret mot veggen i {room}.",
              "Flaskestativet var fullt.", "Flasken lenket fast midlertidig.",
              "Montere flere flaskestativ", (3, 4), lab=True, weight=4),
    _Template(HZ, C_WORK, "Kjemikalier og gasser", "Kjemikalier uten merking",
              "Flere beholdere i {room} mangler faremerking og innholdsangivelse.",
              "Løsninger laget til eget bruk ble ikke merket.",
              "Beholderne satt til side til innholdet er avklart.",
              "Gå gjennom kjemikalielageret og oppdatere stoffkartoteket", (2, 3), lab=True),
    _Template(NM, C_WORK, "Kjemikalier og gasser", "Avtrekksskap gir alarm for lav luftmengde",
              "Alarmen på avtrekksskapet i {room} gikk under arbeid med flyktige løsemidler.",
              "Spjeld i ventilasjonsanlegget var feilinnstilt etter service.",
              "Arbeidet stanset og skapet tatt ut av bruk.",
              "Kontrollmåling av alle avtrekksskap i etasjen", (3, 4), lab=True),
    _Template(NM, C_WORK, "Biologiske faktorer", "Sprut fra kulturflaske utenfor LAF-benk",
              "Noen dråper cellekultur sprutet på labfrakken i {room}.",
              "Flasken ble åpnet utenfor sikkerhetsbenken.",
              "Frakken lagt i autoklavpose, huden vasket.",
              "Repetere rutine for arbeid i sikkerhetsbenk", (2, 3), lab=True),
    _Template(HZ, C_WORK, "Strålekilder", "Laserområde uten varselskilt",
              "Døren til laserlaben {room} manglet varselskilt og varsellampe virket ikke.",
              "Lampen var defekt etter ombygging.", "Midlertidig skilt satt opp.",
              "Reparere varsellampe og sette opp faste skilt", (3, 4, 5), lab=True, weight=2),
    _Template(AC, C_WORK, "Person-/yrkesskade", "Kuttskade ved glassbrudd",
              "Et begerglass sprakk under oppvask i {room}; kutt i hånden.",
              "Glasset hadde en sprekk fra før.", "Førstehjelp gitt, såret renset og teipet.",
              "Kassere skadet glassutstyr og innføre kontroll før bruk", (2, 3), weight=5),
    _Template(AC, C_WORK, "Person-/yrkesskade", "Fall i trapp",
              "Ansatt snublet og falt i trappen ved {room} og skadet ankelen.",
              "Løs trappenese og dårlig belysning.", "Skadested sperret, leder varslet.",
              "Reparere trappenese og bytte belysning", (2, 3, 4), weight=4),
    _Template(AC, C_WORK, "Person-/yrkesskade", "Klemskade i dør",
              "Fingeren ble klemt i en tung dør ved {room}.",
              "Dørpumpen lukker for fort.", "Kjølepose lagt på, ingen videre behandling.",
              "Justere dørpumpen", (1, 2), weight=3),
    _Template(AC, C_WORK, "Kjemikalier og gasser", "Kjemikaliesprut i øyet",
              "Sprut av fortynnet lut i øyet under arbeid i {room}.",
              "Vernebriller ble ikke brukt.", "Øyet skylt i 15 minutter ved øyedusjen.",
              "Tydeliggjøre krav om vernebriller og sette opp skilt", (3, 4), lab=True,
              weight=2),
    _Template(AC, C_WORK, "Ergonomi og arbeidsbelastning", "Belastningsskade i rygg",
              "Ryggsmerter etter løft av tunge esker med papir i {room}.",
              "Ingen tralle tilgjengelig.", "Arbeidet avsluttet for dagen.",
              "Anskaffe tralle og gi opplæring i løfteteknikk", (2, 3), weight=2),
    _Template(HZ, C_BUILD, "Inneklima", "Dårlig luft og høy temperatur",
              "Over 28 °C og tung luft i {room} flere dager på rad.",
              "Ventilasjonsanlegget går på redusert drift.", "Vindu åpnet, vifte satt inn.",
              "Eiendom justerer luftmengden", (1, 2), weight=5),
    _Template(HZ, C_BUILD, "Elektro", "Skadet stikkontakt",
              "Stikkontakten ved benken i {room} er sprukket og løs i veggen.",
              "Slitasje.", "Kontakten merket «ikke i bruk».", "Elektriker bytter kontakten",
              (2, 3, 4), weight=4),
    _Template(HZ, C_BUILD, "VVS", "Vannlekkasje fra tak",
              "Det drypper vann fra taket i {room}, nær elektrisk utstyr.",
              "Lekkasje fra rør i etasjen over.", "Utstyr flyttet, bøtte satt ut.",
              "Rørlegger utbedrer lekkasjen", (2, 3), weight=3),
    _Template(HZ, C_BUILD, "Bygning/konstruksjon", "Mulig asbest i gulvbelegg",
              "Gammelt gulvbelegg i {room} er skadet; det kan inneholde asbest.",
              "Bygget er fra 1960-tallet.", "Området sperret, arbeid stanset.",
              "Ta prøver og kartlegge asbest før videre arbeid", (4, 5), weight=1),
    _Template(HZ, C_BUILD, "Maskiner og utstyr", "Manglende vern på dreiebenk",
              "Chuckvernet på dreiebenken i {room} er fjernet.",
              "Vernet var tatt av under reparasjon og ikke satt på igjen.",
              "Maskinen merket og tatt ut av bruk.", "Montere vernet og kontrollere maskinen",
              (4, 5), weight=2),
    _Template(HZ, C_BUILD, "IT", "Nettverkskabler over gangareal",
              "Løse nettverkskabler ligger over gulvet i {room}; snublefare.",
              "Midlertidig oppsett ble permanent.", "Kablene teipet ned.",
              "Legge kablene i kabelkanal", (1, 2), weight=2),
    _Template(HZ, C_INTENT, "Brudd på retningslinjer", "Arbeid alene i lab etter arbeidstid",
              "Student arbeidet alene med farlige kjemikalier i {room} sent på kvelden.",
              "Rutinen for alenearbeid er ikke kjent for alle.",
              "Samtale med studenten og veileder.", "Informere om rutinen for alenearbeid",
              (3, 4), lab=True, weight=2),
    _Template(HZ, C_INTENT, "Tyveri eller innbrudd", "Dør til kjemikalielager stod ulåst",
              "Døren til {room} sto ulåst over natten.",
              "Låsen går ikke i lås av seg selv.", "Døren låst.", "Montere smekklås",
              (2, 3), weight=2),
    _Template(HZ, C_INTENT, "Vold og trusler", "Truende oppførsel i skranke",
              "En besøkende opptrådte truende mot ansatte ved {room}.",
              "Uenighet om en sak.", "Vekter tilkalt.",
              "Gjennomgå rutine for alarm og alenearbeid i skranken", (2, 3), weight=1),
    _Template(HZ, C_OTHER, "", "Mangelfull dokumentasjon av risikovurdering",
              "Risikovurderingen for aktiviteten i {room} er ikke oppdatert siden 2019.",
              "Ingen har hatt ansvaret etter omorganisering.", "",
              "Oppdatere risikovurderingen", (2, 3), weight=2),
    _Template(IM, C_BUILD, "Inneklima", "Forslag: solskjerming på sørveggen",
              "Kontorene mot sør, bl.a. {room}, blir svært varme om ettermiddagen.",
              "", "", "Vurdere utvendig solskjerming", (1,), weight=3),
    _Template(IM, C_WORK, "Ergonomi og arbeidsbelastning", "Forslag: hev-senk-pulter",
              "Flere i {room} ønsker hev-senk-pult.", "", "", "Kartlegge behov og bestille",
              (1,), weight=3),
    _Template(IM, C_FIRE, "Utslipp eller søl", "Forslag: sølkit i alle laber",
              "Det mangler sølpute og absorbent i {room}.", "", "",
              "Kjøpe inn sølkit til alle laber", (1, 2), lab=True, weight=2),
    _Template(IM, C_OTHER, "", "Forslag: enklere innmelding av avvik",
              "Innmeldingen oppleves som tungvint; et kort skjema på mobil ville senke "
              "terskelen.", "", "", "Ta forslaget videre til HMS-seksjonen", (1,), weight=2),
)
TRANSFER_TO = ("Eiendomsavdelingen", "Fellesadministrasjonen, HMS-seksjonen",
               "IT-avdelingen", "Campusservice")
REJECT_REASONS = ("Dublett av en annen melding.", "Gjelder ikke HMS; sendt til driftssenteret.",
                  "Forholdet var allerede utbedret da meldingen kom.")


def _reported_days(rng: random.Random, year: int, today: dt.date) -> list[dt.date]:
    start = dt.date(year, 1, 1)
    end = min(dt.date(year, 12, 31), today)
    span = (end - start).days + 1
    count = round(PER_YEAR * span / 365 * rng.uniform(0.9, 1.1))
    return sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(count))


def _injury(rng: random.Random, complete: bool) -> Injury:
    roll = rng.random()
    absence = (Absence.NONE if roll < 0.72 else Absence.LE3 if roll < 0.88 else
               Absence.GT3 if roll < 0.97 else Absence.UNKNOWN)
    nav = absence is not Absence.NONE or rng.random() < 0.1

    def tri(yes: float) -> TriState:
        if not complete and rng.random() < 0.3:
            return TriState.UNKNOWN
        return TriState.YES if rng.random() < yes else TriState.NO

    return Injury(nav_reported=nav, absence=absence, medical_treatment=tri(0.3),
                  reassigned=tri(0.08), fatality=False)


def add_deviations(conn: sqlite3.Connection, rng: random.Random, today: dt.date
                   ) -> dict[str, int]:
    rooms = list_rooms(conn)
    labs = [r for r in rooms if r.type in (RoomType.LAB, RoomType.WORKSHOP, RoomType.STORAGE)]
    units = {r["code"]: r["id"] for r in conn.execute("SELECT id, code FROM unit")}
    persons = [p for p in list_persons(conn, PersonFilter(active_only=True)) if p.id]
    weights = [t.weight for t in TEMPLATES]
    counts = {"deviations": 0, "injuries": 0, "measures": 0}
    for year in (today.year - 2, today.year - 1, today.year):
        dev_settings.set_hours_worked(conn, year, round(12_760_814.98 * rng.uniform(0.97, 1.03), 2),
                                      actor=ACTOR)
        for n, day in enumerate(_reported_days(rng, year, today)):
            template = rng.choices(TEMPLATES, weights)[0]
            pool = labs if template.lab and labs else rooms
            room = rng.choice(pool) if pool else None
            place = room.label if room else "kantina"
            injury = _injury(rng, complete=year < today.year) \
                if template.type is DeviationType.ACCIDENT else None
            occurred = dt.datetime.combine(day, dt.time(rng.randrange(7, 20),
                                                        rng.choice((0, 15, 30, 45))))
            dev = Deviation(
                type=template.type, title=template.title, reported_at=day,
                description=template.description.format(room=place),
                occurred_at=occurred if template.type is not DeviationType.IMPROVEMENT
                else None,
                room_id=room.id if room and rng.random() < 0.93 else None,
                room_text="" if room else "Kantina",
                unit_id=units.get(room.unit_code or "") if room else None,
                reporter=rng.choice(persons).name if persons and rng.random() < 0.8 else None,
                category=template.category if rng.random() < 0.95 else "",
                subcategory=template.subcategory, cause=template.cause,
                immediate_action=template.immediate,
                potential_consequence=rng.choice(template.potential),
                actual_consequence=1 if template.type is not DeviationType.ACCIDENT
                else rng.choice((1, 2, 2, 3)),
                probability=rng.choice((1, 2, 2, 3, 3, 4)), injury=injury,
                external_id=f"DEMO-{year}-{n + 1:04d}")
            if not dev.category:
                dev.subcategory = ""
            dev_id = repo.create_deviation(conn, dev, actor=ACTOR)
            counts["deviations"] += 1
            counts["injuries"] += injury is not None
            counts["measures"] += _follow_up(conn, rng, dev_id, template, day, today, persons)
    return counts


def _follow_up(conn: sqlite3.Connection, rng: random.Random, dev_id: int,
               template: _Template, day: dt.date, today: dt.date,
               persons: list[Person]) -> int:
    """Take the deviation as far through the workflow as its age makes plausible."""
    age = (today - day).days
    roll = rng.random()
    if age < 3 or (age < 30 and roll < 0.35):
        return 0  # still registered
    decided = day + dt.timedelta(days=rng.randrange(1, 6))
    if roll < 0.04:
        repo.change_status(conn, dev_id, StatusChange(
            DeviationStatus.REJECTED, reason=rng.choice(REJECT_REASONS), on=decided),
            actor=ACTOR, today=decided)
        return 0
    if roll < 0.08:
        repo.change_status(conn, dev_id, StatusChange(
            DeviationStatus.TRANSFERRED, transferred_to=rng.choice(TRANSFER_TO), on=decided),
            actor=ACTOR, today=decided)
        return 0
    deadline = day + dt.timedelta(days=rng.choice((14, 30, 30, 60, 90)))
    repo.change_status(conn, dev_id, StatusChange(DeviationStatus.ACCEPTED,
                                                  closing_deadline=deadline, on=decided),
                       actor=ACTOR, today=decided)
    if age < 10 and roll < 0.6:
        return 0
    responsible = rng.choice(persons) if persons else None
    action = Action(template.measure, responsible.name if responsible else "Linjeleder",
                    responsible.id if responsible else None,
                    deadline=decided + dt.timedelta(days=rng.choice((7, 14, 21, 30))))
    action_id = dev_actions.add_action(conn, dev_id, action, actor=ACTOR, today=decided)
    finished = decided + dt.timedelta(days=rng.randrange(3, 80))
    if finished > today or (age < 120 and rng.random() < 0.3):
        if rng.random() < 0.5:
            dev_actions.add_action_note(conn, action_id, "Bestilt, venter på levering.",
                                        actor=ACTOR)
        return 1
    dev_actions.set_action_status(conn, action_id, ActionStatus.DONE, actor=ACTOR,
                                  note="Utført og kontrollert.", today=finished)
    closed = min(today, finished + dt.timedelta(days=rng.randrange(0, 10)))
    repo.change_status(conn, dev_id, StatusChange(DeviationStatus.CLOSED, on=closed),
                       actor=ACTOR, today=closed)
    return 1
