"""Raw bytes of an email → what the classifier needs, whatever the MIME, charset or encoding.

Nothing here raises on a bad message: broken MIME, unknown charsets, undecodable base64 and
missing headers all degrade to less text, never to an exception (the poller must go on).
"""

from __future__ import annotations

import codecs
import email
import email.policy
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import Header, decode_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser

# Parts larger than this are not text anyone writes by hand: skip them (a 10 MB attachment).
MAX_TEXT_PART = 512 * 1024
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class MailMessage:
    """One parsed email: who sent it, when, its subject and its text (white space collapsed)."""

    message_id: str
    senders: tuple[str, ...]  # every address in From, lower-cased
    subject: str
    date: datetime | None
    text: str


def parse(raw: bytes) -> MailMessage:
    """Parse ``raw`` (RFC 5322 bytes, possibly truncated or malformed)."""
    # compat32 is the forgiving policy: it never raises on header access.
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    subject = header_text(msg.get("Subject"))
    date = _date(msg.get("Date"))
    from_header = header_text(msg.get("From"))
    senders = tuple(addr.lower() for _, addr in getaddresses([from_header]) if addr)
    return MailMessage(
        message_id=_message_id(msg, raw),
        senders=senders,
        subject=_SPACE.sub(" ", subject).strip(),
        date=date,
        text=_SPACE.sub(" ", body_text(msg)).strip(),
    )


def header_text(value: object) -> str:
    """A header's text with RFC 2047 encoded words decoded; junk charsets fall back to UTF-8."""
    if value is None:
        return ""
    chunks = []
    try:
        # compat32 hands out a Header (charset unknown-8bit) for raw 8-bit header bytes
        parts = decode_header(value if isinstance(value, Header) else str(value))
        last_encoded = None
        for data, charset in parts:
            text = data if isinstance(data, str) else data.decode(_codec(charset), "replace")
            # decode_header drops the white space between an encoded word and plain text
            if last_encoded is not None and last_encoded != (charset is not None):
                chunks.append(" ")
            chunks.append(text)
            last_encoded = charset is not None
    except (ValueError, LookupError, AssertionError, UnicodeError):
        chunks = [str(value)]
    return _clean("".join(chunks))


def _clean(text: str) -> str:
    """Lone surrogates (undecodable bytes smuggled through) become U+FFFD."""
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        data = text.encode("utf-8", "replace")
    return data.decode("utf-8", "replace")


def body_text(msg: Message) -> str:
    """The text of the text/plain and text/html parts (HTML as text); attachments left out."""
    plain: list[str] = []
    html: list[str] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        if ctype not in ("text/plain", "text/html") or _is_attachment(part):
            continue
        try:
            payload = part.get_payload(decode=True)
            charset = part.get_content_charset()
        except (ValueError, LookupError, UnicodeError, TypeError):
            continue
        if not isinstance(payload, bytes) or len(payload) > MAX_TEXT_PART:
            continue
        text = payload.decode(_codec(charset), errors="replace")
        (plain if ctype == "text/plain" else html).append(text)
    return "\n".join([*plain, *(html_to_text(h) for h in html)])


def html_to_text(markup: str) -> str:
    parser = _TextOfHtml()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError):  # HTMLParser on truly broken input
        pass
    return "".join(parser.chunks)


class _TextOfHtml(HTMLParser):
    _BLOCKS = frozenset({"p", "br", "div", "tr", "td", "li", "h1", "h2", "h3", "table", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in self._BLOCKS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chunks.append(data)


def _is_attachment(part: Message) -> bool:
    disposition = str(part.get("Content-Disposition", "")).split(";")[0].strip().lower()
    return disposition == "attachment"


def _codec(charset: str | None) -> str:
    """A codec Python knows for ``charset``; UTF-8 (with replacement) for unknown or absent."""
    if not charset:
        return "utf-8"
    try:
        return codecs.lookup(charset.strip().strip('"')).name
    except (LookupError, ValueError):
        return "utf-8"


def _date(value: object) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = parsedate_to_datetime(header_text(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


def _message_id(msg: Message, raw: bytes) -> str:
    """The Message-ID; a stable stand-in made from the headers when a mail has none."""
    value = header_text(msg.get("Message-ID")).strip()
    if value:
        return value
    seed = "\n".join(header_text(msg.get(h)) for h in ("From", "Date", "Subject", "To"))
    if not seed.strip():
        seed = raw[:4096].decode("latin-1")
    return f"<{hashlib.sha256(seed.encode()).hexdigest()[:32]}@no-message-id.invalid>"
