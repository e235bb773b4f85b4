"""Safety data sheets: a file kept content-addressed in the data folder and/or a URL, with
its revision date and language. A newer sheet becomes the current one; the old ones stay."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from vernetool.attachments import AttachmentError, StoredFile, path_for, store_bytes, store_file
from vernetool.db.chemicals import sds as sds_rows
from vernetool.domain.chemicals.model import SdsInfo
from vernetool.domain.errors import ValidationError
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store

if TYPE_CHECKING:
    from vernetool.domain.chemicals.sds import SdsState


class SafetyDataSheetsService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def attach(self, product_id: int, file: Path, revised_on: dt.date | None = None,
               language: str = "", url: str = "") -> SdsInfo:
        """Store ``file`` (any name: only its content addresses it) as the product's current
        sheet; ``ValidationError`` when the file cannot be taken in."""
        try:
            stored = store_file(self.store.data_dir, file)
        except AttachmentError as exc:
            raise ValidationError(exc.code, "sds", **exc.params) from None
        return self._add(product_id, stored, url, revised_on, language)

    def attach_bytes(self, product_id: int, name: str, data: bytes,
                     revised_on: dt.date | None = None, language: str = "") -> SdsInfo:
        """``attach`` for content in memory (a dropped file, an import); ``name`` only gives
        the extension and the name shown."""
        safe = name.replace("\\", "/").rsplit("/", 1)[-1]
        try:
            stored = store_bytes(self.store.data_dir, data, safe)
        except AttachmentError as exc:
            raise ValidationError(exc.code, "sds", **exc.params) from None
        return self._add(product_id, stored, "", revised_on, language)

    def link(self, product_id: int, url: str, revised_on: dt.date | None = None,
             language: str = "") -> SdsInfo:
        """A sheet known only by its URL (the supplier's page)."""
        return self._add(product_id, None, url, revised_on, language)

    def _add(self, product_id: int, stored: StoredFile | None, url: str,
             revised_on: dt.date | None, language: str) -> SdsInfo:
        with self.store.write(Change(Topic.CHEMICALS, (product_id,))) as conn:
            sds_id = sds_rows.add_sds(conn, product_id, stored=stored, url=url,
                                      revised_on=revised_on, language=language,
                                      actor=self.store.actor)
            found = sds_rows.get_sds(conn, sds_id)
        assert found is not None
        return found

    def current(self, product_id: int) -> SdsInfo | None:
        with self.store.read() as conn:
            return sds_rows.current_sds(conn, product_id)

    def history(self, product_id: int) -> list[SdsInfo]:
        """Every sheet the product had, newest (the current one) first."""
        with self.store.read() as conn:
            return sds_rows.sds_history(conn, product_id)

    def get(self, sds_id: int) -> SdsInfo:
        with self.store.read() as conn:
            found = sds_rows.get_sds(conn, sds_id)
        if found is None:
            raise ValidationError("sds.no_such_id", "sds", sds_id=sds_id)
        return found

    def file_path(self, sds_id: int) -> Path:
        """Where the sheet's file is (to open the PDF); ``sds.no_file`` for a URL-only one."""
        info = self.get(sds_id)
        if info.sha256 is None:
            raise ValidationError("sds.no_file", "sds", sds_id=sds_id)
        return path_for(self.store.data_dir, info.sha256, info.extension)

    def states(self, product_id: int, today: dt.date | None = None) -> frozenset[SdsState]:
        """The current sheet's problems: missing, old (past the configured age), language."""
        from vernetool.domain.chemicals.sds import sds_states
        from vernetool.services.chemicals.products import ChemicalsService

        current = self.current(product_id)
        return sds_states(current is not None, current.revised_on if current else None,
                          current.language if current else "", today or dt.date.today(),
                          ChemicalsService(self.store).sds_max_age_years())
