"""Checklist templates: every version stays as stored; saving or importing adds a new one.

The row types the screens and commands need (``Template``, ``TemplateSummary``,
``TemplateImport``) are re-exported here, so callers never import ``vernetool.db``.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from vernetool.db import templates as repo
from vernetool.db.templates import BUILTIN_KEYS, TemplateSummary
from vernetool.domain.checklists import Item, Section, Template
from vernetool.exchange import templates_io
from vernetool.exchange.templates_io import TemplateImport
from vernetool.services.errors import StoreError
from vernetool.services.notifier import Change, Topic
from vernetool.services.store import Store

log = logging.getLogger(__name__)

__all__ = ["BUILTIN_KEYS", "Item", "Section", "Template", "TemplateImport", "TemplateSummary",
           "TemplatesService"]


class TemplatesService:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reading ---------------------------------------------------------------------------
    def latest(self, *, include_retired: bool = False) -> list[TemplateSummary]:
        """The newest version of each key, built-ins first in their shipped order."""
        with self.store.read() as conn:
            return repo.latest_templates(conn, include_retired=include_retired)

    def versions(self, key: str) -> list[TemplateSummary]:
        """Every version of a key, newest first (empty: no such key)."""
        with self.store.read() as conn:
            return repo.template_versions(conn, key)

    def get(self, template_id: int) -> Template | None:
        """One stored version with its sections and items."""
        with self.store.read() as conn:
            return repo.get_template(conn, template_id)

    def exists(self, key: str) -> bool:
        return bool(self.versions(key))

    # -- writing ---------------------------------------------------------------------------
    def save_version(self, template: Template, *, builtin: bool = False) -> int:
        """Store ``template`` as the next version of its key; returns the new version's id.

        Raises ``ValidationError`` (nothing written) when the template breaks a rule.
        """
        with self.store.write(Topic.TEMPLATES) as conn:
            return repo.save_template_version(conn, template, self.store.actor,
                                              builtin=builtin)

    def retire(self, key: str) -> bool:
        """Hide every version of ``key`` from new rounds; rounds that used it keep it."""
        with self.store.write(Topic.TEMPLATES) as conn:
            return repo.retire_template(conn, key, self.store.actor) > 0

    def restore(self, key: str) -> bool:
        with self.store.write(Topic.TEMPLATES) as conn:
            return repo.restore_template(conn, key, self.store.actor) > 0

    # -- files -----------------------------------------------------------------------------
    def import_file(self, path: Path, *, key: str | None = None) -> TemplateImport:
        """The file's template as a new version of its key (or of ``key``), all or nothing.

        Raises ``ValidationError`` for a file that is not a valid checklist, ``OSError`` when
        it cannot be read.
        """
        template = templates_io.read_template_file(path)  # read before the write lock
        if key:
            template = replace(template, key=key.strip())
        with self.store.write() as conn:
            result = templates_io.store_imported(conn, template, self.store.actor)
        if result.created:
            self.store.publish(Change(Topic.TEMPLATES, (result.template_id,)))
        return result

    def export_file(self, template_id: int, out: Path) -> Template:
        """Write one stored version to ``out`` as JSON."""
        with self.store.read() as conn:
            return templates_io.export_template(conn, template_id, out)

    # -- built-in checklists ---------------------------------------------------------------
    def ensure_builtin(self) -> dict[str, str]:
        """The shipped checklists installed, or updated when the shipped ones changed.

        A store that cannot be written (read-only, busy) or a damaged resource is logged and
        left as it is: the app still opens. Returns what happened per key (empty on failure).
        """
        try:
            with self.store.write() as conn:
                result = repo.install_builtin_templates(conn)
        except (OSError, ValueError, StoreError) as exc:
            log.error("cannot install the built-in checklists: %s", exc)
            return {}
        if any(state in ("installed", "updated") for state in result.values()):
            self.store.publish(Topic.TEMPLATES)
        return result
