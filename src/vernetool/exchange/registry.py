"""Which importers and exporters exist, by kind; modules load only when one is used."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def _lazy(module: str, name: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = name
    return call


# import KIND: (conn, path, *, strict, actor, progress, cancel, **options) -> ImportResult;
# the options a kind takes (mapping, create_rooms, vault) are in IMPORT_OPTIONS
IMPORTERS: dict[str, Callable[..., Any]] = {
    "rooms": _lazy("vernetool.exchange.rooms_io", "import_rooms"),
    "persons": _lazy("vernetool.exchange.persons_io", "import_persons"),
    "deviations": _lazy("vernetool.exchange.deviations_io", "import_deviations"),
    "chemicals": _lazy("vernetool.exchange.chemicals_io", "import_chemicals"),
    "exposure": _lazy("vernetool.exchange.exposure_io", "import_exposure"),
    "sources": _lazy("vernetool.exchange.sources_io", "import_sources"),
    "agents": _lazy("vernetool.exchange.agents_io", "import_agents"),
    "workers": _lazy("vernetool.exchange.workers_io", "import_workers"),
}
IMPORT_OPTIONS: dict[str, frozenset[str]] = {
    "chemicals": frozenset({"mapping", "create_rooms"}),
    "exposure": frozenset({"vault"}),
    "workers": frozenset({"vault"}),
}

# export KIND: (conn, out_path, fmt, *, include_personal_data, **options) -> number of
# records; the options a kind takes (include_identity, as_of, vault, actor) in EXPORT_OPTIONS
EXPORTERS: dict[str, Callable[..., Any]] = {
    "rooms": _lazy("vernetool.exchange.rooms_io", "export_rooms"),
    "persons": _lazy("vernetool.exchange.persons_io", "export_persons"),
    "deviations": _lazy("vernetool.exchange.deviations_io", "export_deviations"),
    "chemicals": _lazy("vernetool.exchange.chemicals_io", "export_chemicals"),
    "exposure": _lazy("vernetool.exchange.exposure_io", "export_exposure"),
    "sources": _lazy("vernetool.exchange.sources_io", "export_sources"),
    "agents": _lazy("vernetool.exchange.agents_io", "export_agents"),
    "workers": _lazy("vernetool.exchange.workers_io", "export_workers"),
}
EXPORT_OPTIONS: dict[str, frozenset[str]] = {
    "chemicals": frozenset({"as_of"}),
    "exposure": frozenset({"include_identity", "as_of", "vault", "actor"}),
    "sources": frozenset({"as_of"}),
    "workers": frozenset({"include_identity", "vault", "actor"}),
}
#: the kinds that need the identity vault (identity numbers in their files)
IDENTITY_KINDS = frozenset({"exposure", "workers"})
#: formats beyond csv/xlsx/json, by the kinds that have them
EXTRA_FORMATS: dict[str, frozenset[str]] = {"dsa": frozenset({"sources"})}
