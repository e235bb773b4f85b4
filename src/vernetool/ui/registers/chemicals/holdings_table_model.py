"""The holdings table: a paged model over ``chemical_register.count/page`` (``HoldingFilter``).

One count and one page of 200 rows per filter change; the rest is fetched as the table
scrolls, so 50,000 holdings cost what the first screen shows. The pictograms column hands
its GHS codes to ``PictogramDelegate``, which paints them from cached pixmaps.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from vernetool.domain.chemicals.model import Holding, HoldingStatus
from vernetool.i18n import tr
from vernetool.ui.common.labels import format_count, format_date, format_number
from vernetool.ui.common.paged_table_model import RIGHT, Column, PagedTableModel, Sort

if TYPE_CHECKING:
    from vernetool.services.chemicals.register import ChemicalRegisterService, HoldingFilter

PICTOGRAM_ROLE = Qt.ItemDataRole.UserRole + 1
ICON = 18  # px: five pictograms in a column of ~110 px


def quantity_text(quantity: float | None, unit: str) -> str:
    """2.5 L → "2,5 L" in Bokmål; no quantity → "" (the register may not know it)."""
    if quantity is None:
        return ""
    return f"{format_number(quantity)} {unit}".strip()


def status_text(holding: Holding) -> str:
    if holding.status == HoldingStatus.DISPOSED:
        return tr("Disposed {date}").format(date=format_date(holding.disposed_on)).strip()
    return tr("In use")


def cas_text(holding: Holding) -> str:
    return ", ".join(getattr(holding, "cas", ()) or ())


# The register's rows carry the products' CAS numbers once the store reads them with the
# holding; until then the column would stay empty, so it is left out (the filter finds CAS
# numbers either way, and the detail lists them).
HAS_CAS = "cas" in {f.name for f in fields(Holding)}


def holding_columns() -> dict[str, Column[Holding]]:
    """The columns by key, in their order."""
    columns: dict[str, Column[Holding]] = {
        "product": Column(lambda: tr("Product"), lambda h: h.product_name,
                          tooltip=lambda h: h.product_name),
        "supplier": Column(lambda: tr("Supplier"), lambda h: h.supplier,
                           tooltip=lambda h: h.supplier),
        "cas": Column(lambda: tr("CAS"), cas_text, tooltip=cas_text),
        "pictograms": Column(lambda: tr("Pictograms"), lambda h: "",
                             tooltip=lambda h: pictogram_names(h.pictograms)),
        "room": Column(lambda: tr("Room"), lambda h: h.room_label),
        "place": Column(lambda: tr("Place"), lambda h: h.place, tooltip=lambda h: h.place),
        "quantity": Column(lambda: tr("Quantity"),
                           lambda h: quantity_text(h.quantity, h.unit), RIGHT),
        "containers": Column(lambda: tr("Cont."),
                             lambda h: "" if h.containers is None
                             else format_count(h.containers), RIGHT,
                             tooltip=lambda h: tr("Containers")),
        "status": Column(lambda: tr("Status"), status_text),
        "cmr": Column(lambda: tr("CMR"), lambda h: tr("CMR") if h.exposure_register else "",
                      tooltip=lambda h: tr("Exposure register required (§31-1)")
                      if h.exposure_register else ""),
    }
    if not HAS_CAS:
        del columns["cas"]
    return columns


COLUMN_KEYS = tuple(holding_columns())


def column(key: str) -> int:
    """The number of the column ``key`` (the CAS column may be left out)."""
    return COLUMN_KEYS.index(key)


def pictogram_names(codes: tuple[str, ...]) -> str:
    from vernetool.ui.common.labels import ghs_pictogram_label

    return "\n".join(f"{code}: {ghs_pictogram_label(code)}" for code in codes)


class HoldingsTableModel(PagedTableModel[Holding, "HoldingFilter"]):
    """Holdings matching a ``HoldingFilter``, loaded 200 rows at a time.

    Filtering 50,000 holdings as you type: a new filter first loads the rows to show (one
    query). When they are fewer than a page they are all there is, and no count is needed
    (a CAS number or a product name usually ends here); otherwise the count follows in the
    next turn of the event loop, so the rows are painted and keys are handled in between.
    """

    def __init__(self, register: ChemicalRegisterService, flt: HoldingFilter, *,
                 page_size: int = 200, parent: Any = None) -> None:
        def fetch(f: HoldingFilter, offset: int, limit: int, _sort: Sort | None) -> list[Holding]:
            return register.page(f, offset, limit)

        self._count_holdings = register.count
        self._generation = 0  # a count scheduled for an older filter is dropped
        self._counted = True
        super().__init__(list(holding_columns().values()), lambda _f: 0, fetch, flt,
                         page_size=page_size, parent=parent)

    def reload(self, *, keep_loaded: bool = False) -> None:
        wanted = max(self.page_size, len(self._rows)) if keep_loaded else self.page_size
        self._generation += 1
        self.beginResetModel()
        self._rows = self._fetch(self._filter, 0, wanted, self._sort)
        complete = len(self._rows) < wanted
        # until counted: one more than loaded, so the view may fetch on
        self._total = len(self._rows) + (0 if complete else 1)
        self._counted = complete
        self.endResetModel()
        if complete:
            self.total_changed.emit(self._total)
        else:
            from PySide6.QtCore import QTimer

            generation = self._generation
            QTimer.singleShot(0, self, lambda: self._deferred_count(generation))

    def _deferred_count(self, generation: int) -> None:
        if generation != self._generation:
            return
        self._total = max(self._count_holdings(self._filter), len(self._rows))
        self._counted = True
        self.total_changed.emit(self._total)

    def counted(self) -> bool:
        """Whether ``total()`` is the count, not yet only the rows loaded (+1)."""
        return self._counted

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                  ) -> None:
        before = len(self._rows)
        super().fetchMore(parent)
        loaded = len(self._rows)
        if not self._counted and loaded > before:  # still counting: keep fetching possible
            self._total = max(self._total, loaded + (1 if loaded - before >= self.page_size
                                                     else 0))

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == PICTOGRAM_ROLE:
            if index.isValid() and 0 <= index.row() < len(self._rows):
                return self._rows[index.row()].pictograms
            return ()
        return super().data(index, role)

    def row_of_holding(self, holding_id: int) -> int:
        """The loaded row showing this holding, or -1."""
        for row, item in enumerate(self._rows):
            if item.id == holding_id:
                return row
        return -1


class PictogramDelegate(QStyledItemDelegate):
    """Paints a cell's GHS codes (``PICTOGRAM_ROLE``) as small pictograms side by side."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        from vernetool.ui.common.pictograms import scaled_pictogram

        super().paint(painter, option, index)  # background, selection, focus
        codes = index.data(PICTOGRAM_ROLE) or ()
        rect: QRect = option.rect
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        size = min(ICON, rect.height() - 4)
        x, y = rect.x() + 3, rect.y() + (rect.height() - size) // 2
        for code in codes:
            if x + size > rect.right():
                break
            painter.drawPixmap(QRect(x, y, size, size), scaled_pictogram(code, size, ratio))
            x += size + 2

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        codes = index.data(PICTOGRAM_ROLE) or ()
        return QSize(6 + len(codes) * (ICON + 2), ICON + 6)

