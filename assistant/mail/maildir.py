"""A read-only Maildir reader: lists new/ and cur/, never renames, flags or deletes a file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses
from pathlib import Path

from assistant.errors import MailError
from assistant.mail.message import header_text

HEAD_LIMIT = 64 * 1024
READ_LIMIT = 1024 * 1024  # as for IMAP: the text of any shop mail, not a whole attachment


@dataclass(frozen=True)
class MaildirFile:
    name: str        # the unique part of the file name (flags after ":" stripped)
    path: Path
    received: datetime  # the file's modification time: when it was delivered


def unique_name(filename: str) -> str:
    """A Maildir file keeps its unique name when a client adds flags (``name:2,S``)."""
    return filename.split(":", 1)[0]


class MaildirReader:
    def __init__(self, path: Path) -> None:
        self.path = path

    def files(self, since: datetime) -> Iterator[MaildirFile]:
        """Every message delivered since ``since``, oldest first."""
        if not (self.path / "cur").is_dir() or not (self.path / "new").is_dir():
            raise MailError(f"There is no Maildir at {self.path} (no cur/ and new/ in it).",
                            hint="Check the path in ASSISTANT_MAIL (maildir:/path/to/Maildir).")
        found = []
        for sub in ("new", "cur"):
            try:
                entries = list(os.scandir(self.path / sub))
            except OSError as exc:
                raise MailError(f"The Maildir {self.path} cannot be read ({exc.strerror}).",
                                hint="Check the path in ASSISTANT_MAIL and its permissions.",
                                ) from None
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    stat = entry.stat()
                except OSError:
                    continue  # moved to cur/ by another client meanwhile: seen on the next poll
                received = datetime.fromtimestamp(stat.st_mtime, UTC)
                if received >= since:
                    found.append(MaildirFile(unique_name(entry.name), Path(entry.path), received))
        return iter(sorted(found, key=lambda f: (f.received, f.name)))


def read_head(path: Path) -> tuple[str, ...] | None:
    """The From addresses (lower-cased) of the file, from its first bytes; None if gone."""
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_LIMIT)
    except OSError:
        return None
    headers = BytesHeaderParser(policy=compat32).parsebytes(head)
    return tuple(a.lower() for _, a in getaddresses([header_text(headers.get("From"))]) if a)


def read_message(path: Path, limit: int = READ_LIMIT) -> bytes | None:
    try:
        with path.open("rb") as fh:
            return fh.read(limit)
    except OSError:
        return None
