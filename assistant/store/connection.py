"""Opening the SQLite file: private (0600 in a 0700 folder), WAL, a busy timeout, transactions.

Whatever goes wrong with the file itself (not SQLite, damaged, a row this version cannot
read, not writable, locked for too long) leaves here as an AssistantError naming the file and
what to do; no sqlite3 exception reaches the command line.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from assistant.errors import AssistantError, ConfigError, DamagedDatabase
from assistant.files import FIX_DATA_DIR, private_dir, private_file, unusable

BUSY_TIMEOUT = timedelta(seconds=10)
WHAT = "state database"

_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT}
_UNWRITABLE = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM,
               sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_AUTH}
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


class Connection(sqlite3.Connection):
    """A connection that knows its file, so that every error can name it."""

    path: Path


def connect(path: Path, *, busy_timeout: timedelta = BUSY_TIMEOUT) -> Connection:
    """Open (creating it private) the database at ``path``, in autocommit mode.

    Transactions are explicit (``write``/``read``), so no statement runs in an implicit one.
    WAL lets ``status`` read while ``tick`` writes; the busy timeout makes a second writer wait
    instead of failing at once. SQLite gives the -wal and -shm files the main file's mode.
    """
    try:
        private_dir(path.parent)
        private_file(path)  # created 0600 before SQLite opens it, never world-readable
    except OSError as exc:
        raise unusable(exc, path, WHAT) from exc
    with translated(path):
        conn = sqlite3.connect(path, timeout=busy_timeout.total_seconds(),
                               isolation_level=None, factory=Connection)
    conn.path = path
    try:
        with translated(path):
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout.total_seconds() * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL, not NORMAL: with WAL, NORMAL syncs only at checkpoints, so a power cut (not
            # a kill: the OS still writes what it was given) may lose the last commits, among
            # them the record written just before the final click, which is what keeps a
            # request from being submitted twice. FULL syncs the WAL at every commit; the
            # assistant commits a few times per run, and each costs about 4 ms more (measured:
            # 3.2 ms a save with NORMAL, 6.9 ms with FULL), nothing beside a page load.
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def problem(exc: BaseException, path: Path) -> AssistantError:
    """The AssistantError for ``exc`` met while using the database at ``path``."""
    if isinstance(exc, OSError):
        return unusable(exc, path, WHAT)
    if not isinstance(exc, sqlite3.Error):  # a row the codec cannot read
        return DamagedDatabase(path, str(exc))
    code = getattr(exc, "sqlite_errorcode", None)
    base = None if code is None else code & 0xFF  # extended codes keep the primary in 8 bits
    if base in _DAMAGED:
        return DamagedDatabase(path, str(exc))
    if base in _UNWRITABLE:
        return ConfigError(f"The {WHAT} {path} cannot be written: {exc}.", hint=FIX_DATA_DIR)
    if base in _BUSY:
        return AssistantError(f"The {WHAT} {path} stayed locked by another run ({exc}).",
                              hint="Run the command again in a moment.")
    return AssistantError(f"The {WHAT} {path} failed: {exc}.",
                          hint="Run `assistant doctor`; it checks the database.")


@contextmanager
def translated(path: Path, *, rows: bool = False) -> Iterator[None]:
    """SQLite's and the OS's errors (and, with ``rows``, unreadable rows) as AssistantErrors."""
    kinds: tuple[type[BaseException], ...] = (sqlite3.Error, OSError)
    if rows:
        kinds += (ValueError, TypeError, KeyError)
    try:
        yield
    except kinds as exc:
        raise problem(exc, path) from exc


def _path(conn: sqlite3.Connection) -> Path:
    return conn.path if isinstance(conn, Connection) else Path("(in memory)")


@contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """An IMMEDIATE transaction: takes the write lock at once (waiting up to the timeout)."""
    with translated(_path(conn)):
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
    with translated(_path(conn), rows=True):
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")
