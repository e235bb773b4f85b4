"""The detail panel of the chemical register: the selected holding's product (pictograms,
signal word, H/EUH and P texts, CAS numbers, the safety data sheet) and where it is kept.

A PDF dropped anywhere on the panel is offered as the product's new safety data sheet.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vernetool.domain.chemicals.model import Holding, HoldingStatus, Product, SignalWord
from vernetool.i18n import tr, trn
from vernetool.ui.common.flow_layout import FlowLayout
from vernetool.ui.common.labels import format_date, ghs_pictogram_label
from vernetool.ui.common.list_detail import (
    MUTED,
    FieldGrid,
    detail_title,
    muted_label,
    plain_label,
    section_title,
)
from vernetool.ui.registers.chemicals.holdings_table_model import quantity_text, status_text
from vernetool.ui.shell import theme

if TYPE_CHECKING:
    from vernetool.domain.chemicals.segregation import ConflictGroup

PICTOGRAM = 44  # px in the panel
NAMES_SHOWN = 5  # of a side of a storage problem ("and 12 more")
HOLDINGS_SHOWN = 20  # of a product's holdings; the register lists them all
LANGUAGES = ("nb", "nn", "en", "sv", "da", "de", "other")


def language_name(code: str) -> str:
    return {"nb": tr("Norwegian Bokmål"), "nn": tr("Norwegian Nynorsk"), "en": tr("English"),
            "sv": tr("Swedish"), "da": tr("Danish"), "de": tr("German"),
            "other": tr("Another language"), "": tr("Language not known")}.get(code, code)


def signal_word_text(word: SignalWord | None) -> str:
    if word is None:
        return ""
    return {SignalWord.DANGER: tr("Danger"), SignalWord.WARNING: tr("Warning")}[word]


@dataclass(frozen=True)
class SdsView:
    """What the panel says about the product's safety data sheet."""

    summary: str            # "Revised 12.03.2021 · English" or "No safety data sheet"
    problems: tuple[str, ...]   # "Older than 3 years", "Not in Norwegian or English" …
    can_open: bool


def sds_view(product: Product, states: frozenset[str], max_age_years: int) -> SdsView:
    """The panel's words for the SDS; ``states`` are ``SdsState`` values (missing, old,
    language) as the domain decides them."""
    sds = product.sds
    problems = []
    if "old" in states and sds is not None and sds.revised_on is None:
        problems.append(tr("No revision date: enter it to see the sheet's age"))
    elif "old" in states:
        problems.append(tr("Older than {n} years: check for a newer revision")
                        .format(n=max_age_years))
    if "language" in states:
        problems.append(tr("Not in Norwegian or English"))
    if sds is None:
        return SdsView(tr("No safety data sheet"), tuple(problems), False)
    parts = []
    if sds.revised_on is not None:
        parts.append(tr("Revised {date}").format(date=format_date(sds.revised_on)))
    else:
        parts.append(tr("Revision date not known"))
    parts.append(language_name(sds.language))
    if not sds.has_file and sds.url:
        parts.append(tr("link only"))
    return SdsView(" · ".join(parts), tuple(problems), sds.has_file or bool(sds.url))


def holdings_html(holdings: list[Holding], selected_id: int | None,
                  limit: int = HOLDINGS_SHOWN) -> str:
    """The product's holdings by room and place, one line each, the selected one bold; at
    most ``limit`` of them (the selected one always), then how many more there are."""
    ordered = sorted(holdings, key=lambda h: (h.status != HoldingStatus.IN_USE, h.room_label,
                                              h.place.casefold()))
    shown = ordered[:limit]
    selected = next((h for h in ordered[limit:] if h.id == selected_id), None)
    if selected is not None:
        shown[-1] = selected
    lines = []
    for h in shown:
        where = " · ".join(p for p in (h.room_label, h.place) if p)
        amount = quantity_text(h.quantity, h.unit)
        if h.containers is not None:
            amount = trn("{amount} in {n} container", "{amount} in {n} containers",
                         h.containers).format(amount=amount or "?", n=h.containers)
        text = html.escape(where)
        if h.id == selected_id:
            text = f"<b>{text}</b>"
        extra = [amount] if amount else []
        if h.status == HoldingStatus.DISPOSED:
            extra.append(status_text(h))
        tail = (f"<br><span style='color: {theme.MUTED}'>{html.escape(' · '.join(extra))}"
                "</span>") if extra else ""
        lines.append(f"<p style='margin: 0 0 4px 0'>{text}{tail}</p>")
    if len(ordered) > len(shown):
        more = tr("… and {n} more: filter the list by the product to see them all").format(
            n=len(ordered) - len(shown))
        lines.append(f"<p style='margin: 0; color: {theme.MUTED}'>{html.escape(more)}</p>")
    return "".join(lines)


def storage_problems_html(place: str, groups: Sequence[ConflictGroup],
                          product_name: str = "") -> str:
    """The storage-problem warning: a title naming the place, then one line per pair of
    classes ("Oxidiser beside flammable: Potassium permanganate / Acetone, …"), the shown
    product first on its side and in bold."""
    from vernetool.i18n.labels import segregation_pair_label, some_names

    def side(names: tuple[str, ...]) -> str:
        ordered = sorted(names, key=lambda n: n != product_name)  # stable: the rest in order
        escaped = [f"<b>{html.escape(n)}</b>" if n == product_name else html.escape(n)
                   for n in ordered]
        return some_names(escaped, NAMES_SHOWN)

    title = (tr("Storage problem in {place}").format(place=place) if place
             else tr("Storage problem in this place"))
    lines = [f"<p style='margin: 0 0 3px 0; color: {theme.ERROR}'><b>"
             f"{html.escape(title)}</b></p>"]
    for group in groups:
        pair = segregation_pair_label(group.first, group.second)
        lines.append(f"<p style='margin: 0 0 3px 0'>{html.escape(pair)}: "
                     f"{side(group.first_products)} / {side(group.second_products)}</p>")
    lines.append(f"<p style='margin: 0; color: {theme.MUTED}'>"
                 f"{html.escape(tr('Store them apart: move one side to another place.'))}</p>")
    return "".join(lines)


def statements_html(texts: list[tuple[str, str]]) -> str:
    return "".join(f"<p style='margin: 0 0 3px 0'><b>{html.escape(code)}</b> "
                   f"{html.escape(text)}</p>" for code, text in texts)


def _rich_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _button_row(*buttons: QPushButton) -> QBoxLayout:
    row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class ProductDetail(QFrame):
    """The product of the selected holding. Its buttons are wired by the view."""

    pdf_dropped = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.setAcceptDrops(True)
        self.title = detail_title()
        self.subtitle = plain_label()
        self.subtitle.setStyleSheet(MUTED)
        self.empty = muted_label(tr("Select a holding to see its product."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.pictograms = QWidget()
        self.pictogram_row = FlowLayout(self.pictograms)
        self.pictogram_row.setContentsMargins(0, 2, 0, 2)
        self.pictogram_codes: tuple[str, ...] = ()
        self.signal_word = QLabel()
        self.signal_word.setObjectName("signalWord")
        font = self.signal_word.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.signal_word.setFont(font)
        self.signal_word.setStyleSheet(f"color: {theme.ERROR};")

        self.cmr = QFrame()
        self.cmr.setObjectName("cmrNotice")
        self.cmr.setStyleSheet(f"QFrame#cmrNotice {{ border: 1px solid {theme.ERROR}; "
                               "border-radius: 3px; }")
        self.cmr_text = QLabel(tr("Carcinogenic, mutagenic or toxic for reproduction: "
                                  "exposure must be registered (§31-1)."))
        self.cmr_text.setWordWrap(True)
        self.exposure_button = QPushButton(tr("Register e&xposure…"))
        self.exposure_button.setToolTip(tr("Record who was exposed to this product, how and "
                                           "for how long"))
        self.entries_button = QPushButton(tr("Entries"))
        self.entries_button.setToolTip(tr("The product's entries in the exposure register"))
        cmr_layout = QVBoxLayout(self.cmr)
        cmr_layout.setContentsMargins(8, 6, 8, 6)
        cmr_layout.addWidget(self.cmr_text)
        self.cmr_buttons = _button_row(self.exposure_button, self.entries_button)
        cmr_layout.addLayout(self.cmr_buttons)

        self.cas = plain_label()
        self.notes = plain_label()
        self.fields = FieldGrid()
        self.fields.add_row(tr("CAS:"), self.cas)
        self.fields.add_row(tr("Notes:"), self.notes)

        self.hazards = _rich_label("hazardStatements")
        self.no_hazards = muted_label(tr("No hazard statements."))
        self.precautions = _rich_label("precautionaryStatements")
        self.no_precautions = muted_label(tr("No precautionary statements."))

        self.sds_summary = plain_label()
        self.sds_summary.setObjectName("sdsSummary")
        self.sds_problems = plain_label()
        self.sds_problems.setObjectName("sdsProblems")
        self.sds_problems.setStyleSheet(f"color: {theme.ERROR};")
        self.sds_open = QPushButton(tr("&Open"))
        self.sds_open.setToolTip(tr("Open the safety data sheet"))
        self.sds_add = QPushButton(tr("&Add or replace…"))
        self.sds_add.setToolTip(tr("Choose a PDF, or drop one on this panel; the sheet it "
                                   "replaces is kept in the history"))
        self.sds_hint = muted_label(tr("Drop a PDF here to add or replace the sheet."))

        self.holding_where = plain_label()
        self.holding_amount = plain_label()
        self.holding_status = plain_label()
        self.holding_fields = FieldGrid()
        self.holding_fields.add_row(tr("Where:"), self.holding_where)
        self.holding_fields.add_row(tr("Quantity:"), self.holding_amount)
        self.holding_fields.add_row(tr("Status:"), self.holding_status)
        self.storage_notice = QFrame()
        self.storage_notice.setObjectName("storageNotice")
        self.storage_notice.setStyleSheet(
            f"QFrame#storageNotice {{ background: {theme.STORAGE_WARNING_BACKGROUND}; "
            f"border: 1px solid {theme.STORAGE_WARNING_BORDER}; border-radius: 3px; }}")
        self.storage_text = _rich_label("storageProblems")
        self.storage_text.setAccessibleName(tr("Storage problem"))
        notice_layout = QVBoxLayout(self.storage_notice)
        notice_layout.setContentsMargins(8, 6, 8, 6)
        notice_layout.addWidget(self.storage_text)
        self.storage_groups: tuple[ConflictGroup, ...] = ()
        self.storage_notice.hide()
        self.edit_holding_button = QPushButton(tr("Edit &holding…"))
        self.edit_holding_button.setToolTip(tr("Edit the selected holding (Enter or F2)"))
        self.dispose_button = QPushButton(tr("&Dispose…"))
        self.dispose_button.setToolTip(tr("Mark the holding as disposed; it stays in the "
                                          "register with its date"))
        self.holding_buttons = _button_row(self.edit_holding_button, self.dispose_button)
        self.print_button = QPushButton(tr("Print the place's &list…"))
        self.print_button.setToolTip(tr("A PDF of everything kept in this storage place, "
                                        "to hang on the cabinet"))

        self.holdings = _rich_label("productHoldings")
        self.edit_product_button = QPushButton(tr("Edit p&roduct…"))
        self.add_here_button = QPushButton(tr("Add to another pla&ce…"))
        self.add_here_button.setToolTip(tr("A new holding of this product"))
        self.product_buttons = _button_row(self.edit_product_button, self.add_here_button)

        self.content = QWidget()
        inner = QVBoxLayout(self.content)
        self._inner = inner
        inner.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.signal_word)
        head.addStretch(1)
        inner.addWidget(self.pictograms)
        inner.addLayout(head)
        inner.addWidget(self.cmr)
        inner.addSpacing(4)
        inner.addWidget(self.fields)
        inner.addLayout(self.product_buttons)
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("This holding")))
        inner.addWidget(self.holding_fields)
        # the storage notice goes in under the fields only while it is shown
        # (_show_storage_problems): a hidden item would still change the panel's layout
        inner.addLayout(self.holding_buttons)
        inner.addLayout(_button_row(self.print_button))
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("Hazard statements")))
        inner.addWidget(self.hazards)
        inner.addWidget(self.no_hazards)
        inner.addSpacing(4)
        inner.addWidget(section_title(tr("Precautionary statements")))
        inner.addWidget(self.precautions)
        inner.addWidget(self.no_precautions)
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("Safety data sheet")))
        inner.addWidget(self.sds_summary)
        inner.addWidget(self.sds_problems)
        self.sds_buttons = _button_row(self.sds_open, self.sds_add)
        inner.addLayout(self.sds_buttons)
        inner.addWidget(self.sds_hint)
        inner.addSpacing(8)
        inner.addWidget(section_title(tr("Holdings by room and place")))
        inner.addWidget(self.holdings)
        inner.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.empty)
        layout.addSpacing(4)
        layout.addWidget(self.content, 1)
        self.product: Product | None = None
        self.holding: Holding | None = None
        self._width = 0  # the panel's width, once known (fit_width)
        self.show_product(None)

    def fit_width(self, width: int) -> None:
        """Stack a row's buttons when the panel is too narrow for them side by side."""
        self._width = width
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        room = width - (margins.left() + margins.right() if margins is not None else 0)
        inset = self.cmr.layout().contentsMargins()  # type: ignore[union-attr]
        for row, buttons, indent in (
                (self.cmr_buttons, (self.exposure_button, self.entries_button),
                 inset.left() + inset.right() + 2),
                (self.product_buttons, (self.edit_product_button, self.add_here_button), 0),
                (self.holding_buttons, (self.edit_holding_button, self.dispose_button), 0),
                (self.sds_buttons, (self.sds_open, self.sds_add), 0)):
            needed = sum(b.sizeHint().width() for b in buttons) + row.spacing() + indent
            direction = (QBoxLayout.Direction.LeftToRight if room >= needed
                         else QBoxLayout.Direction.TopToBottom)
            if row.direction() != direction:
                row.setDirection(direction)

    # -- what is shown -----------------------------------------------------------------------
    def show_product(self, product: Product | None, *, holding: Holding | None = None,
                     statement_texts: list[tuple[str, str]] | None = None,
                     sds_states: frozenset[str] = frozenset(), sds_max_age_years: int = 3,
                     holdings: list[Holding] | None = None,
                     storage_problems: Sequence[ConflictGroup] = ()) -> None:
        """Show ``product`` (None: the hint); ``storage_problems`` are those of the shown
        holding's storage place (``ChemicalsService.place_segregation``)."""
        self.product = product
        has = product is not None
        self.title.setVisible(has)
        self.subtitle.setVisible(has)
        self.content.setVisible(has)
        self.empty.setVisible(not has)
        if product is None:
            return
        self.title.setText(product.name)
        self.subtitle.setText(product.supplier)
        self.subtitle.setVisible(bool(product.supplier))
        self._show_pictograms(product.pictograms)
        word = signal_word_text(product.signal_word)
        self.signal_word.setText(word)
        self.signal_word.setVisible(bool(word))
        self.cmr.setVisible(product.exposure_register)
        self.cas.setText(", ".join(product.cas) or "—")
        self.notes.setText(product.notes or "—")

        texts = statement_texts or []
        hazard = [(c, t) for c, t in texts if c in product.hazard_codes]
        precaution = [(c, t) for c, t in texts if c in product.precautionary_codes]
        self.hazards.setText(statements_html(hazard))
        self.hazards.setVisible(bool(hazard))
        self.no_hazards.setVisible(not hazard)
        self.precautions.setText(statements_html(precaution))
        self.precautions.setVisible(bool(precaution))
        self.no_precautions.setVisible(not precaution)

        view = sds_view(product, sds_states, sds_max_age_years)
        self.sds_summary.setText(view.summary)
        self.sds_summary.setVisible(product.sds is not None)  # else the problem says it
        problems = list(view.problems)
        if product.sds is None:
            problems.insert(0, tr("Missing: every product needs a safety data sheet"))
        self.sds_problems.setText("\n".join(problems))
        self.sds_problems.setVisible(bool(problems))
        self.sds_open.setEnabled(view.can_open)
        self.sds_add.setText(tr("&Add or replace…") if product.sds else tr("&Add…"))

        self.holding = holding
        self.holding_where.setText(" · ".join(p for p in (holding.room_label, holding.place)
                                              if p) if holding else "—")
        if holding is not None:
            amount = quantity_text(holding.quantity, holding.unit) or "—"
            if holding.containers is not None:
                amount = trn("{amount}, {n} container", "{amount}, {n} containers",
                             holding.containers).format(amount=amount, n=holding.containers)
            self.holding_amount.setText(amount)
            self.holding_status.setText(status_text(holding))
        self.edit_holding_button.setEnabled(holding is not None)
        self.print_button.setEnabled(holding is not None)
        self.dispose_button.setEnabled(holding is not None
                                       and holding.status == HoldingStatus.IN_USE)
        self._show_storage_problems(holding, product,
                                    tuple(storage_problems) if holding is not None else ())
        self.holdings.setText(holdings_html(holdings or [], holding.id if holding else None))
        if self._width:
            self.fit_width(self._width)  # "Add…" became "Add or replace…", or back

    def _show_storage_problems(self, holding: Holding | None, product: Product,
                               groups: tuple[ConflictGroup, ...]) -> None:
        self.storage_groups = groups
        shown = holding is not None and bool(groups)
        self.storage_text.setText(storage_problems_html(holding.place, groups, product.name)
                                  if holding is not None and shown else "")
        index = self._inner.indexOf(self.storage_notice)
        if shown and index < 0:
            self._inner.insertWidget(self._inner.indexOf(self.holding_fields) + 1,
                                     self.storage_notice)
        elif not shown and index >= 0:
            self._inner.removeWidget(self.storage_notice)
        self.storage_notice.setVisible(shown)

    def _show_pictograms(self, codes: tuple[str, ...]) -> None:
        from vernetool.ui.common.pictograms import scaled_pictogram

        self.pictogram_codes = codes
        while self.pictogram_row.count():
            item = self.pictogram_row.takeAt(0)
            if item is not None and (widget := item.widget()) is not None:
                widget.deleteLater()
        ratio = self.devicePixelRatioF()
        for code in codes:
            icon = QLabel()
            icon.setObjectName(f"pictogram_{code}")
            icon.setPixmap(scaled_pictogram(code, PICTOGRAM, ratio))
            icon.setToolTip(f"{code}: {ghs_pictogram_label(code)}")
            icon.setAccessibleName(ghs_pictogram_label(code))
            self.pictogram_row.addWidget(icon)
        self.pictograms.setVisible(bool(codes))

    # -- a PDF dropped on the panel ------------------------------------------------------------
    @staticmethod
    def dropped_pdf(event: QDragEnterEvent | QDropEvent) -> Path | None:
        data = event.mimeData()
        if data is None or not data.hasUrls():
            return None
        for url in data.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".pdf"):
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # Qt override
        if self.product is not None and self.dropped_pdf(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # Qt override
        path = self.dropped_pdf(event)
        if self.product is None or path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.pdf_dropped.emit(path)
