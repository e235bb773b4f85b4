"""The Sync area on a real SQLite file: a folder target added through the dialog, a sync in
the background, the bundle delivered with its receipt; an HTTP target on a real localhost
server that refuses with a reason, then accepts after a re-queue; the status bar's count."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from vernetool.context import AppContext
from vernetool.domain.deviations.rules import Deviation, DeviationType
from vernetool.ui.delivery.target_dialog import TargetDialog
from vernetool.ui.delivery.view import DeliveryView
from vernetool.ui.shell.main_window import MainWindow


class Receiver:
    """A tiny central system: answers each POST with ``status`` and ``body``; keeps what came."""

    def __init__(self) -> None:
        self.status = 400
        self.body: dict[str, Any] = {"error": "Missing field 'category'"}
        self.received: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                payload = self.rfile.read(length)
                receiver.received.append({"key": self.headers.get("Idempotency-Key"),
                                          "bytes": len(payload)})
                body = json.dumps(receiver.body).encode("utf-8")
                self.send_response(receiver.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/bundles"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as running:
        yield running


@pytest.fixture
def view(qtbot: Any, ctx: AppContext) -> DeliveryView:
    ctx.services.deviations.record(Deviation(DeviationType.HAZARD, "Wet floor by the sink",
                                             dt.date(2025, 6, 2)))
    page = DeliveryView(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def add_target_through_dialog(qtbot: Any, view: DeliveryView, monkeypatch: pytest.MonkeyPatch,
                              **fields: Any) -> None:
    """Add… opens the dialog; it is filled like a person would and saved."""
    def fill(dialog: TargetDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.name.setText(fields["name"])
        dialog.kind.setCurrentIndex(dialog.kind.findData(fields["kind"]))
        if fields["kind"] == "folder":
            dialog.path.setText(str(fields["path"]))
        else:
            dialog.url.setText(fields["url"])
        dialog.sends["deviations"].setChecked(True)
        dialog.accept()
        assert dialog.error_label.isHidden(), dialog.error_label.text()
        return int(dialog.result())

    monkeypatch.setattr(TargetDialog, "exec", fill)
    view.add_button.click()


def sync(qtbot: Any, view: DeliveryView, target: str | None = None) -> None:
    runner = view.sync(target)
    assert runner is not None
    with qtbot.waitSignal(runner.finished, timeout=10000):
        pass
    QApplication.processEvents()


def test_a_folder_target_added_in_the_dialog_receives_the_bundle_with_a_receipt(
        qtbot: Any, view: DeliveryView, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    add_target_through_dialog(qtbot, view, monkeypatch, name="HSE share", kind="folder",
                              path=folder)
    [target] = view.targets_table.rows
    assert (target.name, target.kind, target.path, target.sends) == (
        "HSE share", "folder", str(folder), ("deviations",))
    assert view.targets_table.item(0, 4).text() != ""   # "none yet"

    sync(qtbot, view)
    assert "delivered to HSE share" in view.result_label.text()
    zips = list(folder.glob("*.zip"))
    assert len(zips) == 1 and not list(folder.glob("*.part"))
    [bundle] = view.bundles_table.rows
    assert bundle.status == "delivered" and bundle.bundle_id in zips[0].name
    assert view.select_bundle(bundle.bundle_id)
    assert view.detail.receipt.isVisible()
    assert view.detail.receipt.toPlainText().strip() != ""
    assert not view.detail.requeue_button.isVisible()
    assert view.targets_table.rows[0].last_receipt is not None


def test_an_http_refusal_shows_the_reason_and_a_requeue_delivers_after_the_fix(
        qtbot: Any, view: DeliveryView, receiver: Receiver,
        monkeypatch: pytest.MonkeyPatch) -> None:
    add_target_through_dialog(qtbot, view, monkeypatch, name="EQS", kind="http",
                              url=receiver.url)
    sync(qtbot, view)
    assert "Missing field 'category'" in view.result_label.text()
    assert "failed" in view.result_label.text()
    [bundle] = view.bundles_table.rows
    assert bundle.status == "failed"
    assert view.targets_table.rows[0].failed == 1
    view.select_bundle(bundle.bundle_id)
    assert view.detail.reason.isVisible()
    assert "Missing field 'category'" in view.detail.reason.text()
    assert view.detail.requeue_button.isVisible() and view.detail.discard_button.isVisible()

    receiver.status, receiver.body = 201, {"id": "EQS-2025-0042", "accepted": 1}
    view.detail.requeue_button.click()
    assert view.bundles_table.rows[0].status == "queued"
    sync(qtbot, view)
    [again] = view.bundles_table.rows
    assert (again.bundle_id, again.status) == (bundle.bundle_id, "delivered")
    assert [r["key"] for r in receiver.received] == [bundle.bundle_id] * 2  # same key
    view.select_bundle(again.bundle_id)
    assert "EQS-2025-0042" in view.detail.receipt.toPlainText()
    assert "1 bundle delivered to EQS" in view.result_label.text()


def test_a_failed_bundle_is_discarded_only_after_asking(
        qtbot: Any, view: DeliveryView, receiver: Receiver,
        monkeypatch: pytest.MonkeyPatch) -> None:
    add_target_through_dialog(qtbot, view, monkeypatch, name="EQS", kind="http",
                              url=receiver.url)
    sync(qtbot, view)
    [bundle] = view.bundles_table.rows
    view.select_bundle(bundle.bundle_id)
    answers: list[bool] = [False, True]
    monkeypatch.setattr("vernetool.ui.delivery.view.ask", lambda *_: answers.pop(0))
    view.detail.discard_button.click()
    assert view.bundles_table.rows[0].status == "failed"   # "Cancel": kept
    view.detail.discard_button.click()
    assert view.bundles_table.rows[0].status == "discarded"


def test_the_dialog_names_the_field_that_is_wrong(qtbot: Any, ctx: AppContext) -> None:
    dialog = TargetDialog(ctx, keyring_available=False)
    qtbot.addWidget(dialog)
    dialog.name.setText("EQS")
    dialog.kind.setCurrentIndex(dialog.kind.findData("http"))
    dialog.sends["deviations"].setChecked(True)
    dialog.accept()      # no web address
    assert not dialog.error_label.isHidden()
    assert dialog.error_label.text().startswith("Web address")
    assert ctx.services.delivery.targets.list() == []
    # no keyring on this computer: the dialog says so and offers the variable instead
    assert not dialog.token_keyring_choice.isEnabled()
    assert "no system keyring" in dialog.token_hint.text()


def test_the_status_bar_counts_failed_bundles_and_opens_the_area(
        qtbot: Any, ctx: AppContext, receiver: Receiver) -> None:
    ctx.services.deviations.record(Deviation(DeviationType.HAZARD, "Wet floor",
                                             dt.date(2025, 6, 2)))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    item: Any = window.add_delivery_status()
    assert not item.isVisible() or item.isHidden()   # no targets: nothing to say
    ctx.services.delivery.targets.add("EQS", kind="http", url=receiver.url,
                                      sends=("deviations",))
    ctx.services.delivery.sync()
    QApplication.processEvents()
    assert (item.waiting, item.failed) == (0, 1)
    assert "1 failed" in item.text()
    window.show()
    item.click()
    assert window.current_area() == "sync"


def test_editing_a_target_keeps_its_receipts_so_nothing_delivered_is_sent_again(
        qtbot: Any, view: DeliveryView, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    add_target_through_dialog(qtbot, view, monkeypatch, name="HSE share", kind="folder",
                              path=folder)
    sync(qtbot, view)
    assert [b.kind for b in view.bundles_table.rows] == ["deviations"]
    view.targets_table.select_key("HSE share")

    def also_sources(dialog: TargetDialog) -> int:
        qtbot.addWidget(dialog)
        assert dialog.name.text() == "HSE share" and dialog.name.isReadOnly()
        assert dialog.sends["deviations"].isChecked()
        dialog.sends["sources"].setChecked(True)
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(TargetDialog, "exec", also_sources)
    view.edit_button.click()
    assert view.targets_table.rows[0].sends == ("deviations", "sources")
    sync(qtbot, view)
    assert "Nothing new to send" in view.result_label.text()   # no sources in this database
    assert [b.kind for b in view.bundles_table.rows] == ["deviations"]   # not sent again
    assert len(list(folder.glob("*.zip"))) == 1
