"""CaseStore: the cases, leases and mail-poller state in one SQLite file.

One store per process (or per thread: a connection stays in the thread that opened it).
Writers take SQLite's write lock at the start of their transaction (BEGIN IMMEDIATE) and wait
up to the busy timeout for it. Nothing secret is stored: no passwords, codes or cookies.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta

from assistant.domain import Case, CaseError, State
from assistant.errors import AssistantError, DamagedDatabase
from assistant.store import codec, leases, mailstate
from assistant.store.connection import read, write
from assistant.store.database import Database
from assistant.store.leases import Lease
from assistant.store.mailstate import MailCursor, Seen

log = logging.getLogger(__name__)


class StaleCase(AssistantError):
    """Another run saved the case after this one read it; nothing of this run was saved."""


class CaseStore(Database):
    """The assistant's state. Open it with ``CaseStore.open(settings.db_path)``."""

    # -- cases ------------------------------------------------------------------------------
    def get(self, order: str) -> Case | None:
        with read(self._conn) as conn:
            return codec.load(conn, order)

    def all(self) -> list[Case]:
        """Every case, by order number."""
        return self._load_many("SELECT order_id FROM cases ORDER BY order_id", ())

    def due(self, at: datetime) -> list[Case]:
        """Cases whose next check is at or before ``at``, the most overdue first."""
        return self._load_many(
            "SELECT order_id FROM cases WHERE next_check IS NOT NULL AND next_check <= ? "
            "ORDER BY next_check, order_id", (codec.when(at),))

    def failed(self) -> list[Case]:
        """Cases that need a person (``tick`` exits 3 while there are any)."""
        return self._load_many("SELECT order_id FROM cases WHERE state = ? ORDER BY order_id",
                               (str(State.FAILED),))

    def save(self, case: Case, *, seen: Iterable[Seen] = ()) -> None:
        """Save ``case`` in one transaction, with the mails ``seen`` that it applied.

        Raises StaleCase when another run saved this case since it was read (hold the case's
        lease to avoid that), CaseError for a case that never moved (nothing to keep).
        """
        if case.state is State.NEW:
            raise CaseError(f"Order {case.order}: nothing happened to this case yet; "
                            "record a fact before saving it.")
        with write(self._conn) as conn:
            if not codec.store(conn, case):
                raise StaleCase(
                    f"Order {case.order} was changed by another run of the assistant while "
                    "this one worked on it; nothing of this run was saved.",
                    hint=f"Check `assistant status {case.order}`, then run the command again.")
            for mark in seen:
                mailstate.mark_seen(conn, mark)
        case.revision += 1

    def _load_many(self, query: str, args: tuple[str | None, ...]) -> list[Case]:
        with read(self._conn) as conn:
            orders = [row[0] for row in conn.execute(query, args)]
            return [c for c in (codec.load(conn, o) for o in orders) if c is not None]

    def check(self) -> int:
        """Read the whole file (SQLite's own check, then every case); returns the number of
        cases. A damaged file or an unreadable row raises DamagedDatabase."""
        with read(self._conn) as conn:
            found = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
        if found != ["ok"]:
            raise DamagedDatabase(self.path, "; ".join(found[:3]))
        return len(self.all())

    # -- leases -----------------------------------------------------------------------------
    def lease(self, name: str, owner: str, ttl: timedelta,
              wait: timedelta = timedelta(0)) -> AbstractContextManager[Lease]:
        """``with store.lease("tick", "tick", ttl, wait=…) as lease: if not lease: …``"""
        return leases.hold(self._conn, name, owner, ttl, wait)

    def case_lease(self, order: str, owner: str, ttl: timedelta,
                   wait: timedelta = timedelta(0)) -> AbstractContextManager[Lease]:
        """The lease that keeps tick, watch, cancel and return off the same case at once."""
        return leases.hold(self._conn, f"case:{order}", owner, ttl, wait)

    # -- the mail poller's state ------------------------------------------------------------
    def mail_cursor(self, mailbox: str) -> MailCursor | None:
        with read(self._conn) as conn:
            return mailstate.cursor(conn, mailbox)

    def set_mail_cursor(self, mailbox: str, uidvalidity: int, last_uid: int,
                        at: datetime) -> None:
        with write(self._conn) as conn:
            mailstate.set_cursor(conn, mailbox, MailCursor(uidvalidity, last_uid), at)

    def is_seen(self, source: str, key: str) -> bool:
        with read(self._conn) as conn:
            return mailstate.is_seen(conn, source, key)

    def mark_seen(self, source: str, key: str, at: datetime) -> bool:
        """Record a mail handled without a case to save (e.g. not about any case)."""
        with write(self._conn) as conn:
            return mailstate.mark_seen(conn, Seen(source, key, at))

    def seen_keys(self, source: str) -> set[str]:
        """Every key of ``source`` already handled: one query for a whole Maildir."""
        with read(self._conn) as conn:
            return mailstate.seen_keys(conn, source)

    def mark_seen_many(self, source: str, keys: Iterable[str], at: datetime) -> None:
        """Record many keys of ``source`` in one transaction."""
        with write(self._conn) as conn:
            for key in keys:
                mailstate.mark_seen(conn, Seen(source, key, at))
