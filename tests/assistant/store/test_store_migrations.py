"""The schema migrates forward from the first release, in order, and refuses newer files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assistant.domain import State
from assistant.errors import ConfigError
from assistant.store import MIGRATIONS, CaseStore
from assistant.store.connection import connect
from assistant.store.schema import migrate, version
from tests.support.casebuilder import ORDER, at, case_in


def make_old_database(path: Path, upto: int) -> None:
    """A database as release ``upto`` of the schema left it."""
    conn = connect(path)
    try:
        migrate(conn, MIGRATIONS[:upto])
        assert version(conn) == upto
    finally:
        conn.close()


@pytest.mark.parametrize("upto", range(1, len(MIGRATIONS)))
def test_an_old_database_is_migrated_and_keeps_its_cases(db_path: Path, upto: int) -> None:
    # GIVEN a database of an older schema, holding a case
    make_old_database(db_path, upto)
    conn = connect(db_path)
    conn.execute("INSERT INTO cases (order_id, state, revision) VALUES (?, 'submitted', 1)",
                 (ORDER,))
    conn.close()
    # WHEN this version opens it
    with CaseStore.open(db_path) as store:
        # THEN it is at the latest schema, the case is still there, and the new tables work
        assert version(store._conn) == len(MIGRATIONS)
        case = store.get(ORDER)
        assert case is not None and case.state is State.SUBMITTED
        store.set_mail_cursor("INBOX", 7, 42, at(0))
        assert store.mail_cursor("INBOX") is not None


def test_a_new_database_starts_at_the_latest_schema(store: CaseStore) -> None:
    assert version(store._conn) == len(MIGRATIONS)


def test_opening_again_migrates_nothing(db_path: Path) -> None:
    with CaseStore.open(db_path) as store:
        store.save(case_in(State.CANCELLED))
    with CaseStore.open(db_path) as store:
        assert version(store._conn) == len(MIGRATIONS)
        assert [c.state for c in store.all()] == [State.CANCELLED]


def test_migrations_run_in_order_and_a_failing_one_changes_nothing(db_path: Path) -> None:
    # GIVEN a release whose next migration fails half-way
    make_old_database(db_path, len(MIGRATIONS))
    broken = (*MIGRATIONS, "CREATE TABLE extra (x INTEGER);\nINSERT INTO nowhere VALUES (1);")
    conn = connect(db_path)
    try:
        # WHEN it is applied THEN the error surfaces, and the version and schema are unchanged
        with pytest.raises(sqlite3.OperationalError, match="nowhere"):
            migrate(conn, broken)
        assert version(conn) == len(MIGRATIONS)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "extra" not in tables
        # and a correct next migration applies after the ones before it
        fixed = (*MIGRATIONS, "ALTER TABLE cases ADD COLUMN note TEXT;")
        assert migrate(conn, fixed) == len(MIGRATIONS)
        assert version(conn) == len(MIGRATIONS) + 1
    finally:
        conn.close()


def test_a_database_from_a_newer_release_is_refused_with_advice(db_path: Path) -> None:
    make_old_database(db_path, len(MIGRATIONS))
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(ConfigError) as raised:
        CaseStore.open(db_path)
    assert "from a newer version of the assistant" in str(raised.value)
    assert "Upgrade the assistant" in str(raised.value)
