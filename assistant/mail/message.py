"""Raw bytes of an email → what the classifier needs, whatever the MIME, charset or encoding.

Nothing here raises on a bad message: broken MIME, unknown charsets, undecodable base64 and
missing headers degrade to less text; what cannot be read at all (MIME nested past any real
mail, a part whose charset is no text charset, a parser failure) gives a message marked
``unreadable`` with the reason, which the poller counts.

Every input is cut to a bounded size before any pattern or parser sees it, so the time a mail
costs grows with its size at most linearly.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import Header, decode_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser

# Parts larger than this are not text anyone writes by hand: skip them (a 10 MB attachment).
MAX_TEXT_PART = 512 * 1024
# The shop's subjects are under 200 characters and its bodies a few thousand: what is past
# these limits is never matched (RFC 5322 allows 998 characters on a header line).
MAX_SUBJECT = 998
MAX_TEXT = 64 * 1024
MAX_HTML = 256 * 1024  # markup read per HTML part, before it becomes text
MAX_HEADER = 4096      # of a raw header's value (its encoded words included) decoded
MAX_MULTIPARTS = 32    # parts holding parts: a shop mail has two or three, hostile mail 1000s
MAX_PARTS = 200
MAX_LINKS = 500
_SPACE = re.compile(r"\s+")
_NESTING = re.compile(rb"(?:multipart|message)/", re.IGNORECASE)  # a part holding parts


@dataclass(frozen=True)
class MailMessage:
    """One parsed email: who sent it, when, its subject and its text (white space collapsed).

    ``unreadable`` says why the mail could not be read (its text is then empty).
    """

    message_id: str
    senders: tuple[str, ...]  # every address in From, lower-cased
    subject: str
    date: datetime | None
    text: str
    links: tuple[str, ...] = ()  # the addresses of the HTML's links (parcel mails name orders)
    unreadable: str | None = None
    from_header: str = ""  # the From header's text (display names too), as decoded


def parse(raw: bytes) -> MailMessage:
    """Parse ``raw`` (RFC 5322 bytes, possibly truncated or malformed); never raises."""
    nested = sum(1 for _ in zip(range(MAX_MULTIPARTS + 1), _NESTING.finditer(raw),
                                strict=False))
    if nested > MAX_MULTIPARTS:
        return _unreadable(raw, f"MIME nested more than {MAX_MULTIPARTS} deep")
    try:
        # compat32 is the forgiving policy: it never raises on header access.
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
        problems: list[str] = []
        links: list[str] = []
        text = body_text(msg, problems, links)
    except (Exception, RecursionError) as exc:  # a parser failure no one foresaw
        return _unreadable(raw, f"the parser failed ({type(exc).__name__})")
    if problems:
        return _unreadable(raw, problems[0])
    return _headers(msg, raw, text=_SPACE.sub(" ", text).strip()[:MAX_TEXT],
                    links=tuple(links[:MAX_LINKS]))


def _headers(msg: Message, raw: bytes, *, text: str = "", links: tuple[str, ...] = (),
             unreadable: str | None = None) -> MailMessage:
    subject = _SPACE.sub(" ", header_text(msg.get("Subject"))).strip()
    return MailMessage(message_id=_message_id(msg, raw), senders=addresses(msg.get("From")),
                       subject=subject[:MAX_SUBJECT], date=_date(msg.get("Date")), text=text,
                       links=links, unreadable=unreadable,
                       from_header=header_text(msg.get("From")))


def _unreadable(raw: bytes, why: str) -> MailMessage:
    """The headers alone (for the count and the log line); no text to classify."""
    try:
        msg = BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw[:256 * 1024])
        return _headers(msg, raw, unreadable=why)
    except Exception:  # not even the headers: the mail is known by its bytes alone
        return MailMessage(message_id=_stand_in_id(raw[:4096].decode("latin-1")), senders=(),
                           subject="", date=None, text="", unreadable=why)


def addresses(value: object) -> tuple[str, ...]:
    """Every address in a From header, lower-cased. A header too long to read whole gives
    none: cutting it could drop a second address, and every one of them must be the shop's."""
    text = header_text(value, limit=None)
    if len(text) > MAX_HEADER:
        return ()
    return tuple(addr.lower() for _, addr in getaddresses([text]) if addr)


def header_text(value: object, limit: int | None = MAX_HEADER) -> str:
    """A header's text with RFC 2047 encoded words decoded; junk charsets fall back to UTF-8.

    Only the first ``limit`` characters are decoded (None: all of them, for a caller that
    refuses a longer header itself).
    """
    if value is None:
        return ""
    if limit is None:
        limit = MAX_HEADER + 1
    chunks = []
    try:
        # compat32 hands out a Header (charset unknown-8bit) for raw 8-bit header bytes
        parts = decode_header(value if isinstance(value, Header) else str(value)[:limit])
        last_encoded = None
        for data, charset in parts:
            if not isinstance(data, str):
                data = _decode(data[:limit], charset) or data[:limit].decode("utf-8", "replace")
            # decode_header drops the white space between an encoded word and plain text
            if last_encoded is not None and last_encoded != (charset is not None):
                chunks.append(" ")
            chunks.append(data)
            last_encoded = charset is not None
    except (ValueError, LookupError, AssertionError, UnicodeError):
        chunks = [str(value)[:limit]]
    return _clean("".join(chunks)[:limit])


def _clean(text: str) -> str:
    """Lone surrogates (undecodable bytes smuggled through) become U+FFFD."""
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        data = text.encode("utf-8", "replace")
    return data.decode("utf-8", "replace")


def body_text(msg: Message, problems: list[str] | None = None,
              links: list[str] | None = None) -> str:
    """The text of the text/plain and text/html parts (HTML as text); attachments left out.

    A text part that cannot be decoded (its charset is no text charset) is left out and its
    reason added to ``problems``.
    """
    plain: list[str] = []
    html: list[str] = []
    for part in _leaves(msg):
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
        text = _decode(payload, charset)
        if text is None:
            if problems is not None:
                problems.append(f"a text part in charset {charset!r}, which is no text charset")
            continue
        (plain if ctype == "text/plain" else html).append(text)
    return "\n".join([*plain, *(html_to_text(h[:MAX_HTML], links) for h in html)])


def _leaves(msg: Message) -> Iterator[Message]:
    """The parts that are not multiparts, depth first, at most MAX_PARTS (no recursion)."""
    stack = [msg]
    seen = 0
    while stack and seen < MAX_PARTS:
        part = stack.pop()
        seen += 1
        children = part.get_payload() if part.is_multipart() else None
        if isinstance(children, list):
            stack.extend(reversed([c for c in children if isinstance(c, Message)]))
        else:
            yield part


def _decode(data: bytes, charset: str | None) -> str | None:
    """``data`` as text in ``charset`` (UTF-8 when unknown or absent); None when the charset
    names a codec that is no text charset (rot-13, base64, zlib, idna, ...)."""
    codec = _codec(charset)
    if codec is None:
        return None
    try:
        return data.decode(codec, errors="replace")
    except (UnicodeError, LookupError, ValueError, TypeError):
        return None


def html_to_text(markup: str, links: list[str] | None = None) -> str:
    """The text of ``markup`` a reader sees; its links' addresses added to ``links``."""
    parser = _TextOfHtml()
    try:
        parser.feed(_without_hidden_markup(markup))
        parser.close()
    except (AssertionError, ValueError):  # HTMLParser on truly broken input
        pass
    if links is not None:
        links.extend(parser.links)
    return "".join(parser.chunks)


# What a reader never sees, and where Python's HTMLParser can take quadratic time when the
# end is missing: comments, CDATA and other marked sections, declarations, processing
# instructions. Each opener and the closer that ends it.
_HIDDEN_MARKUP = (("<!--", "-->"), ("<![", "]]>"), ("<!", ">"), ("<?", ">"))


def _without_hidden_markup(markup: str) -> str:
    """``markup`` without comments, marked sections, declarations and processing
    instructions, in one pass; from one that never ends, the rest is dropped."""
    out: list[str] = []
    at = 0
    while True:
        start = markup.find("<", at)
        while start != -1 and markup[start + 1:start + 2] not in ("!", "?"):
            start = markup.find("<", start + 1)
        if start == -1:
            out.append(markup[at:])
            return "".join(out)
        out.append(markup[at:start])
        closer = next(end for opener, end in _HIDDEN_MARKUP if markup.startswith(opener, start))
        found = markup.find(closer, start + 2)
        if found == -1:
            return "".join(out)
        at = found + len(closer)


class _TextOfHtml(HTMLParser):
    """The text a reader sees (not scripts, styles, comments, attributes or hidden elements),
    and the links' addresses."""

    _BLOCKS = frozenset({"p", "br", "div", "tr", "td", "li", "h1", "h2", "h3", "table", "title"})
    _VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr",
                       "source", "track", "embed", "param"})
    _UNSEEN = frozenset({"script", "style", "head", "template", "title"})
    _HIDING = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0"
                         r"(?![.\d])|max-height\s*:\s*0(?![.\d])|opacity\s*:\s*0(?![.\d])")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.links: list[str] = []
        self._open: list[tuple[str, bool]] = []  # open elements: tag, and unseen or not

    def _unseen(self) -> bool:
        return bool(self._open) and self._open[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"])[:2048])
        if tag in self._BLOCKS:
            self.chunks.append("\n")
        if tag in self._VOID:
            return
        style = str(values.get("style") or "")[:2048]
        hidden = (tag in self._UNSEEN or "hidden" in values or bool(self._HIDING.search(style)))
        self._open.append((tag, hidden or self._unseen()))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS:
            self.chunks.append("\n")
        for at in range(len(self._open) - 1, max(-1, len(self._open) - 32), -1):
            if self._open[at][0] == tag:  # closes it and what was left open inside it
                del self._open[at:]
                return

    def handle_data(self, data: str) -> None:
        if not self._unseen():
            self.chunks.append(data)


def _is_attachment(part: Message) -> bool:
    disposition = str(part.get("Content-Disposition", "")).split(";")[0].strip().lower()
    return disposition == "attachment"


def _codec(charset: str | None) -> str | None:
    """A text codec Python knows for ``charset``: UTF-8 (with replacement) for an unknown or
    absent one, None for a codec that turns bytes into something other than text."""
    if not charset:
        return "utf-8"
    name = charset.strip().strip('"')[:64]
    try:
        codec = codecs.lookup(name).name
        b"".decode(codec)  # raises LookupError for rot-13, base64, zlib, hex, ...
    except LookupError as exc:
        return None if "text encoding" in str(exc) else "utf-8"
    except ValueError:
        return "utf-8"
    return None if codec in _NOT_CHARSETS else codec


# text codecs that no mail is written in, whose decoders choke on ordinary bytes
_NOT_CHARSETS = frozenset({"idna", "punycode", "raw-unicode-escape", "unicode-escape",
                           "undefined"})


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
    value = header_text(msg.get("Message-ID")).strip()[:MAX_SUBJECT]
    if value:
        return value
    seed = "\n".join(header_text(msg.get(h)) for h in ("From", "Date", "Subject", "To"))
    return _stand_in_id(seed if seed.strip() else raw[:4096].decode("latin-1"))


def _stand_in_id(seed: str) -> str:
    digest = hashlib.sha256(seed.encode("utf-8", "replace")).hexdigest()[:32]
    return f"<{digest}@no-message-id.invalid>"
