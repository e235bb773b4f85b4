"""The identity vault of the demo database, shared by the demo steps that seal numbers.

Set up with ``VERNETOOL_PASSPHRASE`` if set, else ``DEMO_PASSPHRASE`` (documented in the
README; for the demo database only). The open vault is kept per database id, so the steps
of one build pay for the passphrase's key derivation once.
"""

from __future__ import annotations

import os
import sqlite3
from typing import TYPE_CHECKING

from vernetool.db.meta import get_meta, set_meta

if TYPE_CHECKING:
    from vernetool.security.identity_vault import IdentityVault

DEMO_PASSPHRASE = "vernetool-demo"

_OPEN: dict[str, IdentityVault] = {}


class DemoMeta:
    """The vault's meta store on an open connection (inside the builder's transaction)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, key: str) -> str | None:
        return get_meta(self.conn, key)

    def set(self, key: str, value: str) -> None:
        set_meta(self.conn, key, value)


def demo_vault(conn: sqlite3.Connection) -> IdentityVault:
    """The demo database's vault, set up on first use and open."""
    from vernetool.security.identity_vault import DATABASE_ID, ENV_PASSPHRASE, IdentityVault

    meta = DemoMeta(conn)
    passphrase = os.environ.get(ENV_PASSPHRASE) or DEMO_PASSPHRASE
    database_id = meta.get(DATABASE_ID)
    if database_id and database_id in _OPEN:
        return _OPEN[database_id]
    vault = IdentityVault(keychain=None)
    if IdentityVault.is_set_up(meta):
        vault.unlock(meta, passphrase)
    else:
        vault.set_up(meta, passphrase)
    found = meta.get(DATABASE_ID)
    if found:
        _OPEN[found] = vault
    return vault
