"""Leases: one rule for how long a run holds a case, and a keeper for long work.

A run holds a case's lease for ASSISTANT_LEASE_TTL (10 minutes by default) and renews it
between steps; the keeper renews leases from a thread while one step takes long (a slider a
person solves, a verification code awaited by mail), so that a second run never starts the
same work while the first is still at it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from assistant.errors import Busy
from assistant.settings import Settings
from assistant.store import CaseStore, Lease
from assistant.store.connection import connect

log = logging.getLogger(__name__)


@contextmanager
def case_lease(store: CaseStore, order: str, *, owner: str, settings: Settings,
               wait: timedelta = timedelta(0)) -> Iterator[Lease]:
    """The case's lease for a command a person ran, renewed while the command works. When
    another run has it, waits up to ``wait`` for it to end, then Busy (exit 1)."""
    with store.case_lease(order, owner=owner, ttl=settings.lease_ttl, wait=wait) as lease:
        if not lease:
            waited = f" (waited {wait.total_seconds():g} s)" if wait else ""
            raise Busy(f"Order {order} is being worked on by another run ({lease.holder})"
                       f"{waited}.",
                       hint="Wait for it to finish, then run the command again; "
                       "`assistant status` shows the case. ASSISTANT_LEASE_WAIT sets how "
                       "long `cancel` waits.")
        with LeaseKeeper(settings.db_path, settings.lease_ttl) as keeper, \
                keeper.keeping(lease):
            yield lease


class LeaseKeeper:
    """Renews the leases it keeps every third of their time to live, from its own thread
    (with its own connection to the store), until closed."""

    def __init__(self, db_path: Path, ttl: timedelta) -> None:
        self.db_path = db_path
        self.every = ttl.total_seconds() / 3
        self._kept: dict[str, Lease] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lease-keeper", daemon=True)

    def __enter__(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    @contextmanager
    def keeping(self, lease: Lease) -> Iterator[Lease]:
        with self._lock:
            self._kept[lease.name] = lease
        try:
            yield lease
        finally:
            with self._lock:
                self._kept.pop(lease.name, None)

    def _run(self) -> None:
        conn = connect(self.db_path)
        try:
            while not self._stop.wait(self.every):
                with self._lock:
                    kept = list(self._kept.values())
                for lease in kept:
                    # the same lease (name and token) renewed on this thread's connection
                    if not replace(lease, _conn=conn).renew():
                        log.warning("The lease %s was lost while working", lease.name)
        finally:
            conn.close()
