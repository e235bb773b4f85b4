"""Delivery: a bundle of 10,000 deviations — size, and the time to cut and deliver it.

Builds a database of N deviations (10 years × ~1,000, each type, every accident with an injury,
half with a measure, every one with its history), adds a folder target, then times:

- ``queue``: ``DeliveryService.queue_due`` — the change log read, the payload built (CSV +
  JSON with the mapping, formulas neutralised), the zip made and stored, in one write;
- ``deliver``: ``sync`` of the queued bundle to a real folder (``.part``, fsync, rename,
  verify the sha256);
- ``again``: a second sync with nothing new (nothing is sent);
- ``one edit``: one deviation edited, then a sync (a bundle of exactly that one).

The floor, in the same run: the deviations read with one plain SELECT, written as CSV and
zipped in memory — the least a bundle of them can cost.

Usage: python benchmarks/bench_delivery.py [--deviations 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from vernetool.db.deviations.actions import add_action  # noqa: E402
from vernetool.db.deviations.records import create_deviation  # noqa: E402
from vernetool.domain.deviations.rules import (  # noqa: E402
    Absence,
    Action,
    Deviation,
    DeviationType,
    Injury,
    TriState,
)
from vernetool.services import Services, Store  # noqa: E402
from vernetool.services.delivery import DeliveryService  # noqa: E402

TYPES = list(DeviationType)


def build(path: Path, count: int) -> Store:
    store = Store.open(path, lambda: "bench")
    start = dt.date(2016, 1, 1)
    with store.write() as conn:
        for n in range(count):
            dev = Deviation(
                TYPES[n % len(TYPES)], f"Avvik {n}: glass knust ved vask",
                start + dt.timedelta(days=n * 3653 // max(count, 1)),
                description="Beskrivelse av hendelsen, hva som skjedde og hvor. " * 3,
                room_text=f"Bygg {n % 180}, rom {n % 400}", reporter="Kari Melder",
                category="Bygning og materiell", subcategory="Elektro",
                potential_consequence=1 + n % 5, probability=1 + (n // 5) % 5,
                immediate_action="Sperret av området", cause="Slitasje",
                injury=Injury(True, Absence.LE3, TriState.YES, TriState.NO, False)
                if TYPES[n % len(TYPES)] is DeviationType.ACCIDENT else None)
            deviation_id = create_deviation(conn, dev, actor="bench")
            if n % 2 == 0:
                add_action(conn, deviation_id, Action("Bytt ut utstyret", "Per Ansvarlig"),
                           actor="bench")
    return store


def floor(path: Path) -> tuple[float, int]:
    import sqlite3

    began = time.perf_counter()
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT * FROM deviation ORDER BY id").fetchall()
    names = [d[0] for d in conn.execute("SELECT * FROM deviation LIMIT 0").description]
    conn.close()
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";")
    writer.writerow(names)
    writer.writerows(rows)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("deviations.csv", text.getvalue().encode("utf-8-sig"))
    return time.perf_counter() - began, len(buffer.getvalue())


def run_once(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "central"
        folder.mkdir()
        store = build(Path(tmp) / "bench.sqlite", count)
        try:
            delivery = DeliveryService(store, keychain=None)
            delivery.targets.add("hms", kind="folder", path=str(folder), sends="deviations")
            began = time.perf_counter()
            (bundle,) = delivery.queue_due()
            queued = time.perf_counter() - began
            began = time.perf_counter()
            result = delivery.sync()
            delivered = time.perf_counter() - began
            assert result.targets[0].delivered == 1
            began = time.perf_counter()
            assert delivery.sync().targets[0].bundles == []
            again = time.perf_counter() - began
            services = Services(store)
            first = services.deviations.get(1)
            assert first is not None
            services.deviations.update(dataclasses.replace(first, title="Rettet"))
            began = time.perf_counter()
            (edit,) = delivery.sync().targets[0].bundles
            one = time.perf_counter() - began
            assert edit.rows == 1
            floor_time, floor_size = floor(Path(tmp) / "bench.sqlite")
            return {"rows": bundle.rows, "size": bundle.size_bytes, "queue": queued,
                    "deliver": delivered, "again": again, "one edit": one,
                    "floor": floor_time, "floor size": floor_size}
        finally:
            store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deviations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = [run_once(args.deviations) for _ in range(args.runs)]
    median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"bundle of {int(median['rows'])} deviations: {median['size'] / 1e6:.2f} MB zip "
          f"(floor's bare CSV zip: {median['floor size'] / 1e6:.2f} MB)")
    for key in ("queue", "deliver", "again", "one edit"):
        print(f"{key:>9}: {median[key]:.3f} s")
    print(f"    floor: {median['floor']:.3f} s (SELECT + CSV + zip); queue/floor = "
          f"{median['queue'] / median['floor']:.1f} ×")


if __name__ == "__main__":
    main()
