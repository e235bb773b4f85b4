"""Rebuilding a database from an open archive (``vernetool restore --db NEW FILE.zip``).

Every file is checked against the manifest's SHA-256 first. The new database is built in a
temporary file beside the target: the schema at the archive's version, every table loaded
from its JSON (the types as they were; the CSV is for people), the counters of
AUTOINCREMENT, the full-text index rebuilt; then migrated to this vernetool's schema and
renamed into place. Nothing is written at the target unless all of it worked.

Identity numbers: an archive made without them holds only the masked numbers, so the new
database has the masked number and no encrypted one — the numbers do not come back (enter
them again, or restore from a backup of the database file). An archive made with them has
them in clear: they are sealed again in the new database's vault when one can be set up
(``VERNETOOL_PASSPHRASE``: not the OS keyring, whose entry for this database id is the
original's); otherwise they are left out and counted.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import sqlite3
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vernetool.db import archive as rows_db
from vernetool.db.connection import atomic, connect
from vernetool.db.migrations import build_schema, latest_version, migrate
from vernetool.domain.errors import ValidationError

log = logging.getLogger(__name__)

_CHUNK = 1 << 20


class ArchiveRefused(ValidationError):
    """The archive cannot be restored (not an archive, damaged, newer, target exists)."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code, "archive", **params)


@dataclass
class RestoreSummary:
    path: Path
    tables: dict[str, int] = field(default_factory=dict)
    identity_numbers: int = 0          # sealed again in the new vault
    identity_not_restored: int = 0     # in clear in the archive, but no vault to seal them
    migrated_from: int = 0

    def to_data(self) -> dict[str, Any]:
        return {"database": str(self.path), "tables": len(self.tables),
                "rows": sum(self.tables.values()), "identity_numbers": self.identity_numbers,
                "identity_not_restored": self.identity_not_restored,
                "migrated_from": self.migrated_from}


def is_archive(path: Path) -> bool:
    """A zip with a manifest of our archive schema (a backup is an SQLite file)."""
    if not zipfile.is_zipfile(path):
        return False
    try:
        with zipfile.ZipFile(path) as zf:
            return "manifest.json" in zf.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def read_manifest(zf: zipfile.ZipFile, name: str) -> dict[str, Any]:
    from vernetool.services.exchange.archive import SCHEMA

    try:
        manifest = json.loads(zf.read("manifest.json"))
    except (KeyError, ValueError):
        raise ArchiveRefused("archive.not_archive", path=name) from None
    if not isinstance(manifest, dict) or manifest.get("schema") != SCHEMA:
        raise ArchiveRefused("archive.not_archive", path=name)
    return manifest


def verify(zf: zipfile.ZipFile, manifest: dict[str, Any], name: str) -> None:
    """Every file the manifest lists is there with its SHA-256 (``archive.damaged``)."""
    for entry in manifest.get("files", []):
        sha = hashlib.sha256()
        try:
            with zf.open(str(entry["path"])) as fh:
                while chunk := fh.read(_CHUNK):
                    sha.update(chunk)
        except (KeyError, zipfile.BadZipFile, OSError):
            raise ArchiveRefused("archive.damaged", path=name, file=str(entry["path"])) \
                from None
        if sha.hexdigest() != entry.get("sha256"):
            raise ArchiveRefused("archive.damaged", path=name, file=str(entry["path"]))


def restore_archive(source: Path, target: Path) -> RestoreSummary:
    if target.exists():
        raise ArchiveRefused("archive.target_exists", path=str(target))
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        raise ArchiveRefused("archive.not_archive", path=str(source)) from None
    with zf:
        manifest = read_manifest(zf, str(source))
        verify(zf, manifest, str(source))
        version = int(manifest.get("schema_version") or 0)
        if version > latest_version():
            raise ArchiveRefused("archive.newer", path=str(source), version=version)
        partial = target.with_name(f".{target.name}.restoring")
        _remove(partial)
        try:
            conn = connect(partial)
            try:
                summary = _load(conn, zf, manifest, version, target, str(source))
                summary.migrated_from = version
                migrate(conn)
                summary.identity_numbers, summary.identity_not_restored = \
                    _seal_numbers(conn, zf, manifest)
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
            os.replace(partial, target)
        finally:
            _remove(partial)
    return summary


def _load(conn: sqlite3.Connection, zf: zipfile.ZipFile, manifest: dict[str, Any],
          version: int, target: Path, name: str) -> RestoreSummary:
    summary = RestoreSummary(target)
    build_schema(conn, version)
    archived = manifest.get("tables") or {}
    conn.execute("PRAGMA foreign_keys = OFF")  # rows come table by table; checked at the end
    conn.execute("BEGIN IMMEDIATE")
    try:
        known = set(rows_db.table_names(conn))
        unknown = sorted(set(archived) - known)
        if unknown:
            raise ArchiveRefused("archive.unknown_table", path=name, table=unknown[0])
        triggers = rows_db.drop_triggers(conn)
        rows_db.clear(conn, known)
        for table in sorted(archived):
            summary.tables[table] = _load_table(conn, zf, table, name)
        counters = json.loads(zf.read("data/sqlite_sequence.json")) \
            if "data/sqlite_sequence.json" in zf.namelist() else []
        rows_db.set_sequences(conn, [(str(c["name"]), int(c["seq"])) for c in counters])
        rows_db.create_all(conn, triggers)
        rows_db.rebuild_full_text(conn)
        if rows_db.foreign_key_problems(conn):
            raise ArchiveRefused("archive.broken_references", path=name)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return summary


def _load_table(conn: sqlite3.Connection, zf: zipfile.ZipFile, table: str, name: str) -> int:
    from vernetool.services.exchange.archive import IDENTITY_COLUMN

    try:
        records = json.loads(zf.read(f"data/{table}.json"))
    except (KeyError, ValueError):
        raise ArchiveRefused("archive.damaged", path=name, file=f"data/{table}.json") from None
    if not records:
        return 0
    have = {c.name for c in rows_db.describe(conn, table).columns}
    columns = [c for c in records[0] if c in have and c != IDENTITY_COLUMN]
    rows_db.insert_rows(conn, table, columns,
                        ([_value(r.get(c)) for c in columns] for r in records))
    return len(records)


def _value(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"base64"}:
        return base64.b64decode(value["base64"])
    return value


def _seal_numbers(conn: sqlite3.Connection, zf: zipfile.ZipFile,
                  manifest: dict[str, Any]) -> tuple[int, int]:
    """Seal the numbers an archive holds in clear with the new database's vault."""
    from vernetool.services.exchange.archive import IDENTITY_COLUMN

    if not manifest.get("include_identity"):
        return 0, 0
    found: dict[str, list[tuple[int, str]]] = {}
    for table in manifest.get("tables") or {}:
        records = json.loads(zf.read(f"data/{table}.json"))
        numbers = [(int(r["id"]), str(r[IDENTITY_COLUMN])) for r in records
                   if r.get(IDENTITY_COLUMN)]
        if numbers:
            found[table] = numbers
    total = sum(len(v) for v in found.values())
    if not total:
        return 0, 0
    vault = _new_vault(conn)
    if vault is None:
        log.warning("%d identity numbers not restored: no vault could be set up", total)
        return 0, total
    with atomic(conn):
        for table, numbers in found.items():
            for row_id, number in numbers:
                sealed = vault.seal(number)
                rows_db.set_identity(conn, table, row_id, sealed.cipher, sealed.masked,
                                     sealed.index)
    return total, 0


def _new_vault(conn: sqlite3.Connection) -> Any:
    from vernetool.security.identity_vault import ENV_PASSPHRASE, IdentityVault, VaultError
    from vernetool.services.exchange.archive import _Meta

    vault = IdentityVault()
    meta = _Meta(conn)
    passphrase = os.environ.get(ENV_PASSPHRASE)
    if not passphrase:  # not the OS keyring: its entry is the original database's (same id)
        return None
    try:
        with atomic(conn):
            vault.set_up(meta, passphrase)
    except VaultError as exc:
        log.info("no vault for the restored numbers: %s", exc.code)
        return None
    return vault


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
