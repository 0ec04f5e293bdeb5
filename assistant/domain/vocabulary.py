"""The words the whole product shares, each spelled once: order statuses, item states,
surfaces, and what an order number looks like.

The flows map what a page shows to these (the page's wordings live in the locale's
site.toml); the fixture site's own names for the same things are its business.
"""

from __future__ import annotations

import re
from enum import StrEnum

from assistant.errors import BadInput


class OrderStatus(StrEnum):
    """An order's status as "Your Orders" and the order page show it."""

    AWAITING_PAYMENT = "awaiting_payment"
    AWAITING_SHIPMENT = "awaiting_shipment"
    SHIPPED = "shipped"  # the page says "Awaiting delivery"
    DELIVERED = "delivered"  # the page says "Completed"
    CANCELLED = "cancelled"
    CLOSED = "closed"

    @property
    def words(self) -> str:
        """How the English pages say it."""
        return _STATUS_WORDS[self]



_STATUS_WORDS = {
    OrderStatus.AWAITING_PAYMENT: "Awaiting payment",
    OrderStatus.AWAITING_SHIPMENT: "Awaiting shipment",
    OrderStatus.SHIPPED: "Awaiting delivery",
    OrderStatus.DELIVERED: "Completed",
    OrderStatus.CANCELLED: "Cancelled",
    OrderStatus.CLOSED: "Closed",
}


def status_words(status: str) -> str:
    """The page's words for ``status`` (a status name, or words the page showed)."""
    try:
        return OrderStatus(status).words
    except ValueError:
        return status


class ItemState(StrEnum):
    """An item as the cancel form (or the order page) shows it."""

    OPEN = "open"  # can be ticked
    REQUESTED = "requested"  # "Cancellation requested": a request is already with the shop
    CANCELLED = "cancelled"


class SurfaceName(StrEnum):
    """A way into the shop; a case's requests record which one was used."""

    WEB = "web"  # the website in a desktop browser
    MOBILE = "mobile"  # the shop's mobile pages, in a browser that emulates a phone


class Fact(StrEnum):
    """What happened to a case: the name of the transition it makes (``domain.rules``) and
    of the event it leaves in the case's history."""

    # the cancel flow (assistant cancel, and the scheduler's retries)
    REQUESTED = "requested"
    SUBMITTED = "submitted"
    SUBMIT_FAILED = "submit_failed"
    SHIPPED = "shipped"
    SELLER_REFUSES = "seller_refuses"
    FAILED = "failed"
    RESUMED = "resumed"
    # the shop's mails
    CANCEL_RECEIVED = "cancel_received"
    CANCEL_APPROVED = "cancel_approved"
    CANCEL_DECLINED = "cancel_declined"
    SELLER_CONTACT = "seller_contact"
    ORDER_CLOSED = "order_closed"
    RETURN_RECEIVED = "return_received"
    REFUND_ISSUED = "refund_issued"
    # the scheduler's page checks and the return flow
    PAGE_CANCELLED = "page_cancelled"
    DELIVERED = "delivered"
    RETURN_REQUESTED = "return_requested"
    PAGE_CHECKED = "page_checked"
    DROPPED = "dropped"


# An order number: exactly 16 ASCII digits, as the shop's order numbers (and the fixture
# site's) are. [0-9], never \d or str.isdigit(): those also accept fullwidth or Arabic-Indic
# digits, which no order number has. (No flags, so page locators can use the pattern too.)
ORDER_NUMBER = re.compile(r"[0-9]{16}")
# An order number inside a text (a mail, a page line): 16 ASCII digits standing alone.
ORDER_NUMBER_IN_TEXT = re.compile(r"(?<![0-9])([0-9]{16})(?![0-9])")


def is_order_number(text: str) -> bool:
    return ORDER_NUMBER.fullmatch(text) is not None


def order_number(text: str) -> str:
    """``text`` as an order number (spaces around it aside), else BadInput (exit 2)."""
    number = text.strip()
    if not is_order_number(number):
        raise BadInput(f"{number!r} is not an order number.",
                       hint="Give the number as \"Your Orders\" shows it (16 digits).")
    return number

# The item list of a request kept before its items were known (`cancel --yes` for a whole order
# while the shop did not answer): every item the order page shows, named when it is reached.
WHOLE_ORDER = "*"
