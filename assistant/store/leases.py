"""Leases: "tick, watch, cancel and return never work on the same case at the same time".

A lease is a row (name, owner, token, expiry) taken in an IMMEDIATE transaction, so two
processes cannot both take it. It expires, so a crashed process blocks nobody for longer
than its time to live; long work renews it. Expiry uses the wall clock (``time.time``), not
the assistant's clock: ASSISTANT_NOW shifts the shop's time, not how long a process runs.
A lease whose holder was a process on this host that no longer runs (a tick killed part-way)
is taken over at once, so the next cron tick does not wait out the time to live.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from assistant.store.connection import write

POLL = timedelta(seconds=0.1)


@dataclass
class Lease:
    """The outcome of asking for a lease: truthy when held. ``holder`` says who has it."""

    name: str
    owner: str
    token: str
    held: bool
    holder: str | None
    _conn: sqlite3.Connection
    ttl: timedelta

    def __bool__(self) -> bool:
        return self.held

    def renew(self, ttl: timedelta | None = None) -> bool:
        """Push the expiry ``ttl`` (default: the original one) from now; False if it was lost."""
        if not self.held:
            return False
        self.ttl = ttl or self.ttl
        with write(self._conn) as conn:
            renewed = conn.execute(
                "UPDATE leases SET expires_at = ? WHERE name = ? AND token = ?",
                (time.time() + self.ttl.total_seconds(), self.name, self.token)).rowcount == 1
        self.held = renewed
        return renewed


def _alive(host: str | None, pid: int | None) -> bool:
    """False only when we know the holder is gone: a process of this host that has ended."""
    if host != socket.gethostname() or pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _try(conn: sqlite3.Connection, name: str, owner: str, token: str,
         ttl: timedelta) -> str | None:
    """Take the lease if it is free, expired or its holder died; returns who holds it otherwise."""
    with write(conn):
        row = conn.execute("SELECT owner, expires_at, host, pid FROM leases WHERE name = ?",
                           (name,)).fetchone()
        now = time.time()
        if row is not None and row[1] > now and _alive(row[2], row[3]):
            return str(row[0])
        conn.execute("INSERT OR REPLACE INTO leases (name, owner, token, expires_at, host, pid) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     (name, owner, token, now + ttl.total_seconds(), socket.gethostname(),
                      os.getpid()))
        return None


@contextmanager
def hold(conn: sqlite3.Connection, name: str, owner: str, ttl: timedelta,
         wait: timedelta = timedelta(0)) -> Iterator[Lease]:
    """Yield a Lease on ``name``, waiting up to ``wait`` for it; released on exit."""
    if ttl <= timedelta(0):
        raise ValueError(f"a lease's time to live must be positive, got: {ttl}")
    label = f"{owner} (pid {os.getpid()})"
    token = uuid.uuid4().hex
    deadline = time.monotonic() + wait.total_seconds()
    while True:
        holder = _try(conn, name, label, token, ttl)
        if holder is None or time.monotonic() >= deadline:
            break
        time.sleep(min(POLL.total_seconds(), max(0.0, deadline - time.monotonic())))
    lease = Lease(name=name, owner=label, token=token, held=holder is None,
                  holder=label if holder is None else holder, _conn=conn, ttl=ttl)
    try:
        yield lease
    finally:
        if lease.held:
            with write(conn):
                conn.execute("DELETE FROM leases WHERE name = ? AND token = ?", (name, token))
