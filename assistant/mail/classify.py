"""Which of the shop's mails is this, and about which order? Patterns come from the locale."""

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


class Ignored(StrEnum):
    """Why a mail does not count. Ignored mail is counted, never an error."""

    FOREIGN = "foreign"        # not from the shop's own sender address
    UNKNOWN = "unknown"        # from the shop, but no kind matched (marketing, new wording)
    NO_ORDER = "no_order"      # a kind about an order, but no order number found
    UNREADABLE = "unreadable"  # from the shop, but its text could not be read


def classify(msg: MailMessage, rules: MailRules, received: datetime) -> ShopMail | Ignored:
    """The kind and order of ``msg``; ``received`` stands in for a missing or broken Date."""
    # Exact match on every From address: transaction@notice.aliexpress.com.evil.test, a
    # display name that looks like the address, or a second From address do not count.
    if not msg.senders or not all(rules.is_shop_sender(a) for a in msg.senders):
        return Ignored.FOREIGN
    if msg.unreadable is not None:
        return Ignored.UNREADABLE
    matched = _match_kind(msg, rules)
    if matched is None:
        return Ignored.UNKNOWN
    rule, order = matched
    if order is None:
        order = _first_group(rules.order_patterns, msg.text, "order")
    if rule.needs_order and order is None:
        return Ignored.NO_ORDER
    seller = _first_group(rules.seller_patterns, msg.text, "seller")
    return ShopMail(
        message_id=msg.message_id,
        kind=rule.kind,
        order=order if rule.needs_order else None,
        at=msg.date or received,
        subject=msg.subject,
        detail=rule.detail,
        seller=seller.strip() if seller and rule.kind == "seller_contact" else None,
    )


def verification_code(msg: MailMessage, rules: MailRules) -> str | None:
    """The one-time code in a verification mail's text, if any."""
    return _first_group(rules.code_patterns, msg.text, "code")


def _match_kind(msg: MailMessage, rules: MailRules) -> tuple[KindRule, str | None] | None:
    """First by subject (all kinds), then by body: a reworded subject still classifies."""
    for field, text in (("subject", msg.subject), ("body", msg.text)):
        if not text:
            continue
        for rule in rules.kinds:
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
