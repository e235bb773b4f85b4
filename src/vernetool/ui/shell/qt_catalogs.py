"""Qt's own texts (file dialogs, standard buttons, context menus) in the user's language.

Qt ships a Nynorsk catalog but no Bokmål one. For Bokmål the Nynorsk catalog goes in first
and vernetool's own ``resources/i18n/qt/qtbase_nb.qm`` (built by scripts/qt_catalog.py) on
top of it: Qt asks the most recently installed translator first, so the texts a user meets
most read in Bokmål and the rare rest falls back to Nynorsk rather than English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from vernetool.paths import resource_path

# language → (catalog, folder) in installation order; None = Qt's own translations folder
_CATALOGS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "nb": (("qtbase_nn", None), ("qtbase_nb", "own")),
}


def install(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the catalogs for ``language``; returns them so they can be removed again."""
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    own_folder = str(resource_path("i18n", "qt"))
    installed: list[QTranslator] = []
    wanted = _CATALOGS.get(language, ((f"qtbase_{language}", None),))
    for name, where in wanted:
        translator = QTranslator(app)
        if translator.load(name, own_folder if where == "own" else qt_folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def remove(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
