"""Delivery targets: add, list, get, remove; a target's token in the OS keyring.

A token is never stored in the database: a target names the environment variable that holds
it (``token_env``), or keeps it in the OS keyring (service ``vernetool-delivery``, user
``<database_id>:<target name>``); the database only records *that* it is there.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from vernetool.db import meta
from vernetool.db.delivery import targets as db_targets
from vernetool.domain.delivery.kinds import Sends, TargetKind, parse_sends
from vernetool.domain.delivery.model import Target
from vernetool.domain.errors import ValidationError
from vernetool.services.notifier import Topic

if TYPE_CHECKING:
    from vernetool.security.identity_vault import Keychain
    from vernetool.services.store import Store

KEYRING_SERVICE = "vernetool-delivery"
DATABASE_ID = "database_id"
NAME_MAX = 60
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def keyring_user(database_id: str, target: str) -> str:
    return f"{database_id}:{target}"


class TargetsService:
    def __init__(self, store: Store, keychain: Keychain | str | None = "system") -> None:
        self.store = store
        self._keychain_choice = keychain

    # -- reading -----------------------------------------------------------------------------
    def list(self, *, include_removed: bool = False) -> list[Target]:
        with self.store.read() as conn:
            return db_targets.list_targets(conn, include_removed=include_removed)

    def get(self, name: str) -> Target:
        """The target in use called ``name``; ``ValidationError`` (field ``target``) if none."""
        with self.store.read() as conn:
            found = db_targets.get_target(conn, name)
        if found is None:
            raise ValidationError("delivery.target_unknown", "target", name=name)
        return found

    def database_id(self) -> str:
        with self.store.read() as conn:
            found = meta.get_meta(conn, DATABASE_ID)
        if found:
            return found
        import uuid  # a database that lost it (migration 11 makes it): made once, here

        with self.store.write() as conn:
            found = meta.get_meta(conn, DATABASE_ID)
            if not found:
                found = str(uuid.uuid4())
                meta.set_meta(conn, DATABASE_ID, found)
        return found

    # -- changing ----------------------------------------------------------------------------
    def add(self, name: str, *, kind: str, path: str | None = None, url: str | None = None,
            sends: str | Iterable[str], token_env: str | None = None,
            mapping: Path | dict[str, Any] | None = None) -> Target:
        """Check and add a target; each ``ValidationError`` names the field that is wrong
        (name, kind, path, url, sends, token_env, mapping)."""
        target = self._checked(name, kind=kind, path=path, url=url, sends=sends,
                               token_env=token_env, mapping=mapping)
        with self.store.write(Topic.OUTBOX) as conn:
            if db_targets.get_target(conn, target.name) is not None:
                raise ValidationError("delivery.target_exists", "name", name=target.name)
            new_id = db_targets.insert_target(conn, target)
            added = db_targets.get_target_by_id(conn, new_id)
        assert added is not None
        return added

    def update(self, name: str, *, kind: str, path: str | None = None, url: str | None = None,
               sends: str | Iterable[str], token_env: str | None = None,
               mapping: Path | dict[str, Any] | None = None) -> Target:
        """Change the settings of target ``name`` (the Sync screen's Edit); its name, outbox,
        receipts and what its receipts covered stay, so nothing delivered is sent again.
        ``mapping`` None: the default mappings. A folder target keeps no keyring token."""
        current = self.get(name)
        target = self._checked(current.name, kind=kind, path=path, url=url, sends=sends,
                               token_env=token_env, mapping=mapping)
        with self.store.write(Topic.OUTBOX) as conn:
            db_targets.update_target(conn, current.id, target)
        if current.token_in_keyring and target.kind is TargetKind.FOLDER:
            self.clear_token_in_keyring(current.name)
        return self.get(current.name)

    def remove(self, name: str) -> bool:
        """Remove a target: deleted when it never had a bundle, otherwise marked removed (its
        bundles and receipts stay in the outbox). Its keyring token is forgotten. True when
        deleted outright."""
        with self.store.write(Topic.OUTBOX) as conn:
            found = db_targets.get_target(conn, name)
            if found is None:
                raise ValidationError("delivery.target_unknown", "target", name=name)
            deleted = db_targets.remove_target(conn, found.id)
        if found.token_in_keyring:
            self._forget_keyring_token(found.name)
        return deleted

    # -- the token ---------------------------------------------------------------------------
    @property
    def keychain(self) -> Keychain | None:
        if isinstance(self._keychain_choice, str):
            from vernetool.security.identity_vault import system_keychain

            self._keychain_choice = system_keychain()
        return self._keychain_choice

    def keyring_available(self) -> bool:
        return self.keychain is not None

    def set_token_in_keyring(self, name: str, token: str) -> None:
        """Keep ``token`` in the OS keyring for target ``name``. ``ValidationError``
        ``delivery.no_keyring`` (field ``token``) when this system has no keyring: then the
        token must come from an environment variable (``--token-env``)."""
        target = self.get(name)
        if not token.strip():
            raise ValidationError("delivery.token_empty", "token")
        keychain = self.keychain
        if keychain is None:
            raise ValidationError("delivery.no_keyring", "token")
        try:
            keychain.set_password(KEYRING_SERVICE, keyring_user(self.database_id(), target.name),
                                  token.strip())
        except Exception as exc:  # the backend's words can't hold the token; log the kind only
            import logging

            logging.getLogger(__name__).warning("the OS keyring refused a token: %s",
                                                type(exc).__name__)
            raise ValidationError("delivery.no_keyring", "token") from None
        with self.store.write(Topic.OUTBOX) as conn:
            db_targets.set_token_in_keyring(conn, target.id, True)

    def clear_token_in_keyring(self, name: str) -> None:
        target = self.get(name)
        self._forget_keyring_token(target.name)
        with self.store.write(Topic.OUTBOX) as conn:
            db_targets.set_token_in_keyring(conn, target.id, False)

    def token_for(self, target: Target) -> str | None:
        """The token to send to ``target`` now: its environment variable, else the keyring;
        None when it has none. ``ValidationError`` (field ``token``) when it should have one
        and it cannot be found — the message names the variable, never a token."""
        if target.kind is TargetKind.FOLDER:
            return None
        if target.token_env:
            value = os.environ.get(target.token_env, "").strip()
            if value:
                return value
            if not target.token_in_keyring:
                raise ValidationError("delivery.token_env_missing", "token",
                                      variable=target.token_env, target=target.name)
        if target.token_in_keyring:
            keychain = self.keychain
            if keychain is None:
                raise ValidationError("delivery.no_keyring", "token")
            try:
                value = keychain.get_password(
                    KEYRING_SERVICE, keyring_user(self.database_id(), target.name)) or ""
            except Exception:
                value = ""
            if not value.strip():
                raise ValidationError("delivery.token_keyring_missing", "token",
                                      target=target.name)
            return value.strip()
        return None

    def _forget_keyring_token(self, name: str) -> None:
        keychain = self.keychain
        delete = getattr(keychain, "delete_password", None)
        if delete is None:
            return
        # not there, or the backend can't: nothing to forget
        with contextlib.suppress(Exception):
            delete(KEYRING_SERVICE, keyring_user(self.database_id(), name))

    # -- checking ----------------------------------------------------------------------------
    def _checked(self, name: str, *, kind: str, path: str | None, url: str | None,
                 sends: str | Iterable[str], token_env: str | None,
                 mapping: Path | dict[str, Any] | None) -> Target:
        name = (name or "").strip()
        if not name:
            raise ValidationError("delivery.name_missing", "name")
        if len(name) > NAME_MAX or any(ord(c) < 32 or c in "/\\:" for c in name):
            raise ValidationError("delivery.name_invalid", "name", name=name, max=NAME_MAX)
        try:
            target_kind = TargetKind((kind or "").strip().lower())
        except ValueError:
            raise ValidationError("delivery.kind_invalid", "kind", value=kind,
                                  choices="folder, http") from None
        path = (path or "").strip()
        url = (url or "").strip()
        if target_kind is TargetKind.FOLDER:
            if url:
                raise ValidationError("delivery.url_not_for_folder", "url")
            if not path:
                raise ValidationError("delivery.path_missing", "path")
            path = str(Path(path).expanduser().absolute())
            if Path(path).exists() and not Path(path).is_dir():
                raise ValidationError("delivery.path_not_folder", "path", path=path)
        else:
            if path:
                raise ValidationError("delivery.path_not_for_http", "path")
            if not url:
                raise ValidationError("delivery.url_missing", "url")
            parts = urlsplit(url)
            if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
                raise ValidationError("delivery.url_invalid", "url", url=url)
            if parts.username or parts.password:
                # a password in the URL would be stored in the database: refused
                raise ValidationError("delivery.url_credentials", "url")
        chosen: tuple[Sends, ...] = parse_sends(sends, "sends")
        token_env = (token_env or "").strip()
        if token_env:
            if target_kind is TargetKind.FOLDER:
                raise ValidationError("delivery.token_not_for_folder", "token_env")
            if not _ENV_NAME.match(token_env):
                raise ValidationError("delivery.token_env_invalid", "token_env",
                                      value=token_env)
        return Target(id=0, name=name, kind=target_kind, path=path, url=url, sends=chosen,
                      token_env=token_env, token_in_keyring=False,
                      mapping=_mapping(mapping), created_at="")


def _mapping(mapping: Path | dict[str, Any] | None) -> dict[str, Any] | None:
    """A target's mapping: a JSON object (read from a file when a path is given), checked
    against the fields each kind sends (``payloads.mapping.parse_mapping``)."""
    from vernetool.services.delivery.payloads.mapping import parse_mapping

    if mapping is None:
        return None
    if isinstance(mapping, dict):
        return parse_mapping(mapping)
    try:
        loaded = json.loads(Path(mapping).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ValidationError("delivery.mapping_missing", "mapping", path=str(mapping)) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ValidationError("delivery.mapping_invalid", "mapping", path=str(mapping),
                              error=str(exc)) from None
    if not isinstance(loaded, dict):
        raise ValidationError("delivery.mapping_invalid", "mapping", path=str(mapping),
                              error="not a JSON object")
    return parse_mapping(loaded)
