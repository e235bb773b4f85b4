"""Qt's own texts in Bokmål: every entry is a real Qt text, and the app shows it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileInfo, QLibraryInfo, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QFileIconProvider,
    QLabel,
    QTreeView,
)
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


def _dialog_texts(qtbot: QtBot, mode: QFileDialog.AcceptMode) -> dict[str, str]:
    """Every text Qt's own (non-native) file dialog shows: labels, buttons, tool tips and
    column headers, keyed by where it is shown."""
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    texts: dict[str, str] = {}
    for n, label in enumerate(dialog.findChildren(QLabel)):
        texts[f"label {n}"] = label.text()
    for n, button in enumerate(dialog.findChildren(QAbstractButton)):
        texts[f"button {n}"] = button.text()
        texts[f"tip {n}"] = button.toolTip()
    for view in dialog.findChildren(QTreeView):
        model = view.model()
        for column in range(model.columnCount()):
            texts[f"header {column}"] = str(model.headerData(column, Qt.Orientation.Horizontal))
    return {where: text for where, text in texts.items() if text}


MODES = (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave)


def _folder_type(folder: Path) -> str:
    """What the Type column says for a folder (a file's type is its MIME type's comment,
    which comes from the system's MIME database, not from Qt's catalogs)."""
    return QFileIconProvider().type(QFileInfo(str(folder)))


def test_every_source_text_is_one_qt_uses(qapp: QApplication, qtbot: QtBot) -> None:
    nynorsk = QTranslator()
    assert nynorsk.load("qtbase_nn", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    shown = {text for mode in MODES for text in _dialog_texts(qtbot, mode).values()}
    shown.add("Folder")  # the Type column: test_type_column_reads_bokmal
    unknown = [(context, source) for context, messages in _catalog().items()
               for source in messages
               if not nynorsk.translate(context, source) and source not in shown]
    assert unknown == []


def test_type_column_reads_bokmal(qapp: QApplication, tmp_path: Path) -> None:
    assert _folder_type(tmp_path) == "Folder"
    installed = qt_catalogs.install(qapp, "nb")
    try:
        assert _folder_type(tmp_path) == "Mappe"
    finally:
        qt_catalogs.remove(qapp, installed)


def test_file_dialog_has_no_english_left_in_bokmal(qapp: QApplication, qtbot: QtBot) -> None:
    """"Look in" and "Files of type" stayed English: the table held Qt's older texts."""
    english = {mode: _dialog_texts(qtbot, mode) for mode in MODES}
    installed = qt_catalogs.install(qapp, "nb")
    try:
        bokmal = {mode: _dialog_texts(qtbot, mode) for mode in MODES}
    finally:
        qt_catalogs.remove(qapp, installed)
    same_in_both = {"Type"}  # the Bokmål word is the English one
    left = sorted({text for mode in MODES for where, text in bokmal[mode].items()
                   if text == english[mode].get(where) and text not in same_in_both})
    assert left == []
    labels = set(bokmal[QFileDialog.AcceptMode.AcceptOpen].values())
    assert {"&Se i:", "Fil&type:"} <= labels


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
