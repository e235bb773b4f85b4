"""The identity vault: identity numbers encrypted at rest, with a data key per database.

A random 256-bit *data key* encrypts the numbers (AES-GCM, a fresh nonce each). The data key
is never stored in clear: ``app_meta`` holds it wrapped (AES-GCM) by a key-encryption key
that comes either from the OS keyring (service ``vernetool``, user = the database id) or from
a passphrase (scrypt, random salt). ``VERNETOOL_PASSPHRASE`` unlocks — and first sets up — a
database for scripts and CI. ``index()`` is an HMAC-SHA256 of the normalised number under a
key derived from the data key, so an import finds a person's entry without decrypting.

The vault reads and writes its ``app_meta`` keys through a ``MetaStore`` the caller gives it
(the service, inside its transaction); ``cryptography`` and ``keyring`` are imported only
when a number is sealed or opened, never on the start-up path. No error ever carries a number.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from vernetool.domain.errors import ValidationError
from vernetool.domain.identity import check_identity_number, mask_identity

log = logging.getLogger(__name__)

SERVICE = "vernetool"
ENV_PASSPHRASE = "VERNETOOL_PASSPHRASE"
MIN_PASSPHRASE = 8

# app_meta keys
DATABASE_ID = "database_id"
WRAPPED_BY_KEYRING = "identity.key_keyring"
WRAPPED_BY_PASSPHRASE = "identity.key_passphrase"
KDF = "identity.kdf"

_SCRYPT = {"n": 2**15, "r": 8, "p": 1}
_FORMAT = b"\x01"                       # the cipher format: 1 = AES-256-GCM, 12-byte nonce
_NUMBER_AAD = b"vernetool.identity/1"
_INDEX_LABEL = b"vernetool.identity-index/1"


class VaultStatus(StrEnum):
    UNLOCKED = "unlocked"
    LOCKED = "locked"           # set up, but neither the keyring nor a passphrase opened it
    NOT_SET_UP = "not_set_up"


class VaultError(ValidationError):
    """The vault cannot do what was asked (locked, wrong passphrase, no keyring …)."""

    def __init__(self, code: str, field: str = "identity_number", /, **params: Any) -> None:
        super().__init__(code, field, **params)


class MetaStore(Protocol):
    def get(self, key: str) -> str | None: ...
    def set(self, key: str, value: str) -> None: ...


class Keychain(Protocol):
    """What the vault needs of a keyring backend (``keyring``'s backends fit)."""

    def get_password(self, service: str, username: str) -> str | None: ...
    def set_password(self, service: str, username: str, password: str) -> None: ...


def system_keychain() -> Keychain | None:
    """The OS keyring, or None when there is no usable one (priority < 1, the fail or null
    backend, or one that fails to load)."""
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring installation is "no keyring", not a crash
        log.info("no OS keyring: %s", exc)
        return None
    if isinstance(backend, fail.Keyring | null.Keyring):
        return None
    try:
        priority = float(backend.priority)
    except Exception:
        return None
    if priority < 1:
        return None
    return backend


@dataclass(frozen=True)
class Sealed:
    """A number as the store keeps it (never the number itself)."""

    cipher: bytes
    masked: str
    index: str


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _aead(key: bytes) -> Any:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def _wrap(kek: bytes, data_key: bytes, database_id: str) -> str:
    nonce = secrets.token_bytes(12)
    return _b64(nonce + _aead(kek).encrypt(nonce, data_key, database_id.encode()))


def _unwrap(kek: bytes, wrapped: str, database_id: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag

    try:
        blob = _unb64(wrapped)
        return bytes(_aead(kek).decrypt(blob[:12], blob[12:], database_id.encode()))
    except (InvalidTag, ValueError):
        return None


def _scrypt(passphrase: str, params: dict[str, Any]) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=_unb64(params["salt"]), length=32, n=int(params["n"]),
                 r=int(params["r"]), p=int(params["p"]))
    return bytes(kdf.derive(passphrase.encode("utf-8")))


class IdentityVault:
    """One database's vault. Unlocked state (the data key) lives in this object only."""

    def __init__(self, keychain: Keychain | str | None = "system") -> None:
        self._keychain_choice = keychain
        self._data_key: bytes | None = None
        self._database_id: str | None = None

    # -- state -----------------------------------------------------------------------------
    @property
    def keychain(self) -> Keychain | None:
        if isinstance(self._keychain_choice, str):
            self._keychain_choice = system_keychain()
        return self._keychain_choice

    def status(self, meta: MetaStore) -> VaultStatus:
        """UNLOCKED once opened; otherwise tries the keyring and ``VERNETOOL_PASSPHRASE``."""
        if self._data_key is not None and self._database_id == meta.get(DATABASE_ID):
            return VaultStatus.UNLOCKED
        self._data_key = None
        if not self.is_set_up(meta):
            return VaultStatus.NOT_SET_UP
        self._try_automatic(meta)
        return VaultStatus.UNLOCKED if self._data_key is not None else VaultStatus.LOCKED

    @staticmethod
    def is_set_up(meta: MetaStore) -> bool:
        return bool(meta.get(WRAPPED_BY_KEYRING) or meta.get(WRAPPED_BY_PASSPHRASE))

    def lock(self) -> None:
        self._data_key = None

    def ensure_open(self, meta: MetaStore) -> None:
        """Unlock (keyring, env passphrase) or, with ``VERNETOOL_PASSPHRASE`` set on a vault
        not yet set up, set it up; ``VaultError`` when that is not possible."""
        state = self.status(meta)
        if state is VaultStatus.UNLOCKED:
            return
        if state is VaultStatus.NOT_SET_UP:
            env = os.environ.get(ENV_PASSPHRASE)
            if env:
                self.set_up(meta, env)
                return
            raise VaultError("vault.not_set_up")
        raise VaultError("vault.locked")

    # -- setting up and unlocking ----------------------------------------------------------
    def set_up(self, meta: MetaStore, passphrase: str | None) -> None:
        """Create the data key and wrap it: by the OS keyring (``passphrase`` None) or by the
        passphrase. On a vault already set up (and unlocked) it adds that protection."""
        if self.is_set_up(meta):
            if self.status(meta) is not VaultStatus.UNLOCKED:
                raise VaultError("vault.locked")
        else:
            self._database_id = self._database_id_of(meta)
            self._data_key = secrets.token_bytes(32)
        assert self._data_key is not None
        database_id = self._database_id_of(meta)
        if passphrase is None:
            chain = self.keychain
            if chain is None:
                self._data_key = None if not self.is_set_up(meta) else self._data_key
                raise VaultError("vault.no_keyring", "passphrase")
            kek = secrets.token_bytes(32)
            try:
                chain.set_password(SERVICE, database_id, _b64(kek))
            except Exception as exc:
                log.warning("the OS keyring refused the key: %s", exc)
                self._data_key = None if not self.is_set_up(meta) else self._data_key
                raise VaultError("vault.no_keyring", "passphrase") from None
            meta.set(WRAPPED_BY_KEYRING, _wrap(kek, self._data_key, database_id))
        else:
            if len(passphrase) < MIN_PASSPHRASE:
                if not self.is_set_up(meta):
                    self._data_key = None
                raise VaultError("vault.passphrase_short", "passphrase", minimum=MIN_PASSPHRASE)
            params: dict[str, Any] = {**_SCRYPT, "salt": _b64(secrets.token_bytes(16))}
            meta.set(KDF, json.dumps(params))
            meta.set(WRAPPED_BY_PASSPHRASE,
                     _wrap(_scrypt(passphrase, params), self._data_key, database_id))
        self._database_id = database_id

    def unlock(self, meta: MetaStore, passphrase: str) -> None:
        """Open the vault with its passphrase (``vault.wrong_passphrase`` otherwise)."""
        if not self.is_set_up(meta):
            raise VaultError("vault.not_set_up", "passphrase")
        wrapped, kdf = meta.get(WRAPPED_BY_PASSPHRASE), meta.get(KDF)
        if not wrapped or not kdf:
            raise VaultError("vault.no_passphrase", "passphrase")
        database_id = self._database_id_of(meta)
        try:
            kek = _scrypt(passphrase, json.loads(kdf))
        except (ValueError, KeyError, TypeError):
            raise VaultError("vault.damaged", "passphrase") from None
        key = _unwrap(kek, wrapped, database_id)
        if key is None:
            raise VaultError("vault.wrong_passphrase", "passphrase")
        self._data_key, self._database_id = key, database_id

    def _try_automatic(self, meta: MetaStore) -> None:
        database_id = self._database_id_of(meta, create=False)
        wrapped = meta.get(WRAPPED_BY_KEYRING)
        if wrapped and database_id:
            chain = self.keychain
            secret: str | None = None
            if chain is not None:
                try:
                    secret = chain.get_password(SERVICE, database_id)
                except Exception as exc:
                    log.warning("the OS keyring could not be read: %s", exc)
            if secret:
                try:
                    key = _unwrap(_unb64(secret), wrapped, database_id)
                except ValueError:
                    key = None
                if key is not None:
                    self._data_key, self._database_id = key, database_id
                    return
        env = os.environ.get(ENV_PASSPHRASE)
        if env and meta.get(WRAPPED_BY_PASSPHRASE):
            try:
                self.unlock(meta, env)
            except VaultError as exc:
                log.warning("%s does not open this database's vault (%s)", ENV_PASSPHRASE,
                            exc.code)

    @staticmethod
    def _database_id_of(meta: MetaStore, *, create: bool = True) -> str:
        found = meta.get(DATABASE_ID)
        if not found and create:
            found = str(uuid.uuid4())
            meta.set(DATABASE_ID, found)
        return found or ""

    # -- numbers ---------------------------------------------------------------------------
    def _key(self) -> bytes:
        if self._data_key is None:
            raise VaultError("vault.locked")
        return self._data_key

    def index(self, number: str) -> str:
        """The keyed hash of a checked number (the same number gives the same index)."""
        normal = check_identity_number(number)
        index_key = hmac.new(self._key(), _INDEX_LABEL, hashlib.sha256).digest()
        return hmac.new(index_key, normal.encode("ascii"), hashlib.sha256).hexdigest()

    def seal(self, number: str) -> Sealed:
        """Check ``number`` (``identity.invalid``) and encrypt it."""
        normal = check_identity_number(number)
        nonce = secrets.token_bytes(12)
        cipher = _FORMAT + nonce + _aead(self._key()).encrypt(nonce, normal.encode("ascii"),
                                                              _NUMBER_AAD)
        return Sealed(cipher, mask_identity(normal), self.index(normal))

    def open(self, cipher: bytes) -> str:
        """The number in clear (the caller records the reveal)."""
        from cryptography.exceptions import InvalidTag

        key = self._key()
        if cipher[:1] != _FORMAT or len(cipher) < 13 + 16:
            raise VaultError("vault.damaged")
        try:
            plain = _aead(key).decrypt(cipher[1:13], cipher[13:], _NUMBER_AAD)
        except InvalidTag:
            raise VaultError("vault.damaged") from None
        return bytes(plain).decode("ascii")
