"""The exposure register (§31-1): entries for products whose codes call for it, identity
numbers sealed by the identity vault, reveals audited, deletion refused before retention.

The vault (``vernetool.security.identity_vault``) keeps its wrapped key in ``app_meta``; this
service hands it the table through ``_Meta`` inside its own transactions. Nothing here puts
an identity number into the audit trail, a log line or an error.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace

from vernetool.db.chemicals import exposure as exposure_rows
from vernetool.db.chemicals import products as product_rows
from vernetool.db.chemicals.exposure import ExposureRow, SealedIdentity
from vernetool.db.meta import get_meta, set_meta
from vernetool.domain.chemicals.model import ExposureEntry, ExposureInput, ExposureRoute
from vernetool.domain.errors import ValidationError
from vernetool.security.identity_vault import IdentityVault, Keychain, VaultStatus
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store

__all__ = ["ExposureService", "VaultStatus"]


class _Meta:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, key: str) -> str | None:
        return get_meta(self.conn, key)

    def set(self, key: str, value: str) -> None:
        set_meta(self.conn, key, value)


class ExposureService:
    def __init__(self, store: Store, keychain: Keychain | str | None = "system") -> None:
        self.store = store
        self.vault = IdentityVault(keychain)

    # -- the vault -------------------------------------------------------------------------
    def vault_status(self) -> VaultStatus:
        with self.store.read() as conn:
            return self.vault.status(_Meta(conn))

    def unlock(self, passphrase: str) -> None:
        """Open the vault with its passphrase (``vault.wrong_passphrase`` otherwise)."""
        with self.store.read() as conn:
            self.vault.unlock(_Meta(conn), passphrase)

    def set_up_vault(self, passphrase: str | None = None) -> None:
        """Protect this database's identity numbers: by the OS keyring (``passphrase``
        None; ``vault.no_keyring`` where there is none) or by a passphrase."""
        with self.store.write() as conn:
            self.vault.set_up(_Meta(conn), passphrase)
            from vernetool.db import audit

            audit.record(conn, self.store.actor, "identity_vault", None, "set_up",
                         {"protection": "keyring" if passphrase is None else "passphrase"})

    def lock(self) -> None:
        self.vault.lock()

    def seal_identity(self, conn: sqlite3.Connection, number: str) -> SealedIdentity:
        """Check and encrypt a number inside a caller's transaction (the importer's path)."""
        self.vault.ensure_open(_Meta(conn))
        sealed = self.vault.seal(number)
        return SealedIdentity(sealed.cipher, sealed.masked, sealed.index)

    def identity_index(self, conn: sqlite3.Connection, number: str) -> str:
        self.vault.ensure_open(_Meta(conn))
        return self.vault.index(number)

    # -- entries ---------------------------------------------------------------------------
    def _row(self, conn: sqlite3.Connection, inp: ExposureInput,
             kept_product: int | None = None) -> ExposureRow:
        """The row to store; a product that does not call for the register is refused,
        unless it is the one an existing entry has (its codes were edited since: the entry
        stays a legal record and can still be corrected)."""
        product = product_rows.require_product(conn, inp.product_id)
        if not product.exposure_register and product.id != kept_product:
            raise ValidationError("exposure.not_cmr", "product", product=product.name)
        person = " ".join(inp.person.split())
        if not person:
            raise ValidationError("exposure.person_required", "person")
        if inp.exposure_end is not None and inp.exposure_end < inp.exposure_start:
            raise ValidationError("exposure.end_before_start", "exposure_end")
        if inp.room_id is not None and conn.execute("SELECT 1 FROM room WHERE id = ?",
                                                    (inp.room_id,)).fetchone() is None:
            raise ValidationError("room.no_such_id", "room", room_id=inp.room_id)
        from vernetool.domain.chemicals.exposure import retain_until

        return ExposureRow(
            product_id=product.id, person=person, position=inp.position.strip(),
            workplace=inp.workplace.strip(), route=ExposureRoute(inp.route),
            concentration=inp.concentration.strip(), exposure_start=inp.exposure_start,
            exposure_end=inp.exposure_end, duration=inp.duration.strip(),
            retain_until=retain_until(product.hazard_codes, inp.exposure_end),
            room_id=inp.room_id, person_id=inp.person_id)

    def register(self, inp: ExposureInput) -> ExposureEntry:
        """A new entry; refused (``exposure.not_cmr``) for a product whose codes do not call
        for the register. The identity number is checked, then only stored encrypted."""
        with self.store.write(Topic.EXPOSURE) as conn:
            row = self._row(conn, inp)
            sealed = (self.seal_identity(conn, inp.identity_number)
                      if inp.identity_number.strip() else None)
            entry_id = exposure_rows.insert_exposure(conn, row, sealed, actor=self.store.actor)
            return exposure_rows.require_exposure(conn, entry_id)

    def update(self, entry_id: int, inp: ExposureInput) -> ExposureEntry:
        """Change an entry; an identity number left empty (or as the mask shows it) keeps
        the one the entry has."""
        with self.store.write(Change(Topic.EXPOSURE, (entry_id,))) as conn:
            current = exposure_rows.require_exposure(conn, entry_id)
            row = self._row(conn, inp, kept_product=current.product_id)
            if (row.exposure_end == current.exposure_end and row.retain_until is not None
                    and current.retain_until is not None
                    and row.retain_until < current.retain_until):
                # an edit of the product's codes never shortens what the law keeps
                row = replace(row, retain_until=current.retain_until)
            number = inp.identity_number.strip()
            sealed = None
            if number and number != current.identity_masked:
                sealed = self.seal_identity(conn, number)
            exposure_rows.update_exposure(conn, entry_id, row, sealed, actor=self.store.actor)
            return exposure_rows.require_exposure(conn, entry_id)

    def entry(self, entry_id: int) -> ExposureEntry:
        with self.store.read() as conn:
            return exposure_rows.require_exposure(conn, entry_id)

    def entries(self, product_id: int | None = None) -> list[ExposureEntry]:
        """The register (or one product's part), identity numbers masked."""
        with self.store.read() as conn:
            return exposure_rows.list_exposure(conn, product_id)

    def reveal_identity(self, entry_id: int, purpose: str = "") -> str:
        """The entry's identity number in clear, on an explicit request: the audit trail
        records who asked for which entry (never the number). "" when none is recorded."""
        with self.store.write() as conn:
            cipher = exposure_rows.identity_cipher(conn, entry_id)
            if cipher is None:
                return ""
            self.vault.ensure_open(_Meta(conn))
            number = self.vault.open(cipher)
            exposure_rows.record_reveal(conn, entry_id, actor=self.store.actor,
                                        purpose=purpose)
        return number

    def reveal_for_export(self, entry_ids: list[int], purpose: str = "export"
                          ) -> dict[int, str]:
        """The identity numbers of these entries in clear, for an export that explicitly
        asks for them (``--include-identity``): one audit entry per entry revealed, all in
        one transaction. Entries without a number are left out."""
        found: dict[int, str] = {}
        with self.store.write() as conn:
            self.vault.ensure_open(_Meta(conn))
            for entry_id in entry_ids:
                cipher = exposure_rows.identity_cipher(conn, entry_id)
                if cipher is None:
                    continue
                found[entry_id] = self.vault.open(cipher)
                exposure_rows.record_reveal(conn, entry_id, actor=self.store.actor,
                                            purpose=purpose)
        return found

    def delete(self, entry_id: int, today: dt.date | None = None) -> None:
        """Delete an entry after its retention end (``exposure.retention`` before), audited."""
        from vernetool.domain.chemicals.exposure import check_deletion

        with self.store.write(Change(Topic.EXPOSURE, (entry_id,))) as conn:
            entry = exposure_rows.require_exposure(conn, entry_id)
            check_deletion(entry.retain_until, today or dt.date.today())
            exposure_rows.delete_exposure(conn, entry_id, actor=self.store.actor)
