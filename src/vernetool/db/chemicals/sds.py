"""Safety data sheets: rows of ``chemical_sds`` (the file itself is content-addressed in the
data folder by ``vernetool.attachments``). The newest row is the product's current sheet;
older ones stay as its history."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

from vernetool.attachments import StoredFile
from vernetool.db import audit
from vernetool.db.chemicals.common import SDS, iso
from vernetool.db.chemicals.products import current_sds, require_product, sds_info
from vernetool.db.connection import atomic
from vernetool.domain.chemicals.model import SdsInfo
from vernetool.domain.errors import ValidationError

LANGUAGES = ("", "nb", "nn", "en", "sv", "da", "de", "other")

__all__ = ["LANGUAGES", "add_linked_sheets", "add_sds", "current_sds", "get_sds",
           "sds_history"]


def add_sds(conn: sqlite3.Connection, product_id: int, *, stored: StoredFile | None = None,
            url: str = "", revised_on: dt.date | None = None, language: str = "",
            actor: str) -> int:
    """A new current sheet for the product (a file, a URL or both); the old one stays.

    The same file and date as the current sheet adds nothing (re-import); returns the id of
    the current sheet.
    """
    from vernetool.domain.chemicals.sds import normalise_language

    language = normalise_language(language)     # "Norsk" → nb; anything unknown → other
    url = url.strip()
    if stored is None and not url:
        raise ValidationError("sds.missing", "sds")
    with atomic(conn):
        require_product(conn, product_id)
        current = current_sds(conn, product_id)
        sha = stored.sha256 if stored else None
        if current is not None and (current.sha256, current.url, current.revised_on,
                                    current.language) == (sha, url, revised_on, language):
            return current.id
        cur = conn.execute(
            "INSERT INTO chemical_sds (product_id, sha256, extension, original_name, url, "
            "revised_on, language, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (product_id, sha, stored.extension if stored else "",
             stored.original_name if stored else "", url, iso(revised_on), language, actor))
        sds_id = int(cur.lastrowid or 0)
        audit.record(conn, actor, SDS, sds_id, "create",
                     {"product_id": product_id, "sha256": sha, "url": url,
                      "name": stored.original_name if stored else "",
                      "revised_on": iso(revised_on), "language": language})
    return sds_id


def add_linked_sheets(conn: sqlite3.Connection,
                      items: Sequence[tuple[int, str, dt.date | None, str]], *,
                      actor: str) -> int:
    """``add_sds`` for many linked sheets at once (an import): (product id, URL or file name,
    revised on, language) each. A sheet the same as its product's current one adds nothing;
    one audit entry for the batch; how many were added."""
    from vernetool.domain.chemicals.sds import normalise_language

    rows: list[tuple[int, str, str | None, str, str]] = []
    for product_id, url, revised_on, language in items:
        url = url.strip()
        if not url:
            raise ValidationError("sds.missing", "sds")
        rows.append((product_id, url, iso(revised_on), normalise_language(language), actor))
    if not rows:
        return 0
    with atomic(conn):
        known = {int(r[0]) for r in conn.execute("SELECT id FROM chemical_product")}
        current = {int(r[0]): (r[1], r[2], r[3], r[4]) for r in conn.execute(
            "SELECT s.product_id, s.sha256, s.url, s.revised_on, s.language "
            "FROM chemical_sds s WHERE s.id = (SELECT max(id) FROM chemical_sds t "
            "WHERE t.product_id = s.product_id)")}
        added: list[tuple[int, str, str | None, str, str]] = []
        for row in rows:
            if row[0] not in known:
                raise ValidationError("chemical.no_such_id", "product", product_id=row[0])
            if current.get(row[0]) != (None, *row[1:4]):
                added.append(row)
                current[row[0]] = (None, *row[1:4])
        conn.executemany("INSERT INTO chemical_sds (product_id, url, revised_on, language, "
                         "added_by) VALUES (?, ?, ?, ?, ?)", added)
        if added:
            audit.record(conn, actor, SDS, None, "import",
                         {"sheets": len(added),
                          "products": sorted({row[0] for row in added})})
    return len(added)


def get_sds(conn: sqlite3.Connection, sds_id: int) -> SdsInfo | None:
    row = conn.execute("SELECT * FROM chemical_sds WHERE id = ?", (sds_id,)).fetchone()
    return sds_info(row) if row else None


def sds_history(conn: sqlite3.Connection, product_id: int) -> list[SdsInfo]:
    """The product's sheets, newest first."""
    return [sds_info(r) for r in conn.execute(
        "SELECT * FROM chemical_sds WHERE product_id = ? ORDER BY id DESC", (product_id,))]


def current_sheets(conn: sqlite3.Connection) -> dict[int, SdsInfo]:
    """Every product's current sheet, by product id (the register's SDS checks)."""
    rows = conn.execute("SELECT s.* FROM chemical_sds s WHERE s.id = (SELECT max(id) FROM "
                        "chemical_sds t WHERE t.product_id = s.product_id)").fetchall()
    return {int(r["product_id"]): sds_info(r) for r in rows}
