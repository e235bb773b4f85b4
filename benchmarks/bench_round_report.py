"""The round report of a big round: 200 rooms, 500 findings, 100 photos (DESIGN.md target:
"in seconds, not minutes").

Builds the round in a temporary store with the built-in checklists (every item of every room
answered) and 100 camera-sized JPEGs drawn with Pillow, then times ``write_round_report``.
Floor: reading the same round's rows straight from SQLite (rooms, answers, findings, photos)
as plain tuples — the least any report must do. Also printed: the PDF's pages and size.

Usage: python benchmarks/bench_round_report.py [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from vernetool.attachments import store_bytes
from vernetool.db.connection import atomic
from vernetool.db.migrations import open_store
from vernetool.db.organisation.rooms import save_room
from vernetool.db.rounds import findings as findings_db
from vernetool.db.rounds import rounds as rounds_db
from vernetool.db.rounds.checklists import TemplateCache, checklist_for_room
from vernetool.db.templates import install_builtin_templates, template_for_room_type
from vernetool.domain.organisation import Room, RoomType
from vernetool.domain.rounds import (
    Finding,
    Participant,
    ParticipantRole,
    RoundPlan,
    Severity,
    VisitStatus,
)
from vernetool.reports.round_report import write_round_report

ROOMS, FINDINGS, PHOTOS = 200, 500, 100
TYPES = [RoomType.LAB] * 5 + [RoomType.OFFICE] * 3 + [RoomType.STORAGE, RoomType.WORKSHOP]

FLOOR_QUERIES = [
    "SELECT rr.*, r.number, r.name, r.type, b.code FROM round_room rr JOIN room r "
    "ON r.id = rr.room_id JOIN building b ON b.id = r.building_id WHERE rr.round_id = ?",
    "SELECT a.* FROM round_answer a JOIN round_room rr ON rr.id = a.round_room_id "
    "WHERE rr.round_id = ?",
    "SELECT f.*, i.text_nb FROM round_finding f LEFT JOIN checklist_item i ON i.id = f.item_id "
    "WHERE f.round_id = ?",
    "SELECT p.*, a.extension FROM round_photo p JOIN attachment a ON a.sha256 = p.sha256 "
    "JOIN round_room rr ON rr.id = p.round_room_id WHERE rr.round_id = ?",
    "SELECT * FROM round_participant WHERE round_id = ?",
]


def photo(rng: random.Random) -> bytes:
    """A 2000×1500 JPEG (about what a phone sends), with enough detail to weigh ~0.5 MB."""
    from PIL import Image, ImageDraw, ImageFilter

    img = Image.effect_noise((2000, 1500), 40).convert("RGB")
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        x, y = rng.randint(0, 1900), rng.randint(0, 1400)
        colour = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))
        draw.rectangle([x, y, x + rng.randint(40, 400), y + rng.randint(40, 300)], fill=colour)
    img = img.filter(ImageFilter.GaussianBlur(1))
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def build(folder: Path) -> tuple[sqlite3.Connection, int]:
    rng = random.Random(7)
    conn = open_store(folder / "bench.sqlite")
    install_builtin_templates(conn)
    templates = {t.value: template.id for t in RoomType
                 if (template := template_for_room_type(conn, t)) is not None}
    with atomic(conn):
        room_ids = [save_room(conn, Room("BENCH", f"{100 + n}", TYPES[n % len(TYPES)],
                                         f"Rom {100 + n}", str(1 + n // 50), 20.0, "BNC"))[0]
                    for n in range(ROOMS)]
    plan = RoundPlan("HMS-runde (benchmark)", dt.date(2026, 3, 2), "BNC", dt.date(2026, 3, 6),
                     [Participant("Leder Lederson", ParticipantRole.LINE_MANAGER),
                      Participant("Verne Ombud", ParticipantRole.SAFETY_REP)], room_ids,
                     "Formøte: gjennomgang av tiltak.")
    round_id = rounds_db.create_round(conn, plan, "bench", templates)  # type: ignore[arg-type]
    cache = TemplateCache(conn)
    rooms = rounds_db.round_rooms(conn, round_id)
    improve: list[tuple[int, int]] = []
    with atomic(conn):
        for room in rooms:
            for _, items in checklist_for_room(conn, room.id, cache):
                for item in items:
                    answer = rng.choices(["ok", "improve", "not_relevant"], [80, 8, 12])[0]
                    rounds_db.save_answer(conn, room.id, item.id or 0, "bench", answer=answer,
                                          comment="Kommentar" if rng.random() < 0.03 else "")
                    if answer == "improve":
                        improve.append((room.id, item.id or 0))
            rounds_db.set_visit_status(conn, room.id, VisitStatus.DONE)
        rng.shuffle(improve)
        for n in range(FINDINGS):
            room_id, item_id = improve[n % len(improve)]
            findings_db.save_finding(conn, Finding(
                f"Funn {n}: mangelfull merking av kjemikalier og rot på benken ved vasken.",
                rng.choice(list(Severity)), f"Tiltak {n}: rydde, merke og oppdatere kartoteket.",
                "Romansvarlig Hansen", deadline=dt.date(2026, rng.randint(1, 12), 15),
                round_room_id=room_id, item_id=item_id), "bench")
    for n in range(PHOTOS):
        stored = store_bytes(folder, photo(rng), f"IMG_{n:04d}.jpg")
        findings_db.add_photo(conn, rooms[n % 50].id, stored.sha256, stored.extension,
                              stored.original_name, stored.size_bytes, caption=f"Bilde {n}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return conn, round_id


def floor(conn: sqlite3.Connection, round_id: int) -> float:
    start = time.perf_counter()
    for sql in FLOOR_QUERIES:
        conn.execute(sql, (round_id,)).fetchall()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep the files")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="vernetool-bench-round-"))
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    conn, round_id = build(folder)
    print(f"built: {ROOMS} rooms, {FINDINGS} findings, {PHOTOS} photos "
          f"({sum(p.stat().st_size for p in (folder / 'attachments').rglob('*.jpg')) / 1e6:.0f}"
          f" MB of photos) in {time.perf_counter() - t0:.1f} s")
    answers = conn.execute("SELECT count(*) FROM round_answer").fetchone()[0]
    floors = [floor(conn, round_id) for _ in range(max(args.repeat, 3))]
    ours = []
    out = folder / "round-report.pdf"
    for _ in range(args.repeat):
        start = time.perf_counter()
        write_round_report(conn, round_id, out, "nb", folder)
        ours.append(time.perf_counter() - start)
    from pypdf import PdfReader

    pages = len(PdfReader(out).pages)
    ours_s, floor_s = statistics.median(ours), statistics.median(floors)
    print(f"answers: {answers}; report: {pages} pages, {out.stat().st_size / 1e6:.1f} MB")
    print(f"ours  (write_round_report, median of {args.repeat}): {ours_s:.2f} s")
    print(f"floor (read the round's rows from SQLite):          {floor_s * 1000:.1f} ms")
    print(f"ratio: {ours_s / floor_s:.0f}x  (target: seconds, not minutes)")
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
