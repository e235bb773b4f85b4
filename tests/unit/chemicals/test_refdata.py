"""The reference data the rules need is shipped under resources/ and found from a checkout
and from a PyInstaller build (sys._MEIPASS)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from vernetool.domain.chemicals import pictograms, statements
from vernetool.paths import resource_path, resources_dir

ROOT = Path(__file__).parents[3]


def test_every_pictogram_the_rules_name_has_its_svg() -> None:
    codes = {code for row, _word in pictograms._LABELS.values() for code in row}
    assert codes == {f"GHS0{n}" for n in range(1, 10)}
    for code in codes:
        svg = resource_path("pictograms", f"{code}.svg")
        assert svg.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg")), code


def test_the_shipped_data_names_its_origin_and_licence() -> None:
    attribution = (ROOT / "resources" / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for name in ("hpstatements-en-latest.json", "CC BY 4.0", "radionuclide_half_lives.csv",
                 "GHS01.svg", "warning_signs/", "LICENSE_tabler-icons_MIT.txt"):
        assert name in attribution
    for licence in ("LICENSE_tabler-icons_MIT.txt", "LICENSE_lbize-iso-7010_Apache-2.0.txt"):
        assert resource_path("warning_signs", licence).is_file()
    assert resource_path("refdata", "radionuclide_half_lives.csv").is_file()
    assert "resources" in (ROOT / "build.spec").read_text(encoding="utf-8")


def test_statements_load_from_a_frozen_build(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    frozen = tmp_path / "_internal"
    shutil.copytree(resources_dir() / "refdata", frozen / "resources" / "refdata")
    monkeypatch.setattr(sys, "_MEIPASS", str(frozen), raising=False)
    statements._statements.cache_clear()
    try:
        assert resource_path("refdata").parent == frozen / "resources"
        assert statements.statement_text("H350i") == "May cause cancer by inhalation."
    finally:
        statements._statements.cache_clear()
