"""The scrub rules: what a recording or a run's evidence must not keep, removed by rule.

Each rule has a name and counts what it changed (the scrub report lists the counts). Texts
(pages, JSON answers, URLs, scripts) go through ``Scrubber.text``; the HAR's own fields
(headers, cookies) through ``scrub_har``. Order, item and tracking numbers are replaced by
fake ones derived from the real number and a fixed salt (HMAC-SHA256), so that the same
number is always the same fake one, in every file and every recording.

Rules never guess a secret's absence: after scrubbing, ``leaks`` searches every byte of the
output for the values that must not survive (the account's e-mail, the shopper's name as the
page shows it, the keyring's secrets, the session's cookies), in the encodings a page or a
HAR file may hold them in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import quote, quote_plus

RECORDED_ORIGIN = "http://recorded.invalid"  # the shop's address, in every recorded file
FAKE_EMAIL = "someone@example.invalid"
REMOVED = "[removed]"
SALT = b"aliexpress-assistant recorded pages v1"

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"(?<![\w+])\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]?\d{2,4}){1,4}"
                   r"(?!\d)")
CARD = re.compile(r"(?i)\b(?:visa|master ?card|amex|american express|maestro|discover|unionpay)"
                  r"\b[^<\"\n]{0,20}?(?:\*{2,}|x{2,}|ending in|ends with)\s*\d{4}\b"
                  r"|\b(?:\d{4}[ -]){3}\d{4}\b|\b(?:\*{4}[ -]?){3}\d{4}\b")
# 16 digits standing alone: the shop's order numbers and order line (item) IDs
NUMBER = re.compile(r"(?<!\d)\d{16}(?!\d)")
# parcel numbers: the UPU's (two letters, 9 digits, two letters), Cainiao's LP…, Yun's YT…
TRACKING = re.compile(r"\b(?:[A-Z]{2}\d{9}[A-Z]{2}|LP\d{14}|YT\d{16}|CNG\d{9,14})\b")
# JSON fields and HTML parts that hold a person's details or a session's tokens
PERSONAL_KEYS = ("address", "address1", "address2", "detailAddress", "street", "city",
                 "province", "zip", "zipCode", "postCode", "postcode", "contactPerson",
                 "receiver", "receiverName", "fullName", "firstName", "lastName", "buyerName",
                 "nickName", "nickname", "userName", "loginId", "email", "mobileNo", "phone",
                 "phoneNumber", "phoneNum", "cardNo", "cardNumber", "iban")
TOKEN_KEYS = ("token", "_tb_token_", "csrf", "csrfToken", "xsrf", "accessToken",
              "refreshToken", "sessionId", "sid", "umidToken", "sign", "signature")
JSON_VALUE = r'("(?:{keys})"\s*:\s*)"(?:[^"\\]|\\.)*"'
JSON_FIELD = re.compile(JSON_VALUE.format(keys="|".join(PERSONAL_KEYS)), re.IGNORECASE)
JSON_TOKEN = re.compile(JSON_VALUE.format(keys="|".join(TOKEN_KEYS)), re.IGNORECASE)
HTML_ADDRESS = re.compile(r'(<(\w+)\b[^>]*\bclass="[^"]*(?:address|receiver|contact-name)'
                          r'[^"]*"[^>]*>)[^<]*', re.IGNORECASE)
HTML_TOKEN = re.compile(r'(<(?:input|meta)\b[^>]*\b(?:name|id)="[^"]*(?:csrf|token)[^"]*"'
                        r'[^>]*\b(?:value|content)=")[^"]*', re.IGNORECASE)
# query parameters that sign a URL or carry a session
SIGNED_PARAM = re.compile(r"(?i)([?&](?:sign|signature|x-amz-signature|x-amz-credential|"
                          r"x-amz-security-token|x5secdata|token|_tb_token_|auth_key|"
                          r"access_token|sessionid|umidtoken)=)[^&\"'\s<>#]*")
# a header as traces and HAR files write it: {"name": "Cookie", "value": "…"}
JSON_HEADER = re.compile(r'("name"\s*:\s*"(?:cookie|set-cookie|authorization|proxy-authorization|'
                         r'[\w-]*(?:token|csrf|xsrf)[\w-]*)"\s*,\s*"value"\s*:\s*)'
                         r'"(?:[^"\\]|\\.)*"', re.IGNORECASE)
SECRET_HEADERS = re.compile(r"(?i)^(?:cookie|set-cookie|authorization|proxy-authorization|"
                            r".*token.*|.*csrf.*|.*xsrf.*|.*auth.*|x-client-data)$")


def fake_digits(real: str, salt: bytes = SALT) -> str:
    """The fake number for ``real``: as many digits, never starting with 0 (16 by default)."""
    digest = int.from_bytes(hmac.new(salt, real.encode(), hashlib.sha256).digest(), "big")
    width = len(real)
    return str(10 ** (width - 1) + digest % (9 * 10 ** (width - 1)))


@dataclass
class Scrubber:
    """The rules, the values they must remove, and their counts."""

    secrets: dict[str, str] = field(default_factory=dict)  # what it is → the value
    origin: str | None = None  # the shop's address as recorded, rewritten to RECORDED_ORIGIN
    salt: bytes = SALT
    counts: Counter[str] = field(default_factory=Counter)
    numbers: dict[str, str] = field(default_factory=dict)  # real → fake

    def fake(self, real: str) -> str:
        return self.numbers.setdefault(real, fake_digits(real, self.salt))

    def _sub(self, rule: str, pattern: re.Pattern[str], text: str,
             by: str | Callable[[re.Match[str]], str]) -> str:
        result, n = pattern.subn(by, text)
        self.counts[rule] += n
        return result

    def text(self, text: str) -> str:
        """``text`` with every rule applied, in order (secrets first, numbers last)."""
        if self.origin:
            self.counts["origin"] += text.count(self.origin)
            text = text.replace(self.origin, RECORDED_ORIGIN)
        for what, value in self.secrets.items():
            for form in encodings(value):
                pattern = re.compile(re.escape(form), re.IGNORECASE)
                text = self._sub(f"secret: {what}", pattern, text, REMOVED)
        text = self._sub("cookies and auth headers", JSON_HEADER, text, rf'\1"{REMOVED}"')
        text = self._sub("emails", EMAIL, text, FAKE_EMAIL)
        text = self._sub("names and addresses", JSON_FIELD, text, rf'\1"{REMOVED}"')
        text = self._sub("names and addresses", HTML_ADDRESS, text, rf"\1{REMOVED}")
        text = self._sub("tokens", JSON_TOKEN, text, rf'\1"{REMOVED}"')
        text = self._sub("tokens", HTML_TOKEN, text, rf"\1{REMOVED}")
        text = self._sub("signed URL parameters", SIGNED_PARAM, text, rf"\1{REMOVED}")
        text = self._sub("payment details", CARD, text, "[card]")
        text = self._sub("phone numbers", PHONE, text, "[phone]")
        text = self._sub("tracking numbers", TRACKING, text, self._fake_tracking)
        return self._sub("order and item numbers", NUMBER, text,
                         lambda m: self.fake(m.group(0)))

    def _fake_tracking(self, match: re.Match[str]) -> str:
        real = match.group(0)
        digits = re.sub(r"\D", "", real)
        fake = iter(fake_digits(digits, self.salt))
        return "".join(next(fake) if c.isdigit() else c for c in real)

    def header_kept(self, name: str) -> bool:
        """A header not in the HAR afterwards: cookies, authorizations, tokens."""
        if SECRET_HEADERS.match(name):
            self.counts["cookies and auth headers"] += 1
            return False
        return True


def encodings(value: str) -> list[str]:
    """``value`` as pages, URLs and JSON may spell it."""
    forms = {value, quote(value, safe=""), quote_plus(value), html.escape(value),
             json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=True)[1:-1]}
    return sorted((f for f in forms if f), key=len, reverse=True)


def leaks(files: dict[str, bytes], secrets: dict[str, str]) -> list[str]:
    """Where a secret survives: "FILE: WHAT" for each (none: the output may be kept).

    Every byte of every file is searched, and the base64 bodies of HAR files decoded too."""
    found: list[str] = []
    for name, data in files.items():
        haystacks = [data.lower(), *(b.lower() for b in _base64_bodies(data))]
        for what, value in secrets.items():
            needles = [f.lower().encode() for f in encodings(value)]
            if any(n in h for n in needles for h in haystacks):
                found.append(f"{name}: {what}")
    return found


BASE64_TEXT = re.compile(rb'"encoding"\s*:\s*"base64"')


def _base64_bodies(data: bytes) -> Iterable[bytes]:
    if not BASE64_TEXT.search(data):
        return []
    bodies = []
    for match in re.finditer(rb'"text"\s*:\s*"([A-Za-z0-9+/=]{8,})"', data):
        try:
            bodies.append(base64.b64decode(match.group(1), validate=True))
        except ValueError:
            continue
    return bodies
