"""The shop's mail as data: senders and patterns per kind, from locales/<locale>/mail.toml."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

from assistant.errors import ConfigError
from assistant.locales import read_locale_file
from assistant.settings import Settings

Role = Literal["orders", "codes"]  # what a sender's mail may be about
# Who a mail's From header says sent it (``MailRules.standing``).
Standing = Literal["shop", "shop_other", "look_alike", "foreign"]
SHOP_DOMAIN = "aliexpress.com"
_SHOP_NAME = "aliexpress"
_SEARCHED_NAMES = ("aliexpress", "ali-express", "ali express", "ali.express", "ali_express")
# Apple's relay form of any address at the shop's domain: user_at_sub_aliexpress_com_<id>
_RELAYED_SHOP = re.compile(r"[a-z0-9._+=-]{1,64}_at_(?:[a-z0-9-]{1,63}_){0,10}aliexpress_com_"
                           r"[a-z0-9_.+=-]{1,96}@privaterelay\.appleid\.com")


@dataclass(frozen=True)
class KindRule:
    """How one kind of mail reads: patterns for its subject and for its body."""

    kind: str
    detail: str
    subject: tuple[re.Pattern[str], ...]
    body: tuple[re.Pattern[str], ...]
    needs_order: bool = True
    # says nothing sure about the case ("is closed", parcel steps): it only asks for a look at
    # the order page, which decides
    ambiguous: bool = False
    # the orders are named only in the mail's links (parcel mails), maybe several
    orders_in_links: bool = False


@dataclass(frozen=True)
class MailRules:
    """Everything the classifier knows about one locale's shop mail."""

    locale: str
    senders: frozenset[str]        # exact addresses of the order and parcel mails
    kinds: tuple[KindRule, ...]
    order_patterns: tuple[re.Pattern[str], ...]
    code_patterns: tuple[re.Pattern[str], ...]
    seller_patterns: tuple[re.Pattern[str], ...]
    code_senders: frozenset[str] = frozenset()  # their mail counts only as a sign-in code
    relay_senders: tuple[re.Pattern[str], ...] = ()  # a relay's rewriting of the senders
    link_order_patterns: tuple[re.Pattern[str], ...] = ()

    def role(self, address: str) -> Role | None:
        """What mail from ``address`` may be about; None for an address not the shop's."""
        address = address.strip().lower()
        if address in self.senders or any(p.fullmatch(address) for p in self.relay_senders):
            return "orders"
        if address in self.code_senders:
            return "codes"
        return None

    def is_shop_sender(self, address: str) -> bool:
        return self.role(address) is not None

    def standing(self, senders: tuple[str, ...], from_header: str) -> Standing:
        """Who sent a mail, by its From addresses (``senders``) and the header's text.

        - ``shop``: every address is one of the shop's senders (or Apple's relay form of
          one): its mail is classified, and then checked for authenticity;
        - ``shop_other``: every address is at the shop's domain (``aliexpress.com`` or below,
          or its relay form), but none sends order mail: newsletters, marketing;
        - ``look_alike``: else, the header names the shop anyway (in an address or a display
          name; case, dots, dashes, underscores and spaces aside): ``…@notice.aliexpress.com
          .evil.example``, ``…@notice-aliexpress.com``, ``aliexpress.com@evil.example``,
          ``"transaction@notice.aliexpress.com" <x@evil.example>``, or one of the shop's
          addresses beside another: it pretends to be the shop's, and is not authentic;
        - ``foreign``: mail that has nothing to do with the shop.
        """
        if senders and all(self.role(a) is not None for a in senders):
            return "shop"
        if senders and all(_at_shop_domain(a) for a in senders):
            return "shop_other"
        if names_the_shop(from_header) or any(names_the_shop(a) for a in senders):
            return "look_alike"
        return "foreign"

    @property
    def search_terms(self) -> list[str]:
        """What the server's FROM search looks for (a substring match of the From header,
        display names too; classify is exact): the shop's name, as every address of the shop
        and most look-alikes hold it, and the forwarding addresses."""
        return sorted(set(_SEARCHED_NAMES) | {a for a in self.senders
                                              if not names_the_shop(a)})

    def adding(self, senders: frozenset[str]) -> MailRules:
        """These rules with more addresses of order mail (a forwarding rule's, say)."""
        return replace(self, senders=self.senders | senders) if senders else self

    def rule(self, kind: str) -> KindRule:
        for rule in self.kinds:
            if rule.kind == kind:
                return rule
        raise KeyError(f"no mail kind {kind!r} in locale {self.locale!r}")


# "." followed by *, + or {n,}: a gap with no end, which makes a search over a long text
# quadratic (each start scans to the end). Write ".{0,N}" instead.
_UNBOUNDED = re.compile(r"(?<!\\)\.(?:[*+]|\{\d*,\})")
_CLASS = re.compile(r"\[\^?\]?(?:\\.|[^\]\\])*\]")  # a [...] set, where "." is a dot


def _patterns(where: str, values: Any) -> tuple[re.Pattern[str], ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise ConfigError(f"{where} must be a list of non-empty regular expressions, "
                          f"got: {values!r}")
    for value in values:
        if _UNBOUNDED.search(_CLASS.sub("", value)):
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
            ambiguous=bool(table.get("ambiguous", False)),
            orders_in_links=bool(table.get("orders_in_links", False)),
        ))
    if not kinds:
        raise ConfigError(f"{where}: no [kinds.*] tables")
    return MailRules(
        locale=locale,
        senders=frozenset(str(s).strip().lower() for s in senders),
        code_senders=frozenset(str(s).strip().lower() for s in data.get("code_senders", [])),
        relay_senders=_patterns(f"{where}: relay_senders", data.get("relay_senders", [])),
        link_order_patterns=_patterns(f"{where}: link_order_patterns",
                                      data.get("link_order_patterns", [])),
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


_ADDRESS = re.compile(r"[^@\s,;<>\"]{1,64}@[a-z0-9.-]{1,253}\.[a-z]{2,63}")


def rules_for(settings: Settings) -> MailRules:
    """The rules of ASSISTANT_LOCALE, with the senders ASSISTANT_MAIL_SENDERS adds."""
    extra = set()
    for address in re.split(r"[,\s]+", settings.mail_senders.strip().lower()):
        if not address:
            continue
        if not _ADDRESS.fullmatch(address):
            raise ConfigError(f"ASSISTANT_MAIL_SENDERS: {address!r} is not an email address.",
                              hint="List the addresses that forward the shop's mail, "
                                   "separated by commas.")
        extra.add(address)
    return load_rules(settings.locale).adding(frozenset(extra))


def names_the_shop(text: str) -> bool:
    """Does ``text`` name the shop, whatever its case, width and separators?"""
    folded = unicodedata.normalize("NFKC", text[:4096]).casefold()
    return _SHOP_NAME in re.sub(r"[\W_]+", "", folded)


def _at_shop_domain(address: str) -> bool:
    domain = address.rpartition("@")[2]
    return domain == SHOP_DOMAIN or domain.endswith("." + SHOP_DOMAIN) \
        or _RELAYED_SHOP.fullmatch(address) is not None
