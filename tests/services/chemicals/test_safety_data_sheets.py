"""SafetyDataSheetsService: content-addressed files, URLs, newer sheets replace (the old stay),
file_path to open the PDF, the SDS states."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vernetool.context import AppContext
from vernetool.db import audit
from vernetool.domain.chemicals.sds import SdsState
from vernetool.services import Services
from vernetool.services.errors import ValidationError

from .conftest import METHANOL

PDF = b"%PDF-1.4\n% a safety data sheet\n%%EOF\n"


def test_a_newer_sheet_replaces_and_the_old_stays(services: Services, ctx: AppContext,
                                                  tmp_path: Path) -> None:
    product = services.chemicals.save_product(METHANOL)
    source = tmp_path / "Methanol SDB.PDF"
    source.write_bytes(PDF)
    first = services.safety_data_sheets.attach(product.id, source, dt.date(2021, 11, 5),
                                               "Norsk")
    assert (first.language, first.revised_on, first.extension, first.original_name) == (
        "nb", dt.date(2021, 11, 5), ".pdf", "Methanol SDB.PDF")
    path = services.safety_data_sheets.file_path(first.id)
    assert path.read_bytes() == PDF and path.is_relative_to(ctx.data_dir)
    # the same sheet again (re-import) adds nothing
    assert services.safety_data_sheets.attach(product.id, source, dt.date(2021, 11, 5),
                                              "nb") == first
    second = services.safety_data_sheets.attach_bytes(product.id, "..\\..\\new.pdf",
                                                      PDF + b"v2", dt.date(2025, 2, 1), "en")
    assert second.original_name == "new.pdf"
    assert services.chemicals.product(product.id).sds == second
    assert services.safety_data_sheets.current(product.id) == second
    assert [s.id for s in services.safety_data_sheets.history(product.id)] == [second.id,
                                                                              first.id]
    assert services.safety_data_sheets.file_path(first.id).read_bytes() == PDF
    assert [e.action for e in audit.history(ctx.conn, "chemical_sds", second.id)] == ["create"]


def test_a_url_only_sheet_has_no_file(services: Services) -> None:
    product = services.chemicals.save_product(METHANOL)
    linked = services.safety_data_sheets.link(product.id, "https://example.org/sds.pdf",
                                              dt.date(2020, 1, 1), "de")
    assert not linked.has_file and linked.url == "https://example.org/sds.pdf"
    with pytest.raises(ValidationError) as caught:
        services.safety_data_sheets.file_path(linked.id)
    assert caught.value.code == "sds.no_file"
    with pytest.raises(ValidationError) as empty:
        services.safety_data_sheets.link(product.id, " ")
    assert empty.value.code == "sds.missing"


def test_states_follow_the_configured_age(services: Services) -> None:
    product = services.chemicals.save_product(METHANOL)
    sheets = services.safety_data_sheets
    today = dt.date(2026, 12, 2)
    assert sheets.states(product.id, today) == {SdsState.MISSING}
    sheets.link(product.id, "https://example.org/a.pdf", dt.date(2022, 6, 1), "sv")
    assert sheets.states(product.id, today) == {SdsState.OLD, SdsState.LANGUAGE}
    services.chemicals.set_sds_max_age_years(5)
    assert sheets.states(product.id, today) == {SdsState.LANGUAGE}


def test_an_unknown_product_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError) as caught:
        services.safety_data_sheets.link(42, "https://example.org")
    assert caught.value.code == "chemical.no_such_id"
