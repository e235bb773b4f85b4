"""Property tests over restore candidates (what the adversarial probe fed ``vernetool
restore``): random bytes, truncated copies of a real database, SQLite files with any
user_version and application_id. Whatever comes in, a refused restore exits 1 with one
line on stderr and the target's folder stays byte for byte as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.cli.test_restore import make_live, state
from vernetool.cli import main
from vernetool.db.migrations import APPLICATION_ID, APPLICATION_ID_SINCE, latest_version

SQLITE_MAGIC = b"SQLite format 3\x00"
INT32 = st.integers(-(2**31), 2**31 - 1)
FEW = settings(max_examples=40, deadline=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture,
                                      HealthCheck.too_slow])


@dataclass(frozen=True)
class Scene:
    target: Path
    before: dict[str, str]
    candidates: Path
    real: bytes       # a real, current vernetool database with a few rooms
    unrelated: bytes  # another program's SQLite database


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scene]:
    root = tmp_path_factory.mktemp("restore-properties")
    (root / "live").mkdir()
    target = make_live(root / "live" / "vernetool.sqlite", n_rooms=40)
    real = make_live(root / "real.sqlite", n_rooms=12).read_bytes()
    other = root / "other.sqlite"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT)")
        conn.executemany("INSERT INTO places (name) VALUES (?)", [(f"p{n}",) for n in range(50)])
        conn.commit()
    (root / "candidates").mkdir()
    yield Scene(target, state(target.parent), root / "candidates", real, other.read_bytes())


def _refused(scene: Scene, data: bytes, capsys: pytest.CaptureFixture[str],
             name: str = "candidate.sqlite") -> None:
    candidate = scene.candidates / name
    candidate.write_bytes(data)
    for side in ("-wal", "-shm", "-journal"):
        Path(f"{candidate}{side}").unlink(missing_ok=True)
    capsys.readouterr()
    code = main(["restore", "--db", str(scene.target), str(candidate)])
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    assert out == "" and err.startswith("vernetool: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    assert err.rstrip().endswith("nothing restored"), err
    assert state(scene.target.parent) == scene.before


@FEW
@given(data=st.one_of(st.binary(max_size=6000),
                      st.binary(max_size=6000).map(lambda tail: SQLITE_MAGIC + tail)))
def test_random_bytes_are_refused(scene: Scene, data: bytes,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    _refused(scene, data, capsys)


@FEW
@given(cut=st.data())
def test_truncated_copies_of_a_real_database_are_refused(
        scene: Scene, cut: st.DataObject, capsys: pytest.CaptureFixture[str]) -> None:
    size = len(scene.real)
    pages = size // 4096
    length = cut.draw(st.one_of(st.integers(0, size - 1),
                                st.integers(0, pages - 1).map(lambda p: p * 4096)),
                      label="length")
    _refused(scene, scene.real[:length], capsys)


def _with_header(data: bytes, user_version: int, application_id: int) -> bytes:
    """``data`` with the two header fields set (big-endian, at 60 and 68)."""
    header = bytearray(data)
    header[60:64] = user_version.to_bytes(4, "big", signed=True)
    header[68:72] = application_id.to_bytes(4, "big", signed=True)
    return bytes(header)


def _restorable(user_version: int, application_id: int) -> bool:
    """The combinations a real, current database stays restorable with: this version's
    schema under its id, or schema 3 (before the id) that migration 4 brings up to date."""
    ours = application_id == APPLICATION_ID
    return (user_version == latest_version() and ours) or (
        user_version == APPLICATION_ID_SINCE - 1 and (ours or application_id == 0))


VERSIONS = st.one_of(st.sampled_from([-(2**31), -1, 0, 1, 2, 3, 4, 5, latest_version() + 1,
                                      2**31 - 1]), INT32)
APP_IDS = st.one_of(st.sampled_from([0, APPLICATION_ID, APPLICATION_ID + 1, 1, -1]), INT32)


@FEW
@given(user_version=VERSIONS, application_id=APP_IDS)
def test_a_real_database_with_foreign_header_values_is_refused(
        scene: Scene, user_version: int, application_id: int,
        capsys: pytest.CaptureFixture[str]) -> None:
    assume(not _restorable(user_version, application_id))
    _refused(scene, _with_header(scene.real, user_version, application_id), capsys)


@FEW
@given(user_version=VERSIONS, application_id=APP_IDS)
def test_another_programs_database_is_refused_whatever_its_header_says(
        scene: Scene, user_version: int, application_id: int,
        capsys: pytest.CaptureFixture[str]) -> None:
    _refused(scene, _with_header(scene.unrelated, user_version, application_id), capsys)


def test_the_oracle_knows_a_good_header(scene: Scene, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """The combinations the property tests leave out do restore (so the oracle is honest):
    a current database, and a real database of the last schema before the application id
    (tests/data/schema3.sqlite: a current one relabelled would meet its own tables again
    in the migrations after it)."""
    schema3 = (Path(__file__).parents[1] / "data" / "schema3.sqlite").read_bytes()
    for user_version, app_id, real in [(latest_version(), APPLICATION_ID, scene.real),
                                       (APPLICATION_ID_SINCE - 1, 0, schema3)]:
        assert _restorable(user_version, app_id)
        candidate = tmp_path / f"good-{user_version}.sqlite"
        candidate.write_bytes(_with_header(real, user_version, app_id))
        target = tmp_path / f"target-{user_version}.sqlite"
        assert main(["restore", "--db", str(target), str(candidate)]) == 0, \
            capsys.readouterr().err
