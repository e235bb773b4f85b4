"""The delivery words: what a target receives, its kind, a bundle's status, and a sync's
result as a sentence ("3 bundles delivered to EQS, 1 failed: 400 Missing field …")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from vernetool.i18n import tr, trn
from vernetool.ui.common.labels import format_date_time
from vernetool.ui.delivery.data import BundleRow

#: what a target can receive, in the order the dialog lists them (DESIGN's names)
SENDS = ("deviations", "chemicals", "sources", "rounds", "annual")
STATUSES = ("queued", "delivered", "failed", "discarded")


def sends_label(kind: str) -> str:
    """One word or two for a table cell."""
    labels = {
        "deviations": tr("Deviations"),
        "chemicals": tr("Chemicals"),
        "sources": tr("Radiation sources"),
        "rounds": tr("HSE rounds"),
        "annual": tr("Annual reporting"),
    }
    return labels.get(kind, kind)


def sends_description(kind: str) -> str:
    """What the receiver gets, for the target dialog's check boxes."""
    labels = {
        "deviations": tr("Deviations, without personal data (for the central deviation "
                         "system)"),
        "chemicals": tr("Changes in the chemical holdings (for the central chemical "
                        "register)"),
        "sources": tr("Radiation sources in DSA's layout"),
        "rounds": tr("HSE round reports (PDF) with their action plans"),
        "annual": tr("The annual HSE reporting answers"),
    }
    return labels.get(kind, kind)


def sends_text(kinds: Iterable[str]) -> str:
    return ", ".join(sends_label(k) for k in kinds) or "—"


def target_kind_label(kind: str, *, short: bool = False) -> str:
    if short:
        return {"folder": tr("Folder"), "http": "HTTP"}.get(kind, kind)
    return {"folder": tr("Folder"), "http": tr("Web address (HTTP)")}.get(kind, kind)


def status_label(status: str) -> str:
    labels = {
        "queued": tr("Waiting"),
        "delivered": tr("Delivered"),
        "failed": tr("Failed"),
        "discarded": tr("Discarded"),
    }
    return labels.get(status, status)


def next_attempt_text(bundle: BundleRow, blank: str = "—") -> str:
    """When a waiting bundle goes out: its time, or "at the next sync"."""
    if bundle.status != "queued":
        return blank
    if bundle.next_attempt_at is None or bundle.next_attempt_at <= dt.datetime.now():
        return tr("at the next sync")
    return format_date_time(bundle.next_attempt_at)


def field_label(field: str) -> str:
    """The target dialog's field an error names."""
    labels = {
        "name": tr("Name"),
        "kind": tr("Kind"),
        "path": tr("Folder"),
        "url": tr("Web address"),
        "sends": tr("Receives"),
        "token_env": tr("Environment variable"),
        "token": tr("Token"),
        "mapping": tr("Mapping file"),
    }
    return labels.get(field, field)


def bundles_count(n: int) -> str:
    return trn("{n} bundle", "{n} bundles", n).format(n=n)


def outcome_sentence(name: str, delivered: int, failed: int, pending: int,
                     errors: tuple[str, ...]) -> str:
    """ "3 bundles delivered to EQS, 1 failed: 400 Missing field 'category'"."""
    parts = []
    if delivered:
        parts.append(trn("{n} bundle delivered to {target}", "{n} bundles delivered to {target}",
                         delivered).format(n=delivered, target=name))
    if failed:
        text = trn("{n} failed", "{n} failed", failed).format(n=failed)
        if errors:
            text += ": " + "; ".join(dict.fromkeys(errors))
        parts.append(text if parts else tr("{target}: {failed}").format(target=name,
                                                                        failed=text))
    if pending:
        text = trn("{n} waiting to be sent again later", "{n} waiting to be sent again later",
                   pending).format(n=pending)
        parts.append(text if parts else tr("{target}: {waiting}").format(target=name,
                                                                         waiting=text))
    if not parts:
        return tr("Nothing new to send to {target}.").format(target=name)
    return ", ".join(parts) + "."
