"""The database schema as an ordered list of migrations, applied by PRAGMA user_version.

Never edit a released migration: append a new one. Migration N (1-based) brings a database
from user_version N-1 to N, inside one transaction together with the version bump.
Times are TEXT in UTC with a fixed width (see codec.py), so text order is time order.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence

from assistant.errors import ConfigError

log = logging.getLogger(__name__)

MIGRATIONS: tuple[str, ...] = (
    # 1: cases, their items, requests, returns and events; leases
    """
    CREATE TABLE cases (
        order_id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        failures_in_a_row INTEGER NOT NULL DEFAULT 0,
        next_check TEXT,
        todo TEXT,
        seller TEXT,
        fulfilled_by_aliexpress INTEGER,
        delivered_at TEXT,
        return_by TEXT,
        failed_from TEXT,
        revision INTEGER NOT NULL
    );
    CREATE INDEX cases_next_check ON cases (next_check) WHERE next_check IS NOT NULL;
    CREATE TABLE case_items (
        order_id TEXT NOT NULL REFERENCES cases (order_id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        item_id TEXT NOT NULL,
        PRIMARY KEY (order_id, item_id)
    );
    CREATE TABLE requests (
        order_id TEXT NOT NULL REFERENCES cases (order_id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        items TEXT NOT NULL,            -- JSON array of item IDs
        reason TEXT NOT NULL,
        surface TEXT NOT NULL,
        at TEXT NOT NULL,
        status TEXT NOT NULL,
        submitted_at TEXT,
        PRIMARY KEY (order_id, position)
    );
    CREATE TABLE returns (
        order_id TEXT NOT NULL REFERENCES cases (order_id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        items TEXT NOT NULL,            -- JSON array of item IDs
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (order_id, position)
    );
    CREATE TABLE events (
        order_id TEXT NOT NULL REFERENCES cases (order_id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL,
        evidence TEXT,
        PRIMARY KEY (order_id, position)
    );
    CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        token TEXT NOT NULL,
        expires_at REAL NOT NULL        -- wall-clock seconds since the epoch
    );
    """,
    # 2: what the mail poller has read, so a mail is applied once
    """
    CREATE TABLE mail_cursors (
        mailbox TEXT PRIMARY KEY,
        uidvalidity INTEGER NOT NULL,
        last_uid INTEGER NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE mail_seen (
        source TEXT NOT NULL,           -- e.g. 'message-id', 'maildir:/path'
        key TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (source, key)
    );
    """,
    # 3: who holds a lease, so a crashed holder's lease is taken over at once
    """
    ALTER TABLE leases ADD COLUMN host TEXT;
    ALTER TABLE leases ADD COLUMN pid INTEGER;
    """,
    # 4: the notifications derived from the cases, so each goes out once
    """
    CREATE TABLE notifications (
        order_id TEXT NOT NULL,         -- '' for the account's own (signing in, the session)
        topic TEXT NOT NULL,            -- e.g. 'cancelled', 'todo', 'failed', 'sign_in'
        ref TEXT NOT NULL,              -- what makes it one: an event's position, a digest
        event INTEGER,                  -- the position of the case event it belongs to
        urgent INTEGER NOT NULL,        -- a person is needed: never held by quiet hours
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sent_at TEXT,                   -- set just before sending; cleared if sending failed
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        resolved_at TEXT,               -- signing in: when the shopper had signed in again
        PRIMARY KEY (order_id, topic, ref)
    );
    CREATE INDEX notifications_waiting ON notifications (created_at) WHERE sent_at IS NULL;
    """,
)


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[str] = MIGRATIONS) -> int:
    """Bring the database up to ``len(migrations)``; returns the version it was at.

    Each step runs in its own IMMEDIATE transaction (so two processes opening the same new
    file do not both migrate it) and re-reads the version once it holds the write lock.
    """
    start = version(conn)
    if start > len(migrations):
        raise ConfigError(
            f"The state database is from a newer version of the assistant (schema {start}, "
            f"this one knows {len(migrations)}).",
            hint="Upgrade the assistant, or point ASSISTANT_DATA_DIR at another folder.",
        )
    while version(conn) < len(migrations):
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = version(conn)
            if current < len(migrations):
                for statement in _statements(migrations[current]):
                    conn.execute(statement)
                # PRAGMA takes no parameters; the value is our own integer.
                conn.execute(f"PRAGMA user_version = {current + 1}")
                log.info("state database migrated to schema %d", current + 1)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start


def _statements(script: str) -> list[str]:
    """Split a script into statements (executescript would commit our transaction)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement in a migration: {buffer.strip()[:60]}")
    return statements
