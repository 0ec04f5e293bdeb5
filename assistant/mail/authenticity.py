"""Is a mail from the shop really the shop's? Only an authentic mail moves a case.

Anyone can write ``From: transaction@notice.aliexpress.com``. A mail is authentic when

1. the topmost ``Authentication-Results`` header whose authserv-id is one the shopper's mail
   provider uses (ASSISTANT_MAIL_AUTHSERV_ID) says ``dkim=pass`` for the sender's signing
   domain: ``aliexpress.com`` or a subdomain (``header.d`` / ``header.i``), for Apple's relay
   form ``privaterelay.appleid.com``, for a forwarding address (ASSISTANT_MAIL_SENDERS) also
   that address's own domain. The provider puts its header above every header the sender
   wrote, so a forger's copy lower down never counts; a header of another authserv-id is
   ignored, whatever it says;
2. or, when no such header is there, a DKIM signature of that domain verifies (dkimpy; the key
   from DNS, or from the file of TXT records ASSISTANT_DKIM_KEYS). A signature with a body
   length (``l=``) does not count: text added below the signed part would pass.

ASSISTANT_MAIL_TRUST=any trusts every mail from the shop's senders (a Maildir the shopper fills
themself). Nothing here raises on a hostile mail: it is simply not authentic, with the reason.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from assistant.errors import ConfigError
from assistant.mail.rules import SHOP_DOMAIN, MailRules
from assistant.settings import Settings

RELAY_DOMAIN = "privaterelay.appleid.com"  # Apple's "Hide my email" relay
# The authserv-ids the big providers write in their Authentication-Results ("*." stands for
# any host below the domain, for providers whose id is the receiving host's name).
DEFAULT_AUTHSERV_IDS = (
    "mx.google.com",                                   # Gmail, Google Workspace
    "mx.microsoft.com", "outlook.com", "hotmail.com",  # Outlook.com, Microsoft 365
    "yahoo.com", "*.yahoo.com", "aol.com", "*.aol.com",  # Yahoo, AOL
    "dkim-verifier.icloud.com",                        # iCloud (its DKIM verdict's header)
    "gmx.net", "*.gmx.net", "web.de", "*.web.de",      # GMX, WEB.DE
    "fastmail.com", "*.messagingengine.com",           # Fastmail
)
MAX_SIGNATURES = 5      # a real mail has one or two; a hostile one must not cost more
MAX_AR_HEADERS = 50
MAX_KEYS_FILE = 1024 * 1024
_ID = re.compile(r"(?:\*\.)?[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9-]{1,63}){0,20}")


@dataclass(frozen=True)
class Verdict:
    authentic: bool
    why: str  # one line for the log (no mail content but the domains and results)


@dataclass
class TrustPolicy:
    """How a poll tells a real mail from a forgery; ``from_settings`` checks the settings."""

    trust_any: bool = False
    authserv_ids: tuple[str, ...] = DEFAULT_AUTHSERV_IDS
    keys: dict[str, bytes] | None = None  # name -> TXT record; None: ask DNS
    forwarders: frozenset[str] = frozenset()
    _cache: dict[bytes, bytes | None] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Settings, rules: MailRules | None = None) -> TrustPolicy:
        """The policy of ASSISTANT_MAIL_TRUST, _AUTHSERV_ID and ASSISTANT_DKIM_KEYS (a keys file
        that cannot be read is a ConfigError naming it)."""
        keys = None if settings.dkim_keys is None else read_keys_file(settings.dkim_keys)
        forwarders: frozenset[str] = frozenset()
        if rules is not None:
            forwarders = frozenset(a for a in rules.senders if not _under(_domain(a), SHOP_DOMAIN))
        return cls(trust_any=settings.mail_trust == "any", authserv_ids=parse_authserv_ids(
            settings.mail_authserv_id), keys=keys, forwarders=forwarders)

    def check(self, raw: bytes, senders: Iterable[str]) -> Verdict:
        """The verdict on ``raw``, a mail whose From addresses (lower-cased) are ``senders``."""
        if self.trust_any:
            return Verdict(True, "ASSISTANT_MAIL_TRUST=any")
        domains = self._signers(senders)
        try:
            msg = email.message_from_bytes(raw, policy=email.policy.compat32)
            results = self._trusted_results(msg)
            if results is not None:
                server, text = results
                if _dkim_pass(text, domains):
                    return Verdict(True, f"Authentication-Results of {server}: dkim=pass")
                return Verdict(False, f"Authentication-Results of {server}: no dkim=pass for "
                                      f"{' or '.join(sorted(domains))}")
            return self._verify(raw, msg, domains)
        except Exception as exc:  # a mail no parser foresaw is not authentic, never a crash
            return Verdict(False, f"{type(exc).__name__} while checking it")

    # -- Authentication-Results -----------------------------------------------------------
    def _trusted_results(self, msg: Message) -> tuple[str, str] | None:
        """The topmost header whose authserv-id is trusted: (id, the rest), or None."""
        for value in (msg.get_all("Authentication-Results") or [])[:MAX_AR_HEADERS]:
            text = _uncomment(str(value))
            server = text.split(";", 1)[0].strip().split()
            if server and self._trusted(server[0].lower()) and "=" not in server[0]:
                return server[0].lower(), text.split(";", 1)[1] if ";" in text else ""
        return None

    def _trusted(self, server: str) -> bool:
        return any(server == sid or (sid.startswith("*.") and server.endswith(sid[1:]))
                   for sid in self.authserv_ids)

    # -- DKIM -----------------------------------------------------------------------------
    def _verify(self, raw: bytes, msg: Message, domains: set[str]) -> Verdict:
        signatures = (msg.get_all("DKIM-Signature") or [])[:MAX_SIGNATURES]
        if not signatures:
            return Verdict(False, "no DKIM signature and no trusted Authentication-Results")
        data = re.sub(rb"\r?\n", b"\r\n", raw)
        tried = []
        for index, value in enumerate(signatures):
            tags = _tags(str(value))
            signer = tags.get("d", "").lower()
            if not any(_under(signer, d) for d in domains):
                tried.append(f"d={signer or '?'} is not the sender's")
                continue
            if "l" in tags:
                tried.append(f"d={signer} signs only part of the body (l=)")
                continue
            # dkimpy loads only when a signature is checked: every command's start-up
            # imports this module, and dkimpy (with its crypto) costs a noticeable time
            import dkim

            try:
                good = dkim.DKIM(data, minkey=1024).verify(idx=index, dnsfunc=self._dns)
            except dkim.DKIMException as exc:
                tried.append(f"d={signer}: {exc}"[:160])
                continue
            if good:
                return Verdict(True, f"DKIM signature of {signer} verifies")
            tried.append(f"d={signer}: the signature does not verify")
        return Verdict(False, "; ".join(tried))

    def _signers(self, senders: Iterable[str]) -> set[str]:
        """The domains whose DKIM pass makes mail from ``senders`` authentic."""
        domains = {SHOP_DOMAIN}
        for address in senders:
            if _domain(address) == RELAY_DOMAIN:
                domains.add(RELAY_DOMAIN)
            elif address in self.forwarders:
                domains.add(_domain(address))
        return domains

    def _dns(self, name: bytes, timeout: float = 5) -> bytes | None:
        """The TXT record of ``name``: from ASSISTANT_DKIM_KEYS, else DNS (once per poll)."""
        if self.keys is not None:
            return self.keys.get(name.decode("ascii", "replace").lower().rstrip("."))
        if name not in self._cache:
            import dkim.dnsplug  # loaded only when needed, as above

            found: bytes | None = dkim.dnsplug.get_txt(name, timeout=timeout)
            self._cache[name] = found
        return self._cache[name]


def parse_authserv_ids(value: str) -> tuple[str, ...]:
    """ASSISTANT_MAIL_AUTHSERV_ID: comma-separated ids (``*.domain`` for any host below it);
    empty for the defaults, ``none`` to trust no Authentication-Results at all."""
    text = value.strip().lower()
    if not text:
        return DEFAULT_AUTHSERV_IDS
    if text == "none":
        return ()
    ids = tuple(part.strip() for part in text.split(",") if part.strip())
    for sid in ids:
        if not _ID.fullmatch(sid):
            raise ConfigError(f"ASSISTANT_MAIL_AUTHSERV_ID: {sid!r} is not a host name.",
                              hint="List your mail provider's authserv-ids (the first word of "
                                   "its Authentication-Results headers), e.g. mx.google.com, "
                                   "comma-separated; or none.")
    return ids


_TXT_LINE = re.compile(r"(?P<name>\S+)\s+(?:\d+\s+)?(?:IN\s+)?TXT\s+(?P<data>.+)", re.I)
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def read_keys_file(path: Path) -> dict[str, bytes]:
    """ASSISTANT_DKIM_KEYS: lines ``selector._domainkey.domain TXT "v=DKIM1; k=rsa; p=..."``
    (a record may be split into several quoted strings; ``#`` and ``;`` start comments)."""
    where = f"ASSISTANT_DKIM_KEYS ({path})"
    try:
        if path.stat().st_size > MAX_KEYS_FILE:
            raise ConfigError(f"{where} is larger than {MAX_KEYS_FILE} bytes.",
                              hint="It holds DKIM key records, a few lines each.")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise ConfigError(f"{where} cannot be read: {reason}.",
                          hint="Point it at a file of DKIM TXT records, or unset it to ask "
                               "DNS.") from None
    keys: dict[str, bytes] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        found = _TXT_LINE.fullmatch(line)
        parts = _QUOTED.findall(found.group("data")) if found else []
        if not found or not parts or "._domainkey." not in found.group("name").lower():
            raise ConfigError(f"{where}, line {number}: not a DKIM TXT record.",
                              hint='Write: selector._domainkey.example.com TXT '
                                   '"v=DKIM1; k=rsa; p=..."')
        name = found.group("name").lower().rstrip(".")
        keys[name] = "".join(p.replace('\\"', '"') for p in parts).encode("ascii", "replace")
    return keys


def _dkim_pass(text: str, domains: set[str]) -> bool:
    """Does one ``dkim=pass`` result in ``text`` name one of ``domains`` (or below)?"""
    for result in text.split(";"):
        words = result.split()
        if not words or words[0].lower() != "dkim=pass":
            continue
        for word in words[1:]:
            key, _, value = word.partition("=")
            if key.lower() in ("header.d", "header.i"):
                signer = value.strip('"').rpartition("@")[2].lower()
                if any(_under(signer, d) for d in domains):
                    return True
    return False


def _uncomment(value: str) -> str:
    """``value`` without (comments), nested ones too, and with its lines unfolded."""
    out, depth = [], 0
    for char in value[:8192]:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(" " if char in "\r\n\t" else char)
    return "".join(out)


def _tags(value: str) -> dict[str, str]:
    tags: dict[str, str] = {}
    for part in re.sub(r"\s+", "", value[:8192]).split(";"):
        key, sep, val = part.partition("=")
        if sep:
            tags.setdefault(key.lower(), val)
    return tags


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower()


def _under(name: str, domain: str) -> bool:
    return bool(name) and (name == domain or name.endswith("." + domain))
