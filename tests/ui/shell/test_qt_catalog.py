"""Qt's own texts in Bokmål: every entry is a real Qt text, and the app shows it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from vernetool.ui.shell import qt_catalogs

ROOT = Path(__file__).parents[3]


def _catalog() -> dict[str, dict[str, str]]:
    spec = importlib.util.spec_from_file_location("qt_catalog", ROOT / "scripts" /
                                                  "qt_catalog.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CATALOG  # type: ignore[no-any-return]


def test_every_source_text_is_one_qt_uses(qapp: QApplication) -> None:
    nynorsk = QTranslator()
    assert nynorsk.load("qtbase_nn", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    unknown = [(context, source) for context, messages in _catalog().items()
               for source in messages if not nynorsk.translate(context, source)]
    assert unknown == []


def test_compiled_catalog_matches_the_table(qapp: QApplication) -> None:
    own = QTranslator()
    assert own.load("qtbase_nb", str(ROOT / "resources" / "i18n" / "qt"))
    wrong = [(c, s) for c, m in _catalog().items() for s, t in m.items()
             if own.translate(c, s) != t]
    assert wrong == [], "run scripts/qt_catalog.py to rebuild qtbase_nb.qm"


def test_file_dialog_reads_bokmal(qapp: QApplication, qtbot: QtBot) -> None:
    installed = qt_catalogs.install(qapp, "nb")
    try:
        assert QCoreApplication.translate("QFileDialog", "File &name:") == "Fil&navn:"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"
        dialog = QFileDialog()
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        texts = {label.text() for label in dialog.findChildren(QLabel)}
        assert "Fil&navn:" in texts
    finally:
        qt_catalogs.remove(qapp, installed)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
