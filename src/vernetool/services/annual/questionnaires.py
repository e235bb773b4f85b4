"""The questionnaires shipped in ``resources/annual/<year>.json``: a year without its own
file is asked the newest earlier year's questions (``based_on_year`` says which)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from vernetool.domain.annual.questionnaire import Questionnaire, parse_questionnaire
from vernetool.domain.errors import ValidationError


def questionnaires_dir() -> Path:
    from vernetool.paths import resource_path

    return resource_path("annual")


def questionnaire_years(folder: Path | None = None) -> list[int]:
    """The years that have their own questionnaire file, oldest first."""
    folder = questionnaires_dir() if folder is None else folder
    return sorted(int(p.stem) for p in folder.glob("*.json") if p.stem.isdigit())


def questionnaire_for(year: int, folder: Path | None = None) -> Questionnaire:
    """The questionnaire for reporting ``year``: its own file or the newest earlier one; a
    ``ValidationError`` ("annual.no_questionnaire") when there is none that early."""
    folder = questionnaires_dir() if folder is None else folder
    earlier = [y for y in questionnaire_years(folder) if y <= year]
    if not earlier:
        raise ValidationError("annual.no_questionnaire", "year", year=year,
                              first=min(questionnaire_years(folder), default="–"))
    return _read(folder / f"{earlier[-1]}.json").for_year(year)


@lru_cache(maxsize=16)
def _read(path: Path) -> Questionnaire:
    with path.open(encoding="utf-8") as handle:
        return parse_questionnaire(json.load(handle))
