"""Opening an up-to-date database (every start of the app) reads no migration SQL; a database
one migration behind still gets exactly the missing one."""

from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

import pytest

from vernetool.db import migrations
from vernetool.db.migrations import latest_version, open_store, schema_version

DATA = Path(__file__).parents[1] / "data"


def test_an_up_to_date_database_opens_without_reading_the_migrations(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(db_path).close()

    def refuse() -> list[migrations.Migration]:
        raise AssertionError("the migration SQL was read for an up-to-date database")

    monkeypatch.setattr(migrations, "available_migrations", refuse)
    with closing(open_store(db_path)) as conn:
        assert schema_version(conn) == latest_version()


def test_an_older_database_still_gets_the_missing_migrations(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    shutil.copy(DATA / "schema1.sqlite", db)
    with closing(open_store(db)) as conn:
        assert schema_version(conn) == latest_version() > 1
    assert list((tmp_path / "backups").glob("old-v1-*.sqlite"))  # backed up first
