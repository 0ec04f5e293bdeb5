"""The order-list journey: every order the account shows, read the way a person reads it."""

from __future__ import annotations

from assistant.domain.vocabulary import OrderStatus
from assistant.errors import BadInput
from assistant.texts import Texts
from flows.attempts import run_attempts
from flows.model import OrderSummary
from flows.retry import RetryPolicy
from flows.surface import Surface


def list_orders(surface: Surface, policy: RetryPolicy,
                status: OrderStatus | None = None) -> list[OrderSummary]:
    """All orders (every page of "Your Orders"), optionally only those with ``status``."""
    orders = run_attempts(policy, surface.list_orders, what="read the order list",
                          sign_in=surface.sign_in)
    return [o for o in orders if status is None or o.status == status]


def status_key(status: str, texts: Texts) -> OrderStatus:
    """The status ``status`` names: a status name ("awaiting_shipment") or the page's
    wording ("Awaiting shipment"), in any case; else BadInput."""
    norm = " ".join(status.replace("_", " ").split()).casefold()
    for key in OrderStatus:
        words = {key.replace("_", " ")} | {v.casefold() for v in texts.variants(f"status.{key}")}
        if norm in words:
            return key
    raise BadInput(f"Unknown order status {status!r}.",
                   hint="Use one of: " + ", ".join(OrderStatus) + " (or the page's wording, e.g. "
                   "\"Awaiting shipment\").")
