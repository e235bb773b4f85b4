"""Products with their components (CAS) and statements; one product at a time or in bulk.

``prepare_product`` applies the domain's rules once (name, CAS check digits, statements,
signal word; pictograms and the exposure register flag derived): ``save_product`` stores one
with its audit entry, ``upsert_products`` many at once for an import (natural key: name +
supplier, compared as SQLite's ``NOCASE`` does).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace

from vernetool.db import audit
from vernetool.db.chemicals import holdings_search
from vernetool.db.chemicals.common import (
    NOW_SQL,
    PRODUCT,
    like_clauses,
    nocase,
    search_words,
    to_date,
)
from vernetool.db.connection import atomic
from vernetool.domain.chemicals.model import (
    Component,
    Product,
    ProductInput,
    SdsInfo,
    SignalWord,
)
from vernetool.domain.errors import ValidationError


@dataclass(frozen=True)
class PreparedProduct:
    """A product that passed the domain's rules, with what was derived from its codes."""

    name: str
    supplier: str
    components: tuple[Component, ...]
    hazard_codes: tuple[str, ...]
    precautionary_codes: tuple[str, ...]
    signal_word: SignalWord | None
    pictograms: tuple[str, ...]
    exposure_register: bool
    sds_url: str
    notes: str

    @property
    def key(self) -> tuple[str, str]:
        return nocase(self.name), nocase(self.supplier)

    @property
    def search_text(self) -> str:
        return search_words(self.name, self.supplier, *(c.cas for c in self.components),
                            *self.hazard_codes)

    def row(self) -> tuple[object, ...]:
        return (self.name, self.supplier, self.signal_word.value if self.signal_word else "",
                ",".join(self.pictograms), int(self.exposure_register), self.sds_url,
                self.notes, self.search_text)


def prepare_product(inp: ProductInput) -> PreparedProduct:
    """Check and normalise a product (``ValidationError`` naming the field otherwise)."""
    from vernetool.domain.chemicals.cas import normalise_cas
    from vernetool.domain.chemicals.exposure import triggers_exposure_register
    from vernetool.domain.chemicals.pictograms import (
        check_signal_word,
        expected_signal_word,
        pictograms_for,
    )
    from vernetool.domain.chemicals.statements import is_hazard, parse_statements

    name = " ".join(inp.name.split())
    if not name:
        raise ValidationError("chemical.name_required", "name")
    components: list[Component] = []
    seen: set[str] = set()
    for comp in inp.components:
        cas = normalise_cas(comp.cas)
        if cas in seen:
            continue
        seen.add(cas)
        components.append(Component(cas, comp.name.strip(), comp.concentration.strip()))
    codes: list[str] = []
    for text in inp.statements:
        for code in parse_statements(text):
            if code not in codes:
                codes.append(code)
    hazards = tuple(c for c in codes if is_hazard(c))
    precautions = tuple(c for c in codes if not is_hazard(c))
    word = inp.signal_word
    if word is None:
        word = expected_signal_word(hazards)
    else:
        check_signal_word(word, hazards)
    return PreparedProduct(
        name=name, supplier=" ".join(inp.supplier.split()), components=tuple(components),
        hazard_codes=hazards, precautionary_codes=precautions, signal_word=word,
        pictograms=tuple(pictograms_for(hazards)),
        exposure_register=triggers_exposure_register(hazards),
        sds_url=inp.sds_url.strip(), notes=inp.notes.strip())


# -- reading -------------------------------------------------------------------------------

def _components(conn: sqlite3.Connection, product_id: int) -> tuple[Component, ...]:
    return tuple(Component(r["cas"], r["name"], r["concentration"]) for r in conn.execute(
        "SELECT cas, name, concentration FROM chemical_component WHERE product_id = ? "
        "ORDER BY position", (product_id,)))


def _codes(conn: sqlite3.Connection, product_id: int, kind: str) -> tuple[str, ...]:
    return tuple(r[0] for r in conn.execute(
        "SELECT code FROM chemical_statement WHERE product_id = ? AND kind = ? "
        "ORDER BY position", (product_id, kind)))


def sds_info(row: sqlite3.Row) -> SdsInfo:
    return SdsInfo(row["id"], row["product_id"], row["sha256"], row["extension"],
                   row["original_name"], row["url"], to_date(row["revised_on"]),
                   row["language"], row["added_at"], row["added_by"])


def current_sds(conn: sqlite3.Connection, product_id: int) -> SdsInfo | None:
    row = conn.execute("SELECT * FROM chemical_sds WHERE product_id = ? ORDER BY id DESC "
                       "LIMIT 1", (product_id,)).fetchone()
    return sds_info(row) if row else None


def _product(conn: sqlite3.Connection, row: sqlite3.Row) -> Product:
    pid = int(row["id"])
    return Product(
        id=pid, name=row["name"], supplier=row["supplier"], components=_components(conn, pid),
        hazard_codes=_codes(conn, pid, "H"), precautionary_codes=_codes(conn, pid, "P"),
        signal_word=SignalWord(row["signal_word"]) if row["signal_word"] else None,
        pictograms=tuple(p for p in row["pictograms"].split(",") if p),
        exposure_register=bool(row["exposure_register"]), sds_url=row["sds_url"],
        notes=row["notes"], sds=current_sds(conn, pid), created_at=row["created_at"],
        updated_at=row["updated_at"])


def get_product(conn: sqlite3.Connection, product_id: int) -> Product | None:
    row = conn.execute("SELECT * FROM chemical_product WHERE id = ?", (product_id,)).fetchone()
    return _product(conn, row) if row else None


def require_product(conn: sqlite3.Connection, product_id: int) -> Product:
    product = get_product(conn, product_id)
    if product is None:
        raise ValidationError("chemical.no_such_id", "product", product_id=product_id)
    return product


def find_product(conn: sqlite3.Connection, name: str, supplier: str = "") -> Product | None:
    row = conn.execute("SELECT * FROM chemical_product WHERE name = ? AND supplier = ?",
                       (" ".join(name.split()), " ".join(supplier.split()))).fetchone()
    return _product(conn, row) if row else None


def list_products(conn: sqlite3.Connection, text: str = "", *, limit: int = 50,
                  offset: int = 0, cmr_only: bool = False) -> list[Product]:
    """Products whose name, supplier, CAS numbers or H codes hold every word of ``text``."""
    clauses, params = like_clauses("search_text", text)
    if cmr_only:
        clauses.append("exposure_register = 1")
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = conn.execute(f"SELECT * FROM chemical_product{where} ORDER BY name, supplier, id "
                        "LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return [_product(conn, r) for r in rows]


def product_codes(conn: sqlite3.Connection, product_id: int) -> tuple[str, ...]:
    """The product's H and EUH codes (what the exposure and segregation rules read)."""
    return _codes(conn, product_id, "H")


# -- writing -------------------------------------------------------------------------------

def _write_parts(conn: sqlite3.Connection, items: Sequence[tuple[int, PreparedProduct]]) -> None:
    ids = [(pid,) for pid, _ in items]
    conn.executemany("DELETE FROM chemical_component WHERE product_id = ?", ids)
    conn.executemany("DELETE FROM chemical_statement WHERE product_id = ?", ids)
    conn.executemany(
        "INSERT INTO chemical_component (product_id, position, cas, name, concentration) "
        "VALUES (?, ?, ?, ?, ?)",
        [(pid, i, c.cas, c.name, c.concentration)
         for pid, p in items for i, c in enumerate(p.components)])
    conn.executemany(
        "INSERT INTO chemical_statement (product_id, position, kind, code) VALUES (?, ?, ?, ?)",
        [(pid, i, kind, code) for pid, p in items
         for i, (kind, code) in enumerate([*(("H", c) for c in p.hazard_codes),
                                           *(("P", c) for c in p.precautionary_codes)])])


def _audit_details(p: PreparedProduct) -> dict[str, object]:
    return {"name": p.name, "supplier": p.supplier, "cas": [c.cas for c in p.components],
            "statements": [*p.hazard_codes, *p.precautionary_codes],
            "signal_word": p.signal_word.value if p.signal_word else "",
            "sds_url": p.sds_url, "notes": p.notes}


def save_product(conn: sqlite3.Connection, inp: ProductInput, product_id: int | None = None,
                 *, actor: str) -> int:
    """Create (``product_id`` None) or update a product, all or nothing, audited.

    A new product on a taken name + supplier, or an edit onto another product's, is refused
    (``chemical.exists``). The product's holdings get its new search text.
    """
    prepared = prepare_product(inp)
    with atomic(conn):
        clash = conn.execute("SELECT id FROM chemical_product WHERE name = ? AND supplier = ?",
                             (prepared.name, prepared.supplier)).fetchone()
        if clash is not None and clash[0] != product_id:
            raise ValidationError("chemical.exists", "name", name=prepared.name,
                                  supplier=prepared.supplier)
        if product_id is None:
            cur = conn.execute(
                "INSERT INTO chemical_product (name, supplier, signal_word, pictograms, "
                "exposure_register, sds_url, notes, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                prepared.row())
            product_id = int(cur.lastrowid or 0)
            action = "create"
        else:
            cur = conn.execute(
                "UPDATE chemical_product SET name = ?, supplier = ?, signal_word = ?, "
                "pictograms = ?, exposure_register = ?, sds_url = ?, notes = ?, search_text = ?, "
                f"updated_at = {NOW_SQL} WHERE id = ?", (*prepared.row(), product_id))
            if cur.rowcount == 0:
                raise ValidationError("chemical.no_such_id", "product", product_id=product_id)
            action = "update"
        _write_parts(conn, [(product_id, prepared)])
        holdings_search.refresh(conn, product_ids=[product_id])
        audit.record(conn, actor, PRODUCT, product_id, action, _audit_details(prepared))
    return product_id


def upsert_products(conn: sqlite3.Connection, items: Sequence[PreparedProduct], *,
                    actor: str) -> list[int]:
    """Insert or update many products on their natural key; their ids in ``items``' order.

    For an import: executemany throughout; a product named twice keeps its first spelling
    and its last values (a product already stored keeps its spelling). An
    SDS URL or notes left empty keep what the product has. One audit entry for the batch
    (with the count); a product whose values changed gets its holdings' search text renewed.
    """
    if not items:
        return []
    last: dict[tuple[str, str], PreparedProduct] = {}
    for p in items:   # the first spelling of the name, the last values
        first = last.get(p.key)
        last[p.key] = p if first is None else replace(p, name=first.name,
                                                      supplier=first.supplier)
    with atomic(conn):
        before = {(nocase(r[1]), nocase(r[2])): r[3] for r in conn.execute(
            "SELECT id, name, supplier, search_text FROM chemical_product")}
        cur = conn.executemany(
            "INSERT INTO chemical_product (name, supplier, signal_word, pictograms, "
            "exposure_register, sds_url, notes, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (name, supplier) DO UPDATE SET signal_word = excluded.signal_word, "
            "pictograms = excluded.pictograms, exposure_register = excluded.exposure_register, "
            "sds_url = CASE WHEN excluded.sds_url <> '' THEN excluded.sds_url ELSE sds_url END, "
            "notes = CASE WHEN excluded.notes <> '' THEN excluded.notes ELSE notes END, "
            f"search_text = excluded.search_text, updated_at = {NOW_SQL} "
            "WHERE signal_word IS NOT excluded.signal_word "
            "OR pictograms IS NOT excluded.pictograms "
            "OR exposure_register IS NOT excluded.exposure_register "
            "OR (excluded.sds_url <> '' AND sds_url IS NOT excluded.sds_url) "
            "OR (excluded.notes <> '' AND notes IS NOT excluded.notes) "
            "OR search_text IS NOT excluded.search_text",
            [p.row() for p in last.values()])
        changed_count = cur.rowcount
        ids = {(nocase(r[1]), nocase(r[2])): int(r[0]) for r in conn.execute(
            "SELECT id, name, supplier FROM chemical_product")}
        parts = [(ids[key], p) for key, p in last.items()]
        current = _current_parts(conn, [pid for pid, _ in parts])
        stale = [(pid, p) for pid, p in parts if current.get(pid) != _parts_of(p)]
        _write_parts(conn, stale)
        renewed = [ids[key] for key, p in last.items() if before.get(key) != p.search_text
                   and key in before]
        if renewed:
            holdings_search.refresh(conn, product_ids=renewed)
        if changed_count > 0 or stale:
            audit.record(conn, actor, PRODUCT, None, "import",
                         {"products": len(last), "changed": max(changed_count, len(stale))})
    return [ids[p.key] for p in items]


_Parts = tuple[tuple[tuple[str, str, str], ...], tuple[str, ...]]


def _parts_of(p: PreparedProduct) -> _Parts:
    return (tuple((c.cas, c.name, c.concentration) for c in p.components),
            (*p.hazard_codes, *p.precautionary_codes))


def _current_parts(conn: sqlite3.Connection, product_ids: list[int]) -> dict[int, _Parts]:
    comps: dict[int, list[tuple[str, str, str]]] = {}
    codes: dict[int, list[str]] = {}
    wanted = set(product_ids)
    for r in conn.execute("SELECT product_id, cas, name, concentration FROM chemical_component "
                          "ORDER BY product_id, position"):
        if r[0] in wanted:
            comps.setdefault(r[0], []).append((r[1], r[2], r[3]))
    for r in conn.execute("SELECT product_id, code FROM chemical_statement "
                          "ORDER BY product_id, kind, position"):
        if r[0] in wanted:
            codes.setdefault(r[0], []).append(r[1])
    return {pid: (tuple(comps.get(pid, ())), tuple(codes.get(pid, ()))) for pid in wanted}
