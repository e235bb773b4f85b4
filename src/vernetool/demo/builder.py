"""Builds the demo database: a list of steps run in one transaction on a fresh store.

Each step is ``step(conn, rng, today) -> {"what": count}``. A later area (rounds, deviations,
registers) adds its own step to ``STEPS``; every step gets its own random generator derived
from the seed and the step's name, so adding a step never changes what earlier steps build.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

from vernetool.db.connection import atomic
from vernetool.db.migrations import open_store
from vernetool.demo import (
    annual,
    biology,
    chemicals,
    deviations,
    organisation,
    people,
    radiation,
    room_cards,
    rounds,
)
from vernetool.demo.vault import forget_demo_vaults

DemoStep = Callable[[sqlite3.Connection, random.Random, dt.date], dict[str, int]]

DEMO_ACTOR = "demo"

# In order: later steps may rely on what earlier ones created.
STEPS: list[tuple[str, DemoStep]] = [
    ("organisation", organisation.add_organisation),
    ("persons", people.add_persons),
    ("responsibilities", people.add_responsibilities),
    ("room_cards", room_cards.add_room_cards),
    ("checklists", lambda conn, _rng, _today: _builtin_checklists(conn)),
    ("deviations", deviations.add_deviations),
    ("chemicals", chemicals.add_chemicals),
    ("radiation", radiation.add_radiation),
    ("biology", biology.add_biology),
    ("room_card_proposals", room_cards.reconcile_room_cards),
    # after the registers and the cards: the walk asks what they hold (gas, CMR …)
    ("rounds", rounds.add_rounds),
    # last: the annual reports are pre-filled from everything above
    ("annual", annual.add_annual),
]


def _builtin_checklists(conn: sqlite3.Connection) -> dict[str, int]:
    from vernetool.db.templates import install_builtin_templates

    return {"checklist templates": len(install_builtin_templates(conn, DEMO_ACTOR))}


def fill(conn: sqlite3.Connection, seed: int = 2024, today: dt.date | None = None
         ) -> dict[str, int]:
    """Run every step on an open, migrated store inside one transaction."""
    day = today or dt.date.today()
    summary: dict[str, int] = {}
    try:
        with atomic(conn):
            for name, step in STEPS:
                rng = random.Random(f"vernetool-demo:{seed}:{name}")
                for key, count in step(conn, rng, day).items():
                    summary[key] = summary.get(key, 0) + count
    finally:
        forget_demo_vaults()
    return summary


def build_demo(path: Path, seed: int = 2024, today: dt.date | None = None) -> dict[str, int]:
    """Create a demo database at ``path`` (which must not exist); returns what it holds.

    The database is built in a temporary file next to ``path`` and renamed into place at the
    end, so an interrupted build never leaves a half-filled demo behind.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(17, "the file exists already", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.building")
    _remove(partial)
    try:
        conn = open_store(partial)
        try:
            summary = fill(conn, seed, today)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        os.replace(partial, path)
    finally:
        _remove(partial)
    return summary


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
