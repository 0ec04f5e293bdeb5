"""Which of the shop's mails is this, and about which order? Patterns come from the locale.

Who sent it comes first, by the From header alone (``MailRules.standing``):

- every address is one of the shop's senders (or Apple's relay form of one): its kind and
  order are read, and the poll then checks that it is authentic;
- every address is at the shop's domain (``aliexpress.com`` or below) but sends no order
  mail (newsletters): ``unknown``;
- the header names the shop anyway, in an address or a display name, whatever the case, the
  width and the dots, dashes, underscores or spaces (``…@notice.aliexpress.com.evil.example``,
  ``…@notice-aliexpress.com``, ``aliexpress.com@evil.example``, ``"AliExpress"
  <x@evil.example>``, the shop's address beside another one): a look-alike, which the poll
  counts as not authentic;
- anything else has nothing to do with the shop: ``foreign``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from assistant.mail.message import MailMessage
from assistant.mail.rules import KindRule, MailRules


@dataclass(frozen=True)
class ShopMail:
    """A mail from the shop about an order (or a sign-in code), as the poller hands it on.

    ``detail`` is what the mail means, in the assistant's words (from the locale file).
    """

    message_id: str
    kind: str
    order: str | None
    at: datetime
    subject: str
    detail: str
    seller: str | None = None
    ambiguous: bool = False  # asks only for a look at the order page (the page decides)
    orders: tuple[str, ...] = ()  # every order the mail names (a parcel mail may name several)
    # False: neither DKIM nor the shopper's provider vouch for it (then it is ambiguous too)
    authentic: bool = True


class Ignored(StrEnum):
    """Why a mail does not count. Ignored mail is counted, never an error."""

    FOREIGN = "foreign"        # nothing to do with the shop
    LOOK_ALIKE = "look_alike"  # names the shop in its From, from none of its addresses
    UNKNOWN = "unknown"        # from the shop, but no kind matched (marketing, new wording)
    NO_ORDER = "no_order"      # a kind about an order, but no order number found
    UNREADABLE = "unreadable"  # from the shop, but its text could not be read


def classify(msg: MailMessage, rules: MailRules, received: datetime) -> ShopMail | Ignored:
    """The kind and order of ``msg``; ``received`` stands in for a missing or broken Date."""
    # Exact match on every From address: transaction@notice.aliexpress.com.evil.test, a
    # display name that looks like the address, or a second From address do not count (they
    # are look-alikes: not authentic); the shop's other addresses send no order mail.
    standing = rules.standing(msg.senders, msg.from_header)
    if standing == "look_alike":
        return Ignored.LOOK_ALIKE
    if standing != "shop":
        return Ignored.FOREIGN if standing == "foreign" else Ignored.UNKNOWN
    roles = {rules.role(a) for a in msg.senders}
    if msg.unreadable is not None:
        return Ignored.UNREADABLE
    # the sign-in address's mail is a code or nothing
    kinds = rules.kinds if "codes" not in roles else tuple(
        k for k in rules.kinds if not k.needs_order)
    matched = _match_kind(msg, kinds)
    if matched is None:
        return Ignored.UNKNOWN
    rule, order = matched
    orders: tuple[str, ...] = (order,) if order else ()
    if rule.orders_in_links:
        orders = _link_orders(msg, rules) or orders
    elif not orders:
        found = _first_group(rules.order_patterns, msg.text, "order")
        orders = (found,) if found else ()
    if rule.needs_order and not orders:
        return Ignored.NO_ORDER
    seller = _first_group(rules.seller_patterns, msg.text, "seller")
    return ShopMail(
        message_id=msg.message_id,
        kind=rule.kind,
        order=orders[0] if rule.needs_order else None,
        at=msg.date or received,
        subject=msg.subject,
        detail=rule.detail,
        seller=seller.strip() if seller and rule.kind == "seller_contact" else None,
        ambiguous=rule.ambiguous,
        orders=orders if rule.needs_order else (),
    )


def verification_code(msg: MailMessage, rules: MailRules) -> str | None:
    """The one-time code in a verification mail's subject or text, if any."""
    return (_first_group(rules.code_patterns, msg.subject, "code")
            or _first_group(rules.code_patterns, msg.text, "code"))


_ORDER_NUMBER = re.compile(r"(?<!\d)\d{16}(?!\d)")


def _link_orders(msg: MailMessage, rules: MailRules) -> tuple[str, ...]:
    """The orders the mail's links name (``tradeOrderId=N``, ``o_ids=N1,N2``), in order; the
    text's addresses too (a text-only mail shows its links as text)."""
    found: dict[str, None] = {}
    for where in (*msg.links, msg.text):
        for pattern in rules.link_order_patterns:
            for match in pattern.finditer(where):
                for number in _ORDER_NUMBER.findall(match.group("orders")):
                    found[number] = None
    return tuple(found)


def _match_kind(msg: MailMessage, kinds: tuple[KindRule, ...]) -> \
        tuple[KindRule, str | None] | None:
    """First by subject (all kinds), then by body: a reworded subject still classifies."""
    for field, text in (("subject", msg.subject), ("body", msg.text)):
        if not text:
            continue
        for rule in kinds:
            for pattern in getattr(rule, field):
                found = pattern.search(text)
                if found:
                    return rule, _group(found, "order")
    return None


def _first_group(patterns: tuple[re.Pattern[str], ...], text: str, name: str) -> str | None:
    for pattern in patterns:
        found = pattern.search(text)
        if found and _group(found, name):
            return _group(found, name)
    return None


def _group(found: re.Match[str], name: str) -> str | None:
    return found.groupdict().get(name) or None
