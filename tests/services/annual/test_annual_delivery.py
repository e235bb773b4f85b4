"""The annual payload on the real tables: a submitted report goes as DESIGN's answers file
``annual/<year>-<unit>.json`` once per submission; `vernetool sync` to a folder target with
``--sends annual`` delivers it, and the aggregator counts that folder."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.services.annual.annual_fixtures import make_unit
from tests.services.annual.test_annual_service import MAIN
from tests.services.delivery.payload_fixtures import files_of, read_json
from vernetool.cli import main
from vernetool.context import AppContext
from vernetool.db.delivery.changes import last_seq
from vernetool.domain.delivery.kinds import Sends, TargetKind
from vernetool.domain.delivery.model import Target
from vernetool.services.annual.aggregate import AnnualAggregateService
from vernetool.services.delivery.payloads import annual
from vernetool.settings import Settings


def _target() -> Target:
    return Target(id=1, name="hms", kind=TargetKind.FOLDER, path="/nowhere", url="",
                  sends=(Sends.ANNUAL,), token_env="", token_in_keyring=False, mapping=None,
                  created_at="2026-11-20T08:00:00Z")


def _submit(ctx: AppContext, unit: str = "IKJ", **extra: str) -> dict[str, Any]:
    service = ctx.services.annual
    follow_ups = {"24a": "yes", "24f": "no"} if unit == "IKJ" else {}
    for qid, answer in {**MAIN, **follow_ups, **extra}.items():
        service.set_answer(2024, unit, qid, answer)
    service.confirm_prefilled(2024, unit)
    service.set_names(2024, unit, "Hallstein Hemmer", "May Grete Sætran")
    service.submit(2024, unit)
    return service.answers_file(2024, unit)


def test_drafts_send_nothing_a_submission_sends_its_file_once(ctx: AppContext) -> None:
    make_unit(ctx)
    ctx.services.annual.set_answer(2024, "IKJ", "2", "yes")
    assert annual.build(ctx.conn, _target(), 0, last_seq(ctx.conn)).rows == 0
    submitted = _submit(ctx, **{"12": "=fri tekst"})
    built = annual.build(ctx.conn, _target(), 0, last_seq(ctx.conn))
    assert built.rows == 1
    [(path, data)] = files_of(built.files).items()
    assert path == "annual/2024-IKJ.json"
    sent = read_json(data)
    assert set(sent) == {"schema", "year", "unit", "answered_by", "submitted_at", "answers"}
    assert sent["unit"] == {"code": "IKJ", "name": "Institutt for kjemi"}
    assert sent["answered_by"] == {"line_manager": "Hallstein Hemmer",
                                   "safety_rep": "May Grete Sætran"}
    assert sent["answers"]["12"] == "'=fri tekst"       # neutralised like every payload text
    assert {k: v for k, v in sent["answers"].items() if k != "12"} == {
        k: v for k, v in submitted["answers"].items() if k != "12"}
    assert "24b" not in sent["answers"] and "26c" not in sent["answers"]
    # a change after submitting is not sent; the file sent stays the one submitted
    mark = last_seq(ctx.conn)
    ctx.services.annual.set_answer(2024, "IKJ", "2", "no")
    assert annual.build(ctx.conn, _target(), mark, last_seq(ctx.conn)).rows == 0
    again = annual.build(ctx.conn, _target(), 0, last_seq(ctx.conn))
    assert read_json(files_of(again.files)["annual/2024-IKJ.json"])["answers"]["2"] == "yes"
    ctx.services.annual.submit(2024, "IKJ")
    resent = annual.build(ctx.conn, _target(), mark, last_seq(ctx.conn))
    assert read_json(files_of(resent.files)["annual/2024-IKJ.json"])["answers"]["2"] == "no"


def test_a_deleted_report_is_a_tombstone() -> None:
    files = annual.payload_files([], [("db:4", "2026-11-20T08:00:00Z")])
    assert [f.path for f in files] == ["deleted.json"]
    assert annual.file_name(2024, "IKJ/ORG ") == "annual/2024-IKJ_ORG.json"


def test_sync_to_a_folder_delivers_the_file_and_the_aggregator_counts_it(
        tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "hse.sqlite"
    ctx = AppContext.open(db, settings)
    try:
        make_unit(ctx)
        _submit(ctx)
        _submit(ctx, "IFY", **{"2": "no"})
    finally:
        ctx.close()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    assert main(["target", "add", "hms", "--db", str(db), "--kind", "folder", "--path",
                 str(inbox), "--sends", "annual"]) == 0
    assert main(["sync", "--db", str(db)]) == 0
    capsys.readouterr()
    [bundle] = inbox.glob("*.zip")
    with zipfile.ZipFile(bundle) as zipped:
        names = set(zipped.namelist())
        manifest = json.loads(zipped.read("manifest.json"))
    assert {"annual/2024-IKJ.json", "annual/2024-IFY.json"} <= names
    assert manifest["kind"] == "annual"
    result = AnnualAggregateService(None).aggregate([inbox], 2024)
    assert result.ok, result.errors
    counts = result.current.to_json()
    assert counts["units"] == 2
    assert counts["questions"]["2"]["counts"]["yes"] == 1
    assert counts["questions"]["2"]["counts"]["no"] == 1
    assert counts["questions"]["10"]["counts"] == {"yes": 1, "no": 1, "dont_know": 0}
    assert main(["sync", "--db", str(db)]) == 0           # nothing new: no new bundle
    assert len(list(inbox.glob("*.zip"))) == 1
