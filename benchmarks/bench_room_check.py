"""`vernetool room` and `vernetool check` on the university-scale database vs a floor.

Each figure is the wall time of a fresh process, as a user or a script meets it: the real
entry point (``vernetool.cli.main``, as the installed ``vernetool`` script calls it) with
this checkout's ``src`` first on the path. The floor, measured in the same run and
interleaved with ours (so machine load hits both alike), is the least a command can do: a
Python process that imports ``sqlite3`` and ``json``, opens the same database, runs one
indexed SELECT (the room by building code and number) and prints it as JSON. The children's
CPU time (user + system) is shown as well; it is steadier than wall time on a busy machine.

Usage: python benchmarks/bench_room_check.py [--db BIG.sqlite] [--room B:R] [--runs 11]
Without --db the big database is built in a temporary folder (make_big_db.py). Without
--room the room with the most chemical holdings (a busy lab) is taken.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ENTRY = "import sys; from vernetool.cli import main; sys.exit(main())"

FLOOR = r"""
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
building, number = sys.argv[2].split(":", 1)
row = conn.execute(
    "SELECT r.id, b.code, r.number, r.name, r.type FROM room r "
    "JOIN building b ON b.id = r.building_id WHERE b.code = ? AND r.number = ?",
    (building, number)).fetchone()
json.dump({"room": dict(zip(("id", "building", "number", "name", "type"), row))},
          sys.stdout, ensure_ascii=False, indent=2)
print()
"""


def busiest_room(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        building, number = conn.execute(
            "SELECT b.code, r.number FROM chemical_holding h JOIN room r ON r.id = h.room_id "
            "JOIN building b ON b.id = r.building_id GROUP BY h.room_id "
            "ORDER BY count(*) DESC, h.room_id LIMIT 1").fetchone()
    finally:
        conn.close()
    return f"{building}:{number}"


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) of the child, bytes on stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{argv[3:]} failed: {done.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, len(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--room", help="BUILDING:ROOM (default: the room with most holdings)")
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vernetool-bench-") as tmp:
        db = args.db
        if db is None:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from make_big_db import make

            db = Path(tmp) / "big.sqlite"
            print("building the university-scale database ...", flush=True)
            make(db)
        room = args.room or busiest_room(db)
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"),
               # logs and settings of the runs stay in the temporary folder
               "XDG_DATA_HOME": str(Path(tmp) / "data"),
               "XDG_CONFIG_HOME": str(Path(tmp) / "config"),
               "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode cached
        python = sys.executable
        cases = {
            "floor": [python, "-c", FLOOR, str(db), room],
            f"room --room {room}": [python, "-c", ENTRY, "room", "--db", str(db),
                                    "--room", room],
            f"check --room {room}": [python, "-c", ENTRY, "check", "--db", str(db),
                                     "--room", room],
            "check": [python, "-c", ENTRY, "check", "--db", str(db)],
        }
        for argv in cases.values():  # warm-up: bytecode written, files in the page cache
            run_once(argv, env)
        walls: dict[str, list[float]] = {name: [] for name in cases}
        cpus: dict[str, list[float]] = {name: [] for name in cases}
        sizes: dict[str, int] = {}
        names = list(cases)
        for n in range(args.runs):
            for name in names[n % len(names):] + names[:n % len(names)]:  # rotate the order
                wall, cpu, size = run_once(cases[name], env)
                walls[name].append(wall)
                cpus[name].append(cpu)
                sizes[name] = size
        floor_wall = statistics.median(walls["floor"])
        floor_cpu = statistics.median(cpus["floor"])
        load = os.getloadavg()
        print(f"database: {db}  room: {room}  runs: {args.runs}  "
              f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        print(f"{'command':<34}{'wall median':>12}{'min':>8}{'ratio':>8}"
              f"{'CPU median':>12}{'ratio':>8}{'output':>11}")
        for name in names:
            wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
            print(f"{name:<34}{wall:>11.3f}s{min(walls[name]):>7.3f}s"
                  f"{wall / floor_wall:>7.2f}×{cpu:>11.3f}s{cpu / floor_cpu:>7.2f}×"
                  f"{sizes[name]:>10,}B")
        print(json.dumps({"room": room, "runs": args.runs, "load": load,
                          "wall": walls, "cpu": cpus}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
