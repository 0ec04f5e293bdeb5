"""What the poller remembers between runs, behind a small interface the case store implements.

Per IMAP folder: UIDVALIDITY and the last UID read. Per Maildir: the file names read. And the
Message-IDs already applied, so that no mail is applied twice (a changed UIDVALIDITY rescans,
and this is what keeps the rescan safe). ``assistant.store.CaseStore`` implements it for real;
``cursor_store.SqliteMailState`` is a small stand-alone one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

MESSAGE_ID = "message-id"  # the ``source`` under which applied Message-IDs are kept


class Cursor(Protocol):
    @property
    def uidvalidity(self) -> int: ...

    @property
    def last_uid(self) -> int: ...


class MailState(Protocol):
    def mail_cursor(self, mailbox: str) -> Cursor | None:
        """Where reading the IMAP folder ``mailbox`` (a MailLocation.key) stopped."""
        ...

    def set_mail_cursor(self, mailbox: str, uidvalidity: int, last_uid: int,
                        at: datetime) -> None: ...

    def is_seen(self, source: str, key: str) -> bool:
        """Was ``key`` handled: a Message-ID (source "message-id") or a Maildir file name
        (source = the Maildir's MailLocation.key)."""
        ...

    def mark_seen(self, source: str, key: str, at: datetime) -> bool: ...
