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


# import KIND: (conn, path, *, strict, actor) -> ImportResult
IMPORTERS: dict[str, Callable[..., Any]] = {
    "rooms": _lazy("vernetool.exchange.rooms_io", "import_rooms"),
    "persons": _lazy("vernetool.exchange.persons_io", "import_persons"),
    "deviations": _lazy("vernetool.exchange.deviations_io", "import_deviations"),
}

# export KIND: (conn, out_path, fmt, *, include_personal_data) -> number of records
EXPORTERS: dict[str, Callable[..., Any]] = {
    "rooms": _lazy("vernetool.exchange.rooms_io", "export_rooms"),
    "persons": _lazy("vernetool.exchange.persons_io", "export_persons"),
    "deviations": _lazy("vernetool.exchange.deviations_io", "export_deviations"),
}
