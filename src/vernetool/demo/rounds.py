"""Demo step: HSE rounds for the Department of Chemistry (IKJ).

Last year's round is completed: every room answered, findings with actions, some closed since
and some still open past their deadline. This year's round of the same rooms is in progress:
most rooms are done, last year's open findings are re-checked (closed or kept), there are new
findings and a few photos (drawn with Pillow into the data folder's attachment store), so
``vernetool report round --round latest`` prints a real multi-page report.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import sqlite3
from pathlib import Path

from vernetool.attachments import store_bytes
from vernetool.db.organisation.persons import PersonFilter, list_persons
from vernetool.db.organisation.rooms import RoomFilter, list_rooms
from vernetool.db.rounds import findings as findings_db
from vernetool.db.rounds import rounds as rounds_db
from vernetool.db.rounds.checklists import TemplateCache, checklist_for_room
from vernetool.db.rounds.history import backdate_closing, backdate_round
from vernetool.db.rounds.report_data import database_folder
from vernetool.db.templates import template_for_room_type, unit_template
from vernetool.domain.organisation import Role, RoomType
from vernetool.domain.rounds import (
    ActionStatus,
    Finding,
    Participant,
    ParticipantRole,
    RecheckOutcome,
    RoundPlan,
    RoundStatus,
    Severity,
    VisitStatus,
)

ACTOR = "demo"
UNIT = "IKJ"
H, M, L = Severity.HIGH, Severity.MEDIUM, Severity.LOW

# item code → (what was found, the action, severity, days to the deadline)
FINDINGS: dict[str, tuple[str, str, Severity, int]] = {
    "psy.survey": ("Resultatene fra arbeidsmiljøundersøkelsen er ikke gjennomgått med de "
                   "ansatte, og ingen tiltak er fulgt opp.", "Leder gjennomgår resultatene på "
                   "allmøte og lager tiltaksplan sammen med verneombudet.", M, 60),
    "lab.fumehood.tested": ("Avtrekksskapet er ikke kontrollert på over to år; etiketten viser "
                            "siste måling i 2023.", "Bestille kontroll av avtrekksskapet hos "
                            "Eiendomsavdelingen.", H, 30),
    "lab.fumehood.storage": ("Avtrekksskapet brukes som lager for flasker med løsemidler; "
                             "luftstrømmen hindres.", "Flytte flaskene til ventilert "
                             "kjemikalieskap og holde skapet ryddig.", M, 14),
    "lab.chem.cabinets": ("Flere kjemikalieflasker står på benken og i hylle over øyehøyde.",
                          "Rydde kjemikalier inn i ventilerte skap; kaste utgåtte produkter.",
                          M, 30),
    "lab.chem.segregation": ("Salpetersyre står i samme skap som organiske løsemidler.",
                             "Skille syrer, baser og oksiderende stoffer i egne skap.", H, 7),
    "lab.label.decanted": ("Omtappede flasker mangler merking med innhold, fare og dato.",
                           "Merke alle omtappede beholdere; skrive ut etiketter fra "
                           "stoffkartoteket.", M, 30),
    "lab.register.updated": ("Stoffkartoteket er ikke oppdatert: 14 produkter i rommet mangler, "
                             "og 6 utgåtte står fortsatt oppført.", "Romansvarlig oppdaterer "
                             "stoffkartoteket for rommet.", M, 60),
    "lab.register.sds": ("Sikkerhetsdatabladene for tre produkter er eldre enn tre år.",
                         "Hente oppdaterte sikkerhetsdatablad fra leverandøren.", L, 60),
    "lab.eyewash.tested": ("Øyedusjen er ikke testet siden mars; ingen testlogg på døra.",
                           "Innføre månedlig test med logg på døra.", M, 14),
    "lab.firstaid.kit": ("Kalsiumglukonatgel mangler i førstehjelpsskrinet.",
                         "Kjøpe inn kalsiumglukonatgel og sjekke holdbarhet.", H, 7),
    "lab.waste.routine": ("Avfallskanner med løsemidler har hopet seg opp under benken.",
                          "Levere farlig avfall og avtale faste hentedager.", M, 14),
    "lab.gas.secured": ("To gassflasker står uten kjetting ved veggen.",
                        "Feste gassflaskene med kjetting eller stropp.", H, 3),
    "lab.el.equipment": ("Grenuttak er koblet i serie bak varmeplatene.",
                         "Montere flere faste stikkontakter; fjerne seriekoblede grenuttak.",
                         M, 45),
    "lab.equipment.unattended": ("Apparatur som står på over natten er ikke merket.",
                                 "Lage skilt for apparatur uten tilsyn (hva, hvem, telefon).",
                                 L, 30),
    "lab.order.benches": ("Esker står foran nøddusjen.", "Rydde bort eskene og merke gulvet "
                          "foran nøddusjen.", M, 7),
    "lab.routine.food": ("Kaffekopper og matpakke funnet på skrivepulten inne i laben.",
                         "Minne alle om at mat og drikke ikke skal inn i laboratoriet.", L, 14),
    "office.ergo.chair": ("Kontorstolen er ødelagt; ryggen kan ikke justeres.",
                          "Bestille ny kontorstol.", L, 30),
    "office.ergo.laptop": ("Ansatt arbeider hele dagen på bærbar PC uten ekstern skjerm.",
                           "Skaffe ekstern skjerm, tastatur og mus.", L, 30),
    "office.climate.draught": ("Plagsom trekk fra vinduet; tetningslisten er løs.",
                               "Melde til Eiendomsavdelingen for ny tetningslist.", L, 60),
    "office.el.powerstrips": ("Grenuttak ligger på gulvet under pulten og er koblet i serie.",
                              "Feste grenuttak under bordplaten; fjerne seriekoblingen.", M, 30),
    "office.fire.extinguisher_inspected": ("Brannslokkeapparatet i gangen ble sist kontrollert "
                                           "for 18 måneder siden.", "Be om kontroll av "
                                           "slokkeapparatet.", M, 30),
    "common.exit.free": ("Paller og pappesker står lagret i rømningsveien.",
                         "Fjerne lagringen fra rømningsveien straks.", H, 3),
    "common.exit.emergency_light": ("Nødlyset over utgangen lyser ikke.",
                                    "Melde feil på nødlys til driftsavdelingen.", H, 7),
    "common.storage.shelves": ("Reolen er ikke festet til veggen og er overbelastet.",
                               "Feste reolen og merke maks last.", M, 30),
    "common.storage.ladder": ("Gardintrappen har et knekt trinn.", "Kassere og kjøpe ny "
                              "gardintrapp.", L, 30),
}
COMMENTS = {
    "lab.ppe.available": "Hansker i størrelse S mangler; bestilt.",
    "lab.ventilation.general": "Noe støy fra ventilasjonen, men den virker.",
    "office.light.general": "Ett lysrør blinker; meldt til drift.",
    "common.firstaid": "Hjertestarter flyttet til vestibylen.",
}


def _templates(conn: sqlite3.Connection) -> dict[str, int]:
    result = {}
    for room_type in RoomType:
        template = template_for_room_type(conn, room_type)
        if template is not None and template.id is not None:
            result[room_type.value] = template.id
    return result


def _scope(conn: sqlite3.Connection) -> list[int]:
    rooms = list_rooms(conn, RoomFilter(unit_code=UNIT))
    by_type: dict[RoomType, list[int]] = {}
    for room in rooms:
        by_type.setdefault(room.type, []).append(room.id or 0)
    wanted = {RoomType.LAB: 9, RoomType.OFFICE: 4, RoomType.STORAGE: 2,
              RoomType.WORKSHOP: 1, RoomType.COMMON_AREA: 2}
    chosen = {rid for t, n in wanted.items() for rid in by_type.get(t, [])[:n]}
    return [room.id or 0 for room in rooms if room.id in chosen]


def _participants(conn: sqlite3.Connection) -> list[Participant]:
    result: list[Participant] = []
    for role, as_role in ((Role.LINE_MANAGER, ParticipantRole.LINE_MANAGER),
                          (Role.SAFETY_REP, ParticipantRole.SAFETY_REP),
                          (Role.ROOM_RESPONSIBLE, ParticipantRole.LAB_ENGINEER)):
        people = [p for p in list_persons(conn, PersonFilter(role=role)) if p.unit_code == UNIT]
        if people:
            result.append(Participant(people[0].name, as_role, people[0].id))
    if not any(p.role is ParticipantRole.SAFETY_REP for p in result):
        result.append(Participant("Verneombud (ikke registrert)", ParticipantRole.SAFETY_REP))
    result.append(Participant("Ingrid Bakken", ParticipantRole.HSE_COORDINATOR))
    return result


def _walk(conn: sqlite3.Connection, round_id: int, rng: random.Random, day: dt.date,
          rooms_to_finish: int, improve_rate: float, responsible: str) -> list[int]:
    """Answer the checklist of the first rooms; return the findings made."""
    cache = TemplateCache(conn)
    made: list[int] = []
    for index, room in enumerate(rounds_db.round_rooms(conn, round_id)):
        if index >= rooms_to_finish + 1:
            break
        items = [i for _, section in checklist_for_room(conn, room.id, cache) for i in section]
        partial = index == rooms_to_finish  # the room the walk is in right now
        if partial:
            items = items[: len(items) // 3]
        for item in items:
            found = FINDINGS.get(item.code)
            if found and rng.random() < improve_rate:
                answer = "improve"
            elif rng.random() < 0.08:
                answer = "not_relevant"
            else:
                answer = "ok"
            comment = COMMENTS.get(item.code, "") if answer == "ok" else ""
            if comment and rng.random() < 0.6:
                comment = ""
            rounds_db.save_answer(conn, room.id, item.id or 0, ACTOR, answer=answer,
                                  comment=comment)
            if answer == "improve" and found:
                description, action, severity, days = found
                made.append(findings_db.save_finding(conn, Finding(
                    description, severity, action, responsible,
                    deadline=day + dt.timedelta(days=days), round_room_id=room.id,
                    item_id=item.id), ACTOR))
        if not partial:
            rounds_db.set_visit_status(conn, room.id, VisitStatus.DONE)
    return made


def _unit_finding(conn: sqlite3.Connection, round_id: int, day: dt.date,
                  responsible: str) -> list[int]:
    """A finding on the unit-wide (psychosocial) checklist, so the demo shows one."""
    entry = rounds_db.unit_entry_id(conn, round_id)
    if entry is None:
        return []
    if findings_db.findings_for_room(conn, entry):
        return []  # the walk made one already
    for _, items in checklist_for_room(conn, entry):
        for item in items:
            if item.code in FINDINGS and item.id is not None:
                description, action, severity, days = FINDINGS[item.code]
                rounds_db.save_answer(conn, entry, item.id, ACTOR, answer="improve")
                return [findings_db.save_finding(conn, Finding(
                    description, severity, action, responsible,
                    deadline=day + dt.timedelta(days=days), round_room_id=entry,
                    item_id=item.id), ACTOR)]
    return []


def _photo(rng: random.Random, label: str) -> bytes:
    """A stand-in 'photo': a shelf of coloured bottles with a caption strip."""
    from PIL import Image, ImageDraw  # lazy: only the demo draws pictures

    img = Image.new("RGB", (1200, 900), (214, 219, 223))
    draw = ImageDraw.Draw(img)
    draw.rectangle([80, 120, 1120, 820], fill=(235, 235, 228), outline=(120, 120, 120), width=6)
    for shelf in (330, 560, 790):
        draw.rectangle([80, shelf, 1120, shelf + 18], fill=(150, 120, 90))
        x = 110
        while x < 1060:
            w, h = rng.randint(50, 90), rng.randint(110, 190)
            colour = (rng.randint(40, 230), rng.randint(40, 230), rng.randint(40, 230))
            draw.rectangle([x, shelf - h, x + w, shelf], fill=colour, outline=(60, 60, 60))
            draw.rectangle([x + 8, shelf - h // 2, x + w - 8, shelf - h // 2 + 30],
                           fill=(250, 250, 250))
            x += w + rng.randint(12, 40)
    draw.rectangle([0, 0, 1200, 60], fill=(70, 74, 80))
    draw.text((30, 22), label, fill=(255, 255, 255))
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=dt.UTC)


def add_rounds(conn: sqlite3.Connection, rng: random.Random, today: dt.date) -> dict[str, int]:
    templates = _templates(conn)
    rooms = _scope(conn)
    if not templates or not rooms:
        return {"rounds": 0}
    participants = _participants(conn)
    responsible = next((p.name for p in participants
                        if p.role is ParticipantRole.LAB_ENGINEER), participants[0].name)
    unit_checklist = unit_template(conn)  # psychosocial: answered once, in the pre-meeting
    unit_id = unit_checklist.id if unit_checklist is not None else None
    entries = len(rooms) + (unit_id is not None)

    # Last year: completed; findings closed since, or still open past their deadline.
    last_day = dt.date(today.year - 1, 10, 8)
    last = rounds_db.create_round(conn, RoundPlan(
        f"HMS-runde {last_day.year} – Institutt for kjemi", last_day, UNIT, last_day,
        participants, rooms, "Gjennomgang av fjorårets tiltak: alle tiltak er lukket. "
        "Formøtet avtalte rekkefølge: laboratoriene i 2. etasje først, så kontorer og lager.",
        unit_template=unit_id), ACTOR, templates)
    rounds_db.set_status(conn, last, RoundStatus.IN_PROGRESS, ACTOR)
    made = _walk(conn, last, rng, last_day, entries, 0.12, responsible)
    made += _unit_finding(conn, last, last_day, responsible)
    rounds_db.update_notes(conn, last, closing=(
        f"Avslutningsmøtet gikk gjennom {len(made)} funn. Leder følger opp tiltakene med "
        "romansvarlige; verneombudet får kopi av tiltaksplanen. Stoffkartoteket og rutinene "
        "for avfall er de viktigste forbedringsområdene."))
    rounds_db.set_status(conn, last, RoundStatus.COMPLETED, ACTOR)
    backdate_round(conn, last, _at(last_day, 8), _at(last_day, 14))
    closed_later = 0
    for n, finding_id in enumerate(made):
        if n % 3 == 0:  # done and closed during the year
            findings_db.close_finding(conn, finding_id, ACTOR, "Utført og kontrollert.")
            backdate_closing(conn, finding_id, _at(last_day + dt.timedelta(days=40 + n), 12))
            closed_later += 1
        elif n % 3 == 1:
            finding = findings_db.get_finding(conn, finding_id)
            finding.action_status = ActionStatus.IN_PROGRESS
            finding.follow_up_notes = "Bestilt; venter på leveranse."
            findings_db.save_finding(conn, finding, ACTOR)

    # This year: in progress; last year's open findings re-checked room by room.
    this_day = max(today - dt.timedelta(days=6), dt.date(today.year, 1, 2))
    still_open = [f for f in findings_db.open_findings_for_unit(conn, UNIT, this_day)]
    overdue = sum(1 for f in still_open if f.is_overdue(this_day))
    current = rounds_db.create_round(conn, RoundPlan(
        f"HMS-runde {this_day.year} – Institutt for kjemi", this_day, UNIT, None,
        participants, rooms,
        f"Status fra HMS-runden {last_day.year}: {len(made)} funn, {closed_later} lukket i løpet "
        f"av året, {len(still_open)} fortsatt åpne, {overdue} av dem med passert frist. "
        "De åpne funnene kontrolleres på nytt i rommene under runden.",
        unit_template=unit_id), ACTOR, templates)
    done_rooms = max(entries - 5, 1)
    new = _walk(conn, current, rng, this_day, done_rooms, 0.08, responsible)
    checked = 0
    for room in rounds_db.round_rooms(conn, current)[:done_rooms]:
        for finding in findings_db.carried_findings(conn, current, room.room_id):
            keep = rng.random() < 0.35
            findings_db.recheck(
                conn, finding.id or 0, current,
                RecheckOutcome.KEPT if keep else RecheckOutcome.CLOSED, ACTOR,
                "Ikke utbedret ennå; ny frist avtalt." if keep else "Utbedret; kontrollert.")
            checked += 1
    if new:  # one urgent finding whose short deadline has passed already
        urgent = findings_db.get_finding(conn, new[0])
        urgent.deadline = this_day + dt.timedelta(days=3)
        urgent.severity = Severity.HIGH
        findings_db.save_finding(conn, urgent, ACTOR)
    backdate_round(conn, current, _at(this_day, 8), _at(this_day, 13))
    photos = _add_photos(conn, rng, current)
    return {"rounds": 2, "round findings": len(made) + len(new), "round photos": photos,
            "findings re-checked": checked}


def _add_photos(conn: sqlite3.Connection, rng: random.Random, round_id: int) -> int:
    folder: Path | None = database_folder(conn)
    if folder is None:
        return 0
    added = 0
    captions = ["Kjemikalier på benken", "Hylle over øyehøyde", "Flasker uten merking"]
    for finding in findings_db.findings_for_round(conn, round_id)[:3]:
        caption = captions[added % len(captions)]
        stored = store_bytes(folder, _photo(rng, f"{finding.room_label}  {caption}"),
                             f"IMG_{4711 + added}.jpg")
        findings_db.add_photo(conn, finding.round_room_id or 0, stored.sha256, stored.extension,
                              stored.original_name, stored.size_bytes, caption=caption,
                              item_id=finding.item_id, finding_id=finding.id)
        added += 1
    return added
