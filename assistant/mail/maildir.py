"""A read-only Maildir (the standard library's ``mailbox.Maildir``): never renames, flags or
deletes a file, and reads no more of a file than the poller needs."""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path
from typing import Any

from assistant.errors import MailError
from assistant.mail.message import addresses, header_text

HEAD_LIMIT = 64 * 1024
READ_LIMIT = 1024 * 1024  # as for IMAP: the text of any shop mail, not a whole attachment


@dataclass(frozen=True)
class MaildirFile:
    name: str        # the Maildir key: the unique part of the file name (flags after ":" left out)
    received: datetime  # the file's modification time: when it was delivered


class _Stamp(mailbox.MaildirMessage):
    """What ``Maildir.get_message`` gives without reading the file: its time and folder."""

    def __init__(self, file: Any = None) -> None:
        super().__init__()


class MaildirReader:
    def __init__(self, path: Path) -> None:
        self.path = path
        if not (path / "cur").is_dir() or not (path / "new").is_dir():
            raise MailError(f"There is no Maildir at {path} (no cur/ and new/ in it).",
                            hint="Check the path in ASSISTANT_MAIL (maildir:/path/to/Maildir).")
        self._box = mailbox.Maildir(path, factory=_Stamp, create=False)

    def files(self, since: datetime) -> Iterator[MaildirFile]:
        """Every message delivered since ``since``, oldest first."""
        try:
            keys = self._box.keys()
        except OSError as exc:
            raise MailError(f"The Maildir {self.path} cannot be read ({exc.strerror}).",
                            hint="Check the path in ASSISTANT_MAIL and its permissions.",
                            ) from None
        found = []
        for key in keys:
            if key.startswith("."):
                continue  # not a message: a client's own file
            try:
                stamp = self._box.get_message(key)
            except (KeyError, OSError):
                continue  # moved to cur/ by another client meanwhile: seen on the next poll
            received = datetime.fromtimestamp(stamp.get_date(), UTC)
            if received >= since:
                found.append(MaildirFile(key, received))
        return iter(sorted(found, key=lambda f: (f.received, f.name)))

    def read(self, name: str, limit: int = READ_LIMIT) -> bytes | None:
        """The first ``limit`` bytes of the message ``name``; None if it is gone."""
        try:
            with self._box.get_file(name) as fh:
                data: bytes = fh.read(limit)
                return data
        except (KeyError, OSError):
            return None

    def senders(self, name: str) -> tuple[str, ...] | None:
        """The From addresses (lower-cased) of the message, from its first bytes; None if gone."""
        found = self.sender_header(name)
        return None if found is None else found[0]

    def sender_header(self, name: str) -> tuple[tuple[str, ...], str] | None:
        """The From addresses (lower-cased) and the From header's text; None if gone."""
        head = self.read(name, HEAD_LIMIT)
        if head is None:
            return None
        value = BytesHeaderParser(policy=compat32).parsebytes(head).get("From")
        return addresses(value), header_text(value)
