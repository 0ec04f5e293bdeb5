"""ASSISTANT_MAIL parsed: where the mailbox is and how to reach it."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from assistant.errors import ConfigError

Scheme = Literal["imaps", "imap", "maildir"]
_FORMS = "imaps://user@host[:port]/FOLDER, imap://user@host[:port]/FOLDER or maildir:/path"


@dataclass(frozen=True)
class MailLocation:
    """A mailbox: an IMAP folder (``imaps``/``imap``) or a local Maildir (``maildir``)."""

    scheme: Scheme
    user: str = ""
    host: str = ""
    port: int = 0
    folder: str = "INBOX"
    path: Path | None = None

    @property
    def key(self) -> str:
        """Names this mailbox in the poller's state (never holds a password)."""
        if self.scheme == "maildir":
            return f"maildir:{self.path}"
        return f"{self.scheme}://{self.user}@{self.host}:{self.port}/{self.folder}"

    @property
    def is_loopback(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


def parse_location(url: str) -> MailLocation:
    """Parse ASSISTANT_MAIL; a ConfigError says which form is expected."""
    parts = urlsplit(url.strip())
    if parts.scheme == "maildir":
        raw = url.strip().removeprefix("maildir:")
        raw = raw.removeprefix("//") if raw.startswith("///") else raw
        if not raw or raw.startswith("//"):
            raise ConfigError(f"ASSISTANT_MAIL: a Maildir needs a path, got: {url!r}",
                              hint=f"Write it as {_FORMS}.")
        return MailLocation("maildir", path=Path(unquote(raw)).expanduser().resolve())
    if parts.scheme not in ("imaps", "imap"):
        raise ConfigError("ASSISTANT_MAIL must start with imaps://, imap:// or maildir:",
                          hint=f"Write it as {_FORMS}.")
    if parts.password is not None:
        raise ConfigError(
            "ASSISTANT_MAIL must not contain the mailbox password.",
            hint="Remove it from the address and run `assistant secrets set mail`: the password "
                 "lives in the keyring.",
        )
    if not parts.username or not parts.hostname:
        raise ConfigError(f"ASSISTANT_MAIL needs a user and a host, got: {url!r}",
                          hint=f"Write it as {_FORMS}.")
    try:
        port = parts.port or (993 if parts.scheme == "imaps" else 143)
    except ValueError:
        raise ConfigError(f"ASSISTANT_MAIL has a bad port: {url!r}",
                          hint=f"Write it as {_FORMS}.") from None
    folder = unquote(parts.path.lstrip("/")) or "INBOX"
    return MailLocation("imaps" if parts.scheme == "imaps" else "imap",
                        user=unquote(parts.username), host=parts.hostname, port=port,
                        folder=folder)
