"""A database with problems of several kinds in two units, written with SQL (as the checks'
own tests do): unit U1 (this year's round) with lab B:101 — a product without a safety data
sheet, a CMR product without exposure entries, a class 4 laser not notified to DSA, a group 3
agent without workers register, a V agent's worker without a vaccination offer, an overdue
deviation measure — and B:102 with an overdue round finding; unit U2 (no round this year)
with lab B:201 — ethanol, a sealed source and a biosafety cabinet, but no card, no room
responsible, the leak test and the certification overdue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from tests.services.checks.conftest import BASE
from tests.services.checks.test_checks import CASES
from vernetool import i18n
from vernetool.context import AppContext
from vernetool.ui.common.labels import locale_for

AS_OF = dt.date(2026, 6, 1)

MORE = """
INSERT INTO unit (id, code, name) VALUES (2, 'U2', 'Unit two');
INSERT INTO room (id, building_id, number, type, unit_id) VALUES (3, 1, '201', 'lab', 2);
INSERT INTO chemical_holding (product_id, room_id, place, quantity, unit)
    VALUES (1, 3, 'Skap 3', 1, 'L');
INSERT INTO radiation_source (id, kind, nuclide, room_id, dsa_id, dsa_status,
    notifiable_stated, leak_test_last, leak_test_interval_months)
    VALUES (4, 'sealed_source', 'Cs-137', 3, 'K-4', 'in_use', 1, '2025-01-10', 12);
INSERT INTO bio_cabinet (id, room_id, make, model, serial_number)
    VALUES (1, 3, 'Scanlaf', 'Mars', 'S-1');
INSERT INTO bio_cabinet_certification (cabinet_id, certified_on, certifier)
    VALUES (1, '2025-03-01', 'Certa AS');
INSERT INTO round_finding (id, uid, round_id, room_id, description, action, deadline)
    VALUES (5, 'f5', 1, 2, 'Mangler spillbakke', 'Kjøp spillbakke', '2026-05-15');
"""

CAUSES = ("sds_missing", "exposure_missing", "source_not_notified", "bio_register_missing",
          "vaccine_offer_missing", "action_overdue")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = QLocale()
    i18n.set_language("en")
    QLocale.setDefault(locale_for("en"))
    yield
    i18n.set_language("en")
    QLocale.setDefault(before)


@pytest.fixture
def problems_db(ctx: AppContext) -> AppContext:
    with ctx.conn:
        ctx.conn.executescript(BASE + "".join(CASES[c][0] for c in CAUSES) + MORE)
    return ctx


def wait_checked(qtbot: Any, view: Any) -> None:
    """Until the checks (and any re-run they asked for) are done."""
    qtbot.waitUntil(lambda: not view.running and not view._rerun
                    and view._checked_at is not None, timeout=30_000)
