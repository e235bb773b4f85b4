"""The exposure register (§31-1) from and to files.

Columns (exactly the regulation's fields, DESIGN.md "Exposure register"): ``person``,
``identity_number``, ``position``, ``workplace``, ``product`` (with ``supplier`` when two
products share a name), ``route`` (inhalation, skin, ingestion, other; ``Innånding``,
``Hud``, ``Svelging``, ``Annet`` … accepted; empty = other), ``concentration``,
``exposure_start``, ``exposure_end`` (empty while it goes on), ``duration``. Required:
``person``, ``product``, ``exposure_start``.

Identity numbers (fødselsnummer or D-nummer) are checked (both mod-11 digits) and go into the
store only encrypted, through the database's identity vault; no error message, audit entry
or log line carries one. The vault must be open (OS keyring, or ``VERNETOOL_PASSPHRASE`` in
scripts): a locked vault is a file-level error and nothing is imported.

A row matches a stored entry on product + exposure start + the person: by the number's keyed
hash when the row gives a number, else by the person's name (so re-importing a default
export, which has no numbers, changes nothing and keeps the numbers stored). The product must
be in the chemical register (an unknown one is a row error). ``retain_until`` is derived from
the product's H codes (60 years after the exposure ends for carcinogens/mutagens, 5 for
reprotoxic); an import never shortens the retention an entry already has.

Export: the same columns with ``identity_masked`` (``010190*****``) instead of the number,
plus ``supplier`` and ``retain_until``; the number in clear only with ``include_identity``,
each decrypted, the export recorded once in the audit trail (who, which file, how many).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vernetool.db import audit
from vernetool.db.chemicals.common import EXPOSURE
from vernetool.db.connection import atomic
from vernetool.db.meta import get_meta, set_meta
from vernetool.domain.chemicals.model import ExposureRoute
from vernetool.domain.errors import Phrase
from vernetool.exchange.chemicals_io import parse_date
from vernetool.exchange.importing import Cancel, Checker, Progress, checked_texts, import_file
from vernetool.exchange.result import ImportFileError, ImportResult
from vernetool.exchange.tabular import Schema, TableRow, alias_table, nocase, parse_choice
from vernetool.exchange.writers import write_records

if TYPE_CHECKING:
    from vernetool.security.identity_vault import IdentityVault

FIELDS = ("person", "identity_number", "position", "workplace", "product", "supplier",
          "route", "concentration", "exposure_start", "exposure_end", "duration")
COLUMNS = ("person", "identity_masked", "position", "workplace", "product", "supplier",
           "route", "concentration", "exposure_start", "exposure_end", "duration",
           "retain_until")
COLUMNS_WITH_IDENTITY = ("person", "identity_number", *COLUMNS[1:])

SCHEMA = Schema({
    "person": ("Navn", "Ansatt", "Arbeidstaker", "Person", "Name", "Employee", "Worker"),
    "identity_number": ("Fødselsnummer", "Fødselsnr", "Personnummer", "Fnr", "D-nummer",
                        "Identitetsnummer", "Identity number", "National identity number"),
    "position": ("Stilling", "Stillingstittel", "Job title"),
    "workplace": ("Arbeidssted", "Arbeidsplass", "Sted", "Workplace"),
    "product": ("Produkt", "Produktnavn", "Stoff", "Kjemikalie", "Substance", "Chemical"),
    "supplier": ("Leverandør", "Supplier"),
    "route": ("Eksponeringsvei", "Opptaksvei", "Eksponeringsmåte", "Hvordan", "Route"),
    "concentration": ("Konsentrasjon", "Eksponeringsnivå", "Concentration"),
    "exposure_start": ("Eksponering fra", "Fra", "Fra dato", "Startdato", "Start",
                       "Exposure start", "From"),
    "exposure_end": ("Eksponering til", "Til", "Til dato", "Sluttdato", "Slutt",
                     "Exposure end", "To"),
    "duration": ("Varighet", "Tid", "Eksponeringstid", "Duration"),
}, required=("person", "product", "exposure_start"))

ROUTES: dict[str, ExposureRoute] = alias_table({
    **{r.value: r for r in ExposureRoute},
    "innånding": ExposureRoute.INHALATION, "inhalasjon": ExposureRoute.INHALATION,
    "luftveier": ExposureRoute.INHALATION, "lunger": ExposureRoute.INHALATION,
    "innånding (luftveier)": ExposureRoute.INHALATION,
    "hud": ExposureRoute.SKIN, "hudkontakt": ExposureRoute.SKIN, "dermal": ExposureRoute.SKIN,
    "hud/øyne": ExposureRoute.SKIN, "øyne": ExposureRoute.SKIN,
    "svelging": ExposureRoute.INGESTION, "munn": ExposureRoute.INGESTION,
    "oral": ExposureRoute.INGESTION, "inntak": ExposureRoute.INGESTION,
    "annet": ExposureRoute.OTHER, "annen": ExposureRoute.OTHER, "ukjent": ExposureRoute.OTHER,
})
_ROUTE_WORDS = Phrase("value.choices.exposure_routes")
_LIMITS = {"person": 200, "position": 200, "workplace": 300, "product": 300, "supplier": 200,
           "concentration": 200, "duration": 200, "identity_number": 40}


class _Meta:
    """The vault's view of ``app_meta`` through one connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, key: str) -> str | None:
        return get_meta(self.conn, key)

    def set(self, key: str, value: str) -> None:
        set_meta(self.conn, key, value)


def open_vault(conn: sqlite3.Connection, vault: IdentityVault) -> None:
    """Open the vault (keyring, ``VERNETOOL_PASSPHRASE``; a script's passphrase also sets it
    up) or raise ``ImportFileError`` with the vault's reason (locked, not set up)."""
    from vernetool.security.identity_vault import VaultError

    try:
        with atomic(conn):
            vault.ensure_open(_Meta(conn))
    except VaultError as exc:
        raise ImportFileError(exc.code, **exc.params) from None


@dataclass(frozen=True)
class _Stored:
    id: int
    person: str
    index: str | None
    values: tuple[object, ...]


@dataclass(frozen=True)
class _Product:
    id: int
    codes: tuple[str, ...]


_ROW_VALUES = ("person", "position", "workplace", "route", "concentration", "exposure_start",
               "exposure_end", "duration", "retain_until")


class _ExposureRows:
    def __init__(self, conn: sqlite3.Connection, vault: IdentityVault, actor: str) -> None:
        self.conn = conn
        self.vault = vault
        self.actor = actor
        products: dict[int, tuple[str, str]] = {}
        for pid, name, supplier in conn.execute(
                "SELECT id, name, supplier FROM chemical_product"):
            products[pid] = (name, supplier)
        codes: dict[int, list[str]] = {}
        for pid, code in conn.execute("SELECT product_id, code FROM chemical_statement "
                                      "WHERE kind = 'H' ORDER BY product_id, position"):
            codes.setdefault(pid, []).append(code)
        self.by_name: dict[str, list[tuple[str, _Product]]] = {}
        for pid, (name, supplier) in products.items():
            self.by_name.setdefault(nocase(name), []).append(
                (nocase(supplier), _Product(pid, tuple(codes.get(pid, ())))))
        self.by_index: dict[tuple[str, int, str], _Stored] = {}
        self.by_person: dict[tuple[str, int, str], _Stored] = {}
        for r in conn.execute(
                "SELECT id, product_id, person, identity_index, position, workplace, route, "
                "concentration, exposure_start, exposure_end, duration, retain_until "
                "FROM exposure_entry ORDER BY id"):
            stored = _Stored(r[0], r[2], r[3], tuple(r[2:3]) + tuple(r[4:]))
            if r[3]:
                self.by_index.setdefault((r[3], r[1], r[8]), stored)
            self.by_person.setdefault((nocase(r[2].strip()), r[1], r[8]), stored)
        self.seen: dict[tuple[object, ...], int] = {}

    def _product(self, name: str, supplier: str) -> _Product | None:
        found = self.by_name.get(nocase(name), [])
        if supplier:
            found = [f for f in found if f[0] == nocase(supplier)]
        return found[0][1] if len(found) == 1 else None

    def prepare(self, row: TableRow) -> Callable[[], bool] | None:
        from vernetool.db.chemicals.exposure import (
            ExposureRow,
            SealedIdentity,
            insert_exposure,
            update_exposure,
        )
        from vernetool.domain.chemicals.exposure import retain_until

        check = Checker()
        text = checked_texts(check, row, _LIMITS)
        values = row.values
        for name, code in (("person", "exposure.person_missing"),
                           ("product", "exposure.product_missing")):
            if not values.get(name):
                check.add(name, code)
        start = check.run(lambda: parse_date(values.get("exposure_start", ""),
                                             "exposure_start"), None)
        if start is None and not values.get("exposure_start"):
            check.add("exposure_start", "exposure.start_missing")
        end = check.run(lambda: parse_date(values.get("exposure_end", ""), "exposure_end"),
                        None)
        if start is not None and end is not None and end < start:
            check.add("exposure_end", "exposure.end_before_start")
        route = ExposureRoute.OTHER
        if values.get("route"):
            route = check.run(lambda: parse_choice(values["route"], "route", ROUTES,
                                                   _ROUTE_WORDS), ExposureRoute.OTHER)
        product = None
        if text["product"]:
            product = self._product(text["product"], text["supplier"])
            if product is None:
                check.add("product", "exposure.unknown_product", product=text["product"])
        sealed = None
        number = values.get("identity_number", "")
        if number:
            # the vault checks the number (identity.invalid / identity.check_digit, never
            # naming it) and encrypts it
            sealed = check.run(lambda: self.vault.seal(number), None)
        check.raise_if_any()
        assert start is not None and product is not None
        start_text = start.isoformat()
        key = (sealed.index if sealed else nocase(text["person"]), product.id, start_text)
        if key in self.seen:
            check.add("person", "exposure.twice", row=self.seen[key])
            check.raise_if_any()
        self.seen[key] = row.number
        stored = (self.by_index.get((sealed.index, product.id, start_text)) if sealed
                  else self.by_person.get((nocase(text["person"]), product.id, start_text)))
        if stored is None and sealed is not None:  # stored without a number, now with one
            candidate = self.by_person.get((nocase(text["person"]), product.id, start_text))
            if candidate is not None and candidate.index is None:
                stored = candidate
        retain = retain_until(product.codes, end)
        if stored is not None and end is not None and stored.values[8] and (
                retain is None or str(stored.values[8]) > retain.isoformat()):
            # an import never shortens a retention the register has already extended
            retain = dt.date.fromisoformat(str(stored.values[8]))
        entry = ExposureRow(product.id, text["person"], text["position"], text["workplace"],
                            route, text["concentration"], start, end, text["duration"],
                            retain)
        identity = SealedIdentity(sealed.cipher, sealed.masked, sealed.index) if sealed \
            else None
        if stored is not None:
            new_values = (entry.person, entry.position, entry.workplace, route.value,
                          entry.concentration, start_text,
                          end.isoformat() if end else None, entry.duration,
                          entry.retain_until.isoformat() if entry.retain_until else None)
            same_identity = sealed is None or sealed.index == stored.index
            if stored.values == new_values and same_identity:
                return None
            entry_id = stored.id
            keep = identity if not same_identity else None

            def update() -> bool:
                return update_exposure(self.conn, entry_id, entry, keep, actor=self.actor)

            return update

        def insert() -> bool:
            insert_exposure(self.conn, entry, identity, actor=self.actor)
            return True

        return insert


def import_exposure(conn: sqlite3.Connection, path: Path | str, *, strict: bool = False,
                    actor: str, progress: Progress | None = None,
                    cancel: Cancel | None = None, vault: IdentityVault | None = None,
                    **_: Any) -> ImportResult:
    """Import an exposure register file (see the module docstring). Raises
    ``ImportFileError`` for an unusable file or a vault that cannot be opened."""
    if vault is None:
        from vernetool.security.identity_vault import IdentityVault

        vault = IdentityVault()
    open_vault(conn, vault)
    opened = vault
    return import_file(conn, path, SCHEMA,
                       lambda has: _ExposureRows(conn, opened, actor or "import"),
                       entity=EXPOSURE, strict=strict, actor=actor, progress=progress,
                       cancel=cancel)


# -- export -------------------------------------------------------------------------------

def exposure_records(conn: sqlite3.Connection, *, vault: IdentityVault | None = None
                     ) -> list[dict[str, Any]]:
    """Every entry with the masked number; with an open ``vault`` also the number in clear
    (``identity_number``); the caller records that reveal."""
    records: list[dict[str, Any]] = []
    for r in conn.execute(
            "SELECT e.person, e.identity_masked, e.identity_cipher, e.position, e.workplace, "
            "p.name, p.supplier, e.route, e.concentration, e.exposure_start, "
            "e.exposure_end, e.duration, e.retain_until FROM exposure_entry e "
            "JOIN chemical_product p ON p.id = e.product_id "
            "ORDER BY p.name, e.exposure_start, e.person, e.id"):
        record = {"person": r[0], "identity_masked": r[1], "position": r[3],
                  "workplace": r[4], "product": r[5], "supplier": r[6], "route": r[7],
                  "concentration": r[8], "exposure_start": r[9], "exposure_end": r[10] or "",
                  "duration": r[11], "retain_until": r[12] or ""}
        if vault is not None:
            record["identity_number"] = vault.open(bytes(r[2])) if r[2] is not None else ""
        records.append(record)
    return records


def export_exposure(conn: sqlite3.Connection, out: Path | str, fmt: str, *,
                    include_personal_data: bool = False, include_identity: bool = False,
                    vault: IdentityVault | None = None, actor: str = "",
                    **_: Any) -> int:
    """Write the exposure register to ``out``; identity numbers in clear only with
    ``include_identity`` (the vault opened first, the export audited once: who, which
    file, how many numbers)."""
    if not include_identity:
        return write_records(out, fmt, COLUMNS, exposure_records(conn),
                             sheet_title="Exposure")
    if vault is None:
        from vernetool.security.identity_vault import IdentityVault

        vault = IdentityVault()
    open_vault(conn, vault)
    records = exposure_records(conn, vault=vault)
    count = write_records(out, fmt, COLUMNS_WITH_IDENTITY, records, sheet_title="Exposure")
    with atomic(conn):
        audit.record(conn, actor or "export", EXPOSURE, None, "export_identity",
                     {"file": Path(out).name, "format": fmt,
                      "numbers": sum(1 for r in records if r["identity_number"])})
    return count
