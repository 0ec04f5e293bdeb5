"""The one IMAP client (imap-tools): poll, IDLE, the doctor's check and the sign-in code.

One connection policy for all of them: ``imaps://`` is TLS with the certificate verified;
``imap://`` upgrades with STARTTLS when the server offers it, and stays plain only on a
loopback address (else the password would cross the network in clear). Every command sent is
counted (the cost of a poll).

Read-only on purpose: folders are opened with EXAMINE and bodies fetched with BODY.PEEK, so
the assistant never marks a mail read, moves or deletes it.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import re
import ssl
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from imap_tools import BaseMailBox, MailboxLoginError
from imap_tools.errors import ImapToolsError

from assistant.errors import ConfigError, MailError, WrongPassword
from assistant.mail.location import MailLocation

log = logging.getLogger(__name__)

# Enough for any mail the shop writes; a 10 MB attachment is cut off, its text parts kept.
FETCH_LIMIT = 1024 * 1024
_FETCH_CHUNK = 100
_UID = re.compile(rb"\bUID (\d+)")
_INTERNALDATE = re.compile(rb'INTERNALDATE "([^"]+)"')
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
IDLE_MAX_S = 29 * 60  # servers may drop an IDLE older than that (RFC 2177)


class _Counting:
    """Counts the IMAP commands sent (the cost of a poll), CAPABILITY and LOGOUT included."""

    commands = 0

    def _command(self, name: str, *args: Any) -> Any:
        self.commands += 1
        return super()._command(name, *args)  # type: ignore[misc]


class _IMAP4(_Counting, imaplib.IMAP4):
    pass


class _IMAP4_SSL(_Counting, imaplib.IMAP4_SSL):
    pass


class _Box(BaseMailBox):
    """An imap-tools mailbox whose connection follows the policy above."""

    def __init__(self, location: MailLocation, context: ssl.SSLContext, timeout: float) -> None:
        self._location = location
        self._context = context
        self._timeout = timeout
        super().__init__()

    def _get_mailbox_client(self) -> imaplib.IMAP4:
        where = self._location
        if where.scheme == "imaps":
            return _IMAP4_SSL(where.host, where.port, ssl_context=self._context,
                              timeout=self._timeout)
        client = _IMAP4(where.host, where.port, timeout=self._timeout)
        if "STARTTLS" in client.capabilities:
            client.starttls(self._context)
        elif not where.is_loopback:
            client.shutdown()
            raise ConfigError(
                f"The mailbox server at {where.host}:{where.port} offers no STARTTLS: the "
                "password would cross the network in clear.",
                hint="Use imaps:// in ASSISTANT_MAIL (plain imap:// is allowed only on "
                     "127.0.0.1 / localhost).",
            )
        return client


@dataclass(frozen=True)
class Fetched:
    uid: int
    raw: bytes
    arrived: datetime | None  # the server's INTERNALDATE: when the mail reached the folder


@dataclass(frozen=True)
class FolderStatus:
    uidvalidity: int
    uidnext: int | None  # None when the server does not say
    exists: int


class ImapReader:
    """One logged-in, read-only session. Use as a context manager."""

    def __init__(self, location: MailLocation, password: str, *, ca_file: Path | None = None,
                 timeout: float = 30.0) -> None:
        self.location = location
        self._password = password
        self._ca_file = ca_file
        self._timeout = timeout
        self._box: _Box | None = None

    @property
    def commands(self) -> int:
        return self._box.client.commands if self._box is not None else 0

    def __enter__(self) -> ImapReader:
        self._box = self._connect()
        self._login(self._box)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._box is not None:
            # the server may have gone away first: then there is nothing left to close
            with contextlib.suppress(OSError, imaplib.IMAP4.error, ImapToolsError):
                self._box.logout()

    # -- connecting -----------------------------------------------------------------------------
    def _connect(self) -> _Box:
        where = f"{self.location.host}:{self.location.port}"
        context = ssl.create_default_context(
            cafile=str(self._ca_file) if self._ca_file else None)
        try:
            return _Box(self.location, context, self._timeout)
        except ssl.SSLCertVerificationError as exc:
            raise MailError(
                f"The mailbox server at {where} showed a certificate that could not be "
                f"verified ({exc.verify_message}).",
                hint="For a server with its own (self-signed) certificate, set "
                     "ASSISTANT_MAIL_CA_FILE to its CA certificate (PEM); else check the host "
                     "name in ASSISTANT_MAIL.",
            ) from None
        except ssl.SSLError as exc:
            raise MailError(
                f"TLS with the mailbox server at {where} failed ({exc.reason or exc}).",
                hint="Check the port in ASSISTANT_MAIL: imaps:// needs the server's TLS port "
                     "(usually 993), imap:// its STARTTLS port (usually 143).",
            ) from None
        except (OSError, imaplib.IMAP4.error) as exc:
            raise MailError(
                f"Cannot reach the mailbox server at {where} ({exc}).",
                hint="Check the host and port in ASSISTANT_MAIL, and that the server is up.",
            ) from None

    def _login(self, box: _Box) -> None:
        try:
            box.login(self.location.user, self._password, initial_folder=None)
        except imaplib.IMAP4.abort as exc:
            raise MailError(f"The mailbox server closed the connection at login ({exc}).",
                            hint="Check ASSISTANT_MAIL and try again later.") from None
        except (MailboxLoginError, imaplib.IMAP4.error) as exc:
            text = _answer(exc)
            if "UNAVAILABLE" in text or "LOGINDISABLED" in text:
                raise MailError(f"The mailbox server refused the login for now ({text}).",
                                hint="Try again later; check ASSISTANT_MAIL.") from None
            raise WrongPassword(
                f"The mailbox server rejected the password of {self.location.user} ({text}).",
                hint="Store the right one with `assistant secrets set mail` (Gmail and "
                     "Fastmail need an app password).",
            ) from None
        except OSError as exc:
            raise MailError(f"The mailbox server went away at login ({exc}).",
                            hint="Check ASSISTANT_MAIL and try again later.") from None

    # -- reading --------------------------------------------------------------------------------
    def examine(self) -> FolderStatus:
        """Open the folder read-only; its UIDVALIDITY and UIDNEXT."""
        box = self._live()
        try:
            _status, data = box.folder.set(self.location.folder, readonly=True)
        except ImapToolsError as exc:
            raise MailError(f"The mailbox has no folder {self.location.folder!r} "
                            f"({_answer(exc)}).",
                            hint="Check the folder at the end of ASSISTANT_MAIL (e.g. /INBOX).",
                            ) from None
        conn = box.client
        exists = _number(data) or 0
        uidvalidity = _number(conn.response("UIDVALIDITY")[1])
        if uidvalidity is None:
            raise MailError("The mailbox server did not report UIDVALIDITY for the folder.",
                            hint="This server is not supported; try another folder or server.")
        return FolderStatus(uidvalidity, _number(conn.response("UIDNEXT")[1]), exists)

    def search(self, senders: Iterable[str], since: date, after_uid: int = 0) -> list[int]:
        """UIDs above ``after_uid`` from one of ``senders`` with an internal date since ``since``.

        The server's FROM is a substring match; the exact address check happens on the parsed
        message (classify.py).
        """
        criteria = [f"UID {after_uid + 1}:*"] if after_uid else []
        criteria += [f"SINCE {since.day:02d}-{_MONTHS[since.month - 1]}-{since.year}",
                     _from_any(sorted(senders))]
        try:
            found = self._live().uids(" ".join(criteria), charset=None)
        except ImapToolsError as exc:
            raise MailError(f"The mailbox server refused the search ({_answer(exc)}).",
                            hint="Check ASSISTANT_MAIL; try again later.") from None
        # "UID n:*" includes the highest UID even when it is below n (RFC 3501 §6.4.8)
        return sorted(u for u in (int(x) for x in found) if u > after_uid)

    def fetch(self, uids: list[int], limit: int = FETCH_LIMIT) -> Iterator[Fetched]:
        """The first ``limit`` bytes of each message, without setting \\Seen (BODY.PEEK).

        imap-tools' own fetch has no partial fetch, so its client is asked directly.
        """
        conn = self._live().client
        for start in range(0, len(uids), _FETCH_CHUNK):
            chunk = ",".join(str(u) for u in uids[start:start + _FETCH_CHUNK])
            status, data = conn.uid("FETCH", chunk, f"(INTERNALDATE BODY.PEEK[]<0.{limit}>)")
            if status != "OK":
                raise MailError(f"The mailbox server refused to fetch mail ({data!r}).",
                                hint="Check ASSISTANT_MAIL; try again later.")
            for item in data:
                if isinstance(item, tuple):
                    found = _UID.search(item[0])
                    if found:
                        yield Fetched(int(found.group(1)), item[1], _internaldate(item[0]))

    # -- waiting --------------------------------------------------------------------------------
    @property
    def offers_idle(self) -> bool:
        return "IDLE" in self._live().client.capabilities

    def wait_for_new_mail(self, timeout: float) -> bool:
        """IDLE in the examined folder up to ``timeout`` seconds: True when new mail came."""
        responses = self._live().idle.wait(timeout=min(timeout, IDLE_MAX_S))
        return any(b"EXISTS" in r for r in responses)

    def _live(self) -> _Box:
        if self._box is None:
            raise RuntimeError("use ImapReader as a context manager")
        return self._box


def _answer(exc: BaseException) -> str:
    """The server's words in a failed command (imap-tools keeps them as bytes)."""
    result = getattr(exc, "command_result", None)
    if not isinstance(result, tuple) or len(result) < 2:
        return str(exc)
    lines = result[1] if isinstance(result[1], list) else [result[1]]
    return " ".join(x.decode("utf-8", "replace") if isinstance(x, bytes) else str(x)
                    for x in lines if x is not None) or str(result[0])


def _number(values: list[Any] | None) -> int | None:
    if not values or values[0] is None:
        return None
    try:
        return int(values[0])
    except (TypeError, ValueError):
        return None


def _internaldate(line: bytes) -> datetime | None:
    found = _INTERNALDATE.search(line)
    if not found:
        return None
    try:
        return datetime.strptime(found.group(1).decode("ascii").strip(), "%d-%b-%Y %H:%M:%S %z")
    except ValueError:
        return None


def _from_any(senders: list[str]) -> str:
    """FROM "a" for one sender; OR FROM "a" FROM "b" (nested) for more."""
    terms = [f'FROM "{s}"' for s in senders]
    while len(terms) > 1:
        terms = [f"OR {terms[0]} {terms[1]}", *terms[2:]]
    return terms[0]

