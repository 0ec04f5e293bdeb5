"""The fixture shop's outgoing mail: renders the shop's emails and delivers them to a mailbox.

The shop (shop.py) decides when a mail is due and what it is about; this module turns an
`OutgoingMail` into a real RFC 5322 message (multipart/alternative, text and HTML, rendered from
the Jinja2 templates in fixtures/mail/) and drops it into a Maildir or APPENDs it over IMAP.
Contract: /work/notes/mail-contract.md.
"""

from __future__ import annotations

import imaplib
import logging
import mailbox
import ssl
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from functools import cache
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

import jinja2

from assistant.fixture_site.paths import fixtures_dir

log = logging.getLogger(__name__)

SENDER = Address("AliExpress", addr_spec="transaction@notice.aliexpress.com")
KINDS = (
    "verification_code",
    "cancel_received",
    "cancel_approved",
    "cancel_declined",
    "seller_contact",
    "return_received",
    "refund_issued",
    "order_closed",
)


@dataclass(frozen=True)
class OutgoingMail:
    """One email the shop sends. ``context`` fills the templates (order, seller, items, code…)."""

    kind: str
    to: str
    at: datetime
    order: str | None = None
    context: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, got: {self.kind!r}")
        if self.at.tzinfo is None:
            raise ValueError(f"at needs a UTC offset, got: {self.at.isoformat()}")


class Outbox(Protocol):
    """Where the fixture shop's mail goes."""

    description: str

    def send(self, mail: OutgoingMail) -> str:
        """Render and deliver ``mail``; return its Subject."""
        ...


def _mail_dir() -> Path:
    """fixtures/mail/ in a checkout, or assistant/_fixtures/mail in an installed wheel."""
    return fixtures_dir() / "mail"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_mail_dir()),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",),
                                            default_for_string=False),
        undefined=jinja2.StrictUndefined,  # a missing context key is a bug in the shop, not ""
        keep_trailing_newline=True,
    )


@cache
def _subjects(locale: str = "en") -> Mapping[str, str]:
    with (_mail_dir() / "subjects.toml").open("rb") as fh:
        table: dict[str, str] = tomllib.load(fh)[locale]
    return table


def render(mail: OutgoingMail) -> EmailMessage:
    """The complete message: headers, a text/plain part and a text/html part."""
    values: dict[str, Any] = {
        "order": mail.order,
        "seller": "",
        "items": [],
        "reason": "",
        "amount": "",
        "code": "",
        **mail.context,
    }
    values.setdefault("order_url",
                      f"https://www.aliexpress.com/p/order/detail.html?orderId={mail.order}")
    subject = _subjects()[mail.kind].format(order=mail.order or "")
    values.update(subject=subject, to=mail.to, greeting_name=mail.to.split("@")[0])
    env = _environment()
    text = env.get_template(f"kinds/{mail.kind}.txt.j2").render(values)
    html = env.get_template(f"kinds/{mail.kind}.html.j2").render(values)

    msg = EmailMessage()
    msg["From"] = SENDER
    msg["To"] = mail.to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(mail.at)
    msg["Message-ID"] = make_msgid(idstring=mail.kind, domain="notice.aliexpress.com")
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    return msg


class MaildirOutbox:
    """Delivers into a Maildir (new/), created with cur/new/tmp when missing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.description = str(path)
        # mailbox.Maildir(create=True) skips an existing folder (e.g. from mkdtemp): make all three.
        for sub in ("cur", "new", "tmp"):
            (path / sub).mkdir(parents=True, exist_ok=True)
        self._box = mailbox.Maildir(path, create=False)

    def send(self, mail: OutgoingMail) -> str:
        msg = render(mail)
        self._box.add(msg)
        log.info("mailed %s to Maildir %s", mail.kind, self.path)
        return str(msg["Subject"])


class ImapOutbox:
    """APPENDs to a folder over IMAP(S). Connects per mail: the shop sends few, far apart."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        if not parts.hostname or not parts.username:
            raise ValueError("an IMAP outbox URL needs user and host: imap://user:pw@host:port/INBOX")
        self._secure = parts.scheme == "imaps"
        self._host = parts.hostname
        self._port = parts.port or (993 if self._secure else 143)
        self._user = unquote(parts.username)
        self._password = unquote(parts.password or "")
        self._folder = unquote(parts.path.lstrip("/")) or "INBOX"
        self.description = f"{parts.scheme}://{self._user}@{self._host}:{self._port}/{self._folder}"

    def _connect(self) -> imaplib.IMAP4:
        # This is a test tool pointed at a private Dovecot with a self-signed certificate:
        # it accepts any certificate on purpose. The assistant's reader verifies (imap.py).
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn: imaplib.IMAP4
        if self._secure:
            conn = imaplib.IMAP4_SSL(self._host, self._port, ssl_context=context, timeout=30)
        else:
            conn = imaplib.IMAP4(self._host, self._port, timeout=30)
            if "STARTTLS" in conn.capabilities:
                conn.starttls(context)
        conn.login(self._user, self._password)
        return conn

    def send(self, mail: OutgoingMail) -> str:
        msg = render(mail)
        conn = self._connect()
        try:
            # No internal date: the server stamps the arrival, as it does for real deliveries
            # (the shop's time is in the Date: header).
            status, detail = conn.append(self._folder, "", None, msg.as_bytes())
            if status != "OK":
                raise RuntimeError(f"APPEND to {self.description} failed: {detail!r}")
        finally:
            conn.logout()
        log.info("mailed %s to %s", mail.kind, self.description)
        return str(msg["Subject"])


def open_outbox(url: str | None) -> Outbox:
    """An outbox for ``url`` (maildir:/path, imap://user:pw@host:port/FOLDER, imaps://…).

    None gives a new temporary Maildir (its path is the outbox's ``description``).
    """
    if url is None:
        return MaildirOutbox(Path(tempfile.mkdtemp(prefix="aliexpress-mail-")))
    scheme = urlsplit(url).scheme
    if scheme == "maildir":
        return MaildirOutbox(Path(url.removeprefix("maildir:").removeprefix("//")).expanduser())
    if scheme in {"imap", "imaps"}:
        return ImapOutbox(url)
    raise ValueError(f"mail URL must start with maildir:, imap:// or imaps://, got: {scheme!r}")
