"""Builds Qt's own texts in Bokmål: ``resources/i18n/qt/qtbase_nb.ts`` → ``qtbase_nb.qm``.

Qt ships catalogs for its built-in texts (file dialogs, standard buttons, context menus) in
Nynorsk but not in Bokmål. This table holds the texts a vernetool user meets; the app loads
the result over the Nynorsk catalog, which covers the rest. Each source text must be one Qt
really uses: tests/ui/shell/test_qt_catalog.py checks that Qt's Nynorsk catalog knows it or
that Qt's own file dialog shows it, and that the file dialog shows no English text left.

Run after editing: .venv/bin/python scripts/qt_catalog.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "i18n" / "qt"

BUTTONS = {
    "OK": "OK", "Save": "Lagre", "Save All": "Lagre alle", "Open": "Åpne", "&Yes": "&Ja",
    "Yes to &All": "Ja til &alle", "&No": "&Nei", "N&o to All": "N&ei til alle",
    "Abort": "Avbryt", "Retry": "Prøv igjen", "Ignore": "Ignorer", "Close": "Lukk",
    "Cancel": "Avbryt", "Discard": "Forkast", "Help": "Hjelp", "Apply": "Bruk",
    "Reset": "Tilbakestill", "Restore Defaults": "Gjenopprett standardverdier",
}
EDITING = {
    "&Undo": "&Angre", "&Redo": "&Gjør om", "Cu&t": "Klipp &ut", "&Copy": "&Kopier",
    "&Paste": "&Lim inn", "Delete": "Slett", "Select All": "Merk alt",
}
CATALOG: dict[str, dict[str, str]] = {
    "QPlatformTheme": BUTTONS,
    "QLineEdit": EDITING,
    "QWidgetTextControl": {**EDITING, "Copy &Link Location": "Kopier &lenkeadresse"},
    "QAbstractSpinBox": {"&Select All": "&Merk alt", "&Step up": "Trinn &opp",
                         "Step &down": "Trinn &ned"},
    "QMessageBox": {"Show Details...": "Vis detaljer …", "Hide Details...": "Skjul detaljer …",
                    "About Qt": "Om Qt"},
    "QFileDialog": {
        "&Look in:": "&Se i:", "File &name:": "Fil&navn:", "Files of &type:": "Fil&type:",
        "&Open": "&Åpne", "&Save": "&Lagre", "Open": "Åpne", "Save As": "Lagre som",
        "Back": "Tilbake", "Forward": "Fram", "Parent Directory": "Overordnet mappe",
        "Create New Folder": "Opprett ny mappe", "List View": "Listevisning",
        "Detail View": "Detaljvisning", "New Folder": "Ny mappe", "&Rename": "&Gi nytt navn",
        "&Delete": "&Slett", "Show &hidden files": "Vis &skjulte filer",
        "&New Folder": "&Ny mappe", "All Files (*)": "Alle filer (*)",
        "Directory:": "Mappe:", "Recent Places": "Nylig brukte steder", "Files": "Filer",
        "Directories": "Mapper", "Find Directory": "Finn mappe", "Folder": "Mappe",
        "File Folder": "Filmappe", "File": "Fil", "Unknown": "Ukjent",
        "My Computer": "Min datamaskin", "Sidebar": "Sidestolpe",
        "Are you sure you want to delete '%1'?": "Er du sikker på at du vil slette «%1»?",
        "%1 already exists.\nDo you want to replace it?":
            "%1 finnes allerede.\nVil du erstatte den?",
        "%1\nFile not found.\nPlease verify the correct file name was given.":
            "%1\nFila ble ikke funnet.\nKontroller at filnavnet er riktig.",
        "Could not delete directory.": "Kunne ikke slette mappa.",
    },
    # the file dialog's Type column for folders (Qt 6 asks the icon provider; a file's type
    # is its MIME type's comment, from the system)
    "QAbstractFileIconProvider": {"Folder": "Mappe"},
    "QFileSystemModel": {"Name": "Navn", "Size": "Størrelse", "Type": "Type",
                         "Date Modified": "Endret", "My Computer": "Min datamaskin",
                         "Computer": "Datamaskin"},
}


def write_ts(path: Path) -> None:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             '<TS version="2.1" language="nb_NO" sourcelanguage="en">']
    for context, messages in CATALOG.items():
        lines += ["<context>", f"    <name>{context}</name>"]
        for source, translation in messages.items():
            lines += ["    <message>", f"        <source>{escape(source)}</source>",
                      f"        <translation>{escape(translation)}</translation>",
                      "    </message>"]
        lines.append("</context>")
    lines.append("</TS>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    ts = FOLDER / "qtbase_nb.ts"
    write_ts(ts)
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    return subprocess.call([str(lrelease), "-silent", str(ts), "-qm",
                            str(FOLDER / "qtbase_nb.qm")])


if __name__ == "__main__":
    sys.exit(main())
