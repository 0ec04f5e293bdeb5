"""The assistant's own sentences about a case: event details and what the shopper must do.

(The shop's texts live in the locale files; these are ours, in one place.)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from assistant.domain.vocabulary import WHOLE_ORDER, Fact


def items(ids: Sequence[str]) -> str:
    """'item 1', 'items 1, 2', or 'all items' when none were named (or the whole order was
    asked for before its items were known)."""
    if not ids or tuple(ids) == (WHOLE_ORDER,):
        return "all items"
    return ("item " if len(ids) == 1 else "items ") + ", ".join(ids)


def day(at: datetime) -> str:
    return at.date().isoformat()


def moment(at: datetime) -> str:
    """'2026-12-03 10:00 UTC' (``at`` is in UTC)."""
    return f"{at:%Y-%m-%d %H:%M} UTC"


def contact_seller_to_cancel(seller: str | None, order: str, ids: Sequence[str]) -> str:
    return (f"Contact the seller {seller or '(see the order page)'} via AliExpress Messages "
            f"about order {order}: ask them to cancel {items(ids)}")


def contact_seller_to_return(seller: str | None, order: str, ids: Sequence[str]) -> str:
    return (f"Contact the seller {seller or '(see the order page)'} via AliExpress Messages "
            f"about order {order}: ask them for a return of {items(ids)}")


def request_return(order: str, ids: Sequence[str], by: datetime) -> str:
    return (f"Request a return of {items(ids)} of order {order} by {day(by)}: "
            f"run `assistant return {order}`")


def send_back(by: datetime) -> str:
    return f"Send the parcel back by {day(by)}"


DETAILS: dict[str, str] = {  # keyed by Fact (a str)
    Fact.REQUESTED: "Cancellation of {items} recorded (reason: {reason}; {surface})",
    Fact.SUBMITTED: "The shop confirmed the cancellation request for {items}",
    Fact.SUBMIT_FAILED: "Submitting {items} failed: {error}",
    Fact.SHIPPED: "The order page shows it shipped (Awaiting delivery): no cancel form",
    Fact.SELLER_REFUSES: "The seller {seller} accepts no cancellation requests",
    Fact.CANCEL_RECEIVED: "The shop received the cancellation request (mail)",
    Fact.CANCEL_APPROVED: "The shop approved the cancellation (mail)",
    Fact.PAGE_CANCELLED: "The order page shows the order cancelled",
    Fact.CANCEL_DECLINED: "The shop declined the cancellation: the order shipped (mail)",
    Fact.SELLER_CONTACT: "The seller {seller} decides on the cancellation (mail)",
    Fact.ORDER_CLOSED: "The shop says the order is closed (mail); the order page will be checked",
    Fact.RETURN_RECEIVED: "The shop received the return request (mail)",
    Fact.REFUND_ISSUED: "The shop issued the refund (mail)",
    Fact.DELIVERED: "Delivered on {delivered}; returns possible until {return_by}",
    Fact.RETURN_REQUESTED: "Return of {items} requested (reason: {reason})",
}


def stale(detail: str, state: str) -> str:
    return f"{detail} — no change: the case is already {state}"
