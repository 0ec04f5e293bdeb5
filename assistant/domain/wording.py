"""The assistant's own sentences about a case: event details and what the shopper must do.

(The shop's texts live in the locale files; these are ours, in one place.)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime


def items(ids: Sequence[str]) -> str:
    """'item 1', 'items 1, 2', or 'all items' when none were named."""
    if not ids:
        return "all items"
    return ("item " if len(ids) == 1 else "items ") + ", ".join(ids)


def day(at: datetime) -> str:
    return at.date().isoformat()


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


DETAILS = {
    "requested": "Cancellation of {items} recorded (reason: {reason}; {surface})",
    "submitted": "The shop confirmed the cancellation request for {items}",
    "submit_failed": "Submitting {items} failed: {error}",
    "shipped": "The order page shows it shipped (Awaiting delivery): no cancel form",
    "seller_refuses": "The seller {seller} accepts no cancellation requests",
    "cancel_received": "The shop received the cancellation request (mail)",
    "cancel_approved": "The shop approved the cancellation (mail)",
    "page_cancelled": "The order page shows the order cancelled",
    "cancel_declined": "The shop declined the cancellation: the order shipped (mail)",
    "seller_contact": "The seller {seller} decides on the cancellation (mail)",
    "order_closed": "The shop says the order is closed (mail); the order page will be checked",
    "return_received": "The shop received the return request (mail)",
    "refund_issued": "The shop issued the refund (mail)",
    "delivered": "Delivered on {delivered}; returns possible until {return_by}",
    "return_requested": "Return of {items} requested (reason: {reason})",
}


def stale(detail: str, state: str) -> str:
    return f"{detail} — no change: the case is already {state}"
