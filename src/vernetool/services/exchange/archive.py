"""The open archive (``vernetool archive``, File → Archive): everything in the database as
documented JSON and CSV with a schema, XLSX for people, the PDFs and the stored files, and a
manifest with the SHA-256 of each — enough to rebuild the database (``restore``).

Identity numbers: the cipher and the keyed index are never written, nor the vault's wrapped
keys; the masked number always is; the number in clear only with ``include_identity`` (one
``identity_number`` column more, the reveal recorded in the audit trail).

Read on a connection of its own inside one read transaction (one consistent snapshot), so
it runs off the GUI thread; written to a temporary file renamed into place at the end, so a
cancel or a failure leaves no half archive.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import io
import json
import logging
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from vernetool.db import archive as rows_db
from vernetool.db.connection import atomic, connect
from vernetool.db.errors import known_errors
from vernetool.services.store import Store

if TYPE_CHECKING:
    import sqlite3

    from vernetool.security.identity_vault import IdentityVault
    from vernetool.services.exchange.archive_restore import RestoreSummary

log = logging.getLogger(__name__)

SCHEMA = "vernetool.archive/1"
SCHEMA_OF_SCHEMA = "vernetool.archive-schema/1"
#: columns derived from an identity number under the vault's key: never archived
SECRET_COLUMNS = frozenset({"identity_cipher", "identity_index"})
#: app_meta keys of the identity vault (its wrapped keys): never archived
SECRET_META_PREFIX = "identity."
IDENTITY_COLUMN = "identity_number"
#: the canonical exports written as workbooks for people (xlsx/<kind>.xlsx)
PEOPLE_WORKBOOKS = ("rooms", "persons", "deviations", "chemicals", "exposure", "sources",
                    "agents", "workers")
_IDENTITY_KINDS = frozenset({"exposure", "workers"})
#: the PDFs are renderings of the data (``vernetool report`` makes any of them again from a
#: rebuilt database): those of this year and the two before, so a university's ten years of
#: rounds do not make the archive take minutes
REPORT_YEARS = 3
_CANCEL_EVERY = 2000      # rows between two looks at cancel()
_STORED = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".zip", ".xlsx",
                     ".docx", ".pdf"})   # compressed already: stored as they are

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


class ArchiveCancelled(Exception):
    """``cancel()`` said so: nothing was written."""


@dataclass
class ArchiveSummary:
    path: Path
    tables: dict[str, int] = field(default_factory=dict)
    files: int = 0
    bytes: int = 0
    identity_numbers: int = 0
    missing_files: list[str] = field(default_factory=list)

    def to_data(self) -> dict[str, Any]:
        return {"archive": str(self.path), "tables": len(self.tables),
                "rows": sum(self.tables.values()), "files": self.files, "bytes": self.bytes,
                "identity_numbers": self.identity_numbers,
                "missing_files": self.missing_files}


class _Meta:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, key: str) -> str | None:
        from vernetool.db.meta import get_meta

        return get_meta(self.conn, key)

    def set(self, key: str, value: str) -> None:
        from vernetool.db.meta import set_meta

        set_meta(self.conn, key, value)


class _Hashing(io.RawIOBase):
    """A write-only stream that passes bytes on and keeps their SHA-256 and count."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.sha = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.target.write(chunk)
        self.sha.update(chunk)
        self.size += len(chunk)
        return len(chunk)


class ArchiveService:
    def __init__(self, store: Store, vault: Callable[[], IdentityVault] | None = None) -> None:
        self.store = store
        self._vault_of = vault

    def write(self, path: Path | str, include_identity: bool = False,
              progress: ProgressFn | None = None, cancel: CancelFn | None = None,
              lang: str = "nb", today: dt.date | None = None) -> ArchiveSummary:
        """Write the archive to ``path`` (atomically); ``ArchiveCancelled`` when ``cancel()``
        said so, a ``VaultError`` when identity numbers are asked for and the vault cannot
        be opened."""
        from vernetool.exchange.writers import atomic_path

        out = Path(path)
        vault = self._open_vault() if include_identity else None
        job = _Writer(self.store, vault, progress, cancel, lang)
        job.since_year = (today or dt.date.today()).year - REPORT_YEARS + 1
        with atomic_path(out) as temp:
            summary = job.run(temp, out)
        if include_identity:  # a connection of its own: this may run off the GUI thread
            from vernetool.db import audit

            conn = connect(self.store.db_path)
            try:
                with known_errors(), atomic(conn):
                    audit.record(conn, self.store.actor, "archive", None, "export_identity",
                                 {"file": out.name, "numbers": summary.identity_numbers})
            finally:
                conn.close()
        log.info("archive %s: %s", out, summary.to_data())
        return summary

    def restore(self, archive_path: Path | str, db_path: Path | str) -> RestoreSummary:
        """Rebuild a new database at ``db_path`` (which must not exist) from an archive."""
        from vernetool.services.exchange.archive_restore import restore_archive

        return restore_archive(Path(archive_path), Path(db_path))

    def _open_vault(self) -> IdentityVault:
        from vernetool.security.identity_vault import IdentityVault

        vault = self._vault_of() if self._vault_of is not None else IdentityVault()
        conn = connect(self.store.db_path)
        try:
            with known_errors():
                meta = _Meta(conn)
                if vault.is_set_up(meta):  # no vault: no sealed numbers to reveal
                    with atomic(conn):
                        vault.ensure_open(meta)
        finally:
            conn.close()
        return vault


class _Writer:
    """One archive being written (all state of one run)."""

    def __init__(self, store: Store, vault: IdentityVault | None,
                 progress: ProgressFn | None, cancel: CancelFn | None, lang: str) -> None:
        self.store = store
        self.vault = vault
        self.progress = progress or (lambda done, total: None)
        self.cancel = cancel or (lambda: False)
        self.lang = lang
        self.entries: list[dict[str, Any]] = []
        self.done = 0
        self.total = 1
        self.since_year = dt.date.today().year - REPORT_YEARS + 1

    def step(self, count: int = 1) -> None:
        if self.cancel():
            raise ArchiveCancelled
        self.done += count
        self.progress(min(self.done, self.total), self.total)

    def run(self, temp: Path, out: Path) -> ArchiveSummary:
        summary = ArchiveSummary(out)
        with self.store.reader() as conn, zipfile.ZipFile(
                temp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            conn.execute("BEGIN")  # one snapshot for every table
            try:
                names = rows_db.table_names(conn)
                tables = [rows_db.describe(conn, n) for n in names]
                counts = {t.name: rows_db.row_count(conn, t.name) for t in tables}
                rounds = _report_rounds(conn, self.since_year)
                years = [y for y in _deviation_years(conn) if y >= self.since_year]
                stored = _stored_files(conn)
                self.total = (sum(counts.values()) + len(PEOPLE_WORKBOOKS) * 500
                              + (len(rounds) + len(years)) * 300 + len(stored) * 20 + 10)
                for table in tables:
                    summary.tables[table.name] = self._table(zf, conn, table, summary)
                self._schema(zf, conn, tables, summary.tables)
                self._files(zf, stored, summary)
                self._workbooks(zf, conn)
                self._reports(zf, conn, rounds, years)
                database_id = _meta(conn, "database_id")
                version = rows_db.schema_version(conn)
                sequences = rows_db.sequences(conn)
            finally:
                conn.execute("ROLLBACK")
            self._text(zf, "data/sqlite_sequence.json",
                       _json_rows(["name", "seq"], sequences), rows=len(sequences))
            self._readme(zf, database_id, version)
            manifest = {
                "schema": SCHEMA, "created_at": _now(), "app_version": _app_version(),
                "database_id": database_id, "schema_version": version,
                "include_identity": self.vault is not None,
                "withheld": [*sorted(SECRET_COLUMNS), SECRET_META_PREFIX + "*"],
                "tables": summary.tables, "files": self.entries}
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
            self.step()
        summary.files = len(self.entries) + 1
        summary.bytes = temp.stat().st_size
        return summary

    # -- the tables ----------------------------------------------------------------------------
    def _table(self, zf: zipfile.ZipFile, conn: sqlite3.Connection, table: rows_db.Table,
               summary: ArchiveSummary) -> int:
        columns = [c.name for c in table.columns if c.name not in SECRET_COLUMNS]
        cipher = "identity_cipher" in {c.name for c in table.columns}
        reveal = cipher and self.vault is not None
        read = columns + (["identity_cipher"] if reveal else [])
        written = columns + ([IDENTITY_COLUMN] if reveal else [])
        count = 0
        # one zip member is written at a time: the CSV waits in a spooled file meanwhile
        with tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024) as spool:
            text = io.TextIOWrapper(spool, encoding="utf-8-sig", newline="")
            writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
            writer.writerow(written)
            with self._member(zf, f"data/{table.name}.json") as js:
                js.write(b"[")
                for row in rows_db.rows(conn, table, read):
                    values = list(row)
                    if table.name == "app_meta" \
                            and str(values[0]).startswith(SECRET_META_PREFIX):
                        continue
                    if reveal:
                        values.append(self._reveal(values.pop(), summary))
                    record = {c: _json_value(v) for c, v in zip(written, values, strict=True)}
                    js.write((",\n" if count else "\n").encode()
                             + json.dumps(record, ensure_ascii=False).encode())
                    writer.writerow([_csv_value(v) for v in values])
                    count += 1
                    if count % _CANCEL_EVERY == 0:
                        self.step(_CANCEL_EVERY)
                js.write(b"\n]\n")
            text.flush()
            text.detach()
            spool.seek(0)
            with self._member(zf, f"data/{table.name}.csv") as cs:
                while chunk := spool.read(1 << 20):
                    cs.write(chunk)
        self.step(count % _CANCEL_EVERY)
        self.entries[-2]["rows"] = self.entries[-1]["rows"] = count
        return count

    def _reveal(self, sealed: Any, summary: ArchiveSummary) -> str | None:
        if sealed is None or self.vault is None:
            return None
        summary.identity_numbers += 1
        return self.vault.open(bytes(sealed))

    @contextmanager
    def _member(self, zf: zipfile.ZipFile, name: str,
                compress: int = zipfile.ZIP_DEFLATED) -> Iterator[_Hashing]:
        info = zipfile.ZipInfo(name, date_time=dt.datetime.now().timetuple()[:6])
        info.compress_type = compress
        with zf.open(info, "w", force_zip64=True) as raw:
            hashing = _Hashing(raw)
            yield hashing
        self.entries.append({"path": name, "sha256": hashing.sha.hexdigest(),
                             "bytes": hashing.size})

    def _bytes(self, zf: zipfile.ZipFile, name: str, data: bytes, **extra: Any) -> None:
        compress = zipfile.ZIP_STORED if Path(name).suffix.lower() in _STORED \
            else zipfile.ZIP_DEFLATED
        with self._member(zf, name, compress) as member:
            member.write(data)
        self.entries[-1].update(extra)

    def _text(self, zf: zipfile.ZipFile, name: str, text: str, **extra: Any) -> None:
        self._bytes(zf, name, text.encode("utf-8"), **extra)

    # -- the schema ------------------------------------------------------------------------------
    def _schema(self, zf: zipfile.ZipFile, conn: sqlite3.Connection,
                tables: list[rows_db.Table], counts: dict[str, int]) -> None:
        statements = rows_db.create_statements(conn)
        version = rows_db.schema_version(conn)
        self._text(zf, "schema.sql", f"-- vernetool schema version {version}\n"
                   f"PRAGMA user_version = {version};\n"
                   + "".join(s.rstrip(";") + ";\n" for s in statements))
        descriptions = _descriptions()
        described: dict[str, Any] = {}
        for t in tables:
            columns = [{"name": c.name, "type": c.type, "not_null": c.not_null,
                        "default": c.default, "primary_key": c.primary_key > 0,
                        "archived": c.name not in SECRET_COLUMNS} for c in t.columns]
            if "identity_cipher" in {c.name for c in t.columns}:
                columns.append({"name": IDENTITY_COLUMN, "type": "TEXT", "not_null": False,
                                "default": None, "primary_key": False, "archived": True,
                                "note": "only in an archive made with identity numbers; "
                                        "not a column of the database"})
            described[t.name] = {
                "description": descriptions.get(t.name, ""),
                "rows": counts.get(t.name, 0),
                "primary_key": list(t.primary_key) or ["rowid"],
                "columns": columns,
                "foreign_keys": [{"columns": list(f.columns), "table": f.table,
                                  "references": list(f.references), "on_delete": f.on_delete}
                                 for f in t.foreign_keys],
                "unique": [list(u) for u in t.unique],
                "files": [f"data/{t.name}.json", f"data/{t.name}.csv"]}
        data = {"schema": SCHEMA_OF_SCHEMA, "schema_version": version,
                "json": "data/<table>.json: a list of objects, one per row, keyed by column; "
                        "null for an empty field; a binary value as {\"base64\": text}",
                "csv": "data/<table>.csv: UTF-8 with BOM, ';' separated, decimal comma, "
                       "CRLF; text that could run as a formula starts with an apostrophe",
                "withheld": {"columns": sorted(SECRET_COLUMNS),
                             "app_meta_keys": SECRET_META_PREFIX + "*",
                             "why": "identity numbers encrypted under this database's key, "
                                    "and the key itself: never archived"},
                "tables": described}
        self._text(zf, "schema.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        self.step()

    # -- stored files ------------------------------------------------------------------------------
    def _files(self, zf: zipfile.ZipFile, stored: list[tuple[str, str, str, int]],
               summary: ArchiveSummary) -> None:
        from vernetool.attachments import path_for

        index = io.StringIO()
        writer = csv.writer(index, delimiter=";", lineterminator="\r\n")
        writer.writerow(["file", "sha256", "original_name", "bytes", "present"])
        for sha, ext, original, size in stored:
            name = f"files/{sha}{ext}"
            try:
                data = path_for(self.store.data_dir, sha, ext).read_bytes()
            except (OSError, ValueError):
                summary.missing_files.append(name)
                writer.writerow([name, sha, _csv_value(original), size, "no"])
                continue
            self._bytes(zf, name, data)
            writer.writerow([name, sha, _csv_value(original), size, "yes"])
            self.step(20)
        self._text(zf, "files/index.csv", "\ufeff" + index.getvalue(), rows=len(stored))

    # -- workbooks and reports for people ---------------------------------------------------------
    def _workbooks(self, zf: zipfile.ZipFile, conn: sqlite3.Connection) -> None:
        from vernetool.exchange.registry import EXPORT_OPTIONS, EXPORTERS

        with tempfile.TemporaryDirectory(prefix="vernetool-archive-") as folder:
            for kind in PEOPLE_WORKBOOKS:
                out = Path(folder) / f"{kind}.xlsx"
                if kind in _IDENTITY_KINDS and self.vault is not None:
                    rows = self._identity_workbook(kind, out)
                else:
                    options: dict[str, Any] = {}
                    if "as_of" in EXPORT_OPTIONS.get(kind, frozenset()):
                        options["as_of"] = dt.date.today()
                    rows = int(EXPORTERS[kind](conn, out, "xlsx", include_personal_data=True,
                                               **options))
                self._bytes(zf, f"xlsx/{kind}.xlsx", out.read_bytes(), rows=rows)
                self.step(500)

    def _identity_workbook(self, kind: str, out: Path) -> int:
        """The exposure or workers register with the numbers in clear: the exporter reveals
        them itself, on a write connection (its own audit entry)."""
        from vernetool.exchange.registry import EXPORTERS

        conn = connect(self.store.db_path)
        try:
            with known_errors():
                return int(EXPORTERS[kind](conn, out, "xlsx", include_personal_data=True,
                                           include_identity=True, vault=self.vault,
                                           actor=self.store.actor))
        finally:
            conn.close()

    def _reports(self, zf: zipfile.ZipFile, conn: sqlite3.Connection,
                 rounds: list[tuple[int, str]], years: list[int]) -> None:
        from vernetool.exchange.action_plan_io import export_action_plan
        from vernetool.reports.deviation_report import write_deviation_report
        from vernetool.reports.round_report import write_round_report

        with tempfile.TemporaryDirectory(prefix="vernetool-archive-") as folder:
            for round_id, start in rounds:
                stem = f"reports/rounds/{start}-round-{round_id}"
                pdf = Path(folder) / f"round-{round_id}.pdf"
                write_round_report(conn, round_id, pdf, self.lang, self.store.data_dir)
                self._bytes(zf, f"{stem}.pdf", pdf.read_bytes())
                plan = Path(folder) / f"plan-{round_id}.xlsx"
                actions = export_action_plan(conn, round_id, plan, "xlsx", self.lang)
                self._bytes(zf, f"{stem}-action-plan.xlsx", plan.read_bytes(), rows=actions)
                self.step(300)
            for year in years:
                pdf = Path(folder) / f"deviations-{year}.pdf"
                write_deviation_report(conn, year, pdf, self.lang)
                self._bytes(zf, f"reports/deviations/deviations-{year}.pdf", pdf.read_bytes())
                self.step(300)

    def _readme(self, zf: zipfile.ZipFile, database_id: str | None, version: int) -> None:
        from vernetool.paths import resource_path

        template = resource_path("archive", "README.txt").read_text(encoding="utf-8")
        with_numbers = self.vault is not None
        text = template.format(
            created_at=_now(), database_id=database_id or "-", schema_version=version,
            identity_nb="i klartekst (identity_number)" if with_numbers else "bare maskert",
            identity_en="in clear (identity_number)" if with_numbers else "masked only")
        self._text(zf, "README.txt", text.replace("\n", "\r\n"))


# -- helpers ---------------------------------------------------------------------------------------

def _descriptions() -> dict[str, str]:
    from vernetool.paths import resource_path

    data = json.loads(resource_path("archive", "tables.json").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def _report_rounds(conn: sqlite3.Connection, since_year: int) -> list[tuple[int, str]]:
    return [(int(r[0]), str(r[1])) for r in conn.execute(
        "SELECT id, start_date FROM hse_round WHERE status IN ('completed', 'reported') "
        "AND start_date >= ? ORDER BY start_date, id", (f"{since_year:04d}-01-01",))]


def _deviation_years(conn: sqlite3.Connection) -> list[int]:
    return [int(r[0]) for r in conn.execute(
        "SELECT DISTINCT CAST(substr(reported_at, 1, 4) AS INTEGER) FROM deviation "
        "ORDER BY 1") if r[0]]


def _stored_files(conn: sqlite3.Connection) -> list[tuple[str, str, str, int]]:
    return [(str(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in conn.execute(
        "SELECT sha256, extension, original_name, size_bytes FROM attachment ORDER BY sha256")]


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    from vernetool.db.meta import get_meta

    return get_meta(conn, key)


def _json_rows(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    return json.dumps([dict(zip(columns, r, strict=True)) for r in rows],
                      ensure_ascii=False, indent=1) + "\n"


def _json_value(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _csv_value(value: Any) -> str:
    from vernetool.exchange.writers import cell_text

    if isinstance(value, bytes | bytearray | memoryview):
        return "base64:" + base64.b64encode(bytes(value)).decode("ascii")
    return cell_text(value, decimal_comma=True)


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _app_version() -> str:
    from vernetool import __version__

    return __version__
