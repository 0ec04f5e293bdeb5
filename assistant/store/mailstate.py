"""What the mail poller has read: a cursor per IMAP folder, and the mails already applied."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from assistant.store.codec import when


@dataclass(frozen=True)
class MailCursor:
    """Where reading an IMAP folder stopped. A new UIDVALIDITY invalidates ``last_uid``."""

    uidvalidity: int
    last_uid: int


@dataclass(frozen=True)
class Seen:
    """A mail (or Maildir file) already handled: ``source`` names the kind of key."""

    source: str  # e.g. "message-id", or "maildir:/path/to/Maildir"
    key: str
    at: datetime


def cursor(conn: sqlite3.Connection, mailbox: str) -> MailCursor | None:
    row = conn.execute("SELECT uidvalidity, last_uid FROM mail_cursors WHERE mailbox = ?",
                       (mailbox,)).fetchone()
    return None if row is None else MailCursor(int(row[0]), int(row[1]))


def set_cursor(conn: sqlite3.Connection, mailbox: str, value: MailCursor, at: datetime) -> None:
    conn.execute(
        "INSERT INTO mail_cursors (mailbox, uidvalidity, last_uid, updated_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (mailbox) DO UPDATE SET "
        "uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, "
        "updated_at = excluded.updated_at",
        (mailbox, value.uidvalidity, value.last_uid, when(at)))


def is_seen(conn: sqlite3.Connection, source: str, key: str) -> bool:
    return conn.execute("SELECT 1 FROM mail_seen WHERE source = ? AND key = ?",
                        (source, key)).fetchone() is not None


def mark_seen(conn: sqlite3.Connection, seen: Seen) -> bool:
    """Record ``seen``; False if it was recorded before."""
    return conn.execute("INSERT OR IGNORE INTO mail_seen (source, key, at) VALUES (?, ?, ?)",
                        (seen.source, seen.key, when(seen.at))).rowcount == 1


def seen_keys(conn: sqlite3.Connection, source: str) -> set[str]:
    return {str(row[0]) for row in
            conn.execute("SELECT key FROM mail_seen WHERE source = ?", (source,))}
