"""The notifications log: each notification derived from the cases, once, and whether it went.

A row is keyed by (order, topic, ref): adding the same notification again changes nothing,
so reruns, crashes and two ticks never make a second one. ``sent_at`` is set in its own
transaction just *before* the message is handed to the notification service, and cleared
again when the service refuses it: a run killed while sending leaves the row sent, so nothing
ever goes out twice (at most the one message being sent at that moment may be lost).
Nothing secret is stored: the texts name orders, states and what to do, never a password,
a code, a cookie or a notification URL.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from assistant.store.codec import parse, when
from assistant.store.connection import read, write
from assistant.store.database import Database

SIGN_IN = "sign_in"  # the account's sign-in: open until the shopper has signed in again


@dataclass(frozen=True)
class Entry:
    """One notification as logged."""

    order: str
    topic: str
    ref: str
    title: str
    body: str
    urgent: bool
    event: int | None = None
    created_at: datetime | None = None
    sent_at: datetime | None = None
    attempts: int = 0
    last_error: str | None = None


_COLUMNS = ("order_id, topic, ref, title, body, urgent, event, created_at, sent_at, attempts, "
            "last_error")


def _entry(row: sqlite3.Row | tuple[object, ...]) -> Entry:
    return Entry(order=str(row[0]), topic=str(row[1]), ref=str(row[2]), title=str(row[3]),
                 body=str(row[4]), urgent=bool(row[5]),
                 event=None if row[6] is None else int(str(row[6])),
                 created_at=parse(None if row[7] is None else str(row[7])),
                 sent_at=parse(None if row[8] is None else str(row[8])),
                 attempts=int(str(row[9])), last_error=None if row[10] is None else str(row[10]))


class NotificationLog(Database):
    """The log in the state database. ``NotificationLog.open(settings.db_path)``."""

    def add(self, entries: list[Entry], at: datetime, *, told_by: str | None = None) -> int:
        """Log the entries not logged before; returns how many were new. ``told_by``: they
        need no message of their own (another one says it), so they are logged as sent."""
        added = 0
        with write(self._conn) as conn:
            for e in entries:
                added += conn.execute(
                    "INSERT OR IGNORE INTO notifications (order_id, topic, ref, event, urgent, "
                    "title, body, created_at, sent_at, last_error) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (e.order, e.topic, e.ref, e.event, int(e.urgent), e.title, e.body,
                     when(at), None if told_by is None else when(at), told_by)).rowcount
        return added

    def waiting(self) -> list[Entry]:
        """The notifications not sent yet: urgent first, then those tried least, oldest first
        (so one that a service keeps refusing does not hold up the others)."""
        with read(self._conn) as conn:
            return [_entry(r) for r in conn.execute(
                f"SELECT {_COLUMNS} FROM notifications WHERE sent_at IS NULL "
                "ORDER BY urgent DESC, attempts, created_at, order_id, topic, ref")]

    def all(self) -> list[Entry]:
        with read(self._conn) as conn:
            return [_entry(r) for r in conn.execute(
                f"SELECT {_COLUMNS} FROM notifications ORDER BY created_at, order_id, topic, ref")]

    def count_waiting(self) -> int:
        with read(self._conn) as conn:
            row = conn.execute("SELECT count(*) FROM notifications WHERE sent_at IS NULL")
            return int(row.fetchone()[0])

    def mark_sent(self, entry: Entry, at: datetime) -> bool:
        """Claim ``entry`` for sending (before it is sent); False if it was sent already."""
        with write(self._conn) as conn:
            return conn.execute(
                "UPDATE notifications SET sent_at = ?, attempts = attempts + 1 "
                "WHERE order_id = ? AND topic = ? AND ref = ? AND sent_at IS NULL",
                (when(at), entry.order, entry.topic, entry.ref)).rowcount == 1

    def send_failed(self, entry: Entry, error: str) -> None:
        """The service refused it: it waits for the next run."""
        with write(self._conn) as conn:
            conn.execute(
                "UPDATE notifications SET sent_at = NULL, last_error = ? "
                "WHERE order_id = ? AND topic = ? AND ref = ?",
                (error, entry.order, entry.topic, entry.ref))

    # -- signing in: one notification until the shopper has signed in again -----------------
    def sign_in_open(self) -> bool:
        with read(self._conn) as conn:
            return conn.execute(
                "SELECT 1 FROM notifications WHERE topic = ? AND resolved_at IS NULL",
                (SIGN_IN,)).fetchone() is not None

    def sign_in_resolved(self, at: datetime) -> int:
        with write(self._conn) as conn:
            return conn.execute(
                "UPDATE notifications SET resolved_at = ? WHERE topic = ? AND resolved_at IS NULL",
                (when(at), SIGN_IN)).rowcount
