"""Every colour of the user interface is named once, in ui/shell/theme.py."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).parents[2] / "src" / "vernetool" / "ui"
THEME = UI / "shell" / "theme.py"
# "#rgb"/"#rrggbb"/"#aarrggbb" in a string, rgb()/rgba() in a style sheet, QColor(r, g, b)
COLOUR = re.compile(r"""["'][^"'\n]*#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})\b"""
                    r"""|\brgba?\(|QColor\(\s*\d""")


def colour_literals(root: Path, theme: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if path == theme:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if COLOUR.search(line.split("  #")[0]):
                found.append(f"{path.relative_to(root)}:{number}")
    return found


def test_no_colour_outside_the_theme() -> None:
    assert colour_literals(UI, THEME) == []


def test_the_check_finds_a_colour(tmp_path: Path) -> None:
    (tmp_path / "view.py").write_text(
        'label.setStyleSheet("color: #a4262c;")\nok = QColor(255, 0, 0)\nfine = "#1 room"\n')
    assert colour_literals(tmp_path, tmp_path / "theme.py") == ["view.py:1", "view.py:2"]
