"""The order-list journey: every order the account shows, read the way a person reads it."""

from __future__ import annotations

from assistant.errors import BadInput
from assistant.texts import Texts
from flows.attempts import run_attempts
from flows.model import OrderSummary
from flows.retry import RetryPolicy
from flows.surface import Surface


def list_orders(surface: Surface, policy: RetryPolicy, texts: Texts,
                status: str | None = None) -> list[OrderSummary]:
    """All orders (every page of "Your Orders"), optionally only those with ``status``.

    ``status`` is a state-document name ("awaiting_shipment") or the page's wording
    ("Awaiting shipment"), in any case.
    """
    wanted = status_key(status, texts) if status else None  # BadInput before any click
    orders = run_attempts(policy, surface.list_orders, what="read the order list",
                          sign_in=surface.sign_in)
    return [o for o in orders if wanted is None or o.status == wanted]


def status_key(status: str, texts: Texts) -> str:
    """The state-document name of ``status`` (a name or a wording), else BadInput."""
    norm = " ".join(status.replace("_", " ").split()).casefold()
    keys = ("awaiting_payment", "awaiting_shipment", "shipped", "delivered", "cancelled",
            "closed")
    for key in keys:
        words = {key.replace("_", " ")} | {v.casefold() for v in texts.variants(f"status.{key}")}
        if norm in words:
            return key
    raise BadInput(f"Unknown order status {status!r}.",
                   hint="Use one of: " + ", ".join(keys) + " (or the page's wording, e.g. "
                   "\"Awaiting shipment\").")
