"""The shop's mail as data: senders and patterns per kind, from locales/<locale>/mail.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from assistant.errors import ConfigError
from assistant.locales import read_locale_file


@dataclass(frozen=True)
class KindRule:
    """How one kind of mail reads: patterns for its subject and for its body."""

    kind: str
    detail: str
    subject: tuple[re.Pattern[str], ...]
    body: tuple[re.Pattern[str], ...]
    needs_order: bool = True


@dataclass(frozen=True)
class MailRules:
    """Everything the classifier knows about one locale's shop mail."""

    locale: str
    senders: frozenset[str]
    kinds: tuple[KindRule, ...]
    order_patterns: tuple[re.Pattern[str], ...]
    code_patterns: tuple[re.Pattern[str], ...]
    seller_patterns: tuple[re.Pattern[str], ...]

    def is_shop_sender(self, address: str) -> bool:
        return address.strip().lower() in self.senders

    def rule(self, kind: str) -> KindRule:
        for rule in self.kinds:
            if rule.kind == kind:
                return rule
        raise KeyError(f"no mail kind {kind!r} in locale {self.locale!r}")


# "." followed by *, + or {n,}: a gap with no end, which makes a search over a long text
# quadratic (each start scans to the end). Write ".{0,N}" instead.
_UNBOUNDED = re.compile(r"(?<!\\)\.(?:[*+]|\{\d*,\})")


def _patterns(where: str, values: Any) -> tuple[re.Pattern[str], ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise ConfigError(f"{where} must be a list of non-empty regular expressions, "
                          f"got: {values!r}")
    for value in values:
        if _UNBOUNDED.search(value):
            raise ConfigError(f"{where}: {value!r} has an unbounded gap (.* or .+), which makes "
                              "long mails slow to match; write .{0,N} instead")
    try:
        return tuple(re.compile(v, re.IGNORECASE) for v in values)
    except re.error as exc:
        raise ConfigError(f"{where}: bad regular expression: {exc}") from None


def parse_rules(locale: str, data: dict[str, Any]) -> MailRules:
    """Check and compile one locale's mail.toml content."""
    where = f"locales/{locale}/mail.toml"
    senders = data.get("senders")
    if not isinstance(senders, list) or not senders or not all("@" in str(s) for s in senders):
        raise ConfigError(f"{where}: senders must list the shop's addresses, got: {senders!r}")
    kinds = []
    for kind, table in data.get("kinds", {}).items():
        kinds.append(KindRule(
            kind=kind,
            detail=str(table.get("detail", kind)),
            subject=_patterns(f"{where}: kinds.{kind}.subject", table.get("subject")),
            body=_patterns(f"{where}: kinds.{kind}.body", table.get("body")),
            needs_order=bool(table.get("needs_order", True)),
        ))
    if not kinds:
        raise ConfigError(f"{where}: no [kinds.*] tables")
    return MailRules(
        locale=locale,
        senders=frozenset(str(s).strip().lower() for s in senders),
        kinds=tuple(kinds),
        order_patterns=_patterns(f"{where}: order_patterns", data.get("order_patterns")),
        code_patterns=_patterns(f"{where}: code_patterns", data.get("code_patterns")),
        seller_patterns=_patterns(f"{where}: seller_patterns", data.get("seller_patterns")),
    )


@cache
def load_rules(locale: str = "en") -> MailRules:
    """The mail rules of ``locale``; a ConfigError names the locales that have them."""
    data = read_locale_file(locale, "mail.toml", "mail patterns")
    return parse_rules(locale, data)
