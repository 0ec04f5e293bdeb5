"""A stand-alone SQLite ``MailState`` (for tools and tests that have no case store)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS mail_cursors (
    mailbox TEXT PRIMARY KEY, uidvalidity INTEGER NOT NULL, last_uid INTEGER NOT NULL,
    updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS mail_seen (
    source TEXT NOT NULL, key TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (source, key));
"""


@dataclass(frozen=True)
class StoredCursor:
    uidvalidity: int
    last_uid: int


class SqliteMailState:
    """The poller's state in its own SQLite file (same tables as the case store's)."""

    def __init__(self, path: Path | str) -> None:
        self._conn = sqlite3.connect(path, isolation_level=None)
        self._conn.executescript(_SCHEMA)

    def close(self) -> None:
        self._conn.close()

    def mail_cursor(self, mailbox: str) -> StoredCursor | None:
        row = self._conn.execute(
            "SELECT uidvalidity, last_uid FROM mail_cursors WHERE mailbox = ?", (mailbox,)
        ).fetchone()
        return None if row is None else StoredCursor(int(row[0]), int(row[1]))

    def set_mail_cursor(self, mailbox: str, uidvalidity: int, last_uid: int,
                        at: datetime) -> None:
        self._conn.execute(
            "INSERT INTO mail_cursors VALUES (?, ?, ?, ?) ON CONFLICT (mailbox) DO UPDATE SET "
            "uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, "
            "updated_at = excluded.updated_at",
            (mailbox, uidvalidity, last_uid, at.isoformat()))

    def is_seen(self, source: str, key: str) -> bool:
        return self._conn.execute("SELECT 1 FROM mail_seen WHERE source = ? AND key = ?",
                                  (source, key)).fetchone() is not None

    def mark_seen(self, source: str, key: str, at: datetime) -> bool:
        cursor = self._conn.execute(
            "INSERT OR IGNORE INTO mail_seen VALUES (?, ?, ?)", (source, key, at.isoformat()))
        return cursor.rowcount == 1
