"""The state database is the shopper's alone, and built for a reader beside a writer."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from assistant.domain import State
from assistant.store import CaseStore
from tests.support.casebuilder import case_in


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_is_private_in_a_private_folder(tmp_path: Path) -> None:
    # GIVEN no data dir yet
    path = tmp_path / "data" / "assistant.sqlite3"
    # WHEN the store is opened and a case saved (the WAL files exist while it is open)
    with CaseStore.open(path) as store:
        store.save(case_in(State.SUBMITTED))
        # THEN the folder is 0700 and every file of the database 0600
        assert mode(path.parent) == 0o700
        files = sorted(path.parent.iterdir())
        assert [f.name for f in files] == ["assistant.sqlite3", "assistant.sqlite3-shm",
                                           "assistant.sqlite3-wal"]
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}


def test_an_existing_lax_folder_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    with CaseStore.open(folder / "assistant.sqlite3"):
        pass
    assert mode(folder) == 0o700
    assert mode(folder / "assistant.sqlite3") == 0o600


def test_the_database_uses_wal_and_a_busy_timeout(db_path: Path, store: CaseStore) -> None:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
    assert store._conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000


def test_a_reader_is_not_blocked_by_a_writer(db_path: Path, store: CaseStore) -> None:
    # GIVEN a case, and another process holding the write lock
    store.save(case_in(State.SUBMITTED))
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        # WHEN status reads THEN it sees the case at once
        with CaseStore.open(db_path) as reader:
            assert [c.state for c in reader.all()] == [State.SUBMITTED]
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_no_secret_column_exists(store: CaseStore) -> None:
    columns = {
        (table, row[1])
        for (table,) in store._conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        for row in store._conn.execute(f"PRAGMA table_info({table})")
    }
    assert not [c for c in columns if any(w in c[1] for w in ("password", "secret", "code",
                                                               "cookie"))]


def test_every_commit_is_synced_to_disk(store: CaseStore) -> None:
    # The record written just before the final click must survive a power cut, not only a
    # kill: with WAL, synchronous=NORMAL may lose the last commits; FULL (2) syncs each one.
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2
