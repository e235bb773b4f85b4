"""A target's token: from its environment variable or the OS keyring, never the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from vernetool.context import AppContext
from vernetool.domain.errors import ValidationError
from vernetool.services.delivery import KEYRING_SERVICE, DeliveryService

TOKEN = "keyring-token-9c1d"


class MemoryKeychain:
    def __init__(self) -> None:
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.saved.pop((service, username), None)


def test_a_keyring_token_is_kept_under_the_database_and_target_not_in_the_file(
        ctx: AppContext, db_path: Path) -> None:
    keychain = MemoryKeychain()
    delivery = DeliveryService(ctx.services.store, keychain=keychain)
    target = delivery.targets.add("EQS", kind="http", url="https://eqs.example.no/b",
                                  sends="deviations")
    assert delivery.targets.token_for(target) is None
    delivery.targets.set_token_in_keyring("EQS", TOKEN)
    user = f"{delivery.targets.database_id()}:EQS"
    assert keychain.saved == {(KEYRING_SERVICE, user): TOKEN}
    stored = delivery.targets.get("EQS")
    assert stored.token_in_keyring and delivery.targets.token_for(stored) == TOKEN
    ctx.services.store.conn.execute("PRAGMA wal_checkpoint(FULL)")
    for file in db_path.parent.glob(db_path.name + "*"):
        assert TOKEN.encode() not in file.read_bytes()
    delivery.targets.remove("EQS")
    assert keychain.saved == {}


def test_the_environment_variable_comes_before_the_keyring(
        ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    keychain = MemoryKeychain()
    delivery = DeliveryService(ctx.services.store, keychain=keychain)
    delivery.targets.add("EQS", kind="http", url="https://eqs.example.no/b",
                         sends="deviations", token_env="EQS_TOKEN")
    delivery.targets.set_token_in_keyring("EQS", "from-keyring")
    monkeypatch.setenv("EQS_TOKEN", "from-env")
    assert delivery.targets.token_for(delivery.targets.get("EQS")) == "from-env"
    monkeypatch.delenv("EQS_TOKEN")
    assert delivery.targets.token_for(delivery.targets.get("EQS")) == "from-keyring"


def test_no_keyring_is_said_clearly(ctx: AppContext) -> None:
    delivery = DeliveryService(ctx.services.store, keychain=None)
    delivery.targets.add("EQS", kind="http", url="https://eqs.example.no/b", sends="deviations")
    assert not delivery.targets.keyring_available()
    with pytest.raises(ValidationError) as caught:
        delivery.targets.set_token_in_keyring("EQS", TOKEN)
    assert caught.value.code == "delivery.no_keyring" and caught.value.field == "token"
    assert TOKEN not in str(caught.value)


def test_a_folder_target_takes_no_token(ctx: AppContext, tmp_path: Path) -> None:
    delivery = DeliveryService(ctx.services.store, keychain=None)
    with pytest.raises(ValidationError) as caught:
        delivery.targets.add("hms", kind="folder", path=str(tmp_path), sends="deviations",
                             token_env="HMS_TOKEN")
    assert caught.value.field == "token_env"
