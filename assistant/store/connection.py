"""Opening the SQLite file: private (0600 in a 0700 folder), WAL, a busy timeout, transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from assistant.files import private_dir, private_file

BUSY_TIMEOUT = timedelta(seconds=10)


def connect(path: Path, *, busy_timeout: timedelta = BUSY_TIMEOUT) -> sqlite3.Connection:
    """Open (creating it private) the database at ``path``, in autocommit mode.

    Transactions are explicit (``write``/``read``), so no statement runs in an implicit one.
    WAL lets ``status`` read while ``tick`` writes; the busy timeout makes a second writer wait
    instead of failing at once. SQLite gives the -wal and -shm files the main file's mode.
    """
    private_dir(path.parent)
    private_file(path)  # created 0600 before SQLite opens it, never world-readable
    conn = sqlite3.connect(path, timeout=busy_timeout.total_seconds(), isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout.total_seconds() * 1000)}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")  # durable enough with WAL, and faster
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


@contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """An IMMEDIATE transaction: takes the write lock at once (waiting up to the timeout)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def read(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A read transaction: several SELECTs see one consistent snapshot."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")
