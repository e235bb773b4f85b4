"""The identity vault: numbers sealed and opened, keyring and passphrase protection, env."""

from __future__ import annotations

import pytest

from vernetool.domain.errors import ValidationError
from vernetool.security.identity_vault import (
    DATABASE_ID,
    ENV_PASSPHRASE,
    IdentityVault,
    VaultError,
    VaultStatus,
)

VALID = "15076500565"    # a valid fødselsnummer (both check digits)


class Meta:
    """app_meta as a dict (the service gives the vault the real table)."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def set(self, key: str, value: str) -> None:
        self.values[key] = value


class MemoryKeychain:
    def __init__(self) -> None:
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password


def test_a_new_vault_is_not_set_up_and_refuses_to_seal() -> None:
    vault = IdentityVault(keychain=None)
    assert vault.status(Meta()) is VaultStatus.NOT_SET_UP
    with pytest.raises(VaultError) as caught:
        vault.seal(VALID)
    assert caught.value.code == "vault.locked"


def test_passphrase_path_without_a_keyring() -> None:
    meta = Meta()
    vault = IdentityVault(keychain=None)
    with pytest.raises(VaultError) as no_keyring:
        vault.set_up(meta, None)
    assert no_keyring.value.code == "vault.no_keyring"
    vault.set_up(meta, "correct horse battery")
    sealed = vault.seal(VALID)
    assert sealed.masked == "150765*****"
    assert VALID.encode() not in sealed.cipher
    assert VALID not in "".join(meta.values.values())
    assert vault.open(sealed.cipher) == VALID

    again = IdentityVault(keychain=None)          # the app started again
    assert again.status(meta) is VaultStatus.LOCKED
    with pytest.raises(VaultError) as wrong:
        again.unlock(meta, "wrong horse battery")
    assert wrong.value.code == "vault.wrong_passphrase"
    assert again.status(meta) is VaultStatus.LOCKED
    again.unlock(meta, "correct horse battery")
    assert again.status(meta) is VaultStatus.UNLOCKED
    assert again.open(sealed.cipher) == VALID
    assert again.index(VALID) == sealed.index     # the same person, found again


def test_short_passphrase_refused() -> None:
    vault = IdentityVault(keychain=None)
    with pytest.raises(VaultError) as caught:
        vault.set_up(Meta(), "short")
    assert caught.value.code == "vault.passphrase_short"
    assert caught.value.field == "passphrase"


def test_keyring_path_unlocks_by_itself() -> None:
    meta, chain = Meta(), MemoryKeychain()
    vault = IdentityVault(keychain=chain)
    vault.set_up(meta, None)
    sealed = vault.seal(VALID)
    database_id = meta.values[DATABASE_ID]
    assert ("vernetool", database_id) in chain.secrets
    again = IdentityVault(keychain=chain)
    assert again.status(meta) is VaultStatus.UNLOCKED
    assert again.open(sealed.cipher) == VALID
    # another machine (no such keyring entry) cannot open it
    assert IdentityVault(keychain=MemoryKeychain()).status(meta) is VaultStatus.LOCKED


def test_env_passphrase_sets_up_and_unlocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_PASSPHRASE, "ci passphrase 123")
    meta = Meta()
    vault = IdentityVault(keychain=None)
    vault.ensure_open(meta)                       # not set up: the env sets it up
    sealed = vault.seal(VALID)
    again = IdentityVault(keychain=None)
    assert again.status(meta) is VaultStatus.UNLOCKED
    assert again.open(sealed.cipher) == VALID
    monkeypatch.setenv(ENV_PASSPHRASE, "not the passphrase")
    third = IdentityVault(keychain=None)
    assert third.status(meta) is VaultStatus.LOCKED
    with pytest.raises(VaultError) as caught:
        third.ensure_open(meta)
    assert caught.value.code == "vault.locked"


def test_bad_numbers_and_tampered_ciphers_are_refused_without_the_number() -> None:
    meta = Meta()
    vault = IdentityVault(keychain=None)
    vault.set_up(meta, "correct horse battery")
    with pytest.raises(ValidationError) as bad:
        vault.seal("15076500566")
    assert bad.value.code.startswith("identity.")
    assert "15076500566" not in str(bad.value) + repr(bad.value)
    sealed = vault.seal(VALID)
    tampered = sealed.cipher[:-1] + bytes([sealed.cipher[-1] ^ 1])
    with pytest.raises(VaultError) as caught:
        vault.open(tampered)
    assert caught.value.code == "vault.damaged"
    # two seals of one number differ (fresh nonce), their index does not
    other = vault.seal(VALID)
    assert other.cipher != sealed.cipher and other.index == sealed.index


def test_a_keyring_added_to_a_passphrase_vault(monkeypatch: pytest.MonkeyPatch) -> None:
    meta, chain = Meta(), MemoryKeychain()
    vault = IdentityVault(keychain=chain)
    vault.set_up(meta, "correct horse battery")
    sealed = vault.seal(VALID)
    vault.set_up(meta, None)                      # add the keyring's protection
    again = IdentityVault(keychain=chain)
    assert again.status(meta) is VaultStatus.UNLOCKED
    assert again.open(sealed.cipher) == VALID
