"""One open connection to the state database: migrated when opened, closed when done."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path
from types import TracebackType
from typing import Self

from assistant.store.connection import BUSY_TIMEOUT, connect, translated
from assistant.store.schema import migrate


class Database:
    """The base of the store's views (cases, notifications); use it as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path, *, busy_timeout: timedelta = BUSY_TIMEOUT) -> Self:
        """Open the database, creating it (0600, folder 0700) and migrating it as needed; a
        damaged file is the product's error (DamagedDatabase), not SQLite's."""
        conn = connect(path, busy_timeout=busy_timeout)
        try:
            with translated(path):
                migrate(conn)
        except BaseException:
            conn.close()
            raise
        return cls(conn, path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
